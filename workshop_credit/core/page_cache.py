"""Rendered public pages kept in this process, looked up by a key that names their version.

A key carries everything a page depends on (the workshop's file version, the day, the
language, ...), so a change never needs to reach into the cache: the next request asks
for a key that is not there yet, and the old page is simply never asked for again.
"""

import hashlib
from functools import lru_cache
from threading import Lock
from urllib.parse import urlsplit

from cachetools import LRUCache
from flask import Response, current_app, request
from werkzeug.datastructures import Headers
from werkzeug.http import http_date, is_resource_modified, quote_etag
from werkzeug.utils import get_content_type

from workshop_credit.core import reader

DEFAULT_MAX_PAGES = 4096
# Public pages that are the same for every anonymous visitor of one address and language.
PROXY_CACHED = frozenset(
    "site." + name
    for name in ("index", "workshop", "qr", "board", "directory", "directory_csv", "lists",
                 "lists_feed", "stats", "stats_members", "search", "api_workshops",
                 "api_workshop")
)  # fmt: skip


class PageCache:
    """Bounded, thread-safe maps from a page's key to its rendered bytes, one per kind of
    page (a key's first item: ``"w"``, ``"api"``, ``"search"``, ``"stats"``), so that a stream of
    different searches cannot push the QR landing pages out."""

    def init_app(self, app):
        """Give ``app`` its own stores, each sized by ``PAGE_CACHE_SIZE`` (0 turns them off)."""
        size = app.config.get("PAGE_CACHE_SIZE", DEFAULT_MAX_PAGES)
        app.extensions["page_cache"] = ({}, size, Lock()) if size else None

    def get_or_render(self, key, render):
        """The page (or figures) stored under ``key``, rendering and storing it on a miss."""
        store = current_app.extensions["page_cache"]
        if store is None:
            return render()
        kinds, size, lock = store
        with lock:
            pages = kinds.setdefault(key[0], LRUCache(maxsize=size))
            page = pages.get(key)
        if page is None:
            page = render()
            with lock:
                pages[key] = page
        return page


page_cache = PageCache()


def serve_cached(key, last_modified, render, bypass=False, mimetype="text/html") -> Response:
    """A page with an ETag and Last-Modified from ``key``: 304 when the browser has it."""
    req = request._get_current_object()
    key = (*key, reader.large_text(req))  # the 长辈版 is a page of its own
    try:
        etag, headers, content_type = _remembered_validators(key, last_modified, mimetype)
    except TypeError:  # a key holding a list: worked out afresh
        etag, headers, content_type = _validators(key, last_modified, mimetype)
    if not is_resource_modified(req.environ, etag=etag, last_modified=last_modified):
        return Response(status=304, headers=_headers(headers))
    # A page carrying one visitor's flashed message is neither stored nor reused, and
    # neither is one built for another address than the public one.
    encoded = lambda: render().encode()  # noqa: E731
    storable = not bypass and _for_public_address(req)
    body = page_cache.get_or_render(key, encoded) if storable else encoded()
    return Response(body, 200, _headers(headers + (("Content-Type", content_type),)))


def _headers(pairs) -> Headers:
    """Headers from ``pairs`` given as they are: Werkzeug's constructor would look each one
    up in the headers it has so far, and parse it for options."""
    headers = Headers()
    headers[:] = pairs
    return headers


DEFAULT_PORTS = {"http": "80", "https": "443"}


def normal_host(host: str, scheme: str) -> str:
    """``host`` in lower case, without the port that ``scheme`` implies anyway."""
    host = host.lower()
    default = DEFAULT_PORTS.get(scheme)
    if default and host.endswith(f":{default}"):
        return host[: -len(default) - 1]
    return host


def _validators(key, last_modified, mimetype) -> tuple[str, tuple, str]:
    """The page's ETag, its headers and its content type, worked out in one go: the header
    helpers cost more than serving the page from the cache."""
    etag = hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()
    headers = (
        ("ETag", quote_etag(etag)),
        ("Last-Modified", http_date(last_modified)),
        ("Cache-Control", "no-cache"),
        ("Vary", "Accept-Language, Cookie"),
    )
    return etag, headers, get_content_type(mimetype, "utf-8")


@lru_cache(maxsize=8)
def _public_host_and_prefix(base_url: str) -> tuple[str, str]:
    parts = urlsplit(base_url)
    return normal_host(parts.netloc, parts.scheme), parts.path.rstrip("/")


def _for_public_address(req) -> bool:
    """Whether this request came for ``PUBLIC_BASE_URL``'s host and path prefix (a default
    port written on either side, or a host in capitals, names the same address)."""
    host, prefix = _public_host_and_prefix(current_app.config["PUBLIC_BASE_URL"])
    return normal_host(req.host, req.scheme) == host and req.script_root == prefix


def allow_proxy_cache(response, req, session, seconds: int):
    """Let the reverse proxy keep an anonymous public page ``seconds`` (micro-caching, see
    deploy/nginx; ``PROXY_CACHE_SECONDS``): only a GET without any cookie that sets none, so
    that no page with a session, a flashed message or a chosen language is ever shared."""
    if (
        seconds
        and response.status_code == 200
        and req.method == "GET"
        and req.endpoint in PROXY_CACHED
        and not req.cookies
        and not session.modified
        and not response.headers.getlist("Set-Cookie")  # ``in`` costs an exception when absent
    ):
        response.headers["X-Accel-Expires"] = str(seconds)


# Worked out once per version of a page: every visit of a landing page asks again.
_remembered_validators = lru_cache(maxsize=DEFAULT_MAX_PAGES)(_validators)
