"""Static files: content-hashed URLs kept for a year, and a favicon."""

import gzip
import re

from workshop_credit.core.static_files import IMMUTABLE


def test_the_stylesheet_has_a_hashed_url_cached_for_a_year(client):
    html = client.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', html)[1]
    assert re.fullmatch(r"/static/css/site\.css\?v=[0-9a-f]{12}", href)
    with client.get(href) as response:
        assert response.status_code == 200 and response.headers["Cache-Control"] == IMMUTABLE
    with client.get("/static/css/site.css?v=000000000000") as stale:
        assert "immutable" not in stale.headers.get("Cache-Control", "")


def test_every_page_names_a_favicon_that_exists(client):
    html = client.get("/").get_data(as_text=True)
    icon = re.search(r'<link rel="icon" href="([^"]+)"', html)[1]
    with client.get(icon) as response:
        assert response.status_code == 200
    assert client.get("/favicon.ico").status_code == 301


def test_the_stylesheet_travels_compressed_to_a_browser_that_accepts_it(client):
    html = client.get("/").get_data(as_text=True)
    href = re.search(r'<link rel="stylesheet" href="([^"]+)"', html)[1]
    with client.get(href, headers={"Accept-Encoding": "gzip, deflate"}) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        css = gzip.decompress(response.get_data()).decode()
    assert ".verdict-headline" in css and len(response.get_data()) < len(css) / 3
