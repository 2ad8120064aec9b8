"""Audio as data: 16-bit mono PCM in memory, joined with pauses, written as WAV or MP3.

Segments are synthesized one at a time and joined here, with silence between them, so
that every segment's start and end in the final file is known exactly (the captions and
the timing map are built from those sample counts, not from estimates). MP3 is encoded by
lameenc, the LAME encoder as a self-contained wheel (the ``mp3`` extra).
"""

from __future__ import annotations

import io
import wave
from dataclasses import dataclass

from .errors import SpeechError

#: Bytes per sample: signed 16-bit little-endian, mono, as espeak-ng produces it.
SAMPLE_WIDTH = 2
#: MP3 bit rate for speech: 48 kbit/s mono is transparent for a formant synthesizer's voice.
MP3_BITRATE = 48
#: LAME's quality setting (2 best ... 7 fastest): 7 is twice as fast as 5, and a formant
#: synthesizer's voice at 48 kbit/s sounds no different.
MP3_QUALITY = 7


@dataclass(frozen=True, slots=True)
class Audio:
    """Mono 16-bit PCM and its sample rate."""

    samples: bytes
    rate: int

    @property
    def frames(self) -> int:
        return len(self.samples) // SAMPLE_WIDTH

    @property
    def duration(self) -> float:
        return self.frames / self.rate if self.rate else 0.0


def silence(seconds: float, rate: int) -> bytes:
    """``seconds`` of silence at ``rate``, as PCM bytes."""
    return bytes(SAMPLE_WIDTH * round(seconds * rate))


def to_wav(audio: Audio) -> bytes:
    """The audio as a WAV file's bytes."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(SAMPLE_WIDTH)
        out.setframerate(audio.rate)
        out.writeframes(audio.samples)
    return buffer.getvalue()


def read_wav(data: bytes) -> Audio:
    """PCM and rate from a mono 16-bit WAV file's bytes."""
    try:
        with wave.open(io.BytesIO(data), "rb") as source:
            if source.getnchannels() != 1 or source.getsampwidth() != SAMPLE_WIDTH:
                raise SpeechError("expected mono 16-bit audio from the engine")
            return Audio(source.readframes(source.getnframes()), source.getframerate())
    except (wave.Error, EOFError) as error:
        raise SpeechError(f"unreadable WAV audio: {error}") from None


def to_mp3(audio: Audio, bitrate: int = MP3_BITRATE, quality: int = MP3_QUALITY) -> bytes:
    """The audio as MP3 bytes (needs lameenc: ``pip install a11yrender[mp3]``)."""
    try:
        import lameenc
    except ImportError:
        raise SpeechError("MP3 output needs lameenc: pip install 'a11yrender[mp3]' (or write WAV)") from None
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(bitrate)
    encoder.set_in_sample_rate(audio.rate)
    encoder.set_channels(1)
    encoder.set_quality(quality)
    return bytes(encoder.encode(audio.samples) + encoder.flush())


def encode(audio: Audio, audio_format: str) -> bytes:
    """The audio as a file of ``audio_format`` ("wav" or "mp3")."""
    if audio_format == "wav":
        return to_wav(audio)
    if audio_format == "mp3":
        return to_mp3(audio)
    raise SpeechError(f"unknown audio format {audio_format!r}; use wav or mp3")
