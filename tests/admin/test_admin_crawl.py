"""Every staff page reachable by links, for each role, on a data set of the demo's size.

One demo data set is built per test run (through ``flask seed-demo``); each role then signs
in (with the second factor where the role needs one) and follows, GET only, every link of
the staff pages it can reach from its menu: pager, sort and filter links included, a few of
each kind. A 5xx fails, as does a link that answers 403 or 404 (shown but not for this
account), and a page that shows a county-scoped account a workshop
or a district of another county.
"""

import re
import shutil
from collections import Counter, deque
from html import unescape
from itertools import chain
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import sqlalchemy as sa
from conftest import EXTERNAL_URL, empty_tables, make_app
from factories import make_staff, sign_in

from workshop_credit.extensions import db
from workshop_credit.models import District, Role, Workshop

DEMO_SIZE = 1500  # the demo's default: a county of about 100 workshops, lists of several pages
SAME_SHAPE = 3  # addresses followed per shape of link (path with ids blanked, query keys)
MOST_PAGES = 200  # per role: the crawl stays bounded whatever the pages link to
COUNTY = "遂川县"
# Role, county of the account (None: city-wide), and whether its lists are long enough
# for a second page in the demo data.
ACCOUNTS = [
    (Role.SUPERADMIN, None, True),
    (Role.REGULATOR, COUNTY, True),
    (Role.REGULATOR, None, True),
    (Role.EDITOR, None, True),
    (Role.EDITOR, COUNTY, False),
    (Role.APPROVER, None, True),
    (Role.MODERATOR, None, True),
    (Role.MODERATOR, COUNTY, False),
    (Role.VIEWER, None, True),
    (Role.VIEWER, COUNTY, False),
]
# Links a crawl must not follow: they end the session.
SKIP = ("/admin/logout",)


@pytest.fixture(scope="module")
def demo_url(database_template, tmp_path_factory):
    """A database holding the demo data set, built once for this module's tests."""
    workdir = tmp_path_factory.mktemp("demo")
    if EXTERNAL_URL:
        url = EXTERNAL_URL
    else:
        shutil.copyfile(database_template, workdir / "demo.sqlite3")
        url = f"sqlite:///{workdir / 'demo.sqlite3'}"
    app = make_app(url, workdir)
    with app.app_context():
        if EXTERNAL_URL:
            empty_tables()
        result = app.test_cli_runner().invoke(args=["seed-demo", "--size", str(DEMO_SIZE)])
        assert result.exit_code == 0, result.output
        db.session.remove()
        db.engine.dispose()
    return url


@pytest.fixture
def demo_app(demo_url, tmp_path):
    """An app on the demo database."""
    app = make_app(demo_url, tmp_path)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def shape(url):
    """What makes two links "the same kind": the path with numbers blanked, the query's keys."""
    parts = urlsplit(url)
    keys = sorted({k for k, v in parse_qsl(parts.query) if k != "page" or v})
    return re.sub(r"/\d+", "/#", parts.path), tuple(keys)


def filter_links(url, html):
    """A filter form's choices as links: each option of each select of a GET form, alone."""
    path = urlsplit(url).path
    for form in re.findall(r'<form\b[^>]*method="get"[^>]*>.*?</form>', html, re.S):
        for name, options in re.findall(
            r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', form, re.S
        ):
            for value in re.findall(r'<option\b[^>]*value="([^"]*)"', options):
                yield f"{path}?{urlencode({name: unescape(value)})}"


def staff_links(url, html):
    """The staff pages a page leads to by GET: its links and its filters' choices."""
    hrefs = (unescape(h) for h in re.findall(r'<a\b[^>]*\bhref="([^"#]+)', html))
    for href in chain(hrefs, filter_links(url, html)):
        if href.startswith("/admin") and not href.startswith(SKIP):
            yield href


def crawl(client, start="/admin/"):
    """Visit the pages reachable from ``start``; ``{url: (status, text)}``."""
    seen, shapes, queue = {}, Counter(), deque([start])
    while queue and len(seen) < MOST_PAGES:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        text = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        seen[url] = (response.status_code, text)
        for link in staff_links(url, text):
            if link not in seen and shapes[shape(link)] < SAME_SHAPE:
                shapes[shape(link)] += 1
                queue.append(link)
    return seen


def foreign_names(county):
    """What only another county's records carry: workshop names, and district names as choices."""
    home = db.session.scalar(sa.select(District.id).where(District.name == county))
    rows = db.session.execute(sa.select(Workshop.name, Workshop.district_id)).all()
    own = {name for name, district_id in rows if district_id == home}
    workshops = {name for name, district_id in rows if district_id != home} - own
    districts = {d for d in db.session.scalars(sa.select(District.name)) if d != county}
    return workshops, districts


def leaks(html, names):
    """Foreign names a page shows: workshops in cells, links and headings, districts offered
    as filters (a report may still be handed to another county, so other choices are fine)."""
    workshops, districts = names
    texts = {t.strip() for t in re.findall(r"<(?:td|a|h1|h2|li)\b[^>]*>([^<]+)<", html)}
    filters = "".join(re.findall(r'<form\b[^>]*method="get".*?</form>', html, re.S))
    choices = {t.strip() for t in re.findall(r"<option\b[^>]*>([^<]+)<", filters)}
    return sorted((texts & workshops) | (choices & districts))


@pytest.mark.parametrize(
    ("role", "county", "long_lists"), ACCOUNTS, ids=lambda v: getattr(v, "value", str(v))
)
def test_every_reachable_staff_page_answers_and_stays_in_scope(demo_app, role, county, long_lists):
    user = make_staff(role, county)
    client = demo_app.test_client()
    sign_in(client, user)
    pages = crawl(client)
    broken = {url: status for url, (status, _) in pages.items() if status >= 500}
    assert not broken, broken
    # A link the account is shown but may not follow is a fault of the menu or the page.
    refused = {url: status for url, (status, _) in pages.items() if status in (403, 404)}
    assert not refused, refused
    assert len(pages) > 5, "the menu leads nowhere"
    if county:
        names = foreign_names(county)
        shown = {url: found for url, (_, html) in pages.items() if (found := leaks(html, names))}
        assert not shown, shown
    if long_lists:
        assert any("page=2" in url for url in pages), "no list of this role reached a second page"
