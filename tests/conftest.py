"""Shared fixtures: the corpus, the sample, and Debian's Chromium for pytest-playwright."""

from __future__ import annotations

import pytest

import corpus
from a11yrender import checks


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch the system Chromium (Playwright cannot download one on a closed network)."""
    return {**browser_type_launch_args, **checks.launch_options()}


@pytest.fixture(scope="session")
def sample_path():
    return corpus.SAMPLE


@pytest.fixture(scope="session")
def sample_dir():
    return corpus.SAMPLE.parent
