"""The segment cache: an unchanged page costs nothing, an edited paragraph only itself."""

from pathlib import Path

import pytest

from a11yrender.modes.speech import SpeechOptions, read_aloud
from a11yrender.page import load
from a11yrender.speech.cache import SegmentCache, default_cache_dir, key_of

ARTICLE = """<!DOCTYPE html><html lang="zh-CN"><body><article><h1>区建设局召开会议</h1>
<p>主持人：各位网友大家好，今天我们请到了区建设局局长。</p>
<p>局长：主持人好。今年以来，我们完成了1200余米管道建设。</p>
<p>主持人：请您介绍一下下一步的工作。</p>
<p>局长：我们将加快推进民生项目，确保年底前交付。</p></article></body></html>"""


def read(html, cache_dir, **options):
    return read_aloud(load(html), SpeechOptions(audio_format="wav", cache_dir=cache_dir, **options)).narration


def test_republishing_synthesizes_nothing_and_editing_one_paragraph_only_it(tmp_path):
    first = read(ARTICLE, tmp_path)
    assert first.synthesized == [cue.id for cue in first.cues] and first.cached == []

    again = read(ARTICLE, tmp_path)
    assert again.synthesized == []
    assert again.data == first.data and again.cues == first.cues

    edited = read(ARTICLE.replace("下一步的工作", "下半年的工作安排"), tmp_path)
    assert edited.synthesized == ["p3-1"]
    assert set(edited.cached) == {cue.id for cue in edited.cues} - {"p3-1"}


def test_voice_settings_are_part_of_the_key(tmp_path):
    read(ARTICLE, tmp_path)
    changed = read(ARTICLE, tmp_path, guest="m3 pitch=30")
    assert set(changed.synthesized) == {"p2-1", "p2-2", "p4-1"}  # the guest's segments only


def test_segments_stay_cached_when_the_page_audio_is_gone(tmp_path):
    first = read(ARTICLE, tmp_path)
    for entry in (tmp_path / "pages").rglob("*"):
        if entry.is_file():
            entry.unlink()
    again = read(ARTICLE, tmp_path)
    assert again.synthesized == [] and len(again.cached) == len(first.cues)
    assert again.duration == pytest.approx(first.duration)


def test_no_cache_keeps_nothing(tmp_path):
    read(ARTICLE, tmp_path, cache=False)
    assert not any(tmp_path.rglob("*.wav"))


def test_default_location(monkeypatch, tmp_path):
    monkeypatch.setenv("A11YRENDER_CACHE_DIR", str(tmp_path / "here"))
    assert default_cache_dir() == tmp_path / "here"
    monkeypatch.delenv("A11YRENDER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "a11yrender" / "speech"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert default_cache_dir() == Path.home() / ".cache" / "a11yrender" / "speech"


def test_keys_separate_their_parts():
    assert key_of("ab", "c") != key_of("a", "bc")
    assert key_of("a", "b") == key_of("a", "b")


def test_a_damaged_entry_is_a_miss(tmp_path):
    first = read(ARTICLE, tmp_path)
    for entry in tmp_path.rglob("*"):
        if entry.is_file():
            entry.write_bytes(b"damaged")
    again = read(ARTICLE, tmp_path)
    assert again.synthesized == [cue.id for cue in first.cues]
    assert SegmentCache(tmp_path).segment("0" * 64) is None


def test_a_cache_removed_between_publishes_is_made_again(tmp_path):
    import shutil

    first = read(ARTICLE, tmp_path / "cache")
    shutil.rmtree(tmp_path / "cache")
    again = read(ARTICLE, tmp_path / "cache")
    assert again.synthesized == [cue.id for cue in first.cues]
    assert any((tmp_path / "cache").rglob("*.wav"))
