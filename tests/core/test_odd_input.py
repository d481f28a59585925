"""Odd input gets a message or a 404, never a 500: control characters, NUL bytes, query
strings that clash with the URL builder, dates at the calendar's ends and numbers beyond
any column. Control characters are taken out of text on input, so they can break no page
or feed later; rows stored before that still leave the feeds well-formed."""

import feedparser
import pytest
import sqlalchemy as sa
from factories import (
    STAFF_PASSWORD,
    listing_form,
    make_listing,
    make_signed_in_staff,
    make_staff,
    make_workshop,
    penalty_form,
    sign_in,
)

from workshop_credit.extensions import db
from workshop_credit.models import Listing, ListingKind, Penalty, Role


def test_a_lower_case_code_redirects_whatever_the_query_string(client):
    code = make_workshop().public_code
    for query in ("_method=POST", "code=x", "_external=1&_scheme=javascript", "endpoint=x"):
        response = client.get(f"/w/{code.lower()}?{query}")
        assert response.status_code == 301, query
        assert response.location.startswith(f"/w/{code}?"), query
    response = client.get(f"/w/{code.lower()}?board=20250101&lang=en")
    assert response.location == f"/w/{code}?board=20250101&lang=en"


@pytest.mark.parametrize(
    "url", ["/w/%00", "/w/AB%00CD/board", "/api/v1/workshops/%00", "/w/%0B", "/stats/%00"]
)
def test_control_characters_in_a_path_name_nothing(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/report?workshop=%00",
        "/workshops?district=%00&q=%00",
        "/search?q=%E7%B1%B3%00%E7%B2%89",
        "/api/v1/workshops?category=%00",
        "/stats/filing?district=%00",
        "/lists/red?page=%00",
    ],
)
def test_a_nul_byte_in_a_query_string_is_no_error(client, url):
    make_workshop()
    assert client.get(url).status_code < 500


def test_the_audit_log_takes_any_date_as_a_filter(app):
    _, client = make_signed_in_staff(app, "root", Role.SUPERADMIN)
    for query in ("until=9999-12-31", "since=0001-01-01", "since=9999-12-31&until=0001-01-01"):
        response = client.get(f"/admin/audit?{query}")
        assert response.status_code == 200, query
    page = client.get("/admin/audit?until=9999-12-31").get_data(True)
    assert "日期应在" in page


@pytest.mark.parametrize(
    "amount",
    ["1e20", "Infinity", "-Infinity", "NaN", "sNaN", "99999999999999.99", "1e-20", "-1e999999"],
)
def test_fines_beyond_any_real_amount_are_refused_with_a_message(client, amount):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    workshop = make_workshop()
    url = f"/admin/workshops/{workshop.id}/penalties/new"
    for field in ("fine_amount", "confiscated_amount"):
        response = client.post(url, data=penalty_form(**{field: amount}))
        assert response.status_code == 200, (field, amount)
        assert "金额" in response.get_data(True)
    assert db.session.scalar(sa.select(sa.func.count(Penalty.id))) == 0


def test_the_largest_real_fine_is_taken(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    workshop = make_workshop()
    url = f"/admin/workshops/{workshop.id}/penalties/new"
    assert client.post(url, data=penalty_form(fine_amount="999999999999.99")).status_code == 302


def test_control_characters_are_taken_out_of_text_on_input(app):
    _, client = make_signed_in_staff(app, "writer", Role.EDITOR)
    title = "曝光：\x0b某\x00无证\x1b作坊\x7f\x85\ufffe"
    response = client.post(
        "/admin/listings/new",
        data=listing_form(title=title, reason="无证\x0c生产", body="<p>第一段\x08</p>\r\n<p>二"),
    )
    assert response.status_code == 302
    listing = db.session.scalar(sa.select(Listing))
    assert listing.title == "曝光：某无证作坊"
    assert listing.reason == "无证生产"
    assert listing.body == "<p>第一段</p>\n<p>二</p>"  # line breaks stay, tags are closed


def test_a_feed_stays_well_formed_with_control_characters_already_stored(client):
    make_listing(
        make_workshop(),
        ListingKind.BLACK,
        title="曝光：\x0b竖向制表符",
        reason="理由\x01",
        body="<p>正文\x1f</p>",
    )
    response = client.get("/lists/black.atom")
    assert response.status_code == 200
    feed = feedparser.parse(response.get_data())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries[0].title == "曝光：竖向制表符"
    assert client.get("/lists/black").status_code == 200


def test_a_second_factor_code_in_any_script_is_simply_wrong(app, client):
    user = make_staff(Role.MODERATOR)
    client.post("/admin/login", data={"username": user.username, "password": STAFF_PASSWORD})
    response = client.post("/admin/login/verify", data={"code": "１２３４５６"})
    assert response.status_code == 200 and "验证码" in response.get_data(True)
    _, staff = make_signed_in_staff(app, "new-editor", Role.EDITOR)
    assert staff.post("/admin/account/totp", data={"code": "一二三"}).status_code == 200


def test_the_report_queue_takes_any_query_string(app):
    _, client = make_signed_in_staff(app, "mod", Role.MODERATOR)
    for query in ("_method=POST", "endpoint=x", "_scheme=javascript", "status=open&_anchor=x"):
        response = client.get(f"/admin/reports?{query}")
        assert response.status_code == 200, query
    page = client.get("/admin/reports?status=open&district=").get_data(True)
    assert 'href="/admin/reports/export.csv?status=open&amp;district="' in page


def test_an_expiry_on_the_day_of_issue_is_refused_with_a_message(client):
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    workshop = make_workshop()
    certificate = {"holder_name": "王建国", "issued_on": "2026-01-10", "expires_on": "2026-01-10"}
    url = f"/admin/workshops/{workshop.id}/health-certificates/new"
    response = client.post(url, data=certificate)
    assert response.status_code == 200 and "必须晚于发证日期" in response.get_data(True)
