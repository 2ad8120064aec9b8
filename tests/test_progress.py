"""The progress bar: done/total, rate, time left; redrawn on a terminal, logged elsewhere."""

import io

from a11yrender import progress
from a11yrender.progress import ProgressBar, format_seconds


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_log_lines_show_done_total_rate_and_the_end(monkeypatch):
    stream = io.StringIO()
    bar = ProgressBar(4, "speak", "segments", stream=stream)
    bar.update(1)
    bar.update(3)
    bar.close()
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("speak [") and "1/4 segments" in lines[0] and "25%" in lines[0] and "ETA" in lines[0]
    assert "4/4 segments" in lines[-1] and "100%" in lines[-1] and "done in" in lines[-1]
    assert "segments/s" in lines[-1]
    assert len(lines) == 2  # a log gets a line at most every LOG_INTERVAL, and the last


def test_terminal_redraws_in_place():
    stream = Terminal()
    with ProgressBar(2, "speak", stream=stream) as bar:
        bar.set(1)
    out = stream.getvalue()
    assert out.startswith("\r\x1b[2K") and out.endswith("\n") and out.count("\n") == 1


def test_as_a_callback_it_learns_the_total():
    stream = io.StringIO()
    bar = ProgressBar(0, stream=stream)
    bar(3, 10)
    assert bar.total == 10 and bar.done == 3
    assert bar.eta is not None and bar.eta >= 0


def test_disabled_prints_nothing():
    stream = io.StringIO()
    with ProgressBar(3, stream=stream, enabled=False) as bar:
        bar.update(3)
    assert stream.getvalue() == ""


def test_eta_from_the_rate(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(progress.time, "monotonic", lambda: now[0])
    bar = ProgressBar(10, stream=io.StringIO())
    now[0] += 2.0
    bar.set(4)
    assert bar.rate == 2.0 and bar.eta == 3.0
    assert "ETA 3s" in bar.line()


def test_seconds_read_like_a_clock():
    assert format_seconds(42) == "42s"
    assert format_seconds(185) == "3m05s"
    assert format_seconds(3720) == "1h02m"
