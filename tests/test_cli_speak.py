"""``a11yrender speak``: a page read into an audio file, with captions and a progress bar."""

import json
import subprocess
import sys
import wave

import pytest

import corpus


def speak(*args, cache_dir, stdin=None):
    return subprocess.run([sys.executable, "-m", "a11yrender", "speak", *map(str, args), "--cache-dir", cache_dir],
                          input=stdin, capture_output=True, timeout=300)


def test_speak_writes_audio_captions_timings_with_progress(tmp_path, speech_cache_dir, sample_speech):
    out = tmp_path / "interview.wav"
    done = speak(corpus.SAMPLE, "-o", out, "--captions", tmp_path / "i.vtt", "--timings", tmp_path / "i.json",
                 "--progress", cache_dir=speech_cache_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""  # nothing leaks onto standard output (pyttsx3 prints there)
    err = done.stderr.decode()
    assert "speak [" in err and "/99 segments" in err and "100%" in err
    assert err.strip().splitlines()[-1].startswith("a11yrender: wrote")
    with wave.open(str(out)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    timings = json.loads((tmp_path / "i.json").read_text(encoding="utf-8"))
    assert timings["audio"] == "interview.wav" and timings["captions"] == "i.vtt"
    assert timings["duration"] == pytest.approx(seconds, abs=0.01)
    vtt = (tmp_path / "i.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT") and vtt.count(" --> ") == len(timings["segments"]) == 99


def test_speak_from_stdin_to_mp3(tmp_path, speech_cache_dir):
    page = '<html lang="zh-CN"><body><article><h1>通知</h1><p>各位网友大家好，今天我们邀请到区建设局局长参加本期栏目，介绍城区建设的整体推进情况。</p></article></body></html>'
    out = tmp_path / "n.mp3"
    done = speak("-", "-o", out, "--no-progress", "--host", "f4", cache_dir=speech_cache_dir, stdin=page.encode())
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xe3") or out.read_bytes()[0] == 0xFF


@pytest.mark.parametrize("args, reason", [
    (["-o", "{tmp}/x.ogg"], "must end in .mp3 or .wav"),
    (["-o", "{tmp}/x.wav", "--host", "f99"], "no voice variant 'f99'"),
    (["-o", "{tmp}/x.wav", "--rate", "5000"], "out of range"),
    (["-o", "{tmp}"], "must end in .mp3 or .wav"),
])
def test_failures_are_one_line(tmp_path, speech_cache_dir, args, reason):
    done = speak(corpus.SAMPLE, *[a.format(tmp=tmp_path) for a in args], cache_dir=speech_cache_dir)
    assert done.returncode == 1
    lines = done.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("a11yrender: error:") and reason in lines[0]
    assert not list(tmp_path.glob("*.wav")) and not list(tmp_path.glob("*.ogg"))


def test_a_page_with_nothing_to_read_fails_clearly(tmp_path, speech_cache_dir):
    done = speak("-", "-o", tmp_path / "x.wav", cache_dir=speech_cache_dir, stdin=b"<html><body><nav>menu</nav></body></html>")
    assert done.returncode == 1
    assert b"no article found" in done.stderr
    assert not (tmp_path / "x.wav").exists()
