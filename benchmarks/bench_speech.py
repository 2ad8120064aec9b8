"""Speech: the sample interview read by the library against raw ``espeak-ng -w``, in one run.

    python benchmarks/bench_speech.py [--repeat 3]

Figures (best of ``--repeat`` runs each, wall-clock):

- raw espeak-ng: the engine's exact input for the whole interview (tone-numbered pinyin), one
  ``espeak-ng -w`` process, one voice: the least any pipeline on espeak-ng can cost;
- raw espeak-ng per turn: one process per paragraph in that paragraph's voice, as a shell
  script driving espeak-ng would do it;
- library, first publish: script, normalisation, pinyin, synthesis of every segment in its
  speaker's voice, trimming and joining into WAV, captions, with an empty cache (MP3 aside);
- library, MP3: the same, encoded as MP3 (what the speech mode writes by default);
- republish: the same page again with the cache warm (the whole render, HTML included).

Targets (issue #6): first publish at least 0.8x raw espeak-ng's speed, republish at most 2%
of the first publish.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import a11yrender
from a11yrender.modes.speech import SpeechOptions, read_aloud
from a11yrender.page import load
from a11yrender.speech.engines import get_engine
from a11yrender.speech.narrate import cast, engine_text, reading_for
from a11yrender.speech.script import reading_script
from common import SAMPLE


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def best(function, repeat: int) -> float:
    return min(timed(function) for _ in range(repeat))


def raw_espeak(text: str, voice, out: Path) -> None:
    subprocess.run(["espeak-ng", "-v", voice.engine_voice, "-p", str(voice.pitch), "-s", str(voice.rate),
                    "-w", str(out), "--stdin"], input=text.encode("utf-8"), check=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    page = load(SAMPLE)
    script = reading_script(page)
    engine = get_engine("pyttsx3")
    plan = reading_for(script.language, engine)
    from a11yrender.speech.engines import VoiceSettings

    voices = cast(script, VoiceSettings(plan.voice))
    inputs = [(engine_text(s, plan), voices.get(s.speaker, voices[None]), s.paragraph) for s in script.segments]
    whole = "\n".join(text for text, _, _ in inputs)
    turns: list[tuple[str, object]] = []
    for text, voice, paragraph in inputs:
        if turns and turns[-1][2] == paragraph:
            turns[-1] = (turns[-1][0] + "\n" + text, voice, paragraph)
        else:
            turns.append((text, voice, paragraph))

    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        engine.synthesize("ni3 hao3", voices[None])  # load espeak-ng and its voice data once

        runs = iter(range(1000))

        def first_publish(audio_format: str):
            cache = work / f"cache-{next(runs)}"
            return lambda: read_aloud(load(SAMPLE), SpeechOptions(audio_format=audio_format, cache_dir=cache))

        # Raw and library runs alternate, so that a burst of load from elsewhere on the
        # machine hits both rather than one; each figure is the best of its runs.
        raw_times, library_times = [], []
        for _ in range(args.repeat):
            raw_times.append(timed(lambda: raw_espeak(whole, voices[None], work / "raw.wav")))
            library_times.append(timed(first_publish("wav")))
        raw, library = min(raw_times), min(library_times)
        raw_turns = best(lambda: [raw_espeak(text, voice, work / "turn.wav") for text, voice, _ in turns], args.repeat)
        library_mp3 = best_of_fresh(first_publish, "mp3", max(1, args.repeat - 1))

        warm_cache = work / "warm"
        audio_dir = work / "audio"
        render = lambda: a11yrender.render(SAMPLE, ["speech"], audio_dir=audio_dir, cache_dir=warm_cache)
        first_render = timed(render)
        republish = best(render, max(args.repeat, 5))

    audio_seconds = read_aloud(load(SAMPLE), SpeechOptions(audio_format="wav", cache_dir=warm_cache)).narration.duration
    print(f"sample interview: {len(script.segments)} segments, {len(whole)} characters of pinyin, "
          f"{audio_seconds:.0f} s of audio; python {sys.version.split()[0]}, {engine.identity}")
    print(f"{'figure':<46} {'seconds':>8} {'vs raw':>8}")
    rows = [
        ("raw espeak-ng -w, whole text, one voice", raw),
        ("raw espeak-ng -w, one process per turn", raw_turns),
        ("library, first publish (WAV)", library),
        ("library, first publish (MP3)", library_mp3),
        ("render, first publish (MP3, HTML)", first_render),
        ("render, republish with a warm cache", republish),
    ]
    for name, seconds in rows:
        print(f"{name:<46} {seconds:8.3f} {seconds / raw:8.2f}")
    print(f"speed of the first publish vs raw espeak-ng: {raw / library:.2f}x (target >= 0.8x)")
    print(f"republish / first publish (render): {republish / first_render:.2%} (target <= 2%)")


def best_of_fresh(make, audio_format: str, repeat: int) -> float:
    """Best time of ``repeat`` first publishes, each with a cache of its own (so, cold)."""
    return min(timed(make(audio_format)) for _ in range(repeat))


if __name__ == "__main__":
    main()
