"""Speech engines: the interface the rest of the package uses, and pyttsx3 over espeak-ng.

An engine turns one segment's text into PCM in a given voice. Anything that can do that
offline can be plugged in by subclassing :class:`SpeechEngine` and passing an instance (or
registering a factory in :data:`ENGINES`).

:class:`Pyttsx3Engine` drives espeak-ng through pyttsx3's engine API (properties, ``say``,
``runAndWait``, the ``finished-utterance`` event) with the driver in :mod:`.pyttsx3_driver`,
because pyttsx3's own espeak driver has traps, checked by experiment with pyttsx3 2.99 and
espeak-ng 1.51 (figures in docs/speech.md): one pending file per ``runAndWait``, a 10 ms
sleep after every utterance, time quadratic in the text's length, a bad voice name reported
only on the ``error`` event (the previous voice is kept), and a print on standard output.
Whatever the driver, audio is taken only from ``finished-utterance`` events, and a batch is
done when every utterance's event has arrived, not when ``runAndWait`` returns.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import os
import threading
import time
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable

from .audio import Audio
from .errors import EngineUnavailableError, SpeechError, VoiceNotFoundError

#: espeak-ng's neutral pitch and its default speed in words (for Chinese: syllables) a minute.
DEFAULT_PITCH = 50
DEFAULT_RATE = 175
#: How long to wait for the finished-utterance event after runAndWait returns.
FINISH_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class VoiceSettings:
    """A voice as the engine is asked for it: base voice, variant, pitch, rate and volume.

    ``voice`` is the engine's voice name (espeak-ng: ``cmn-latn-pinyin``, ``yue``, ``en``);
    ``variant`` one of its voice variants (espeak-ng: ``f2``, ``m3``: formants and timbre);
    ``pitch`` 0-100 (50 neutral); ``rate`` words a minute; ``volume`` 0.0-2.0 (1.0 as is).
    """

    voice: str
    variant: str | None = None
    pitch: int = DEFAULT_PITCH
    rate: int = DEFAULT_RATE
    volume: float = 1.0

    @property
    def engine_voice(self) -> str:
        return f"{self.voice}+{self.variant}" if self.variant else self.voice

    def key(self) -> str:
        """A stable text form of the settings (part of the cache key)."""
        return f"{self.engine_voice}|pitch={self.pitch}|rate={self.rate}|volume={self.volume:g}"


def parse_voice(spec: str, base: VoiceSettings) -> VoiceSettings:
    """``base`` changed by ``spec``: ``"f2 pitch=70 rate=160 volume=0.9 voice=yue"``.

    A bare word is the variant (``f2``), or ``default`` for none. Unknown keys and values out
    of range raise :class:`SpeechError`, so a typo in a configuration is not silently ignored.
    """
    settings = base
    for token in spec.split():
        key, sep, value = token.partition("=")
        try:
            if not sep:
                settings = replace(settings, variant=None if token in ("default", "none") else token)
            elif key == "voice":
                settings = replace(settings, voice=value)
            elif key == "variant":
                settings = replace(settings, variant=value or None)
            elif key == "pitch":
                settings = replace(settings, pitch=_bounded(int(value), 0, 100, key))
            elif key == "rate":
                settings = replace(settings, rate=_bounded(int(value), 80, 450, key))
            elif key == "volume":
                settings = replace(settings, volume=_bounded(float(value), 0.0, 2.0, key))
            else:
                raise SpeechError(f"unknown voice setting {key!r} in {spec!r}; use voice, variant, pitch, rate, volume")
        except ValueError:
            raise SpeechError(f"bad value for {key} in voice {spec!r}") from None
    return settings


def _bounded(value, low, high, name):
    if not low <= value <= high:
        raise SpeechError(f"voice {name} {value} is out of range {low}-{high}")
    return value


class SpeechEngine:
    """What the package needs from an engine. Subclass it to plug another engine in."""

    #: Short name, part of every cache key.
    name = "engine"

    def version(self) -> str:
        """Engine and voice data versions: cached audio is redone when they change."""
        raise NotImplementedError

    def voices(self) -> list[str]:
        """Names of the voices this engine has."""
        raise NotImplementedError

    def voice_for_language(self, language: str) -> str | None:
        """The engine's voice for a BCP 47 language tag, or None."""
        raise NotImplementedError

    def check_voice(self, settings: VoiceSettings) -> None:
        """Raise :class:`VoiceNotFoundError` unless ``settings`` can be synthesized."""

    def synthesize(self, text: str, settings: VoiceSettings) -> Audio:
        """One segment's audio."""
        raise NotImplementedError

    def synthesize_many(self, items: list[tuple[str, VoiceSettings]]) -> list[Audio]:
        """Several segments' audio, in order (engines that can batch override this)."""
        return [self.synthesize(text, settings) for text, settings in items]

    @property
    def identity(self) -> str:
        return f"{self.name}/{self.version()}"


class Pyttsx3Engine(SpeechEngine):
    """espeak-ng through pyttsx3, with the in-memory driver of :mod:`.pyttsx3_driver`.

    A batch of segments is queued (properties, then ``say``, per segment) and run by one
    ``runAndWait``; each segment's audio arrives with its ``finished-utterance`` event, and
    the batch is complete only when every segment's event has arrived. espeak-ng can be
    initialised once per process, so all instances share one pyttsx3 engine behind a lock.
    """

    name = "pyttsx3-espeak"
    _lock = threading.Lock()

    def __init__(self) -> None:
        self._engine, self._events = _shared_pyttsx3()

    def version(self) -> str:
        return _versions()

    def voices(self) -> list[str]:
        return sorted(_voice_table())

    def voice_for_language(self, language: str) -> str | None:
        tag = language.lower().replace("_", "-")
        table = _voice_table()
        if tag.startswith("zh") or tag in ("cmn", "yue"):
            return "yue" if _is_cantonese(tag) else "cmn-latn-pinyin"
        for candidate in (tag, tag.split("-")[0]):
            if candidate in table:
                return candidate
        return None

    def check_voice(self, settings: VoiceSettings) -> None:
        if settings.voice not in _voice_table():
            raise VoiceNotFoundError(f"espeak-ng has no voice {settings.voice!r}")
        if settings.variant and not _variant_exists(settings.variant):
            raise VoiceNotFoundError(f"espeak-ng has no voice variant {settings.variant!r}")

    def synthesize(self, text: str, settings: VoiceSettings) -> Audio:
        return self.synthesize_many([(text, settings)])[0]

    def synthesize_many(self, items: list[tuple[str, VoiceSettings]]) -> list[Audio]:
        for settings in {settings for _, settings in items}:
            self.check_voice(settings)
        if any(not text.strip() for text, _ in items):
            raise SpeechError("nothing to synthesize in an empty segment")
        engine, events = self._engine, self._events
        with self._lock, contextlib.redirect_stdout(io.StringIO()):
            events.reset()
            current = None
            for text, settings in items:
                if settings != current:
                    engine.setProperty("voice", settings.engine_voice)
                    engine.setProperty("rate", settings.rate)
                    engine.setProperty("pitch", settings.pitch)
                    engine.setProperty("volume", settings.volume)
                    current = settings
                engine.say(text)
            engine.runAndWait()
            results = events.wait_finished(len(items), FINISH_TIMEOUT)
        if events.errors:
            raise SpeechError(f"espeak-ng failed: {events.errors[0]}")
        return [Audio(audio, rate) for audio, rate in results]


class _Events:
    """What the engine's events said during one batch."""

    def __init__(self) -> None:
        self.finished: list[tuple[bytes, int]] = []
        self.errors: list[BaseException] = []

    def reset(self) -> None:
        self.finished.clear()
        self.errors.clear()

    def on_finished(self, name=None, completed=True, audio=b"", rate=0, **_) -> None:
        self.finished.append((audio, rate))

    def on_error(self, name=None, exception=None, **_) -> None:
        self.errors.append(exception)

    def wait_finished(self, count: int, timeout: float) -> list[tuple[bytes, int]]:
        """The audio of ``count`` utterances, waiting for their finished-utterance events."""
        deadline = time.monotonic() + timeout
        while len(self.finished) < count and not self.errors:
            if time.monotonic() > deadline:
                raise SpeechError(f"the speech engine did not finish within {timeout:g} s")
            time.sleep(0.001)
        return list(self.finished)


@lru_cache(maxsize=1)
def _shared_pyttsx3():
    try:
        import pyttsx3

        from . import pyttsx3_driver
    except (ImportError, OSError) as error:
        raise EngineUnavailableError(
            f"speech needs pyttsx3 and espeak-ng ({error}): pip install pyttsx3; apt-get install espeak-ng"
        ) from None
    try:
        engine = pyttsx3.init(pyttsx3_driver.register())
    except (OSError, RuntimeError, ImportError, AttributeError) as error:
        raise EngineUnavailableError(
            f"cannot start espeak-ng through pyttsx3 ({error}); install it: apt-get install espeak-ng"
        ) from None
    events = _Events()
    engine.connect("finished-utterance", events.on_finished)
    engine.connect("error", events.on_error)
    # Let go of the engine while the interpreter is whole: pyttsx3's DriverProxy.__del__
    # fails noisily on stderr if it runs during shutdown, after its modules are torn down.
    atexit.register(_shared_pyttsx3.cache_clear)
    return engine, events


@lru_cache(maxsize=1)
def _voice_table() -> dict[str, str]:
    """Voice name (the file name in espeak-ng-data/voices, lower case) -> identifier.

    MBROLA voices are left out: they need separately installed voice data and 16 kHz output.
    """
    engine, _ = _shared_pyttsx3()
    table = {}
    for voice in engine.getProperty("voices"):
        identifier = voice.id.lower()
        if identifier.startswith("mb/"):
            continue
        table.setdefault(identifier.rsplit("/", 1)[-1], identifier)
    return table


@lru_cache(maxsize=1)
def _versions() -> str:
    import pyttsx3.drivers._espeak as espeak

    from importlib.metadata import version

    raw = espeak.Info()
    espeak_version = raw.decode() if isinstance(raw, bytes) else str(raw)
    return f"pyttsx3-{version('pyttsx3')}/espeak-ng-{espeak_version}"


@lru_cache(maxsize=64)
def _variant_exists(variant: str) -> bool:
    return any((folder / "voices" / "!v" / variant).is_file() for folder in _espeak_data_dirs())


def _espeak_data_dirs() -> list[Path]:
    found = [Path(os.environ["ESPEAK_DATA_PATH"]) / "espeak-ng-data"] if os.environ.get("ESPEAK_DATA_PATH") else []
    found += sorted(Path("/usr/lib").glob("*/espeak-ng-data")) + [Path("/usr/share/espeak-ng-data"), Path("/usr/local/share/espeak-ng-data")]
    return [folder for folder in found if folder.is_dir()]


def _is_cantonese(tag: str) -> bool:
    """zh-HK, zh-Hant-HK, zh-MO, yue, zh-yue: read in Cantonese."""
    parts = tag.lower().split("-")
    return "yue" in parts or "hk" in parts or "mo" in parts


#: Engines by name: what ``engine="..."`` in the options may name.
ENGINES: dict[str, Callable[[], SpeechEngine]] = {"pyttsx3": Pyttsx3Engine}


def get_engine(engine: str | SpeechEngine) -> SpeechEngine:
    """An engine instance from a name in :data:`ENGINES` or an instance."""
    if isinstance(engine, SpeechEngine):
        return engine
    factory = ENGINES.get(engine)
    if factory is None:
        raise EngineUnavailableError(f"unknown speech engine {engine!r}; known: {', '.join(ENGINES)}")
    return factory()
