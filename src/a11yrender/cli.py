"""The ``a11yrender`` command: arguments in, exit codes and one-line reasons out.

All work is done by the library; this module parses arguments, reads and writes files,
prints diagnostics, and maps errors to exit codes: 0 done, 1 the work failed (one line on
stderr says why), 2 the command line was wrong, 130 interrupted.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import typing
from pathlib import Path

from . import __version__
from .errors import A11yRenderError, OptionsError, OutputError, ThemeError
from .modes import known_modes, registry
from .output import same_file, write_atomic
from .render import render
from .themes import list_themes, load_theme

PROG = "a11yrender"
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except A11yRenderError as error:
        _fail(str(error))
        return EXIT_FAILED
    except KeyboardInterrupt:
        _fail("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_FAILED


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="Accessible versions of published article pages.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("render", help="render one page in one or more modes")
    p.add_argument("input", help="the page: a file, or - for standard input")
    p.add_argument("-o", "--output", default="-", help="where to write the page (default: - for standard output)")
    p.add_argument("-m", "--mode", action="append", default=[], metavar="MODES",
                   help=f"comma-separated modes (repeatable): {', '.join(known_modes())}")
    p.add_argument("--encoding", help="the page's charset when known from outside (an HTTP header)")
    p.add_argument("--overwrite", action="store_true", help="allow the output to replace the input file")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print diagnostics")
    p.add_argument("--json", action="store_true",
                   help="print diagnostics as JSON (on stdout, or on stderr when the page goes to stdout)")
    _add_mode_options(p)
    p.set_defaults(run=run_render)

    p = commands.add_parser("modes", help="list the modes, in the order they run")
    p.set_defaults(run=run_modes)

    p = commands.add_parser("build", help="render every page of a static site into one tree per version")
    p.add_argument("src", metavar="SRC_DIR", help="the site's directory (never changed)")
    p.add_argument("-o", "--output", required=True, metavar="OUT_DIR",
                   help="where the versions go: the standard version at its root, the others under their names")
    p.add_argument("--modes", default="elder,contrast,traditional", metavar="MODES",
                   help="the versions, comma-separated; a+b combines two modes (default: elder,contrast,traditional)")
    p.add_argument("--speech", action="store_true", help="also read each page aloud: audio and captions beside it")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="pages rendered in parallel (local processes)")
    p.add_argument("--executor", choices=["local", "dask"], default="local", help="where pages are rendered")
    p.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, with --executor dask (tcp://host:8786)")
    p.add_argument("--site-url", metavar="URL", help="the site's address, so absolute links to it stay in a version")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar on stderr (default: when stderr is a terminal)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    p.set_defaults(run=run_build)

    p = commands.add_parser("serve", help="preview a site with every version rendered on the fly")
    p.add_argument("directory", help="the site's directory (nothing outside it is served)")
    p.add_argument("--modes", default="elder,contrast,traditional", metavar="MODES", help="the versions offered")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(run=run_serve)

    p = commands.add_parser("check", help="measure a page in Chromium against what its version promises")
    p.add_argument("target", help="a page file, or an http(s):// URL (fetched because you name it)")
    p.add_argument("-m", "--mode", action="append", default=[], metavar="MODES",
                   help="render in these modes first (default: check the page as it is)")
    p.add_argument("--width", type=int, action="append", metavar="PX", help="viewport width (repeatable; default 1280 and 320)")
    p.add_argument("--profile", choices=["wcag", "elder", "contrast"],
                   help="requirements to check (default: what the modes promise; wcag for a page as it is)")
    p.add_argument("--compare", action="store_true", help="also check the page as it is, side by side")
    p.add_argument("--report", default="a11yrender-report", metavar="DIR",
                   help="directory for report.json, report.html and screenshots (default: a11yrender-report)")
    p.add_argument("--axe", default="serious", choices=["minor", "moderate", "serious", "critical", "off"],
                   help="fail on axe-core violations of this impact or worse (default: serious)")
    p.add_argument("--encoding", help="the page's charset when known from outside")
    _add_mode_options(p)
    p.set_defaults(run=run_check)

    p = commands.add_parser("themes", help="list the themes, loading (and so validating) each")
    p.add_argument("--kind", help="only themes of this kind (contrast, elder, ...)")
    p.add_argument("--dir", action="append", default=[], metavar="DIR",
                   help="a directory of your own themes, searched first (repeatable)")
    p.set_defaults(run=run_themes)

    p = commands.add_parser("speak", help="read a page's article aloud into an audio file, with captions")
    p.add_argument("input", help="the page: a file, or - for standard input")
    p.add_argument("-o", "--output", required=True, help="the audio file: OUT.mp3 or OUT.wav")
    p.add_argument("--captions", metavar="OUT.vtt", help="also write WebVTT captions, one cue per segment")
    p.add_argument("--timings", metavar="OUT.json", help="also write the timing map (segment id -> start, end)")
    p.add_argument("--encoding", help="the page's charset when known from outside (an HTTP header)")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar on stderr (default: when stderr is a terminal)")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    _add_speak_options(p)
    p.set_defaults(run=run_speak)
    return parser


def run_render(args) -> int:
    modes = [name for value in args.mode for name in value.split(",") if name.strip()] or ["original"]
    to_stdout = args.output == "-"
    if not to_stdout and args.input != "-" and same_file(args.input, args.output) and not args.overwrite:
        raise OutputError(f"{args.output} is the input file; pass --overwrite to replace it")
    if not to_stdout and Path(args.output).is_dir():
        raise OutputError(f"{args.output} is a directory; name the output file")
    source = sys.stdin.buffer.read() if args.input == "-" else Path(args.input)
    result = render(source, modes, encoding=args.encoding, **_mode_options(args, modes))

    if to_stdout:
        sys.stdout.buffer.write(result.to_bytes())
        sys.stdout.flush()
    else:
        write_atomic(args.output, result.to_bytes())
    if args.json:
        report = {
            "input": args.input, "output": args.output, "modes": list(result.modes),
            "source_encoding": result.source_encoding, "fragment": result.is_fragment,
            "outputs": {k: str(v) for k, v in result.outputs.items()},
            "diagnostics": [d.as_dict() for d in result.diagnostics],
        }
        stream = sys.stderr if to_stdout else sys.stdout
        print(json.dumps(report, ensure_ascii=False, indent=2), file=stream)
    elif not args.quiet:
        for diagnostic in result.diagnostics:
            print(f"{PROG}: {diagnostic.severity}: {diagnostic}", file=sys.stderr)
    return EXIT_OK


def run_check(args) -> int:
    from .checks.audit import PROFILES
    from .checks.report import summary_table, write_reports
    from .checks.runner import check_page

    modes = [name for value in args.mode for name in value.split(",") if name.strip()]
    if not args.target.startswith(("http://", "https://")) and not Path(args.target).is_file():
        raise OptionsError(f"{args.target}: no such file")
    report_dir = Path(args.report)
    audits = check_page(
        args.target, modes, widths=args.width, profile=PROFILES[args.profile] if args.profile else None,
        compare=args.compare, report_dir=report_dir, encoding=args.encoding,
        axe_impact=None if args.axe == "off" else args.axe, options=_mode_options(args, modes),
    )
    json_path, html_path = write_reports(audits, report_dir)
    print(summary_table(audits))
    print(f"reports: {json_path} {html_path}")
    return EXIT_OK if all(a.passed for a in audits) else EXIT_FAILED

#: Speech options that do not apply to ``speak`` (it writes one file, named by -o, and no page).
_SPEAK_EXCLUDED = frozenset({"audio_dir", "audio_url", "name", "audio_format", "player_script"})


def run_speak(args) -> int:
    from .modes.speech import SpeechOptions, read_aloud
    from .page import load
    from .progress import ProgressBar
    from .speech import captions as captions_format
    from .speech.errors import SpeechError

    output = Path(args.output)
    audio_format = output.suffix.lower().lstrip(".")
    if audio_format not in ("mp3", "wav"):
        raise OptionsError(f"{args.output}: the audio file must end in .mp3 or .wav")
    for path in (args.output, args.captions, args.timings):
        if path and args.input != "-" and same_file(args.input, path):
            raise OutputError(f"{path} is the input file")
        if path and Path(path).is_dir():
            raise OutputError(f"{path} is a directory; name the output file")
    values = {f.name: getattr(args, f"speak__{f.name}") for f in dataclasses.fields(SpeechOptions)
              if f.name not in _SPEAK_EXCLUDED and getattr(args, f"speak__{f.name}", None) is not None}
    options = SpeechOptions(audio_format=audio_format, **values)
    source = sys.stdin.buffer.read() if args.input == "-" else Path(args.input)
    page = load(source, encoding=args.encoding)
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    with ProgressBar(0, "speak", "segments", enabled=show and not args.quiet) as bar:
        result = read_aloud(page, options, progress=bar)
    if result is None:
        reasons = [d.message for d in page.diagnostics if d.severity == "warning"]
        raise SpeechError(reasons[-1] if reasons else "nothing to read on this page")
    narration = result.narration
    write_atomic(output, narration.data)
    if args.captions:
        write_atomic(args.captions, captions_format.webvtt(narration.cues))
    if args.timings:
        captions_name = Path(args.captions).name if args.captions else None
        write_atomic(args.timings, captions_format.timing_map(narration.cues, narration.duration, output.name, captions_name))
    if not args.quiet:
        minutes, seconds = divmod(round(narration.duration), 60)
        print(f"{PROG}: wrote {output} ({minutes} min {seconds:02d} s, {len(narration.cues)} segments, "
              f"{len(narration.synthesized)} synthesized, {len(narration.cached)} from the cache)", file=sys.stderr)
    return EXIT_OK


def _add_speak_options(parser: argparse.ArgumentParser) -> None:
    """``--<field>`` for the speech options that apply to one audio file."""
    from .modes.speech import SpeechOptions

    group = parser.add_argument_group("voices and reading")
    hints = typing.get_type_hints(SpeechOptions)
    for f in dataclasses.fields(SpeechOptions):
        if f.name in _SPEAK_EXCLUDED:
            continue
        flag, dest, kind = f"--{f.name.replace('_', '-')}", f"speak__{f.name}", hints.get(f.name)
        if kind is bool:
            group.add_argument(flag, dest=dest, action=argparse.BooleanOptionalAction, default=None,
                               help=f.metadata.get("help", ""))
            continue
        choices = _literal_choices(kind)
        group.add_argument(flag, dest=dest, default=None, choices=choices, type=_converter(kind),
                           metavar=None if choices else f.name.upper(), help=f.metadata.get("help", ""))


def run_build(args) -> int:
    from .build import BuildOptions, build_site
    from .progress import ProgressBar

    options = BuildOptions(
        modes=tuple(m.strip() for m in args.modes.split(",") if m.strip()), speech=args.speech, jobs=args.jobs,
        executor=args.executor, scheduler=args.scheduler, site_url=args.site_url,
    )
    show = args.progress if args.progress is not None else sys.stderr.isatty()
    with ProgressBar(0, "build", "pages", enabled=show and not args.quiet) as bar:
        summary = build_site(args.src, args.output, options, progress=bar)
    for relpath, reason in summary.failed:
        print(f"{PROG}: failed: {relpath}: {reason}", file=sys.stderr)
    if not args.quiet:
        print(f"{PROG}: {summary}", file=sys.stderr)
    if summary.failed:
        _fail(f"{len(summary.failed)} of {summary.pages} pages failed")
        return EXIT_FAILED
    return EXIT_OK


def run_serve(args) -> int:
    from .wsgi import serve

    directory = Path(args.directory)
    if not directory.is_dir():
        raise OptionsError(f"{args.directory}: not a directory")
    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    print(f"{PROG}: serving {directory} at http://{args.host}:{args.port}/ (versions: {', '.join(modes)}); Ctrl-C stops",
          file=sys.stderr)
    try:
        serve(directory, modes, host=args.host, port=args.port)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def run_modes(args) -> int:
    for mode in sorted(registry().values(), key=lambda m: m.order):
        print(f"{mode.name:<12} {mode.summary}")
    return EXIT_OK


def run_themes(args) -> int:
    invalid = 0
    for name in list_themes(args.kind, args.dir):
        try:
            theme = load_theme(name, args.dir)
        except ThemeError as error:
            print(f"{PROG}: invalid theme: {error}", file=sys.stderr)
            invalid += 1
            continue
        labels = " / ".join(theme.labels[key] for key in ("zh-Hans", "zh-Hant", "en") if key in theme.labels)
        print(f"{name:<18} {theme.kind:<10} {labels}  ({theme.path})")
    return EXIT_FAILED if invalid else EXIT_OK


# -- options of the modes, derived from their dataclasses ------------------------------------

def _add_mode_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--<mode>-<field>`` for every field of every mode's options dataclass."""
    for mode in sorted(registry().values(), key=lambda m: m.order):
        if mode.options is None:
            continue
        group = parser.add_argument_group(f"{mode.name} mode")
        hints = typing.get_type_hints(mode.options)
        for f in dataclasses.fields(mode.options):
            if f.name.startswith("_") or not f.init:
                continue
            flag = f"--{mode.name}-{f.name.replace('_', '-')}"
            kind = hints.get(f.name)
            help_text = f.metadata.get("help", "")
            dest = f"{mode.name}__{f.name}"
            if kind is bool:
                group.add_argument(flag, dest=dest, action=argparse.BooleanOptionalAction, default=None, help=help_text)
                continue
            choices = _literal_choices(kind)
            converter = _converter(kind)
            group.add_argument(flag, dest=dest, default=None, choices=choices, type=converter,
                               metavar=None if choices else f.name.upper(), help=help_text)


def _mode_options(args, modes: list[str]) -> dict:
    chosen = {m.strip().lower() for m in modes}
    per_mode: dict[str, dict] = {}
    for key, value in vars(args).items():
        if "__" not in key or value is None:
            continue
        mode, name = key.split("__", 1)
        if mode not in chosen:
            raise OptionsError(f"--{mode}-{name.replace('_', '-')} needs --mode {mode}")
        per_mode.setdefault(mode, {})[name] = value
    out = {}
    for mode, values in per_mode.items():
        options_type = registry()[mode].options
        out[mode] = dataclasses.replace(options_type(), **values)
    return out


def _literal_choices(kind):
    args = typing.get_args(kind)
    if typing.get_origin(kind) is typing.Literal:
        return list(args)
    for arg in args:  # Optional[Literal[...]]
        if typing.get_origin(arg) is typing.Literal:
            return list(typing.get_args(arg))
    return None


def _converter(kind):
    candidates = [kind, *typing.get_args(kind)]
    for candidate in candidates:
        if candidate in (int, float, Path):
            return candidate
    return str


def _fail(reason: str) -> None:
    print(f"{PROG}: error: {reason.splitlines()[0] if reason else 'failed'}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
