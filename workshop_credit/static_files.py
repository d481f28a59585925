"""Static files under content-hashed URLs, which browsers may keep for a year.

``url_for('static', ...)`` adds ``?v=<digest of the file>``: a changed file gets a new
address, so the old one can be cached as immutable (on slow 3G a revalidation of the
stylesheet costs a round trip of some 400 ms on every page).
"""

import functools
import hashlib
from pathlib import Path

from flask import request

IMMUTABLE = "public, max-age=31536000, immutable"


def register(app):
    """Hash the static URLs and let browsers keep what they load under a hashed URL."""

    @functools.lru_cache(maxsize=64)
    def digest(filename: str) -> str | None:
        path = Path(app.static_folder) / filename
        if not path.resolve().is_relative_to(Path(app.static_folder).resolve()):
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else None

    @app.url_defaults
    def _hashed(endpoint, values):
        if endpoint == "static" and "v" not in values:
            found = digest(values.get("filename", ""))
            if found:
                values["v"] = found

    @app.after_request
    def _cache_for_a_year(response):
        asked = request.args.get("v")
        if (
            request.endpoint == "static"
            and asked
            and response.status_code in (200, 304)
            and asked == digest(request.view_args.get("filename", ""))
        ):
            response.headers["Cache-Control"] = IMMUTABLE
        return response
