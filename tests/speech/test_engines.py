"""The engine interface and pyttsx3 over espeak-ng, with real audio."""

import subprocess
import sys

import pytest

from a11yrender import A11yRenderError
from a11yrender.page import load
from a11yrender.speech.audio import Audio, read_wav
from a11yrender.speech.engines import (
    Pyttsx3Engine, SpeechEngine, VoiceSettings, get_engine, parse_voice,
)
from a11yrender.speech.errors import EngineUnavailableError, SpeechError, VoiceNotFoundError

from listening import pitch, rms

MANDARIN = VoiceSettings("cmn-latn-pinyin")
SENTENCE = "jin1 tian1 wo3 men5 yao1 qing3 dao4 qu1 jian4 she4 ju2 ju2 zhang3."


@pytest.fixture(scope="module")
def engine():
    return Pyttsx3Engine()


def test_synthesis_is_real_audio_of_a_plausible_length(engine):
    first = engine.synthesize(SENTENCE, MANDARIN)
    assert first.rate == 22050
    assert 1.5 < first.duration < 6.0  # 13 syllables
    # espeak-ng varies its output slightly from call to call (hence the cache): same length
    assert engine.synthesize(SENTENCE, MANDARIN).duration == pytest.approx(first.duration, rel=0.02)


def test_a_batch_returns_each_utterance_in_order(engine):
    short, long_ = "hao3 de5.", " ".join([SENTENCE] * 3)
    batch = engine.synthesize_many([(short, MANDARIN), (long_, MANDARIN), (short, MANDARIN)])
    assert len(batch) == 3
    assert batch[0].duration == pytest.approx(batch[2].duration, rel=0.02)
    assert batch[1].duration > 5 * batch[0].duration


def test_settings_change_the_sound(engine):
    plain = engine.synthesize(SENTENCE, MANDARIN)
    faster = engine.synthesize(SENTENCE, VoiceSettings("cmn-latn-pinyin", rate=300))
    assert faster.duration < 0.75 * plain.duration
    low = engine.synthesize(SENTENCE, VoiceSettings("cmn-latn-pinyin", pitch=20))
    high = engine.synthesize(SENTENCE, VoiceSettings("cmn-latn-pinyin", pitch=90))
    assert measured_pitch(high) > 1.3 * measured_pitch(low)
    quiet = engine.synthesize(SENTENCE, VoiceSettings("cmn-latn-pinyin", volume=0.3))
    assert loudness(quiet) < 0.5 * loudness(plain)
    female = engine.synthesize(SENTENCE, VoiceSettings("cmn-latn-pinyin", variant="f2"))
    assert female.samples != plain.samples and measured_pitch(female) > 1.3 * measured_pitch(plain)


def test_unknown_voices_are_library_errors(engine):
    with pytest.raises(VoiceNotFoundError, match="no voice 'klingon'"):
        engine.synthesize("ni3 hao3", VoiceSettings("klingon"))
    with pytest.raises(VoiceNotFoundError, match="variant"):
        engine.synthesize("ni3 hao3", VoiceSettings("cmn-latn-pinyin", variant="no-such-variant"))
    assert issubclass(VoiceNotFoundError, A11yRenderError)
    # the engine still works after refusing
    assert engine.synthesize("ni3 hao3", MANDARIN).duration > 0.3


def test_voices_for_languages(engine):
    assert engine.voice_for_language("zh-CN") == "cmn-latn-pinyin"
    assert engine.voice_for_language("zh-Hant-TW") == "cmn-latn-pinyin"
    assert engine.voice_for_language("zh-HK") == "yue"
    assert engine.voice_for_language("zh-Hant-HK") == "yue"
    assert engine.voice_for_language("de") == "de"
    assert engine.voice_for_language("pt-BR") == "pt-br"
    assert engine.voice_for_language("x-none") is None
    assert {"cmn-latn-pinyin", "yue"} <= set(engine.voices())


def test_cantonese_voice_reads_characters(engine):
    audio = engine.synthesize("各位網友大家好。", VoiceSettings("yue"))
    assert 1.0 < audio.duration < 5.0


def test_unknown_engine_and_missing_pyttsx3_are_clear_errors():
    with pytest.raises(EngineUnavailableError, match="unknown speech engine"):
        get_engine("festival")
    code = ("import sys; sys.modules['pyttsx3'] = None\n"
            "from a11yrender.speech.engines import Pyttsx3Engine\n"
            "from a11yrender.speech.errors import EngineUnavailableError\n"
            "try:\n    Pyttsx3Engine()\nexcept EngineUnavailableError as e:\n    print('unavailable:', e)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.startswith("unavailable:") and "pip install pyttsx3" in result.stdout


@pytest.mark.parametrize("spec, expected", [
    ("f2 pitch=62", VoiceSettings("cmn-latn-pinyin", "f2", 62)),
    ("m3 pitch=36 rate=160 volume=0.8", VoiceSettings("cmn-latn-pinyin", "m3", 36, 160, 0.8)),
    ("voice=yue default", VoiceSettings("yue")),
    ("", VoiceSettings("cmn-latn-pinyin")),
])
def test_voice_specs(spec, expected):
    assert parse_voice(spec, MANDARIN) == expected


@pytest.mark.parametrize("spec", ["pitch=200", "rate=fast", "speed=3", "volume=-1"])
def test_bad_voice_specs_are_errors(spec):
    with pytest.raises(SpeechError):
        parse_voice(spec, MANDARIN)


class EspeakCommandEngine(SpeechEngine):
    """Another engine, plugged in through the interface: the espeak-ng command."""

    name = "espeak-ng-command"

    def version(self):
        return subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout.split()[3]

    def voices(self):
        return ["cmn-latn-pinyin", "yue"]

    def voice_for_language(self, language):
        return "yue" if language.lower().endswith("hk") else "cmn-latn-pinyin"

    def synthesize(self, text, settings):
        wav = subprocess.run(["espeak-ng", "-v", settings.engine_voice, "-p", str(settings.pitch), "-s",
                              str(settings.rate), "--stdout", text], capture_output=True, check=True).stdout
        # espeak-ng --stdout writes unknown lengths into the header: rebuild it from the data
        return Audio(wav[44:], 22050)


def test_another_engine_plugs_in(tmp_path):
    from a11yrender.modes.speech import SpeechOptions, read_aloud

    page = load("<!DOCTYPE html><html lang='zh-CN'><body><article><h1>通知</h1><p>各位网友大家好，今天我们邀请到区建设局局长参加本期栏目，介绍城区建设的整体推进情况。</p></article></body></html>")
    result = read_aloud(page, SpeechOptions(audio_format="wav", cache_dir=tmp_path), engine=EspeakCommandEngine())
    assert [c.id for c in result.narration.cues] == ["title-1", "p1-1", "p1-2"]
    assert read_wav(result.narration.data).duration > 2.0


def measured_pitch(audio: Audio) -> float:
    import array

    samples = array.array("h")
    samples.frombytes(audio.samples)
    return pitch(samples, audio.rate, 0.1, audio.duration - 0.1)


def loudness(audio: Audio) -> float:
    import array

    samples = array.array("h")
    samples.frombytes(audio.samples)
    return rms(samples, audio.rate, 0, audio.duration)
