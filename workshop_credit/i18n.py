"""Languages of the public pages: Simplified Chinese by default, English on request.

Message ids are the Chinese texts. Labels defined away from a request (enumerations, the
grade rule, the plan's figures) are marked with ``N_`` so that ``pybabel extract`` finds
them, and translated where they are shown. Staff pages stay in Chinese.
"""

from flask import request
from flask_babel import get_locale

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


def N_(text: str) -> str:  # noqa: N802 (the usual gettext marker name)
    """Mark ``text`` for translation without translating it here."""
    return text


def select_locale() -> str:
    """``?lang=`` first, then the browser's Accept-Language, else Chinese; staff: Chinese."""
    if request.blueprint == "admin":
        return DEFAULT_LANGUAGE
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)


def language_context() -> dict:
    """``lang`` for templates, and ``lang_arg`` to keep a language asked for in links."""
    asked = request.args.get("lang")
    return {"lang": str(get_locale()), "lang_arg": asked if asked in LANGUAGES else None}
