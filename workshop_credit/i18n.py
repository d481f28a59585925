"""Languages of the public pages: Simplified Chinese by default, English on request."""

from flask import request

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


def select_locale() -> str:
    """``?lang=`` first, then the browser's Accept-Language, else Chinese."""
    asked = request.args.get("lang", "")
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES, default=DEFAULT_LANGUAGE)
