"""The one HTML sanitizer: editors' rich text passes through ``clean_html`` on save and render.

Control characters are taken out of every text a request carries (``strip_control``, applied
by ``request_args.InputRequest``) and out of what the feeds write, for rows stored before.
"""

import re
from functools import partial

from bleach.linkifier import LinkifyFilter
from bleach.sanitizer import Cleaner
from markupsafe import Markup

ALLOWED_TAGS = frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener"


def _set_rel(attrs, new=False):
    """Every link leaves the site without passing trust or a window handle."""
    attrs[(None, "rel")] = LINK_REL
    return attrs


_cleaner = Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    protocols=ALLOWED_PROTOCOLS,
    strip=True,
    strip_comments=True,
    filters=[partial(LinkifyFilter, callbacks=[_set_rel], parse_email=False)],
)


def clean_html(html: str | None) -> str:
    """Return ``html`` reduced to the allowlist: paragraphs, bold, lists and safe links."""
    return _cleaner.clean(html or "")


def safe_html(html: str | None) -> Markup:
    """Sanitize ``html`` and mark it safe for a template (the ``|clean_html`` filter)."""
    return Markup(clean_html(html))  # noqa: S704 (sanitized just above)


# C0 controls but tab, line feed and carriage return; DEL; C1 controls; lone surrogates; and
# the two non-characters XML forbids. Nobody types them on purpose; a pasted one breaks an XML
# feed, and PostgreSQL cannot store a NUL at all.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def strip_control(text: str) -> str:
    """``text`` without control characters (line breaks and tabs stay)."""
    return CONTROL_CHARACTERS.sub("", text)
