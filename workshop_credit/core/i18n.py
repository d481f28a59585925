"""Languages of the public pages: Simplified Chinese by default, English on request.

Message ids are the Chinese texts. Labels defined away from a request (enumerations, the
grade rule, the plan's figures) are marked with ``N_`` so that ``pybabel extract`` finds
them, and translated where they are shown. Staff pages stay in Chinese.
"""

import functools

from babel import Locale
from flask import g, request
from flask_babel import get_locale, get_translations
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


def N_(text: str) -> str:  # noqa: N802 (the usual gettext marker name)
    """Mark ``text`` for translation without translating it here."""
    return text


def select_locale() -> Locale:
    """``?lang=``, then the language chosen before (cookie), then Accept-Language, else Chinese."""
    req = request._get_current_object()  # every public visit asks: one lookup, not four
    if req.blueprint == "admin":
        return _locale(DEFAULT_LANGUAGE)
    asked = req.args.get("lang", "")
    if asked in LANGUAGES:
        return _locale(asked)
    chosen = req.cookies.get("lang", "")
    if chosen in LANGUAGES:
        return _locale(chosen)
    return _locale(_best_language(req.environ.get("HTTP_ACCEPT_LANGUAGE", "")))


# Every public visit asks: parsing the header and building a Locale are done once per value.
@functools.lru_cache(maxsize=256)
def _best_language(accept_language: str) -> str:
    accepted = parse_accept_header(accept_language, LanguageAccept)
    return accepted.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def language_context() -> dict:
    """``lang`` for templates, and ``lang_arg`` to keep a language asked for in links."""
    asked = request.args.get("lang")
    return {"lang": str(get_locale()), "lang_arg": asked if asked in LANGUAGES else None}


def install_template_gettext(app) -> None:
    """Templates translate with this request's catalogue, found once per request.

    Flask-Babel finds the catalogue anew for every string (seven context lookups), and a
    page translates thirty to fifty: a twentieth of a search results page. The locale is
    chosen once per request (``select_locale``) and never changed within one.
    """

    def translations():
        found = g.get("_translations")
        if found is None:
            found = g._translations = get_translations()
        return found

    app.jinja_env.install_gettext_callables(
        gettext=lambda s: translations().ugettext(s),
        ngettext=lambda s, p, n: translations().ungettext(s, p, n),
        pgettext=lambda c, s: translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
