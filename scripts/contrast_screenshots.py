"""Screenshots of the sample in every contrast theme, for docs/modes/contrast.md.

    .venv/bin/python scripts/contrast_screenshots.py [OUT_DIR]

Renders examples/lingang-interview in each shipped contrast theme (and as published, for
comparison), opens it offline in Chromium and saves the top of the page as
``OUT_DIR/contrast-<theme>.png`` (default ``docs/images``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from a11yrender import checks, render
from a11yrender.output import write_atomic
from a11yrender.themes import list_themes

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "examples" / "lingang-interview" / "index.html"
#: The part of the page shown: the table layout is 1000 px wide; the first screen holds the
#: toolbar, the banner, the navigation over its former background image, the title and the
#: start of the interview.
CLIP = {"x": 0, "y": 0, "width": 1000, "height": 660}


def main(out_dir: Path) -> int:
    variants = [("original", ["original"], {})] + [(theme, ["contrast"], {"theme": theme}) for theme in list_themes("contrast")]
    with sync_playwright() as playwright:
        browser = checks.launch(playwright)
        page = browser.new_page(viewport={"width": CLIP["width"], "height": CLIP["height"]})
        for name, modes, options in variants:
            result = render(SAMPLE, modes, **options)
            checks.open_html(page, result.html, base_dir=SAMPLE.parent)
            page.evaluate("window.__floatTimer && clearInterval(window.__floatTimer)")  # the drifting window
            png = page.screenshot(clip=CLIP, animations="disabled", caret="hide")
            path = write_atomic(out_dir / f"contrast-{name}.png", png)
            print(f"{name:<16} {path} ({len(png) // 1024} KB)")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "images"))
