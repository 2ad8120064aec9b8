"""a11yrender: the elder, high-contrast, traditional-script and read-aloud versions of a page.

The whole public API is here::

    import a11yrender
    result = a11yrender.render(Path("page.html"), ["elder", "traditional"])
    result.html, result.diagnostics

Browser measurements for QA live in :mod:`a11yrender.checks` (they need Playwright).
"""

__version__ = "0.1.0"

from .diagnostics import Diagnostic
from .errors import A11yRenderError, InputError, OptionsError, OutputError, ThemeError, UnknownModeError
from .modes import known_modes, register
from .modes.traditional import SimplifiedOptions, TraditionalOptions
from .modes.contrast import ContrastOptions
from .modes.elder import ElderOptions
from .options import RenderOptions
from .page import Page, load
from .render import RenderContext, RenderError, RenderResult, render
from .modes.speech import SpeechOptions
from .speech.errors import EngineUnavailableError, SpeechError, VoiceNotFoundError
from .build import BuildOptions, BuildSummary, build_site
from .publish import publish

__all__ = [
    "__version__", "render", "RenderResult", "RenderOptions", "RenderContext", "Diagnostic", "Page", "load",
    "known_modes", "register", "A11yRenderError", "InputError", "OptionsError", "OutputError", "RenderError",
    "ThemeError", "UnknownModeError", "ElderOptions", "ContrastOptions", "TraditionalOptions", "SimplifiedOptions",
    "SpeechOptions", "SpeechError", "EngineUnavailableError", "VoiceNotFoundError",
    "BuildOptions", "BuildSummary", "build_site", "publish",
]
