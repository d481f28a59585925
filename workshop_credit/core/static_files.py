"""Static files under content-hashed URLs, which browsers may keep for a year.

``url_for('static', ...)`` adds ``?v=<digest of the file>``: a changed file gets a new
address, so the old one can be cached as immutable (on slow 3G a revalidation of the
stylesheet costs a round trip of some 400 ms on every page).
"""

import functools
import gzip
import hashlib
from pathlib import Path

from flask import Response

IMMUTABLE = "public, max-age=31536000, immutable"
# Text files are sent compressed (a fifth of the stylesheet's bytes on a slow network).
COMPRESSED = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}


def register(app):
    """Hash the static URLs (``cache_for_a_year`` is called after every request, see
    ``core/request_hooks.py``)."""

    @app.url_defaults
    def _hashed(endpoint, values):
        if endpoint == "static" and "v" not in values:
            found = digest(app.static_folder, values.get("filename", ""))
            if found:
                values["v"] = found


@functools.lru_cache(maxsize=64)
def digest(folder: str, filename: str) -> str | None:
    """The first digits of the file's SHA-256, None when it is not a file under ``folder``."""
    path = Path(folder) / filename
    if not path.resolve().is_relative_to(Path(folder).resolve()):
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12] if path.is_file() else None


@functools.lru_cache(maxsize=64)
def _compressed(path: Path) -> bytes:
    return gzip.compress(path.read_bytes(), mtime=0)


def cache_for_a_year(response, req, folder: str):
    """Let browsers keep what they loaded under a hashed URL, compressed when text."""
    if req.endpoint != "static":
        return response
    asked = req.args.get("v")
    filename = req.view_args.get("filename", "")
    if asked and response.status_code in (200, 304) and asked == digest(folder, filename):
        response.headers["Cache-Control"] = IMMUTABLE
        response = _gzipped(response, req, Path(folder) / filename)
    return response


def _gzipped(response, req, path: Path):
    """The same file gzip-compressed, when the browser accepts it and it is text."""
    kind = COMPRESSED.get(path.suffix)
    if response.status_code != 200 or not kind or "gzip" not in req.accept_encodings:
        return response
    headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
    response.close()
    smaller = Response(_compressed(path), headers=headers, mimetype=kind)
    smaller.headers["Content-Encoding"] = "gzip"
    smaller.headers["Vary"] = "Accept-Encoding"
    return smaller
