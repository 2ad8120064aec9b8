"""The identity mode: the page decoded, declared UTF-8 and serialized, nothing else.

Decoding and the charset declaration happen in :mod:`a11yrender.page` for every render, so
this mode's function has nothing left to do; it exists so that ``original`` is a mode like
the others (a site build renders it as the standard version).
"""

from ..page import Page
from . import register


@register("original", order=0)
def original(page: Page, context) -> Page:
    """The page as published, re-encoded as UTF-8."""
    return page
