"""What a public reader chose and the site keeps: the language and the large-text mode (长辈版).

Both are switched by a plain link (``?lang=en``, ``?large=1``), so they work without
JavaScript, and kept in a cookie until switched again. The switch links keep the rest of
the address: the search term, the filters, ``?board=`` and ``?workshop=``.
"""

from flask import request

from workshop_credit.core.i18n import LANGUAGES
from workshop_credit.core.request_args import this_page_with

LANGUAGE_COOKIE, LARGE_COOKIE = "lang", "large"
YEAR = 365 * 24 * 3600


def large_text(req=request) -> bool:
    """Whether the page is shown in large text: ``?large=`` first, then the cookie."""
    asked = req.args.get("large")
    if asked in ("0", "1"):
        return asked == "1"
    return req.cookies.get(LARGE_COOKIE) == "1"


def remember(response, req):
    """Keep a language or mode asked for in the address in a cookie, for the next pages."""
    if not req.args or req.blueprint == "admin":
        return
    for name, allowed in ((LANGUAGE_COOKIE, LANGUAGES), (LARGE_COOKIE, ("0", "1"))):
        value = req.args.get(name)
        if value in allowed and req.cookies.get(name) != value:
            response.set_cookie(name, value, max_age=YEAR, samesite="Lax", httponly=True)


def context() -> dict:
    """``large_text`` and ``switch_url`` for templates."""
    return {"large_text": large_text(), "switch_url": this_page_with}
