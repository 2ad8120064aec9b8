"""Reports of audits: a summary table for the terminal, JSON for machines, HTML for people.

Everything taken from the page (text, selectors) is escaped before it reaches the HTML
report: a report about a page must not become a copy of that page's markup.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

from ..output import write_atomic
from .runner import PageAudit


def summary_table(audits: list[PageAudit]) -> str:
    rows = [("version", "requirement", "width", "checked", "failed", "required", "outcome")]
    for result in audits:
        for check in result.checks:
            rows.append((result.label, check.requirement, str(check.width or ""), str(check.checked),
                         str(len(check.failures)), check.required, check.outcome.upper() if not check.passed else check.outcome))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    for result in audits:
        verdict = "passed" if result.passed else "FAILED"
        lines.append(f"{result.label}: {verdict} ({result.profile} profile, {result.seconds:.1f} s)")
    return "\n".join(lines)


def as_dict(audits: list[PageAudit]) -> dict:
    return {
        "passed": all(a.passed for a in audits),
        "versions": [{
            "label": a.label, "source": a.source, "modes": list(a.modes), "profile": a.profile,
            "passed": a.passed, "seconds": round(a.seconds, 3),
            "screenshots": {str(w): p for w, p in a.screenshots.items()},
            "checks": [check.as_dict() for check in a.checks],
        } for a in audits],
    }


def write_reports(audits: list[PageAudit], directory: Path) -> tuple[Path, Path]:
    """Write ``report.json`` and ``report.html`` into ``directory``."""
    json_path = write_atomic(directory / "report.json", json.dumps(as_dict(audits), ensure_ascii=False, indent=2))
    html_path = write_atomic(directory / "report.html", html_report(audits))
    return json_path, html_path


def html_report(audits: list[PageAudit]) -> str:
    columns = "".join(_version(a) for a in audits)
    verdict = "passed" if all(a.passed for a in audits) else "failed"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>a11yrender check: {escape(audits[0].source) if audits else ''}</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 1rem; color: #111; background: #fff; }}
.versions {{ display: grid; grid-template-columns: repeat({max(len(audits), 1)}, minmax(0, 1fr)); gap: 1.5rem; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border: 1px solid #888; padding: .25rem .5rem; text-align: left; vertical-align: top; }}
.failed {{ color: #a00000; font-weight: bold; }} .passed {{ color: #006100; }}
img {{ max-width: 100%; border: 1px solid #888; }} .shots img {{ max-height: 40rem; object-fit: cover; object-position: top; }}
code {{ word-break: break-all; }}
</style></head><body>
<h1>a11yrender check: <span class="{verdict}">{verdict}</span></h1>
<p>Page: <code>{escape(audits[0].source) if audits else ''}</code></p>
<div class="versions">{columns}</div>
</body></html>
"""


def _version(result: PageAudit) -> str:
    verdict = "passed" if result.passed else "failed"
    shots = "".join(
        f'<figure><img src="{escape(path)}" alt="the page at {width} px"><figcaption>{width} px</figcaption></figure>'
        for width, path in sorted(result.screenshots.items(), reverse=True)
    )
    rows = "".join(
        f"<tr><td>{escape(c.requirement)}</td><td>{c.width or ''}</td><td>{c.checked}</td><td>{len(c.failures)}</td>"
        f'<td>{escape(c.required)}</td><td class="{"passed" if c.passed else "failed"}">{c.outcome}</td></tr>'
        for c in result.checks
    )
    failures = []
    for check in result.checks:
        for finding in check.failures:
            shot = result.element_shots.get((check.requirement, check.width, finding.selector))
            image = f'<br><img src="{escape(shot)}" alt="the failing element">' if shot else ""
            failures.append(
                f"<li><strong>{escape(finding.requirement)}</strong> at {check.width or ''} px: "
                f"<code>{escape(finding.selector or 'the page')}</code> {escape(finding.text[:60])!s} "
                f"measured {escape(finding.measured)}, required {escape(finding.required)}{image}</li>"
            )
    failure_list = f"<h3>Failures</h3><ol>{''.join(failures)}</ol>" if failures else "<p>No failures.</p>"
    return (f'<section><h2>{escape(result.label)}: <span class="{verdict}">{verdict}</span></h2>'
            f"<p>Profile: {escape(result.profile)}; {result.seconds:.1f} s</p>"
            f'<div class="shots">{shots}</div>'
            f"<table><tr><th>requirement</th><th>width</th><th>checked</th><th>failed</th><th>required</th>"
            f"<th>outcome</th></tr>{rows}</table>{failure_list}</section>")
