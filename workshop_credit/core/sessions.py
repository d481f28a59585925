"""Flask's signed-cookie session, without the work a visit that carries none needs.

Most public visits come without a session cookie. Flask builds the cookie signer on every
request all the same, and reads the cookie settings before it finds that there is nothing
to save: together a tenth of a cached landing page's time.
"""

from flask.sessions import SecureCookieSessionInterface


class CookieSessionInterface(SecureCookieSessionInterface):
    """Opens an empty session without a signer when no cookie came; saves nothing for an
    empty session that was not changed (with ``Vary: Cookie`` when it was read)."""

    def open_session(self, app, request):
        """An empty session when the request has no session cookie, else Flask's."""
        if app.secret_key and self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        """Nothing to do for an untouched empty session; Flask's save otherwise."""
        if not session and not session.modified:
            if session.accessed and not _varies_by_cookie(response.headers.get("Vary", "")):
                response.vary.add("Cookie")
            return
        super().save_session(app, session, response)


def _varies_by_cookie(vary: str) -> bool:
    """Whether a ``Vary`` header already names ``Cookie`` (a cached page's does): parsing
    the header into a set costs more than serving the page."""
    return "cookie" in (name.strip().lower() for name in vary.split(","))
