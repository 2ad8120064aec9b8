"""The speech package's errors, in the library's family (:class:`A11yRenderError`)."""

from ..errors import A11yRenderError


class SpeechError(A11yRenderError):
    """Speech could not be made: an engine failed, or its output was unusable."""


class EngineUnavailableError(SpeechError):
    """No speech engine can run here (pyttsx3 or libespeak-ng missing); the message says what to install."""


class VoiceNotFoundError(SpeechError):
    """The engine has no voice of that name or for that language."""


class NothingToReadError(SpeechError):
    """The page's script has no segment a listener would hear."""
