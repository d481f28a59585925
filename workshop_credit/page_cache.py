"""Rendered public pages kept in this process, looked up by a key that names their version.

A key carries everything a page depends on (the workshop's file version, the day, the
language, ...), so a change never needs to reach into the cache: the next request asks
for a key that is not there yet, and the old page is simply never asked for again.
"""

import hashlib
from threading import Lock

from cachetools import LRUCache
from flask import Response, current_app, request
from werkzeug.http import http_date, is_resource_modified, quote_etag

from . import reader

DEFAULT_MAX_PAGES = 4096


class PageCache:
    """Bounded, thread-safe maps from a page's key to its rendered bytes, one per kind of
    page (a key's first item: ``"w"``, ``"api"``, ``"search"``), so that a stream of
    different searches cannot push the QR landing pages out."""

    def init_app(self, app):
        """Give ``app`` its own stores, each sized by ``PAGE_CACHE_SIZE`` (0 turns them off)."""
        size = app.config.get("PAGE_CACHE_SIZE", DEFAULT_MAX_PAGES)
        app.extensions["page_cache"] = ({}, size, Lock()) if size else None

    def get_or_render(self, key, render) -> bytes:
        """The page stored under ``key``, rendering and storing it on a miss."""
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
    key = (*key, reader.large_text())  # the 长辈版 is a page of its own
    etag = hashlib.blake2b(repr(key).encode(), digest_size=12).hexdigest()
    # Set in one go: this runs on every visit, and the header helpers cost more than the page.
    headers = {
        "ETag": quote_etag(etag),
        "Last-Modified": http_date(last_modified),
        "Cache-Control": "no-cache",
        "Vary": "Accept-Language, Cookie",
    }
    if not is_resource_modified(request.environ, etag=etag, last_modified=last_modified):
        return Response(status=304, headers=headers)
    # A page carrying one visitor's flashed message is neither stored nor reused.
    encoded = lambda: render().encode()  # noqa: E731
    body = encoded() if bypass else page_cache.get_or_render(key, encoded)
    return Response(body, mimetype=mimetype, headers=headers)
