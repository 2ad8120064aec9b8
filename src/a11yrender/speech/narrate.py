"""Narration: a reading script in, one audio track and its cues out.

This is the orchestration of the speech stages: each segment is normalised, looked up in
the cache, read by the engine if it is not there (in batches, reporting progress; the
engine reads one batch while the next is prepared), trimmed
of the engine's own leading and trailing silence, and joined with a short pause between
segments and a longer one between paragraphs. Cue times are counted in samples as the
track is joined, so they are exact.
"""

from __future__ import annotations

import array
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Callable

from .audio import Audio, encode, silence
from .cache import SegmentCache, key_of
from .captions import Cue
from .engines import SpeechEngine, VoiceSettings, parse_voice
from .errors import NothingToReadError, SpeechError
from .normalise import normalise, spoken_text
from .pronunciation import READING_VERSION, reading
from .script import SPEAKER_LABEL, Script, Segment

#: Silence between the segments of a paragraph, and between paragraphs (seconds).
SEGMENT_PAUSE = 0.25
PARAGRAPH_PAUSE = 0.6
#: Samples quieter than this (of 32767) at a segment's ends are the engine's silence.
SILENCE_THRESHOLD = 300
#: Silence kept at each end of a trimmed segment, so that no sound is clipped (seconds).
TRIM_MARGIN = 0.02
#: Samples looked at together when looking for where the sound starts and ends.
TRIM_BLOCK = 256
#: Segments handed to the engine at a time (progress is reported after each batch).
BATCH_SIZE = 8

#: Default voices (espeak-ng variants and settings, see :func:`.engines.parse_voice`): the
#: host is a higher female voice and the guest a low male one, so that a listener can tell
#: the turns of an interview apart without the labels; further guests get the others.
NARRATOR_VOICE = "default"
HOST_VOICE = "f2 pitch=62"
GUEST_VOICE = "m3 pitch=36"
MORE_GUEST_VOICES = ("m7 pitch=45", "f4 pitch=52", "m2 pitch=30")

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class Reading:
    """How a page is read: the engine's base voice, and Chinese dialect rules if any."""

    voice: str
    dialect: str | None  # "cmn", "yue", or None for a language read as written
    traditional: bool = False


@dataclass
class Narration:
    """The joined audio (encoded) and its cues, and what the cache saved."""

    data: bytes
    audio_format: str
    cues: list[Cue]
    duration: float
    synthesized: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    #: The joined PCM, when it was assembled in this run (None when the page was cached whole).
    audio: Audio | None = None


def reading_for(language: str, engine: SpeechEngine, dialect: str = "auto") -> Reading | None:
    """How to read a page in ``language`` (None: the engine has no voice for it)."""
    tag = (language or "und").lower()
    chinese = tag.startswith(("zh", "cmn", "yue"))
    if dialect in ("cmn", "yue") or chinese:
        if dialect == "auto":
            voice = engine.voice_for_language(tag)
            dialect = "yue" if voice == "yue" else "cmn"
        voice = engine.voice_for_language("yue" if dialect == "yue" else "zh-cn")
        traditional = any(part in tag.split("-") for part in ("hant", "tw", "hk", "mo"))
        return Reading(voice, dialect, traditional) if voice else None
    voice = engine.voice_for_language(tag)
    return Reading(voice, None) if voice else None


def cast(script: Script, base: VoiceSettings, narrator: str = NARRATOR_VOICE, host: str = HOST_VOICE,
         guest: str = GUEST_VOICE, speakers: str = "") -> dict[str | None, VoiceSettings]:
    """The voice of every speaker of ``script`` (key None: the narrator).

    Hosts get ``host``; guests get ``guest``, then :data:`MORE_GUEST_VOICES` in turn;
    ``speakers`` gives named speakers voices of their own: ``"赵杰=m3 pitch=30; 记者=f4"``.
    """
    named = parse_speakers(speakers)
    voices: dict[str | None, VoiceSettings] = {None: parse_voice(narrator, base)}
    host_voice = parse_voice(host, base)
    guest_specs = [guest, *MORE_GUEST_VOICES]
    guests = 0
    for label, role in script.speakers.items():
        if role == "host":
            voices[label] = host_voice
        else:
            voices[label] = parse_voice(guest_specs[guests % len(guest_specs)], base)
            guests += 1
        if label in named:
            voices[label] = parse_voice(named[label], voices[label])
    return voices


def parse_speakers(spec: str) -> dict[str, str]:
    """``"赵杰=m3 pitch=30; 记者=f4"`` -> ``{"赵杰": "m3 pitch=30", "记者": "f4"}``."""
    named: dict[str, str] = {}
    for part in spec.replace("；", ";").split(";"):
        if not part.strip():
            continue
        label, sep, voice = part.partition("=")
        if not sep or not label.strip():
            raise SpeechError(f"speaker voices are LABEL=VOICE separated by ';', not {part.strip()!r}")
        named[label.strip()] = voice.strip()
    return named


def text_read(segment: Segment, read_labels: bool = True) -> str:
    """The segment's text as read and captioned (without its speaker label if labels are not read)."""
    if not read_labels and segment.speaker and segment.id.endswith("-1"):
        return SPEAKER_LABEL.sub("", segment.text, count=1)
    return segment.text


def normalised_text(segment: Segment, plan: Reading, read_labels: bool = True) -> str:
    """What the listener hears, as text: the cache key is made of it."""
    return _listened(segment, plan, read_labels)[0]


def engine_text(segment: Segment, plan: Reading, read_labels: bool = True) -> str:
    """What the engine is given: tone-numbered pinyin (Mandarin), characters (Cantonese), or the text."""
    return _engine_input(*_listened(segment, plan, read_labels), plan)


def _listened(segment: Segment, plan: Reading, read_labels: bool) -> tuple[str, list | None]:
    """The normalised text and, for Chinese, its pieces (normalised once, used twice)."""
    text = text_read(segment, read_labels)
    if plan.dialect is None:
        return " ".join(text.split()), None
    pieces = normalise(text)
    return spoken_text(pieces), pieces


def _engine_input(normalised: str, pieces: list | None, plan: Reading) -> str:
    return normalised if pieces is None else reading(pieces, plan.dialect, plan.traditional)


def narrate(
    script: Script,
    plan: Reading,
    voices: dict[str | None, VoiceSettings],
    engine: SpeechEngine,
    cache: SegmentCache,
    audio_format: str = "mp3",
    read_labels: bool = True,
    progress: Progress | None = None,
) -> Narration:
    """Read ``script`` aloud: the audio file's bytes and one cue per segment read."""
    jobs = []  # (segment, (normalised text, pieces), key, voice)
    for segment in script.segments:
        listened = _listened(segment, plan, read_labels)
        normalised = listened[0]
        if not normalised.strip():
            continue  # nothing a listener would hear (a segment of punctuation)
        voice = voices.get(segment.speaker, voices[None])
        key = key_of("segment", plan.dialect or plan.voice, str(plan.traditional), READING_VERSION, normalised,
                     voice.key(), engine.identity)
        jobs.append((segment, listened, key, voice))
    if not jobs:
        raise NothingToReadError("nothing on this page to read aloud")

    page_key = key_of("page", audio_format, str(SEGMENT_PAUSE), str(PARAGRAPH_PAUSE), str(read_labels),
                      *(f"{s.id}|{s.speaker}|{s.text}|{k}" for s, _, k, _ in jobs))
    whole = cache.page(page_key, audio_format)
    if whole is not None:
        data, meta = whole
        if progress:
            progress(len(jobs), len(jobs))
        cues = [Cue(**cue) for cue in meta["cues"]]
        return Narration(data, audio_format, cues, meta["duration"], [], [s.id for s, _, _, _ in jobs])

    audio_of: dict[str, Audio] = {}
    missing = []
    wanted: set[str] = set()
    for segment, listened, key, voice in jobs:
        found = cache.segment(key)
        if found is not None:
            audio_of[key] = found
        elif key not in wanted:  # the same words in the same voice are synthesized once
            wanted.add(key)
            missing.append((segment, listened, key, voice))
    done = len(jobs) - len(missing)
    if progress:
        progress(done, len(jobs))
    synthesized = []
    # Grouped by voice (the audio is put back in reading order below): switching espeak-ng's
    # voice reloads its voice data, which costs as much as reading a sentence.
    missing.sort(key=lambda job: job[3].key())
    batches = [missing[start:start + BATCH_SIZE] for start in range(0, len(missing), BATCH_SIZE)]
    # The engine reads one batch on a thread of its own (espeak-ng runs without the GIL) while
    # this thread prepares the next batch's pinyin and files the last one's audio.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="a11yrender-speech") as reader:
        queued = None
        for batch in [*batches, None]:
            future = None
            if batch is not None:
                items = [(_engine_input(*listened, plan), voice) for _, listened, _, voice in batch]
                future = reader.submit(engine.synthesize_many, items)
            if queued is not None:
                previous, previous_future = queued
                for (segment, _, key, _), audio in zip(previous, previous_future.result()):
                    audio = trim_silence(audio)
                    cache.put_segment(key, audio)
                    audio_of[key] = audio
                    synthesized.append(segment.id)
                done += len(previous)
                if progress:
                    progress(done, len(jobs))
            queued = (batch, future) if batch is not None else None

    reading_order = {segment.id: index for index, (segment, _, _, _) in enumerate(jobs)}
    synthesized.sort(key=reading_order.__getitem__)
    rate = next(iter(audio_of.values())).rate
    parts: list[bytes] = []
    cues: list[Cue] = []
    frames = 0
    previous_paragraph = None
    for segment, _, key, _ in jobs:
        audio = audio_of[key]
        if audio.rate != rate:
            raise SpeechError(f"the engine changed sample rate mid-page ({audio.rate} Hz after {rate} Hz)")
        if previous_paragraph is not None:
            pause = silence(SEGMENT_PAUSE if segment.paragraph == previous_paragraph else PARAGRAPH_PAUSE, rate)
            parts.append(pause)
            frames += len(pause) // 2
        start = frames
        parts.append(audio.samples)
        frames += audio.frames
        cues.append(Cue(segment.id, segment.paragraph, start / rate, frames / rate, text_read(segment, read_labels),
                        segment.speaker))
        previous_paragraph = segment.paragraph
    joined = Audio(b"".join(parts), rate)
    data = encode(joined, audio_format)
    cached = [s.id for s, _, _, _ in jobs if s.id not in set(synthesized)]
    cache.put_page(page_key, audio_format, data, {
        "duration": joined.duration,
        "cues": [{"id": c.id, "paragraph": c.paragraph, "start": c.start, "end": c.end, "text": c.text,
                  "speaker": c.speaker} for c in cues],
    })
    return Narration(data, audio_format, cues, joined.duration, synthesized, cached, joined)


def trim_silence(audio: Audio) -> Audio:
    """``audio`` without the engine's silence at either end (a short margin is kept)."""
    samples = array.array("h")
    samples.frombytes(audio.samples)
    if sys.byteorder == "big":
        samples.byteswap()
    ends = _loud_ends(samples)
    if ends is None:
        return audio
    margin = round(TRIM_MARGIN * audio.rate)
    first, last = max(0, ends[0] - margin), min(len(samples), ends[1] + 1 + margin)
    return Audio(audio.samples[2 * first:2 * last], audio.rate)


def _loud_ends(samples: array.array) -> tuple[int, int] | None:
    """Indexes of the first and last sample louder than the threshold (None: all silent).

    Blocks are skipped with the builtin min/max (C speed); only the block where sound
    starts or ends is looked at sample by sample.
    """
    size = len(samples)
    first = last = None
    for start in range(0, size, TRIM_BLOCK):
        block = samples[start:start + TRIM_BLOCK]
        if max(block) > SILENCE_THRESHOLD or min(block) < -SILENCE_THRESHOLD:
            first = start + next(i for i, v in enumerate(block) if abs(v) > SILENCE_THRESHOLD)
            break
    if first is None:
        return None
    for end in range(size, first, -TRIM_BLOCK):
        block = samples[max(first, end - TRIM_BLOCK):end]
        if max(block) > SILENCE_THRESHOLD or min(block) < -SILENCE_THRESHOLD:
            offset = next(i for i in range(len(block) - 1, -1, -1) if abs(block[i]) > SILENCE_THRESHOLD)
            last = max(first, end - TRIM_BLOCK) + offset
            break
    return first, last if last is not None else first
