"""A county account works on its county alone: its editors' listings and its moderators'
duplicates stay inside it, and a refusal never tells whether another county's record exists."""

import re

import pytest
import sqlalchemy as sa
from factories import (
    district,
    listing_form,
    make_listing,
    make_report,
    make_staff,
    make_workshop,
    sign_in,
)

from workshop_credit.extensions import db
from workshop_credit.models import (
    Listing,
    ListingKind,
    ListingStatus,
    RecordInvalid,
    Report,
    ReportStatus,
    Role,
)
from workshop_credit.reports import moderation
from workshop_credit.reports.moderation import Step


def county_editor(client, name="峡江县"):
    """An editor of one county, signed in with ``client``."""
    editor = make_staff(Role.EDITOR, name)
    sign_in(client, editor)
    return editor


def test_a_county_editor_cannot_open_or_change_another_countys_draft(client):
    county_editor(client)
    other = make_listing(
        None, ListingKind.BLACK, status=ListingStatus.DRAFT, subject_name="遂川某作坊",
        title="遂川县的草稿",
    )  # fmt: skip
    other.district = district("遂川县")
    db.session.commit()
    for path in ("", "/edit"):
        assert client.get(f"/admin/listings/{other.id}{path}").status_code == 403
    response = client.post(
        f"/admin/listings/{other.id}/edit", data=listing_form(district_id="0", title="改了")
    )
    assert response.status_code == 403
    assert client.post(f"/admin/listings/{other.id}/submit").status_code == 403
    db.session.expire_all()
    unchanged = db.session.get(Listing, other.id)
    assert (unchanged.title, unchanged.district.name) == ("遂川县的草稿", "遂川县")
    assert unchanged.status == ListingStatus.DRAFT
    assert "遂川县的草稿" not in client.get("/admin/listings").get_data(True)


def test_a_county_editor_writes_for_that_county_only(client):
    county_editor(client)
    elsewhere = make_workshop("遂川县某米粉作坊", district_name="遂川县")
    form = client.get("/admin/listings/new").get_data(True)
    assert "全市" not in form
    for changes in (
        {"district_id": "0"},
        {"district_id": str(district("遂川县").id)},
        {"kind": "red", "workshop_code": elsewhere.public_code},
    ):
        response = client.post("/admin/listings/new", data=listing_form("峡江县", **changes))
        assert response.status_code == 200, changes
    assert db.session.scalar(sa.select(sa.func.count(Listing.id))) == 0
    assert client.post("/admin/listings/new", data=listing_form("峡江县")).status_code == 302
    mine = db.session.scalar(sa.select(Listing))
    assert mine.district.name == "峡江县"
    response = client.post(f"/admin/listings/{mine.id}/edit", data=listing_form(district_id="0"))
    assert response.status_code == 200
    db.session.expire_all()
    assert db.session.get(Listing, mine.id).district.name == "峡江县"


def test_a_city_wide_editor_still_writes_city_wide_listings(client):
    sign_in(client, make_staff(Role.EDITOR))
    assert "全市" in client.get("/admin/listings/new").get_data(True)
    assert client.post("/admin/listings/new", data=listing_form(district_id="0")).status_code == 302
    assert db.session.scalar(sa.select(Listing)).district_id is None


def flashed_errors(response) -> str:
    """The error messages flashed on the page a moderator lands on."""
    return " ".join(
        re.findall(r'<p class="flash flash-error"[^>]*>(.*?)</p>', response.get_data(True))
    )


def test_a_county_moderator_cannot_mark_a_duplicate_of_another_countys_report(client):
    mine, _ = make_report(subject_name="峡江某作坊")
    theirs, _ = make_report(district=district("遂川县"), subject_name="遂川某作坊")
    sign_in(client, make_staff(Role.MODERATOR, "峡江县"))
    url = f"/admin/reports/{mine.id}/act/duplicate"
    answers = []
    for number in (theirs.id, theirs.id + 1000):
        response = client.post(
            url, data={"note": "重复", "duplicate_of": str(number)}, follow_redirects=True
        )
        answers.append(flashed_errors(response).replace(str(number), "N"))
    assert answers[0] == answers[1] and "N" in answers[0]
    db.session.expire_all()
    report = db.session.get(Report, mine.id)
    assert report.status == ReportStatus.RECEIVED and report.duplicate_of_id is None


def test_the_moderation_service_refuses_another_countys_original_too(app):
    mine, _ = make_report(subject_name="峡江某作坊")
    theirs, _ = make_report(district=district("遂川县"), subject_name="遂川某作坊")
    moderator = make_staff(Role.MODERATOR, "峡江县")
    with pytest.raises(RecordInvalid, match=f"没有内部编号为 {theirs.id} 且由您负责的举报"):
        moderation.act(mine, "duplicate", moderator, Step(note="重复", duplicate_of=theirs))
    assert mine.status == ReportStatus.RECEIVED
