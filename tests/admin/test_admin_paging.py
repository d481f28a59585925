"""Every admin list longer than a page: the pager's links work and keep the filters."""

import re
from html import unescape

import pytest
from factories import add_records, make_staff, make_titled_listing, make_workshop, sampling, sign_in

from workshop_credit.models import ListingStatus, Role

PER_PAGE = 50


def pager_links(html):
    """The hrefs of the pager's links on a page."""
    nav = re.search(r'<nav class="pager".*?</nav>', html, re.S)
    assert nav, "no pager on a list longer than a page"
    return [unescape(h) for h in re.findall(r'href="([^"]+)"', nav.group(0))]


def walk(client, url):
    """Follow the pager's next links from ``url``; the pages' texts in order."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.get_data(as_text=True)
        pages.append(html)
        nexts = [h for h in pager_links(html) if f"page={len(pages) + 1}" in h]
        url = nexts[0] if nexts else None
        assert len(pages) < 10
    return pages


@pytest.fixture
def many_workshops(app):
    """A county's file longer than a page: 51 workshops in 峡江县, 3 in 遂川县, never inspected."""
    made = [make_workshop(f"峡江米粉作坊{n:02d}") for n in range(PER_PAGE + 1)]
    made += [make_workshop(f"遂川豆皮作坊{n}", district_name="遂川县") for n in range(3)]
    return made


def test_workshops_list_pages_through_a_county_and_keeps_the_filter(app, many_workshops):
    regulator = make_staff(Role.REGULATOR, "峡江县")
    client = app.test_client()
    sign_in(client, regulator)
    pages = walk(client, "/admin/workshops?q=米粉")
    assert len(pages) == 2
    assert "峡江米粉作坊50" in pages[1] and "遂川" not in "".join(pages).split("</nav>")[-1]
    assert all("q=%E7%B1%B3%E7%B2%89" in h or "q=米粉" in h for h in pager_links(pages[1]))


@pytest.mark.parametrize("key", ["not-inspected", "never-sampled"])
def test_worklists_page_through(app, many_workshops, key):
    regulator = make_staff(Role.REGULATOR, "峡江县")
    client = app.test_client()
    sign_in(client, regulator)
    pages = walk(client, f"/admin/worklists/{key}")
    text = "".join(pages)
    assert len(pages) == 2 and "遂川豆皮作坊" not in text


def test_failed_not_disposed_worklist_pages_through(app, many_workshops):
    for workshop in many_workshops:
        add_records(workshop, sampling(failed=True))
    viewer = make_staff(Role.VIEWER)
    client = app.test_client()
    sign_in(client, viewer)
    pages = walk(client, "/admin/worklists/failed-not-disposed")
    assert len(pages) == 2


def test_listings_and_audit_page_through(app):
    for n in range(PER_PAGE + 1):
        make_titled_listing(f"示范榜单{n:02d}", status=ListingStatus.DRAFT)
    client = app.test_client()
    sign_in(client, make_staff(Role.EDITOR))
    assert len(walk(client, "/admin/listings")) == 2
    admin = make_staff(Role.SUPERADMIN)
    for _ in range(PER_PAGE + 1):
        make_staff(Role.VIEWER)
    sign_in(client, admin)
    assert len(walk(client, "/admin/audit")) >= 2


def names_in_table(html):
    """The workshop names of a list's rows, in order."""
    return re.findall(r'<td><a href="/admin/workshops/\d+">([^<]+)</a></td>', html)


def test_the_workshops_list_sorts_and_filters_by_grade_within_scope(app):
    failures = {"峡江甲坊": 0, "峡江乙坊": 2, "峡江丙坊": 1, "遂川丁坊": 2}
    for name, failed in failures.items():
        where = "遂川县" if name.startswith("遂川") else "峡江县"
        add_records(
            make_workshop(name, district_name=where),
            *[sampling(failed=True) for _ in range(failed)],
        )
    client = app.test_client()
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    by_grade = names_in_table(client.get("/admin/workshops?sort=grade").get_data(True))
    assert by_grade == ["峡江甲坊", "峡江丙坊", "峡江乙坊"]
    worst = names_in_table(client.get("/admin/workshops?grade=C").get_data(True))
    assert worst == ["峡江乙坊"]
    html = client.get("/admin/workshops?sort=grade&grade=Z&district=99999").get_data(True)
    assert names_in_table(html) == by_grade
