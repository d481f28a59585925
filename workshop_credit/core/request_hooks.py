"""The application's own request hooks: one before each request, two after it.

The rules stay in their modules: the request id and the access log's ids (``app_log``),
the security headers and ``no-store`` (``security``), the immutable static files
(``static_files``), the language and 长辈版 cookies (``reader``) and the reverse proxy's
micro-cache (``page_cache``). They are called from here, in the order they need, with the
request, ``g`` and the session read once: Flask checks every hook for a coroutine and each
proxy lookup costs a context-variable read, on every visit of every page.

Flask calls after-request hooks in the reverse order of their registration. Flask-Login's
(the remember cookie) and Flask-Limiter's (its headers) run between the two passes here:
``register_first`` (at the start of ``create_app``) adds the before hook and the pass that
runs last, which must see every cookie set; ``register_last`` adds the pass that runs first.
"""

from flask import current_app, g, request, session

from workshop_credit.core import app_log, page_cache, reader, security, static_files


def register_first(app):
    """The request id before everything else; the proxy cache and log ids after all."""
    app.before_request(_before)
    app.after_request(_last)


def register_last(app):
    """The security headers, static files and reader's cookies, before the extensions'."""
    app.after_request(_first)


def _before():
    app_log.take_request_id(
        request._get_current_object(),
        g._get_current_object(),
        current_app.config["TRUSTED_PROXY_COUNT"] > 0,
    )


def _first(response):
    req, config = request._get_current_object(), current_app.config
    security.add_security_headers(response, req, session._get_current_object(), config["HSTS"])
    response = static_files.cache_for_a_year(response, req, current_app.static_folder)
    reader.remember(response, req)
    return response


def _last(response):
    req, config = request._get_current_object(), current_app.config
    seconds = config["PROXY_CACHE_SECONDS"]
    page_cache.allow_proxy_cache(response, req, session._get_current_object(), seconds)
    app_log.leave_ids_for_access_log(req, g._get_current_object())
    return response
