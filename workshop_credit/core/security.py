"""HTTP headers that every response carries, and trust in proxy headers."""

import hashlib
import hmac

from flask import current_app, request, session
from flask_limiter.util import get_remote_address
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
HSTS_VALUE = "max-age=31536000; includeSubDomains"
NO_STORE = "private, no-store"
EVERY_RESPONSE = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
)
HSTS = (("Strict-Transport-Security", HSTS_VALUE),)


def register_security(app):
    """Trust proxies only when configured (``add_security_headers`` is called after every
    request, see ``core/request_hooks.py``).

    Only the client's address and the scheme are taken from the proxy. The host and the
    path prefix are never read from forwarding headers: a client could set them, and a
    page built for a forged host would be cached and served to everyone.
    """
    proxies = app.config["TRUSTED_PROXY_COUNT"]
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0)


# The headers' names in lower case, for the one pass over a response's headers.
WANTED = {hsts: tuple((k.lower(), k, v) for k, v in EVERY_RESPONSE + (HSTS if hsts else ()))
          for hsts in (False, True)}  # fmt: skip


def add_security_headers(response, req, session, hsts: bool):
    """The headers every response carries (those it has not set itself), and ``no-store``
    on a response that holds staff data."""
    headers = response.headers
    # One pass over the headers: a lookup per missing header costs an exception each.
    present = {name.lower() for name, _ in headers}
    missing = [(k, v) for lower, k, v in WANTED[hsts] if lower not in present]
    headers[len(headers) :] = missing  # appended as given: ``extend`` parses each for options
    if holds_staff_data(req, session) and "no-store" not in headers.get("Cache-Control", ""):
        headers["Cache-Control"] = NO_STORE


def keyed_address() -> str:
    """The client's address as a keyed hash, for stores that must not hold an address."""
    key = hmac.new(current_app.secret_key.encode(), b"client address", hashlib.sha256).digest()
    return hmac.new(key, get_remote_address().encode(), hashlib.sha256).hexdigest()[:32]


def holds_staff_data(req=request, session=session) -> bool:
    """Whether the response is an admin page, a tip-off page, or read a signed-in staff
    member's session.

    Staff pages hold personal data and one-time secrets: no browser or proxy may keep them.
    A public page that never touched the session stays cacheable.
    """
    if req.blueprint == "admin" or (req.endpoint or "").startswith("site.report"):
        return True  # a tip-off page may show a reporter's name, phone, receipt or report
    # ``accessed`` first: asking the session itself would mark every public page as varying.
    return bool(getattr(session, "accessed", False)) and "_user_id" in session
