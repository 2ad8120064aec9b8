"""WAV and MP3 files of real synthesized audio."""

import subprocess
import sys

import pytest

from a11yrender.speech.audio import MP3_BITRATE, Audio, encode, read_wav, silence, to_mp3, to_wav
from a11yrender.speech.engines import Pyttsx3Engine, VoiceSettings
from a11yrender.speech.errors import SpeechError


@pytest.fixture(scope="module")
def spoken():
    return Pyttsx3Engine().synthesize("ge4 wei4 wang3 you3 da4 jia1 hao3.", VoiceSettings("cmn-latn-pinyin"))


def test_wav_round_trip(spoken):
    assert read_wav(to_wav(spoken)) == spoken
    assert to_wav(spoken)[:4] == b"RIFF" and to_wav(spoken)[8:12] == b"WAVE"


def test_mp3_has_frames_and_the_audio_duration(spoken):
    data = to_mp3(spoken)
    start = data.find(b"\xff")
    assert data[start] == 0xFF and data[start + 1] & 0xE0 == 0xE0  # MPEG frame sync
    seconds = len(data) * 8 / (MP3_BITRATE * 1000)
    assert seconds == pytest.approx(spoken.duration, abs=0.15)


def test_silence_is_zeros_of_the_right_length():
    assert silence(0.5, 22050) == bytes(22050)
    assert Audio(silence(0.25, 16000), 16000).duration == 0.25


def test_unknown_format_and_bad_wav_are_library_errors(spoken):
    with pytest.raises(SpeechError):
        encode(spoken, "ogg")
    with pytest.raises(SpeechError):
        read_wav(b"not a wav file")


def test_mp3_without_lameenc_says_what_to_install():
    code = ("import sys; sys.modules['lameenc'] = None\n"
            "from a11yrender.speech.audio import Audio, to_mp3\n"
            "from a11yrender.speech.errors import SpeechError\n"
            "try:\n    to_mp3(Audio(bytes(100), 22050))\nexcept SpeechError as e:\n    print(e)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "lameenc" in result.stdout and "a11yrender[mp3]" in result.stdout
