"""The sample interview read aloud, measured from the audio itself."""

import json
import re

import pytest

from a11yrender.page import load
from a11yrender.speech.narrate import PARAGRAPH_PAUSE, SEGMENT_PAUSE, trim_silence
from a11yrender.speech.audio import Audio, silence
from a11yrender.speech.pronunciation import read_text
from a11yrender.speech.script import reading_script

import corpus
from listening import pitch, read_pcm, rms, SILENT_RMS

#: Syllables a second a listener can follow; espeak-ng at 175 words a minute reads about 4.
MIN_SYLLABLES_PER_SECOND, MAX_SYLLABLES_PER_SECOND = 2.0, 7.0
#: Voices count as different when their pitch differs by this factor.
PITCH_RATIO = 1.4


@pytest.fixture(scope="module")
def heard(sample_speech):
    samples, rate = read_pcm(sample_speech.outputs["audio"])
    timings = json.loads(sample_speech.outputs["timings"].read_text(encoding="utf-8"))
    return samples, rate, timings


def cues_of(timings):
    return [dict(id=key, **value) for key, value in timings["segments"].items()]


def test_every_segment_of_the_script_is_heard_once_in_order(heard):
    _, _, timings = heard
    script = reading_script(load(corpus.SAMPLE))
    assert list(timings["segments"]) == [s.id for s in script.segments]


def test_cues_are_in_order_and_cover_the_audio(heard):
    samples, rate, timings = heard
    cues = cues_of(timings)
    duration = len(samples) / rate
    assert timings["duration"] == pytest.approx(duration, abs=0.002)
    assert cues[0]["start"] == 0.0
    assert cues[-1]["end"] == pytest.approx(duration, abs=0.002)
    for before, after in zip(cues, cues[1:]):
        assert before["start"] < before["end"] <= after["start"]
        gap = after["start"] - before["end"]
        expected = SEGMENT_PAUSE if before["paragraph"] == after["paragraph"] else PARAGRAPH_PAUSE
        assert gap == pytest.approx(expected, abs=0.002)  # nothing is heard outside a cue but the pauses


def test_segments_are_separated_by_silence_and_cues_hold_sound(heard):
    samples, rate, timings = heard
    cues = cues_of(timings)
    for before, after in zip(cues, cues[1:]):
        assert rms(samples, rate, before["end"], after["start"]) < SILENT_RMS / 4
    for cue in cues:
        assert rms(samples, rate, cue["start"], cue["end"]) > 10 * SILENT_RMS, cue["id"]


def test_durations_are_plausible_for_the_text(heard):
    _, _, timings = heard
    for cue in cues_of(timings):
        syllables = len(re.findall(r"[a-z]+[1-5]", read_text(cue["text"])))
        per_second = syllables / (cue["end"] - cue["start"])
        assert MIN_SYLLABLES_PER_SECOND <= per_second <= MAX_SYLLABLES_PER_SECOND, (cue["id"], per_second)


def test_cue_text_is_the_text_read_from_the_page(heard, sample_speech):
    _, _, timings = heard
    script = reading_script(load(corpus.SAMPLE))
    by_id = {s.id: s for s in script.segments}
    for key, cue in timings["segments"].items():
        assert cue["text"] == by_id[key].text
        assert cue["speaker"] == by_id[key].speaker
    captions = sample_speech.outputs["captions"].read_text(encoding="utf-8")
    assert "<v 临港区网站>临港区网站:各位网友大家好!</v>" in captions


def test_interview_turns_alternate_voices_by_pitch(heard):
    samples, rate, timings = heard
    turns: dict[str, list[dict]] = {}
    for cue in cues_of(timings):
        if cue["speaker"]:
            turns.setdefault(cue["paragraph"], []).append(cue)
    assert len(turns) == 10
    pitches = []
    for cues in turns.values():
        start = cues[0]["start"]
        pitches.append((cues[0]["speaker"], pitch(samples, rate, start, min(cues[-1]["end"], start + 4.0))))
    assert all(value is not None for _, value in pitches)
    for (speaker_a, a), (speaker_b, b) in zip(pitches, pitches[1:]):
        assert speaker_a != speaker_b
        assert max(a, b) / min(a, b) >= PITCH_RATIO, pitches
    hosts = {round(v) for s, v in pitches if s == "临港区网站"}
    guests = {round(v) for s, v in pitches if s == "赵杰"}
    assert min(hosts) > max(guests)  # the host is always the higher voice


def test_trimming_keeps_the_sound_and_drops_the_silence():
    rate = 22050
    tone = b"".join(int(8000 * ((i // 20) % 2 * 2 - 1)).to_bytes(2, "little", signed=True) for i in range(rate // 10))
    padded = Audio(silence(0.5, rate) + tone + silence(0.7, rate), rate)
    trimmed = trim_silence(padded)
    assert trimmed.duration == pytest.approx(0.1 + 0.04, abs=0.005)
    assert tone in trimmed.samples


def test_roles_and_named_speakers_get_their_voices():
    from a11yrender.speech.engines import VoiceSettings
    from a11yrender.speech.narrate import cast

    script = reading_script(load(corpus.SAMPLE))
    base = VoiceSettings("cmn-latn-pinyin")
    voices = cast(script, base)
    assert voices[None] == base
    assert voices["临港区网站"] == VoiceSettings("cmn-latn-pinyin", "f2", 62)
    assert voices["赵杰"] == VoiceSettings("cmn-latn-pinyin", "m3", 36)
    named = cast(script, base, speakers="赵杰=m7 rate=150；临港区网站=pitch=70")
    assert named["赵杰"] == VoiceSettings("cmn-latn-pinyin", "m7", 36, 150)
    assert named["临港区网站"] == VoiceSettings("cmn-latn-pinyin", "f2", 70)


def test_bad_speaker_voices_are_option_errors(tmp_path):
    import a11yrender

    with pytest.raises(a11yrender.OptionsError, match="LABEL=VOICE"):
        a11yrender.render(corpus.SAMPLE, ["speech"], audio_dir=tmp_path, speakers="赵杰 m3")
