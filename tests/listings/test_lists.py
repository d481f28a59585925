"""Red and black lists and their Atom feeds, which a real feed parser accepts."""

import feedparser
from factories import make_listing, make_workshop

from workshop_credit.models import ListingKind, ListingStatus


def test_lists_show_published_listings_newest_first_with_links(client):
    workshop = make_workshop("峡江县老王米粉加工坊")
    make_listing(workshop, title="红榜：较早的示范", days_ago=30)
    make_listing(workshop, title="红榜：最新的示范", days_ago=2, expires_in=100)
    make_listing(workshop, title="红榜：草稿", status=ListingStatus.DRAFT)
    make_listing(workshop, title="红榜：已撤回", status=ListingStatus.WITHDRAWN)
    make_listing(workshop, title="红榜：已过公示期", expires_in=-1)
    make_listing(None, ListingKind.BLACK, title="黑榜：无证黑作坊", subject_name="无名米酒作坊",
                 subject_address="新干县某村")  # fmt: skip
    red = client.get("/lists/red").get_data(as_text=True)
    assert red.index("红榜：最新的示范") < red.index("红榜：较早的示范")
    for hidden in ("红榜：草稿", "红榜：已撤回", "红榜：已过公示期", "黑榜"):
        assert hidden not in red.replace('href="/lists/black">黑榜', "")
    assert f'href="/w/{workshop.public_code}"' in red and "获评示范单位" in red
    black = client.get("/lists/black").get_data(as_text=True)
    assert "无名米酒作坊" in black and "新干县某村" in black


def test_listing_bodies_are_sanitized(client):
    make_listing(make_workshop(), body="<p>好</p><script>alert(1)</script><img src=x onerror=y>")
    html = client.get("/lists/red").get_data(as_text=True)
    assert "<p>好</p>" in html and "<script>alert" not in html and "onerror" not in html


def test_feeds_parse_as_atom_with_entries_newest_first(client, app):
    app.config["PUBLIC_BASE_URL"] = "https://food.example.cn"
    workshop = make_workshop()
    make_listing(workshop, ListingKind.BLACK, title="曝光：较早", days_ago=9)
    make_listing(workshop, ListingKind.BLACK, title="曝光：最新", days_ago=1,
                 body="<p>处罚</p><script>x()</script>")  # fmt: skip
    response = client.get("/lists/black.atom")
    assert response.mimetype == "application/atom+xml"
    feed = feedparser.parse(response.data)
    assert not feed.bozo and feed.version == "atom10"
    assert feed.feed.title.endswith("黑榜：曝光台")
    assert [e.title for e in feed.entries] == ["曝光：最新", "曝光：较早"]
    entry = feed.entries[0]
    assert entry.link == f"https://food.example.cn/w/{workshop.public_code}"
    assert "处罚" in entry.content[0].value and "script" not in entry.content[0].value
    assert feedparser.parse(client.get("/lists/red.atom").data).entries == []


def test_unknown_list_is_404(client):
    assert client.get("/lists/green").status_code == 404
    assert client.get("/lists/red?page=abc").status_code == 200
