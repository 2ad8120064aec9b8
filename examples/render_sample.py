"""The main job on the bundled sample: the interview rendered in every mode into ``out/``.

    python examples/render_sample.py [OUT_DIR]

Each variant is written as ``OUT_DIR/<variant>/index.html`` beside a copy of the page's
images and stylesheets, so it opens as it would on the site; the speech variant also gets
its audio (``speech.mp3``), captions (``speech.vtt``) and timing map (``speech.json``). Variants whose modes are not
registered in this version are listed as skipped.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import a11yrender
from a11yrender.output import write_atomic

SAMPLE = Path(__file__).resolve().parent / "lingang-interview"
ASSETS = ("images", "css", "js")

#: Variant directory name -> modes (and options) it is rendered with.
VARIANTS: dict[str, tuple[list[str], dict]] = {
    "original": (["original"], {}),
    # The elder version links back to the standard version, published beside it.
    "elder": (["elder"], {"standard_url": "../original/index.html"}),
    "contrast": (["contrast"], {}),
    "elder-contrast": (["elder", "contrast"], {"standard_url": "../original/index.html"}),
    "zh-hant": (["traditional"], {}),
    "zh-hant-tw": (["traditional"], {"region": "tw"}),
    "zh-hant-hk": (["traditional"], {"region": "hk"}),
    "elder-zh-hant": (["elder", "traditional"], {"standard_url": "../zh-hant/index.html"}),
    "speech": (["speech"], {}),
}


def main(out_dir: Path) -> int:
    known = set(a11yrender.known_modes())
    for variant, (modes, options) in VARIANTS.items():
        if not set(modes) <= known:
            print(f"{variant:<16} skipped (mode not in this version: {', '.join(sorted(set(modes) - known))})")
            continue
        target = out_dir / variant
        for asset in ASSETS:
            shutil.copytree(SAMPLE / asset, target / asset, dirs_exist_ok=True)
        if "speech" in modes:  # the audio, captions and timing map go beside the page
            options = {**options, "audio_dir": target}
        started = time.perf_counter()
        result = a11yrender.render(SAMPLE / "index.html", modes, base_dir=SAMPLE, **options)
        path = write_atomic(target / "index.html", result.to_bytes())
        seconds = time.perf_counter() - started
        extra = "".join(f", {role}: {p}" for role, p in result.outputs.items())
        print(f"{variant:<16} {path}  ({seconds:.2f} s, {len(result.diagnostics)} diagnostics{extra})")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("out")))
