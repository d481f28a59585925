"""A reader's choices stick: the language and the 长辈版, by plain links and a cookie."""

import re

from factories import make_workshop


def test_the_large_text_link_switches_the_mode_on_and_a_cookie_keeps_it(client):
    workshop = make_workshop()
    html = client.get(f"/w/{workshop.public_code}").get_data(as_text=True)
    assert 'class="large"' not in html
    link = re.search(r'<a href="([^"]+)">长辈版</a>', html)[1]
    assert link == f"/w/{workshop.public_code}?large=1"
    on = client.get(link)
    assert 'class="large"' in on.get_data(as_text=True)
    assert "large=1" in on.headers["Set-Cookie"]
    again = client.get("/workshops").get_data(as_text=True)
    assert 'class="large"' in again and ">标准版</a>" in again
    off = client.get("/workshops?large=0").get_data(as_text=True)
    assert 'class="large"' not in off
    assert 'class="large"' not in client.get("/").get_data(as_text=True)


def test_the_large_text_page_is_cached_apart_with_its_own_etag(client):
    workshop = make_workshop()
    normal = client.get(f"/w/{workshop.public_code}")
    large = client.get(f"/w/{workshop.public_code}?large=1")
    assert normal.headers["ETag"] != large.headers["ETag"]
    assert "Cookie" in normal.headers["Vary"]


def test_a_chosen_language_sticks_until_changed(client):
    workshop = make_workshop()
    client.get("/?lang=en")
    assert "Report this workshop" in client.get(f"/w/{workshop.public_code}").get_data(as_text=True)
    assert 'lang="en"' in client.get(f"/report?workshop={workshop.public_code}").get_data(
        as_text=True
    )
    client.get("/?lang=zh")
    assert "举报这家作坊" in client.get(f"/w/{workshop.public_code}").get_data(as_text=True)


def test_the_language_switch_keeps_the_rest_of_the_address(client):
    workshop = make_workshop()
    for path in (
        "/search?q=米粉&district=3",
        "/workshops?grade=A&status=registered",
        f"/w/{workshop.public_code}?board=20260105",
        f"/report?workshop={workshop.public_code}",
    ):
        html = client.get(path).get_data(as_text=True)
        link = re.search(r'<a href="([^"]+)" lang="en">English</a>', html)[1].replace("&amp;", "&")
        query = path.split("?")[1]
        for pair in query.split("&"):
            name, value = pair.split("=")
            assert f"{name}=" in link and (value in link or "%" in link), (path, link)
        assert "lang=en" in link
