"""A listing editor chooses the workshop by name within their scope and previews the listing."""

import re

import sqlalchemy as sa
from factories import make_staff, make_workshop, sign_in
from test_admin_listings import black_form

from workshop_credit.extensions import db
from workshop_credit.models import Listing, Role


def red_form(**changes):
    """A red listing naming a workshop by what the editor types."""
    return black_form(kind="red", title="诚信示范", subject_name="", subject_address="", **changes)


def writer(app, district_name=None):
    client = app.test_client()
    sign_in(client, make_staff(Role.EDITOR, district_name))
    return client


def saved():
    return db.session.scalar(sa.select(Listing))


def test_part_of_a_name_that_one_workshop_carries_chooses_it(app):
    chosen = make_workshop("峡江县老李米粉加工坊")
    make_workshop("峡江县张记腐竹坊")
    response = writer(app).post("/admin/listings/new", data=red_form(workshop_code="老李米粉"))
    assert response.status_code == 302 and saved().workshop_id == chosen.id


def test_a_name_several_workshops_carry_offers_them_to_choose(app):
    first = make_workshop("峡江县老李米粉加工坊")
    second = make_workshop("新干县老李米粉店", district_name="新干县")
    client = writer(app)
    page = client.post("/admin/listings/new", data=red_form(workshop_code="老李米粉"))
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and saved() is None
    assert "2 家" in html and first.public_code in html and second.public_code in html
    assert 'name="workshop_pick"' in html
    picked = red_form(workshop_code="老李米粉", workshop_pick=str(second.id))
    assert client.post("/admin/listings/new", data=picked).status_code == 302
    assert saved().workshop_id == second.id


def test_a_county_editor_finds_only_the_county_s_workshops(app):
    make_workshop("新干县老李米粉店", district_name="新干县")
    other = make_workshop("峡江县老李米粉加工坊")
    client = writer(app, "新干县")
    for typed in ("峡江县老李", other.public_code):
        html = client.post("/admin/listings/new", data=red_form(workshop_code=typed)).get_data(True)
        assert "本账号管辖范围内" in html and saved() is None
    smuggled = red_form(workshop_code="老李米粉", workshop_pick=str(other.id))
    html = client.post("/admin/listings/new", data=smuggled).get_data(True)
    assert saved() is None or saved().workshop_id != other.id


def section(html, listing_id):
    """The public rendering of one listing on a page."""
    found = re.search(rf'<section [^>]*id="listing-{listing_id}".*?</section>', html, re.S)
    assert found, "the listing is not rendered"
    return found.group(0)


def test_the_draft_previews_exactly_what_the_public_list_will_show(app):
    workshop = make_workshop("峡江县老李米粉加工坊")
    client = writer(app)
    client.post("/admin/listings/new", data=red_form(workshop_code=workshop.public_code))
    listing = saved()
    preview = section(client.get(f"/admin/listings/{listing.id}").get_data(True), listing.id)
    client.post(f"/admin/listings/{listing.id}/submit")
    approver = app.test_client()
    sign_in(approver, make_staff(Role.APPROVER))
    approver.post(f"/admin/listings/{listing.id}/publish")
    public = section(app.test_client().get("/lists/red").get_data(True), listing.id)
    assert preview == public


def test_the_field_suggests_workshops_of_the_editor_s_scope_as_they_type(app):
    mine = make_workshop("新干县老李米粉店", district_name="新干县")
    make_workshop("峡江县老李米粉加工坊")
    client = writer(app, "新干县")
    form = client.get("/admin/listings/new").get_data(as_text=True)
    assert 'list="workshop-options"' in form and "workshop-chooser.js" in form
    rows = client.get("/admin/listings/workshops.json?q=老李").get_json()
    assert rows == [{"code": mine.public_code, "name": mine.name, "district": "新干县"}]
    assert client.get("/admin/listings/workshops.json?q=老").get_json() == []


def test_a_county_editor_sees_and_opens_only_the_county_s_listings(app):
    make_workshop("新干县老李米粉店", district_name="新干县")
    other = make_workshop("峡江县老李米粉加工坊")
    writer(app).post("/admin/listings/new", data=red_form(workshop_code=other.public_code))
    listing = saved()
    client = writer(app, "新干县")
    assert "峡江县老李米粉加工坊" not in client.get("/admin/listings").get_data(True)
    assert client.get(f"/admin/listings/{listing.id}").status_code == 403
    assert client.post(f"/admin/listings/{listing.id}/submit").status_code == 403
    form = client.get("/admin/listings/new").get_data(True)
    choices = re.search(r'<select[^>]*name="district_id".*?</select>', form, re.S).group(0)
    assert "新干县" in choices and "全市" not in choices
