"""The before/after screenshots of docs/modes/elder.md: the sample as published and in elder
mode, at 1280 and 320 px, taken in the same headless Chromium the tests use.

    python examples/elder_screenshots.py [OUT_DIR]     (default: docs/images)
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

import a11yrender
from a11yrender import checks

SAMPLE = Path(__file__).resolve().parent / "lingang-interview" / "index.html"
#: Height of each shot: the first screen a reader sees.
SHOT_HEIGHT = {checks.DESKTOP_WIDTH: 900, checks.NARROW_WIDTH: 640}


def main(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = {
        "before": a11yrender.render(SAMPLE, ["original"]).html,
        "after": a11yrender.render(SAMPLE, ["elder"], standard_url="../original/index.html").html,
    }
    with sync_playwright() as playwright:
        browser = checks.launch(playwright)
        page = browser.new_page()
        for name, html in pages.items():
            for width, height in SHOT_HEIGHT.items():
                checks.open_html(page, html, base_dir=SAMPLE.parent, width=width)
                page.set_viewport_size({"width": width, "height": height})
                path = out_dir / f"elder-sample-{name}-{width}.png"
                page.screenshot(path=str(path))
                print(path)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs" / "images"))
