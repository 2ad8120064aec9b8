"""Measuring real audio without numpy: loudness and fundamental frequency (pitch).

Pitch is found by autocorrelation: a voiced sound repeats every 1/F0 seconds, so the
signal correlates best with itself shifted by that lag. Windows are taken at the audio's
rate halved (enough for voices up to 400 Hz) to keep pure Python fast enough.
"""

from __future__ import annotations

import array
import math
import statistics
import sys
import wave
from pathlib import Path

#: The range of speaking voices' fundamental frequency searched, in Hz.
MIN_F0, MAX_F0 = 60.0, 400.0
#: Length of one pitch window (seconds), and the correlation a window needs to count as voiced.
WINDOW = 0.04
VOICED_CORRELATION = 0.6
#: RMS (of 32767) below which audio is silence.
SILENT_RMS = 60


def read_pcm(path: Path) -> tuple[array.array, int]:
    with wave.open(str(path), "rb") as source:
        assert source.getnchannels() == 1 and source.getsampwidth() == 2
        samples = array.array("h")
        samples.frombytes(source.readframes(source.getnframes()))
        rate = source.getframerate()
    if sys.byteorder == "big":
        samples.byteswap()
    return samples, rate


def rms(samples: array.array, rate: int, start: float, end: float) -> float:
    chunk = samples[int(start * rate):int(end * rate)]
    if not len(chunk):
        return 0.0
    return math.sqrt(sum(v * v for v in chunk) / len(chunk))


def pitch(samples: array.array, rate: int, start: float, end: float, windows: int = 12) -> float | None:
    """Median F0 (Hz) of up to ``windows`` voiced windows spread over [start, end)."""
    found = []
    span = end - start - WINDOW
    if span <= 0:
        return None
    for n in range(windows * 3):
        at = start + span * (n + 0.5) / (windows * 3)
        value = _window_f0(samples, rate, at)
        if value is not None:
            found.append(value)
        if len(found) >= windows:
            break
    return statistics.median(found) if found else None


def _window_f0(samples: array.array, rate: int, at: float) -> float | None:
    first = int(at * rate)
    x = samples[first:first + int(WINDOW * rate):2]  # half the rate
    half_rate = rate / 2
    if len(x) < 10:
        return None
    mean = sum(x) / len(x)
    x = [v - mean for v in x]
    energy = sum(v * v for v in x)
    if energy <= (SILENT_RMS ** 2) * len(x):
        return None
    best_lag, best = None, 0.0
    for lag in range(int(half_rate / MAX_F0), int(half_rate / MIN_F0) + 1):
        if lag >= len(x) - 4:
            break
        a, b = x[:-lag], x[lag:]
        score = sum(p * q for p, q in zip(a, b)) / math.sqrt(sum(p * p for p in a) * sum(q * q for q in b) or 1)
        if score > best:
            best_lag, best = lag, score
    if best_lag is None or best < VOICED_CORRELATION:
        return None
    return half_rate / best_lag
