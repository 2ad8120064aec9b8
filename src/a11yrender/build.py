"""Building a whole site: every page in every version, incrementally, in parallel.

The driver (this process) walks the source tree, hashes each page, asks the manifest which
versions are out of date, and hands those to an executor; workers render, link the
versions to each other, and write their files atomically. Assets are hard-linked (or copied)
into every version's tree so each tree works on its own. The manifest records a page only
once all its files are written, so a build killed at any moment and run again finishes the
job and leaves a consistent tree.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import __version__
from . import modes as mode_registry
from .errors import A11yRenderError, OptionsError
from .executors import executor_for
from .manifest import MANIFEST_DIR, Entry, Manifest
from .output import clear_stale_temporaries, write_atomic
from .render import transform
from .themes import MANIFEST, theme_dirs
from .versions import PAGE_SUFFIXES, STANDARD, Site, Variant, link_versions, relative_url, variants_for

#: Rows written to the manifest per transaction, and the longest wait between commits.
COMMIT_EVERY = 200
COMMIT_SECONDS = 1.0
#: Modes whose output depends on theme files of the same kind (a changed theme re-renders their versions).
THEMED_MODES = ("elder", "contrast")

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What to build. ``modes`` names the variants (``"elder+contrast"`` combines two)."""

    modes: tuple[str, ...] = ("elder", "contrast", "traditional")
    speech: bool = False
    jobs: int = 1
    executor: str = "local"
    scheduler: object = None
    #: The site's own address, so absolute links to it are recognised as internal.
    site_url: str | None = None


@dataclass
class BuildSummary:
    pages: int = 0
    rendered: int = 0
    unchanged: int = 0
    removed: int = 0
    assets: int = 0
    assets_copied: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    files_written: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        rate = self.pages / self.seconds if self.seconds else 0.0
        return (f"{self.pages} pages ({self.rendered} rendered, {self.unchanged} unchanged, {len(self.failed)} failed), "
                f"{self.removed} removed, {self.assets} assets ({self.assets_copied} copied), "
                f"{self.files_written} files written in {self.seconds:.1f} s ({rate:.1f} pages/s)")


@dataclass(frozen=True, slots=True)
class PageJob:
    """Render one page's out-of-date versions (picklable: it may run on another machine)."""

    source: str
    relpath: str
    out_dir: str
    variants: tuple[Variant, ...]
    render: tuple[str, ...]  # names of the variants to render now
    site: Site
    digest: str
    configs: tuple[tuple[str, str], ...]


@dataclass(slots=True)
class PageDone:
    relpath: str
    digest: str
    entries: list[Entry]
    error: str | None = None
    warnings: int = 0


def build_site(src: str | os.PathLike, out: str | os.PathLike, options: BuildOptions = BuildOptions(),
               progress: Progress | None = None) -> BuildSummary:
    """Render every page under ``src`` into ``out``, one tree per version."""
    started = time.monotonic()
    src_dir, out_dir = Path(src).resolve(), Path(out).resolve()
    if not src_dir.is_dir():
        raise OptionsError(f"{src}: not a directory")
    if out_dir == src_dir:
        raise OptionsError("the output directory must not be the source directory")
    variants = variants_for(list(options.modes), options.speech)
    for variant in variants:
        mode_registry.resolve(variant.modes)  # an unknown mode fails here, not on every page
    _check_collisions(src_dir, out_dir, variants)
    site = Site(options.site_url)
    configs = {v.name: variant_config(v, variants, site) for v in variants}
    manifest = Manifest(out_dir)
    clear_stale_temporaries(temporaries(out_dir))
    build = manifest.next_build()
    summary = BuildSummary()
    total = sum(1 for _ in _pages(src_dir, out_dir))
    done = 0

    executor = executor_for(options.executor, options.jobs, options.scheduler)
    pending: list[Entry] = []
    seen: list[str] = []
    last_commit = time.monotonic()

    def flush(force: bool = False) -> None:
        nonlocal last_commit, pending, seen
        if force or len(pending) + len(seen) >= COMMIT_EVERY or time.monotonic() - last_commit >= COMMIT_SECONDS:
            manifest.record_pages(pending, build)
            manifest.mark_seen("pages", seen, build)
            pending, seen = [], []
            last_commit = time.monotonic()

    def jobs() -> Iterator[PageJob]:
        nonlocal done
        for relpath, path in _pages(src_dir, out_dir):
            summary.pages += 1
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError as error:  # unreadable (a dangling link, no permission): report, go on
                summary.failed.append((relpath, f"cannot read it: {error.strerror or error}"))
                seen.extend(page_key(relpath, v) for v in variants)
                done += 1
                if progress:
                    progress(done, total)
                continue
            stale = []
            for variant in variants:
                key = page_key(relpath, variant)
                if up_to_date(manifest, out_dir, key, digest, configs[variant.name]):
                    seen.append(key)
                else:
                    stale.append(variant.name)
            if not stale:
                summary.unchanged += 1
                done += 1
                if progress:
                    progress(done, total)
                flush()
                continue
            yield PageJob(str(path), relpath, str(out_dir), variants, tuple(stale), site, digest,
                          tuple(configs.items()))

    try:
        for result in executor.map_unordered(render_page_versions, jobs()):
            done += 1
            if result.error:
                summary.failed.append((result.relpath, result.error))
                # Keep what an earlier build made of it rather than removing it as gone.
                seen.extend(page_key(result.relpath, v) for v in variants)
            else:
                summary.rendered += 1
                for entry in result.entries:
                    old = manifest.page(entry.relpath)
                    if old:
                        remove_outputs(out_dir, set(old.outputs) - set(entry.outputs))
                    summary.files_written += len(entry.outputs)
                pending.extend(result.entries)
            if progress:
                progress(done, total)
            flush()
        flush(force=True)
    finally:
        executor.close()

    summary.assets, summary.assets_copied = _mirror_assets(src_dir, out_dir, variants, manifest, build)
    summary.removed = _remove_unseen(out_dir, manifest, build)
    manifest.close()
    summary.seconds = time.monotonic() - started
    return summary


def render_page_versions(job: PageJob) -> PageDone:
    """Render and write the versions ``job`` asks for (runs in a worker)."""
    source = Path(job.source)
    configs = dict(job.configs)
    entries: list[Entry] = []
    warnings = 0
    try:
        data = source.read_bytes()
        for variant in job.variants:
            if variant.name not in job.render:
                continue
            outputs = write_version(data, source.parent, job.relpath, Path(job.out_dir), variant, job.variants, job.site)
            entries.append(Entry(page_key(job.relpath, variant), job.digest, configs[variant.name], tuple(outputs[0])))
            warnings += outputs[1]
    except A11yRenderError as error:
        return PageDone(job.relpath, job.digest, [], error=str(error).splitlines()[0])
    except Exception as error:  # one broken page must not stop a site build
        return PageDone(job.relpath, job.digest, [], error=f"{type(error).__name__}: {error}".splitlines()[0])
    return PageDone(job.relpath, job.digest, entries, warnings=warnings)


def write_version(data: bytes, base_dir: Path, relpath: str, out_dir: Path, variant: Variant,
                  variants: tuple[Variant, ...], site: Site) -> tuple[list[str], int]:
    """Render one version of one page and write it; returns (outputs relative to ``out_dir``, warnings)."""
    target = variant.output_path(relpath)
    options = dict(variant.options)
    options.update(_page_options(variant, variants, relpath, out_dir))
    page, context = transform(data, list(variant.modes), base_dir=base_dir, **options)
    link_versions(page, relpath, variant, variants, site)
    write_atomic(out_dir / target, page.to_bytes(), temp_dir=temporaries(out_dir))
    outputs = [target]
    for extra in context.outputs.values():
        try:
            outputs.append(Path(extra).resolve().relative_to(out_dir).as_posix())
        except ValueError:
            pass  # written outside the output tree (a shared cache): not this build's to remove
    return outputs, sum(d.severity == "warning" for d in page.diagnostics)


def variant_config(variant: Variant, variants: tuple[Variant, ...], site: Site) -> str:
    """A digest of everything a version's output depends on besides the page itself.

    The theme files of the kinds its modes use are part of it (an elder version does not
    depend on the contrast themes), so a changed theme re-renders the versions it affects.
    """
    themes = hashlib.sha256()
    for kind in THEMED_MODES:
        if kind in variant.modes:
            for directory in theme_dirs():
                for manifest in sorted(directory.glob(f"*/{MANIFEST}")):
                    if json.loads(manifest.read_text(encoding="utf-8")).get("kind") != kind:
                        continue
                    for path in sorted(manifest.parent.rglob("*")):
                        if path.is_file():
                            themes.update(path.relative_to(directory).as_posix().encode())
                            themes.update(path.read_bytes())
    described = {
        "version": __version__, "variant": [variant.name, list(variant.modes), repr(variant.options)],
        "versions": [v.name for v in variants], "site": site.url, "themes": themes.hexdigest(),
    }
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def temporaries(out: Path) -> Path:
    """Where a build's files are written before they are renamed into place."""
    return out / MANIFEST_DIR / "tmp"


def page_key(relpath: str, variant: Variant) -> str:
    """The manifest's key for one version of one page."""
    return f"{variant.name}:{relpath}"


def up_to_date(manifest: Manifest, out: Path, key: str, digest: str, config: str) -> Entry | None:
    """The manifest entry for ``key`` when its outputs are current and all on disk, else None."""
    entry = manifest.page(key)
    if entry and entry.key == digest and entry.config == config and outputs_exist(out, entry.outputs):
        return entry
    return None


def outputs_exist(out: Path, outputs: tuple[str, ...]) -> bool:
    return all((out / o).exists() for o in outputs)


def remove_outputs(out: Path, outputs: set[str]) -> None:
    """Delete output files (and the directories they leave empty)."""
    for output in outputs:
        path = out / output
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        parent = path.parent
        while parent != out and parent.is_relative_to(out):
            try:
                parent.rmdir()  # only when empty
            except OSError:
                break
            parent = parent.parent


# -- internals ---------------------------------------------------------------------------


def _page_options(variant: Variant, variants: tuple[Variant, ...], relpath: str, out_dir: Path) -> dict:
    """Options that depend on where the page is: audio beside it, the way back to the standard page."""
    options: dict = {}
    here = variant.output_path(relpath)
    if "speech" in variant.modes:
        # Beside the page, named after it (t1.html: t1.mp3, t1.vtt, t1.json): each tree stands alone.
        options.update(audio_dir=out_dir / Path(here).parent, name=Path(relpath).stem, audio_format="mp3")
    if "elder" in variant.modes:
        options["standard_url"] = relative_url(here, STANDARD.output_path(relpath))
    return options


def _pages(src: Path, out: Path) -> Iterator[tuple[str, Path]]:
    for relpath, path in _files(src, out):
        if path.suffix.lower() in PAGE_SUFFIXES:
            yield relpath, path


def _files(src: Path, out: Path) -> Iterator[tuple[str, Path]]:
    for directory, subdirs, files in os.walk(src):
        here = Path(directory)
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and (here / d).resolve() != out)
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = here / name
            yield path.relative_to(src).as_posix(), path


def _check_collisions(src: Path, out: Path, variants: tuple[Variant, ...]) -> None:
    for variant in variants:
        if variant.prefix and (src / variant.prefix).exists():
            raise OptionsError(f"the site has its own {variant.prefix}/ directory; it would collide with the "
                               f"{variant.name} version's tree")


def _mirror_assets(src: Path, out: Path, variants: tuple[Variant, ...], manifest: Manifest, build: int) -> tuple[int, int]:
    total = copied = 0
    batch: list[Entry] = []
    seen: list[str] = []
    for relpath, path in _files(src, out):
        if path.suffix.lower() in PAGE_SUFFIXES:
            continue
        total += 1
        info = path.stat()
        stamp = f"{info.st_size}:{info.st_mtime_ns}"
        outputs = tuple(v.output_path(relpath) for v in variants)
        entry = manifest.asset(relpath)
        if entry and entry.key == stamp and set(entry.outputs) == set(outputs) and outputs_exist(out, outputs):
            seen.append(relpath)
        else:
            for output in outputs:
                _link_or_copy(path, out / output, temporaries(out))
            copied += 1
            if entry:
                remove_outputs(out, set(entry.outputs) - set(outputs))
            batch.append(Entry(relpath, stamp, "", outputs))
        if len(batch) + len(seen) >= COMMIT_EVERY:
            manifest.record_assets(batch, build)
            manifest.mark_seen("assets", seen, build)
            batch, seen = [], []
    manifest.record_assets(batch, build)
    manifest.mark_seen("assets", seen, build)
    return total, copied


def _link_or_copy(source: Path, target: Path, temp_dir: Path) -> None:
    """Hard-link (no extra space) or, across file systems, copy; atomically either way."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp_dir.mkdir(parents=True, exist_ok=True)
    temporary = temp_dir / f"{os.getpid()}.{target.name}.{id(target)}.tmp"
    try:
        try:
            os.link(source, temporary)
        except OSError:
            shutil.copy2(source, temporary)
        os.replace(temporary, target)
    finally:
        if temporary.exists():
            temporary.unlink()


def _remove_unseen(out: Path, manifest: Manifest, build: int) -> int:
    removed = 0
    for table in ("pages", "assets"):
        gone = []
        for relpath, outputs in manifest.unseen(table, build):
            remove_outputs(out, set(outputs))
            gone.append(relpath)
        manifest.forget(table, gone)
        if table == "pages":
            removed = len({key.split(":", 1)[1] for key in gone})
    return removed
