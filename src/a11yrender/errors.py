"""The library's exceptions: one base class, so a caller can catch everything we raise.

Pages are messy and are handled leniently (problems become diagnostics); callers are held
to what they pass, so a bad argument or an unusable input is an exception of this family,
never a traceback from lxml or the file system.
"""


class A11yRenderError(Exception):
    """Base class of every error a11yrender raises on purpose."""


class InputError(A11yRenderError):
    """The source cannot be read or is not something a page can be made from."""


class OptionsError(A11yRenderError, ValueError):
    """An option, or a combination of options, that the library does not accept."""


class UnknownModeError(OptionsError):
    """A mode name that is not registered; the message lists the known ones."""

    def __init__(self, name: str, known: list[str]):
        self.name = name
        self.known = known
        super().__init__(f"unknown mode {name!r}; known modes: {', '.join(known)}")


class ThemeError(A11yRenderError):
    """A theme that is missing, malformed, or fails its own contrast requirements."""


class OutputError(A11yRenderError):
    """The output cannot be written (or would overwrite the input without being asked)."""
