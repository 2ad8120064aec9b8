"""open_html answers byte ranges, as a web server does (audio and video seek with them)."""

import pytest

from a11yrender.checks import open_html

pytestmark = pytest.mark.browser


def test_byte_ranges_are_served(page, tmp_path):
    (tmp_path / "data.bin").write_bytes(bytes(range(10)))
    open_html(page, "<!DOCTYPE html><html><body>x</body></html>", base_dir=tmp_path)
    answers = page.evaluate("""async () => {
        const get = async (range) => { const r = await fetch('data.bin', range ? {headers: {Range: range}} : {});
            return [r.status, r.headers.get('content-range'), Array.from(new Uint8Array(await r.arrayBuffer()))]; };
        return [await get('bytes=2-4'), await get('bytes=7-'), await get('bytes=-3'), await get(null)]; }""")
    assert answers[0] == [206, "bytes 2-4/10", [2, 3, 4]]
    assert answers[1] == [206, "bytes 7-9/10", [7, 8, 9]]
    assert answers[2] == [206, "bytes 7-9/10", [7, 8, 9]]
    assert answers[3] == [200, None, list(range(10))]
