"""The page cache: one bounded store per kind of page."""

from factories import make_workshop
from flask import request

from workshop_credit.core.page_cache import page_cache


def test_many_different_searches_do_not_push_landing_pages_out(app_factory):
    app = app_factory(PAGE_CACHE_SIZE=2)
    rendered = []

    def render(name):
        def make():
            rendered.append(name)
            return name.encode()

        return make

    with app.app_context():
        page_cache.get_or_render(("w", "LANDING"), render("landing"))
        for n in range(5):
            page_cache.get_or_render(("search", n), render(f"search {n}"))
        again = page_cache.get_or_render(("w", "LANDING"), render("landing"))
        oldest = page_cache.get_or_render(("search", 0), render("search 0"))
    assert again == b"landing" and rendered.count("landing") == 1
    assert oldest == b"search 0" and rendered.count("search 0") == 2  # its own store is full


POISON = {"X-Forwarded-Prefix": "//evil.example", "X-Forwarded-Host": "evil.example"}


def test_forwarded_host_and_prefix_from_a_client_are_never_trusted(app_factory):
    app = app_factory(TRUSTED_PROXY_COUNT=1, PUBLIC_BASE_URL="http://localhost")
    app.add_url_rule("/seen", "seen", lambda: f"{request.scheme} {request.remote_addr}")
    with app.app_context():
        code = make_workshop("峡江县老王米粉加工坊").public_code
    client = app.test_client()
    for _ in range(8):
        forged = client.get(f"/w/{code}", headers=POISON).get_data(as_text=True)
        assert "evil.example" not in forged
    # The proxy's own headers still count: the client's address and the scheme.
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    assert client.get("/seen", headers=proxied).get_data(as_text=True) == "https 203.0.113.9"
    assert "evil.example" not in client.get(f"/w/{code}").get_data(as_text=True)


def test_a_page_for_another_host_than_the_public_address_is_not_stored(app_factory):
    app = app_factory(PUBLIC_BASE_URL="http://localhost")
    with app.app_context():
        code = make_workshop("峡江县老王米粉加工坊").public_code
    client = app.test_client()
    client.get(f"/w/{code}", headers={"Host": "evil.example"})
    assert not app.extensions["page_cache"][0].get("w")
    client.get(f"/w/{code}")
    assert len(app.extensions["page_cache"][0]["w"]) == 1


def test_the_proxy_may_keep_anonymous_public_pages_for_a_few_seconds(app, client):
    code = make_workshop("峡江县老王米粉加工坊").public_code
    for path in (f"/w/{code}", "/", "/workshops", "/lists/black", "/stats", "/search?q=米粉"):
        assert client.get(path).headers.get("X-Accel-Expires") == "5", path
    for path in ("/report", "/report/status", "/healthz", "/admin/login"):
        assert "X-Accel-Expires" not in client.get(path).headers, path
    # A visitor with a cookie (a language chosen, a session) is never served from it.
    client.set_cookie("session", "anything")
    assert "X-Accel-Expires" not in client.get(f"/w/{code}").headers


def test_a_default_port_written_on_either_side_still_names_the_public_address(app_factory):
    # An operator may write the port in PUBLIC_BASE_URL, and a proxy may pass it in Host.
    for public, host, scheme in (
        ("https://localhost:443", "localhost", "https"),
        ("https://LOCALHOST", "localhost:443", "https"),
        ("http://localhost", "localhost:80", "http"),
    ):
        app = app_factory(TRUSTED_PROXY_COUNT=1, PUBLIC_BASE_URL=public)
        with app.app_context():
            code = make_workshop("峡江县老王米粉加工坊").public_code
        headers = {"Host": host, "X-Forwarded-Proto": scheme}
        assert app.test_client().get(f"/w/{code}", headers=headers).status_code == 200
        assert len(app.extensions["page_cache"][0]["w"]) == 1, (public, host)


def test_another_port_is_another_address(app_factory):
    app = app_factory(PUBLIC_BASE_URL="http://localhost")
    with app.app_context():
        code = make_workshop("峡江县老王米粉加工坊").public_code
    app.test_client().get(f"/w/{code}", headers={"Host": "localhost:8080"})
    assert not app.extensions["page_cache"][0].get("w")
