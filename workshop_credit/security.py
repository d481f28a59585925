"""HTTP headers that every response carries, and trust in proxy headers."""

from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
HSTS_VALUE = "max-age=31536000; includeSubDomains"


def register_security(app):
    """Add the security headers to every response; trust proxies only when configured.

    Only the client's address and the scheme are taken from the proxy. The host and the
    path prefix are never read from forwarding headers: a client could set them, and a
    page built for a forged host would be cached and served to everyone.
    """
    proxies = app.config["TRUSTED_PROXY_COUNT"]
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=0)

    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        if app.config["HSTS"]:
            headers.setdefault("Strict-Transport-Security", HSTS_VALUE)
        return response
