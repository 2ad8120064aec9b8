"""The speech mode: the article read aloud offline, with captions and an accessible player.

Runs last (order 400), so it reads the page as the other modes left it: a page converted to
traditional script is read from the converted text (zh-Hant in Mandarin, zh-HK in
Cantonese). It writes three files into ``audio_dir`` (the audio, WebVTT captions, and the
JSON timing map), marks each read block with its segment ids and times, and puts a player
after the article's source/date line: ``<audio controls preload="none">`` with the captions
track, labelled in the page's language, never autoplaying. A small optional script
highlights the paragraph being read (连读) and plays from a paragraph the reader clicks or
focuses and activates with Enter or Space (指读); without it the player works the same.

Rendering a rendered page again replaces the player and the marks with identical ones, and
the cache makes the audio cost nothing the second time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml.html import HtmlElement

from ..errors import OptionsError
from ..output import write_atomic
from ..page import Page, remove_element
from ..speech import captions as captions_format
from ..speech.cache import SegmentCache
from ..speech.engines import DEFAULT_RATE, SpeechEngine, VoiceSettings, get_engine
from ..speech.errors import NothingToReadError, SpeechError
from ..speech.narrate import (
    GUEST_VOICE, HOST_VOICE, NARRATOR_VOICE, PARAGRAPH_PAUSE, Narration, Progress, Reading, cast, narrate,
    reading_for,
)
from ..speech.script import PLAYER_CLASS, Script, reading_script
from . import register

#: Attributes the mode puts on every block it reads.
PARAGRAPH_ATTR = "data-speech-paragraph"
SEGMENTS_ATTR = "data-speech-segments"
START_ATTR = "data-speech-start"
END_ATTR = "data-speech-end"
#: Speaking rates espeak-ng accepts, in words a minute.
MIN_RATE, MAX_RATE = 80, 450
#: Marks the stylesheet the mode adds, so that a second render replaces it.
STYLE_MARK = "data-a11y-speech"

#: The player's words, by the page's script/language (zh-Hans, zh-Hant, and English otherwise).
LABELS = {
    "zh-Hans": {"region": "语音朗读", "heading": "语音朗读", "minutes": "全文约 {} 分钟",
                "download": "下载音频", "captions": "字幕文件", "track": "中文字幕",
                "hint": "播放时当前段落会高亮；点击段落，或用 Tab 键选中后按回车，可从该段开始朗读。"},
    "zh-Hant": {"region": "語音朗讀", "heading": "語音朗讀", "minutes": "全文約 {} 分鐘",
                "download": "下載音訊", "captions": "字幕檔", "track": "中文字幕",
                "hint": "播放時當前段落會突出顯示；點擊段落，或用 Tab 鍵選中後按 Enter，可從該段開始朗讀。"},
    "en": {"region": "Listen to this article", "heading": "Listen to this article", "minutes": "about {} min",
           "download": "Download the audio", "captions": "Captions", "track": "Captions",
           "hint": "The paragraph being read is highlighted; click a paragraph, or focus it and press Enter, to listen from there."},
}

#: The player's stylesheet: a visible frame, a full-width control, and the reading highlight.
PLAYER_CSS = """
.a11y-speech{margin:1em 0;padding:.75em 1em;border:2px solid currentColor;border-radius:6px;text-align:left;font-size:max(1rem,1em);line-height:1.5}
.a11y-speech-heading{margin:0 0 .5em;font-weight:bold}
.a11y-speech audio{display:block;width:100%;max-width:40em}
.a11y-speech-caption{min-height:1.5em;margin:.5em 0 0;font-size:1.125em}
.a11y-speech-caption:empty{display:none}
.a11y-speech-links,.a11y-speech-hint{margin:.5em 0 0}
.a11y-speech-hint{display:none}
.a11y-speech-ready .a11y-speech-hint{display:block}
.a11y-speech-readable{cursor:pointer}
.a11y-speech-readable:focus{outline:3px solid #1a5fb4;outline-offset:2px}
.a11y-speech-current{background:#fff3b0 !important;color:#000 !important;outline:3px solid #8a6d00;outline-offset:2px}
""".strip()

#: The optional script: 连读 (highlight what is read) and 指读 (play from a paragraph).
PLAYER_SCRIPT = """
(function () {
  var script = document.currentScript;
  var region = script && script.closest ? script.closest(".a11y-speech") : null;
  if (!region) { return; }

  function start() {
    var audio = region.querySelector("audio");
    var caption = region.querySelector(".a11y-speech-caption");
    // the player sits before the article: its paragraphs are there once the page is parsed
    var blocks = Array.prototype.slice.call(document.querySelectorAll("[data-speech-start]"));
    var current = null;
    var seekingTo = null;
    var pause = %(pause)s;

    function mark(block) {
      if (block === current) { return; }
      if (current) { current.classList.remove("a11y-speech-current"); }
      current = block;
      if (block) { block.classList.add("a11y-speech-current"); }
    }
    function blockAt(time) {
      for (var i = 0; i < blocks.length; i++) {
        var begin = parseFloat(blocks[i].getAttribute("data-speech-start"));
        var end = parseFloat(blocks[i].getAttribute("data-speech-end"));
        if (time >= begin && time < end + pause) { return blocks[i]; }
      }
      return null;
    }
    function playFrom(block) {
      var at = parseFloat(block.getAttribute("data-speech-start"));
      seekingTo = at;
      // preload="none": until the metadata is in, a seek has nothing to seek in
      if (audio.readyState >= 1) {
        audio.currentTime = at;
      } else {
        audio.addEventListener("loadedmetadata", function () { audio.currentTime = at; }, {once: true});
      }
      mark(block);
      var playing = audio.play();
      if (playing && playing.catch) { playing.catch(function () {}); }
    }

    audio.addEventListener("seeked", function () { seekingTo = null; });
    audio.addEventListener("timeupdate", function () {
      if (seekingTo !== null) { return; }  // the time before a reader's seek lands: keep their paragraph
      mark(audio.paused && audio.currentTime === 0 ? null : blockAt(audio.currentTime));
    });
    audio.addEventListener("ended", function () { mark(null); });
    var track = audio.textTracks && audio.textTracks.length ? audio.textTracks[0] : null;
    if (track && caption) {
      track.mode = "hidden";
      track.addEventListener("cuechange", function () {
        var cue = track.activeCues && track.activeCues.length ? track.activeCues[0] : null;
        caption.textContent = cue ? cue.text.replace(/<[^>]*>/g, "") : "";
      });
    }
    blocks.forEach(function (block) {
      if (!block.hasAttribute("tabindex")) { block.setAttribute("tabindex", "0"); }
      block.classList.add("a11y-speech-readable");
      block.addEventListener("click", function (event) {
        if (event.target.closest && event.target.closest("a, button, input, select, textarea, audio, summary")) { return; }
        playFrom(block);
      });
      block.addEventListener("keydown", function (event) {
        if (event.target === block && (event.key === "Enter" || event.key === " ")) {
          event.preventDefault();
          playFrom(block);
        }
      });
    });
    region.classList.add("a11y-speech-ready");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
""".strip() % {"pause": PARAGRAPH_PAUSE}


@dataclass(frozen=True)
class SpeechOptions:
    """Options of the speech mode (and of ``a11yrender speak``)."""

    audio_dir: Path | None = field(default=None, metadata={
        "help": "directory the audio, captions and timing map are written to (required)"})
    audio_url: str | None = field(default=None, metadata={
        "help": "URL of audio_dir as the page sees it (default: the files sit beside the page)"})
    name: str = field(default="speech", metadata={"help": "file name stem of the audio, captions and timing map"})
    audio_format: Literal["mp3", "wav"] = field(default="mp3", metadata={"help": "audio file format"})
    dialect: Literal["auto", "cmn", "yue"] = field(default="auto", metadata={
        "help": "Chinese reading: auto (zh-HK/zh-MO Cantonese, other Chinese Mandarin), cmn or yue"})
    narrator: str = field(default=NARRATOR_VOICE, metadata={
        "help": "narrator voice: espeak-ng variant and settings, e.g. 'm1 pitch=50 rate=170'"})
    host: str = field(default=HOST_VOICE, metadata={"help": "interview host's voice (same form as narrator)"})
    guest: str = field(default=GUEST_VOICE, metadata={"help": "interview guest's voice (same form as narrator)"})
    speakers: str = field(default="", metadata={
        "help": "voices of named speakers, changing their role's: '赵杰=m3 pitch=30; 记者=f4'"})
    rate: int = field(default=DEFAULT_RATE, metadata={"help": "speaking rate, words (Chinese: syllables) a minute"})
    volume: float = field(default=1.0, metadata={"help": "volume, 0.0-2.0 (1.0 as the engine speaks)"})
    read_labels: bool = field(default=True, metadata={"help": "read interview speaker labels (赵杰：) aloud"})
    player_script: bool = field(default=True, metadata={
        "help": "add the script that highlights the paragraph read and plays from a clicked one"})
    cache: bool = field(default=True, metadata={"help": "reuse audio of unchanged segments"})
    cache_dir: Path | None = field(default=None, metadata={
        "help": "segment cache directory (default: $A11YRENDER_CACHE_DIR or ~/.cache/a11yrender/speech)"})
    engine: str = field(default="pyttsx3", metadata={"help": "speech engine"})


@dataclass
class SpeechResult:
    """A page read aloud: the script, how it was read, and the narration."""

    script: Script
    reading: Reading
    narration: Narration
    voices: dict[str | None, VoiceSettings]


def read_aloud(page: Page, options: SpeechOptions, progress: Progress | None = None,
               engine: SpeechEngine | None = None) -> SpeechResult | None:
    """Read ``page``'s article aloud; None (with a diagnostic) when there is nothing to read."""
    if options.audio_format not in ("mp3", "wav"):
        raise OptionsError(f"audio_format must be mp3 or wav, not {options.audio_format!r}")
    if not MIN_RATE <= options.rate <= MAX_RATE:
        raise OptionsError(f"rate {options.rate} is out of range {MIN_RATE}-{MAX_RATE} (words a minute)")
    if not 0.0 <= options.volume <= 2.0:
        raise OptionsError(f"volume {options.volume} is out of range 0.0-2.0")
    engine = engine or get_engine(options.engine)
    script = reading_script(page)
    if script is None or not script.segments:
        page.note("speech.no-article", "no article found on the page: nothing read aloud", "warning")
        return None
    if not page.lang:
        page.note("speech.language-guessed", f"the page does not declare its language; read as {script.language!r}, "
                  "guessed from its script")
    plan = reading_for(script.language, engine, options.dialect)
    if plan is None:
        page.note("speech.no-voice", f"no voice for the page's language {script.language!r}: nothing read aloud",
                  "warning")
        return None
    base = VoiceSettings(plan.voice, None, rate=options.rate, volume=options.volume)
    try:
        voices = cast(script, base, options.narrator, options.host, options.guest, options.speakers)
    except SpeechError as error:
        raise OptionsError(str(error)) from None
    for voice in voices.values():
        engine.check_voice(voice)
    cache = SegmentCache(options.cache_dir, enabled=options.cache)
    try:
        narration = narrate(script, plan, voices, engine, cache, options.audio_format, options.read_labels, progress)
    except NothingToReadError as error:
        page.note("speech.nothing-to-read", str(error), "warning")
        return None
    return SpeechResult(script, plan, narration, voices)


@register("speech", order=400, options=SpeechOptions)
def speech(page: Page, context) -> Page:
    """Offline audio of the article, with captions and an accessible player."""
    options: SpeechOptions = context.of("speech") or SpeechOptions()
    if options.audio_dir is None:
        raise OptionsError("speech mode needs audio_dir, the directory to write the audio to (--speech-audio-dir)")
    remove_player(page)
    result = read_aloud(page, options)
    if result is None:
        return page
    narration = result.narration
    audio_dir = Path(options.audio_dir)
    names = {role: f"{options.name}.{suffix}" for role, suffix in
             (("audio", options.audio_format), ("captions", "vtt"), ("timings", "json"))}
    files = {
        "audio": narration.data,
        "captions": captions_format.webvtt(narration.cues),
        "timings": captions_format.timing_map(narration.cues, narration.duration, names["audio"], names["captions"]),
    }
    for role, data in files.items():
        context.outputs[role] = _write_if_changed(audio_dir / names[role], data)
    urls = {role: _url(options.audio_url, name) for role, name in names.items()}
    mark_paragraphs(page, result)
    add_player(page, result, urls, options.player_script)
    page.note("speech.audio", f"read aloud: {len(narration.cues)} segments, {narration.duration:.0f} s "
              f"({len(narration.synthesized)} synthesized, {len(narration.cached)} from the cache)")
    return page


# -- the page ----------------------------------------------------------------------------------

def mark_paragraphs(page: Page, result: SpeechResult) -> None:
    """Give each read block its segment ids and the time span it is heard in."""
    by_paragraph: dict[str, list[captions_format.Cue]] = {}
    for cue in result.narration.cues:
        by_paragraph.setdefault(cue.paragraph, []).append(cue)
    for paragraph in result.script.paragraphs:
        cues = by_paragraph.get(paragraph.id)
        if paragraph.element is None or not cues:
            continue
        element = paragraph.element
        element.set(PARAGRAPH_ATTR, paragraph.id)
        element.set(SEGMENTS_ATTR, " ".join(cue.id for cue in cues))
        element.set(START_ATTR, f"{cues[0].start:.3f}")
        element.set(END_ATTR, f"{cues[-1].end:.3f}")


def add_player(page: Page, result: SpeechResult, urls: dict[str, str], with_script: bool) -> HtmlElement:
    """Put the player after the source/date line (or the title, or at the article's start)."""
    words = LABELS[_label_language(page.lang or result.script.language)]
    make = page.root.makeelement
    region = make("div", {"class": PLAYER_CLASS, "role": "region", "aria-label": words["region"]})
    heading = make("p", {"class": "a11y-speech-heading", "id": "a11y-speech-heading"})
    heading.text = f"{words['heading']}（{words['minutes'].format(max(1, math.ceil(result.narration.duration / 60)))}）"
    region.append(heading)
    audio = make("audio", {"controls": "controls", "preload": "none", "src": urls["audio"],
                           "aria-labelledby": "a11y-speech-heading"})
    track = make("track", {"kind": "captions", "src": urls["captions"], "srclang": result.script.language,
                           "label": words["track"], "default": "default"})
    audio.append(track)
    fallback = make("a", {"href": urls["audio"]})
    fallback.text = words["download"]
    audio.append(fallback)
    region.append(audio)
    caption = make("p", {"class": "a11y-speech-caption", "aria-hidden": "true"})
    region.append(caption)
    links = make("p", {"class": "a11y-speech-links"})
    download = make("a", {"href": urls["audio"], "download": ""})
    download.text = words["download"]
    download.tail = " · "
    captions_link = make("a", {"href": urls["captions"]})
    captions_link.text = words["captions"]
    links.extend([download, captions_link])
    region.append(links)
    if with_script:
        hint = make("p", {"class": "a11y-speech-hint"})
        hint.text = words["hint"]
        region.append(hint)
        script = make("script", {})
        script.text = PLAYER_SCRIPT
        region.append(script)
    _place(page, result.script, region)
    _add_style(page)
    return region


def remove_player(page: Page) -> None:
    """Take out what an earlier render of this mode added (player, stylesheet, marks)."""
    # descendant-or-self, not //: a fragment's container is detached from the parsed document
    for element in page.root.xpath(f'descendant-or-self::*[contains(concat(" ", normalize-space(@class), " "), '
                                   f'" {PLAYER_CLASS} ")] | descendant-or-self::style[@{STYLE_MARK}]'):
        remove_element(element)
    for element in page.root.xpath(f"descendant-or-self::*[@{PARAGRAPH_ATTR}]"):
        for attr in (PARAGRAPH_ATTR, SEGMENTS_ATTR, START_ATTR, END_ATTR):
            element.attrib.pop(attr, None)


def _place(page: Page, script: Script, region: HtmlElement) -> None:
    anchors = {p.kind: p.element for p in script.paragraphs if p.kind in ("title", "byline") and p.element is not None}
    anchor = anchors.get("byline") if anchors.get("byline") is not None else anchors.get("title")
    if anchor is not None and anchor.getparent() is not None and anchor.tag not in ("td", "th", "li"):
        anchor.addnext(region)
        region.tail, anchor.tail = anchor.tail, None
        return
    first = next((p.element for p in script.paragraphs if p.kind == "body" and p.element is not None), None)
    if first is not None and first.getparent() is not None:
        first.addprevious(region)
    else:
        page.body.insert(0, region)


def _add_style(page: Page) -> None:
    style = page.root.makeelement("style", {STYLE_MARK: ""})
    style.text = PLAYER_CSS
    if page.head is not None:
        page.head.append(style)
    else:
        page.root.insert(0, style)
        style.tail, page.root.text = page.root.text, None


def _write_if_changed(path: Path, data: bytes | str) -> Path:
    """Write ``path`` unless it already holds ``data``: republishing an unchanged page leaves
    its files (and their modification times, which HTTP caches and rsync go by) alone."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.stat().st_size == len(payload) and path.read_bytes() == payload:
            return path
    except OSError:
        pass
    return write_atomic(path, payload)


def _url(base: str | None, name: str) -> str:
    return f"{base.rstrip('/')}/{name}" if base else name


def _label_language(lang: str) -> str:
    tag = (lang or "").lower()
    if not tag.startswith(("zh", "yue", "cmn")):
        return "en"
    return "zh-Hant" if any(p in tag.split("-") for p in ("hant", "tw", "hk", "mo", "yue")) else "zh-Hans"
