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


@pytest.fixture(scope="session")
def speech_cache_dir(tmp_path_factory):
    """One segment cache for the session: each text is synthesized once, whichever test asks."""
    return tmp_path_factory.mktemp("speech-cache")


@pytest.fixture(scope="session")
def sample_speech(speech_cache_dir, tmp_path_factory):
    """The sample rendered in speech mode once per session: real espeak-ng audio, as WAV."""
    import a11yrender

    out = tmp_path_factory.mktemp("sample-speech")
    return a11yrender.render(corpus.SAMPLE, ["speech"], audio_dir=out, audio_format="wav", cache_dir=speech_cache_dir)
