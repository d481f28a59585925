"""The /search page: results, highlights, filters, pages, redirects, fallback, bad input."""

import os
import shutil
from datetime import timedelta

import pytest
from factories import add_records, make_titled_listing, make_workshop, penalty

from workshop_credit import search_index
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    ListingKind,
    Registration,
    RegistrationStatus,
    WorkshopStatus,
)
from workshop_credit.workshops import file_versions as grades


@pytest.fixture
def indexed(app):
    """A few workshops and a listing, indexed."""
    made = {
        "mifen": make_workshop("峡江县老王米粉加工坊", products="峡江米粉"),
        "revoked": make_workshop("峡江县巴邱米粉坊", status=WorkshopStatus.REVOKED),
        "doupi": make_workshop(
            "遂川县刘记豆皮作坊", district_name="遂川县", categories=("豆制品",), products="豆皮"
        ),
    }
    search_index.rebuild()
    return made


def page(client, query_string):
    response = client.get("/search", query_string=query_string)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_results_show_status_and_highlight_the_match(client, indexed):
    html = page(client, {"q": "mifen"})
    assert "<mark>米粉</mark>" in html
    assert "登记有效" in html and "登记证已被撤销" in html
    assert indexed["mifen"].grade and f"信用等级 {indexed['mifen'].grade}" in html
    assert f'href="/w/{indexed["mifen"].public_code}"' in html
    assert "豆皮作坊" not in html


def test_district_and_category_filters_narrow_the_results(client, indexed, app):
    from factories import category, district

    html = page(client, {"q": "县", "district": district("遂川县").id})
    assert "刘记豆皮" in html and "老王" not in html
    html = page(client, {"q": "县", "category": category("米粉").id})
    assert "老王" in html and "刘记豆皮" not in html


def test_results_come_in_pages(client, app):
    for n in range(23):
        make_workshop(f"永丰县第{n}米粉坊", district_name="永丰县")
    search_index.rebuild()
    first = page(client, {"q": "米粉坊"})
    assert "共找到 23 条结果，第 1 / 3 页" in first and 'rel="next"' in first
    last = page(client, {"q": "米粉坊", "page": 3})
    assert last.count('class="result"') == 3 and 'rel="prev"' in last


def test_matches_are_counted_up_to_a_limit_and_paged_as_far(client, app, monkeypatch):
    monkeypatch.setattr(search_index, "COUNT_LIMIT", 20)
    for n in range(23):
        make_workshop(f"永丰县第{n}米粉坊", district_name="永丰县")
    make_workshop("永丰县老周豆腐坊", district_name="永丰县")
    search_index.rebuild()
    first = page(client, {"q": "米粉坊"})
    assert "找到 20 多条结果，第 1 / 2 页" in first
    beyond = page(client, {"q": "米粉坊", "page": 3})
    assert "第 2 / 2 页" in beyond and beyond.count('class="result"') == 10
    few = page(client, {"q": "老周"})  # below the limit: counted exactly
    assert "共找到 1 条结果" in few and "多条" not in few


@pytest.mark.parametrize("which", ["uscc", "number", "public_code"])
def test_an_exact_certificate_number_or_uscc_opens_the_workshop(client, indexed, which):
    workshop = indexed["doupi"]
    code = workshop.registrations[0].number if which == "number" else getattr(workshop, which)
    response = client.get("/search", query_string={"q": f" {code.lower()} "})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/w/{workshop.public_code}"


def test_a_listing_is_found_until_it_expires(client, indexed):
    from datetime import timedelta

    from workshop_credit.core.timeutil import local_today

    listing = make_titled_listing(
        "曝光：无证辣椒酱窝点", kind=ListingKind.BLACK, body="<p>现场脏乱</p>"
    )
    html = page(client, {"q": "辣椒酱"})
    assert "无证<mark>辣椒酱</mark>窝点" in html and "黑榜" in html
    listing.expires_on = local_today() - timedelta(days=1)
    db.session.commit()
    assert "窝点" not in page(client, {"q": "辣椒酱"})


BAD_INPUT = [
    "",
    "   ",
    "米" * 1000,
    '"米粉',
    "米粉*",
    "米粉 AND 豆皮",
    "(米粉",
    "' OR 1=1 --",
    "米粉'; DROP TABLE workshops; --",
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">米粉',
    "%_\\",
    "\x00米粉",
]


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_gives_a_normal_page_and_reflects_nothing_unescaped(client, indexed, text):
    html = page(client, {"q": text})
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "搜索小作坊和榜单" in html


def test_filters_and_pages_that_make_no_sense_are_explained(client, indexed):
    html = page(client, {"q": "米粉", "district": "abc", "page": "-3"})
    assert "所选的地区、类别或页码无效" in html and "老王" in html
    html = page(client, {"q": "米" * 150})
    assert "只按前 100 个字查找" in html


@pytest.mark.parametrize("damage", ["missing", "empty", "corrupt", "old schema"])
def test_a_broken_index_falls_back_to_a_plain_match_and_a_rebuild_restores_it(
    client, indexed, app, damage
):
    folder = search_index.status()["folder"]
    if damage == "missing":
        os.remove(os.path.join(app.config["SEARCH_INDEX_DIR"], "CURRENT"))
    elif damage == "empty":  # the files of a new index, and the state of a synced one
        for name in os.listdir(folder):
            if name != "sync.json":
                os.remove(os.path.join(folder, name))
        search_index.store.index.create_in(folder, search_index.schema.SCHEMA)
    elif damage == "old schema":  # a full index, but built by an earlier version of the fields
        old = folder + "-old"
        shutil.copytree(folder, old)
        with open(os.path.join(old, "schema-version"), "w") as f:
            f.write("1")
        search_index.store.make_live(app.config["SEARCH_INDEX_DIR"], old)
    else:
        for name in os.listdir(folder):
            if name.endswith((".seg", ".toc")):
                with open(os.path.join(folder, name), "r+b") as f:
                    f.write(b"\0garbage\0" * 64)
    html = page(client, {"q": "老王"})
    assert "全文检索暂时不可用" in html and "老王" in html
    search_index.rebuild()
    html = page(client, {"q": "laowang"})
    assert "全文检索暂时不可用" not in html and "<mark>老王</mark>" in html


def test_the_home_page_search_box_leads_here(client, indexed):
    assert 'action="/search"' in client.get("/").get_data(as_text=True)


def test_a_results_page_is_served_again_until_what_it_shows_changes(client, indexed):
    first = client.get("/search", query_string={"q": "老王"})
    again = client.get("/search", query_string={"q": "老王"})
    assert again.get_data() == first.get_data() and again.headers["ETag"] == first.headers["ETag"]
    assert "登记有效" in first.get_data(as_text=True)
    # Expiry changes what the page shows but not what the index finds.
    registration = indexed["mifen"].registrations[0]
    registration.issued_on = local_today() - timedelta(days=3 * 365 + 10)
    registration.expires_on = local_today() - timedelta(days=1)
    db.session.commit()
    changed = client.get("/search", query_string={"q": "老王"})
    assert changed.headers["ETag"] != first.headers["ETag"]
    assert "登记证已过期" in changed.get_data(as_text=True)
    assert "登记有效" not in changed.get_data(as_text=True)
    # A penalty lowers the grade at once; the daily re-grading raises it again when the
    # penalty's publicity ends, with a Core update that announces the change itself.
    workshop = indexed["mifen"]
    add_records(workshop, penalty(364, public_days=365))
    lowered = workshop.grade
    assert f"信用等级 {lowered}" in page(client, {"q": "老王"})
    assert grades.refresh_all(local_today() + timedelta(days=2)) >= 1
    db.session.refresh(workshop)
    assert workshop.grade < lowered  # a better letter
    assert f"信用等级 {workshop.grade}" in page(client, {"q": "老王"})


def test_a_browser_that_has_the_results_page_gets_304(client, indexed):
    first = client.get("/search", query_string={"q": "老王"})
    repeat = client.get(
        "/search", query_string={"q": "老王"}, headers={"If-None-Match": first.headers["ETag"]}
    )
    assert repeat.status_code == 304 and not repeat.get_data()


def test_a_renewed_workshop_reads_as_its_latest_certificate_says(client, indexed):
    today = local_today()
    indexed["mifen"].registrations.append(
        Registration(
            number="JX登-360823-OLD01", issued_on=today - timedelta(days=5 * 365),
            expires_on=today - timedelta(days=2 * 365), issuing_office="峡江县市场监督管理局",
            status=RegistrationStatus.VALID,
        )
    )  # fmt: skip
    db.session.commit()
    html = page(client, {"q": "老王"})
    assert "登记有效" in html and "登记证已过期" not in html
