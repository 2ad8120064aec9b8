"""A pyttsx3 driver for espeak-ng that hands the audio over in memory, one utterance at a time.

pyttsx3 loads drivers by module name (``pyttsx3.init("espeak")`` imports
``pyttsx3.drivers.espeak``); this module is registered as ``pyttsx3.drivers.a11yrender_espeak``
and used through pyttsx3's ordinary engine API: ``setProperty``, ``say``, ``runAndWait`` and
the ``finished-utterance`` event. It exists because pyttsx3's own espeak driver (2.99) cannot
be used per segment at espeak-ng's speed (measured, see docs/speech.md):

- it keeps one pending utterance: queue two ``save_to_file`` and only the last is spoken;
- its loop sleeps 10 ms after every utterance, so a page of 100 segments waits a second;
- it appends every chunk to one ``bytes`` object (time quadratic in the text's length);
- it prints "Audio saved to ..." on standard output.

Here ``say`` synthesizes when pyttsx3's queue reaches it, so property changes queued between
utterances apply to the right one and a whole batch of segments runs in one ``runAndWait``;
chunks are collected in a list; ``finished-utterance`` carries the PCM (``audio=``) and its
sample ``rate=``. Voices and properties are pyttsx3's own espeak driver code.
"""

from __future__ import annotations

import ctypes
import sys
import wave

from pyttsx3.drivers import _espeak
from pyttsx3.drivers.espeak import EspeakDriver

#: The name to pass to ``pyttsx3.init``.
DRIVER_NAME = "a11yrender_espeak"
#: Milliseconds of audio espeak-ng hands to the callback at a time.
BUFFER_MS = 500

_sample_rate: int | None = None


def register() -> str:
    """Make this module loadable by ``pyttsx3.init(DRIVER_NAME)``; returns the name."""
    sys.modules.setdefault(f"pyttsx3.drivers.{DRIVER_NAME}", sys.modules[__name__])
    return DRIVER_NAME


def buildDriver(proxy):  # noqa: N802 - pyttsx3's driver entry point
    return MemoryEspeakDriver(proxy)


class MemoryEspeakDriver:
    """pyttsx3 driver: each ``say`` is synthesized synchronously into memory."""

    getProperty = staticmethod(EspeakDriver.getProperty)
    setProperty = staticmethod(EspeakDriver.setProperty)

    def __init__(self, proxy) -> None:
        global _sample_rate
        if _sample_rate is None:
            if EspeakDriver._moduleInitialized:  # pyttsx3's driver got there first: same mode
                _sample_rate = 22050
            else:
                # Synchronous: espeak_Synth returns when the audio is complete. (pyttsx3's own
                # driver asks for RETRIEVAL, in which espeak-ng synthesizes on a thread of its
                # own and espeak_Synth returns at once: the "runAndWait returns before the
                # file is written" trap.)
                rate = _espeak.Initialize(_espeak.AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS)
                if rate == -1:
                    raise RuntimeError("could not initialise espeak-ng")
                _sample_rate = rate
                EspeakDriver._moduleInitialized = True
        self._proxy = proxy
        self._chunks: list[bytes] = []
        _espeak.SetSynthCallback(self._on_synth)

    # -- pyttsx3 driver protocol ----------------------------------------------------------

    def say(self, text: str) -> None:
        self._utter(text, None)

    def save_to_file(self, text: str, filename: str) -> None:
        self._utter(text, filename)

    def startLoop(self) -> None:  # noqa: N802
        self._proxy.setBusy(False)  # runs the queue: every say, then the engine's endLoop

    def endLoop(self) -> None:  # noqa: N802
        pass

    def iterate(self):
        while True:
            yield

    def stop(self) -> None:
        pass

    @staticmethod
    def destroy() -> None:
        pass

    # -- synthesis ------------------------------------------------------------------------

    def _utter(self, text: str, filename: str | None) -> None:
        self._proxy.notify("started-utterance")
        self._chunks = []
        # No ENDPAUSE: the caller joins utterances with pauses of its own.
        status = _espeak.Synth(text.encode("utf-8"), flags=_espeak.CHARS_UTF8)
        _espeak.Synchronize()  # returns at once when synchronous; waits if RETRIEVAL was set first
        audio = b"".join(self._chunks)
        self._chunks = []
        if status != _espeak.EE_OK:
            self._proxy.notify("error", exception=RuntimeError(f"espeak-ng synthesis failed (status {status})"))
            self._proxy.notify("finished-utterance", completed=False, audio=b"", rate=_sample_rate)
            return
        if filename:
            with wave.open(filename, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(_sample_rate)
                out.writeframes(audio)
        self._proxy.notify("finished-utterance", completed=True, audio=audio, rate=_sample_rate)

    def _on_synth(self, wav, numsamples, events) -> int:
        if numsamples > 0:
            self._chunks.append(ctypes.string_at(wav, numsamples * ctypes.sizeof(ctypes.c_short)))
        return 0
