"""Each rule has one definition: what Python decides about a loaded record, SQL decides too."""

import html
import os
import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest
import sqlalchemy as sa
from factories import (
    add_records,
    district,
    honour,
    inspection,
    make_report,
    make_staff,
    make_titled_listing,
    make_workshop,
    penalty,
    sampling,
    sign_in,
)

from workshop_credit import search_index
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.listings.queries import listing_is_public
from workshop_credit.models import (
    HonourKind,
    Inspection,
    InspectionKind,
    InspectionResult,
    Listing,
    ListingStatus,
    ProcessingZone,
    Registration,
    RegistrationStatus,
    Role,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.models.workshop import current_status
from workshop_credit.workshops import grading, public_file
from workshop_credit.workshops.directory import status_condition
from workshop_credit.workshops.facts import workshop_facts
from workshop_credit.workshops.file_records import FILE

# (issued days ago, valid for days, status, ended days ago) per certificate, newest last.
HISTORIES = {
    "in force": [(200, 1095, RegistrationStatus.VALID, None)],
    "run out": [(1200, 1095, RegistrationStatus.VALID, None)],
    "marked expired": [(1200, 1095, RegistrationStatus.EXPIRED, None)],
    "revoked last month": [(400, 1095, RegistrationStatus.REVOKED, 30)],
    "renewed": [(1200, 1095, RegistrationStatus.VALID, None), (100, 1095, "valid", None)],
    "issued tomorrow": [(-1, 1095, RegistrationStatus.VALID, None)],
    "ends today": [(1094, 1095, RegistrationStatus.VALID, None)],
}
DAYS_AGO = (-1, 0, 1, 29, 30, 31, 99, 100, 101, 200, 400, 1200)


def _file(name, history):
    """A workshop whose file holds exactly the certificates of ``history``."""
    today = local_today()
    workshop = make_workshop(name, status=WorkshopStatus.REGISTERED)
    workshop.registrations.clear()
    db.session.flush()
    for n, (issued, days, status, ended) in enumerate(history):
        issued_on = today - timedelta(days=issued)
        workshop.registrations.append(
            Registration(
                number=f"{name}-{n}",
                issued_on=issued_on,
                expires_on=issued_on + timedelta(days=days),
                issuing_office="峡江县市场监督管理局",
                status=RegistrationStatus(status),
                ended_on=None if ended is None else today - timedelta(days=ended),
                end_reason="" if ended is None else "违法生产",
            )
        )
    db.session.commit()
    db.session.expire_all()
    return db.session.get(Workshop, workshop.id)


@pytest.fixture
def files(app):
    """One workshop per certificate history."""
    return {name: _file(name, history) for name, history in HISTORIES.items()}


def test_a_certificate_in_force_reads_the_same_in_python_and_sql(files):
    today = local_today()
    for days in DAYS_AGO:
        day = today - timedelta(days=days)
        in_sql = set(db.session.scalars(sa.select(Workshop.name).where(Workshop.certified_on(day))))
        in_python = {name for name, w in files.items() if w.certified_on(day)}
        assert in_sql == in_python, day


def test_the_directory_filter_agrees_with_the_landing_page_status(files):
    today = local_today()
    for status in (WorkshopStatus.REGISTERED, WorkshopStatus.EXPIRED):
        in_sql = set(
            db.session.scalars(sa.select(Workshop.name).where(status_condition(status, today)))
        )
        assert in_sql == {n for n, w in files.items() if current_status(w, today) == status}
    assert current_status(files["in force"], today) == WorkshopStatus.REGISTERED
    assert current_status(files["run out"], today) == WorkshopStatus.EXPIRED
    assert current_status(files["renewed"], today) == WorkshopStatus.REGISTERED


LISTINGS = {
    "榜单公示中": {},
    "榜单长期公示": {"expires_in": None},
    "榜单今日到期": {"expires_in": 0},
    "榜单昨日到期": {"expires_in": -1},
    "榜单草稿": {"status": ListingStatus.DRAFT},
    "榜单已撤回": {"status": ListingStatus.WITHDRAWN},
}


def test_who_may_see_a_listing_reads_the_same_everywhere(client):
    today = local_today()
    made = {
        title: make_titled_listing(title, **({"expires_in": 30} | fields))
        for title, fields in LISTINGS.items()
    }
    search_index.rebuild()
    in_sql = set(db.session.scalars(sa.select(Listing.title).where(listing_is_public(today))))
    assert in_sql == {t for t, listing in made.items() if listing.is_public(today)}
    assert in_sql == {"榜单公示中", "榜单长期公示", "榜单今日到期"}
    red = client.get("/lists/red").get_data(as_text=True)
    found = client.get("/search", query_string={"q": "榜单"}).get_data(as_text=True)
    found = found.replace("<mark>", "").replace("</mark>", "")
    for title in LISTINGS:
        assert (title in red, title in found) == (title in in_sql,) * 2, title


COUNTY_LISTS = {
    "/admin/workshops": Role.REGULATOR,
    "/admin/zones": Role.REGULATOR,
    "/admin/worklists/not-inspected": Role.REGULATOR,
    "/admin/reports": Role.MODERATOR,
    "/admin/listings": Role.EDITOR,
}
COUNTIES = {"峡江县": "峡江", "遂川县": "遂川"}


def _county_records():
    """In each county a workshop, a zone, a report and a listing, named after the county."""
    for county, short in COUNTIES.items():
        make_workshop(f"{short}县界作坊", district_name=county)
        db.session.add(
            ProcessingZone(
                name=f"{short}县界加工区", district=district(county), established_on=local_today()
            )
        )
        make_report(subject_name=f"{short}县界窝点", district=district(county))
        make_titled_listing(f"{short}县界榜单").district = district(county)
    db.session.commit()


@pytest.mark.parametrize("path", COUNTY_LISTS)
def test_every_list_keeps_a_county_account_to_its_county(app, path):
    _county_records()
    for county, other in (("峡江县", "遂川"), ("遂川县", "峡江"), (None, None)):
        client = app.test_client()
        sign_in(client, make_staff(COUNTY_LISTS[path], county))
        html = client.get(path).get_data(as_text=True)
        shown = {short for short in COUNTIES.values() if f"{short}县界" in html}
        assert shown == {COUNTIES[county]} if county else set(COUNTIES.values()), (path, county)
        assert other is None or f"{other}县界" not in html


def test_every_record_owned_by_a_workshop_is_part_of_its_file():
    owned = {
        rel.mapper.class_ for rel in sa.inspect(Workshop).relationships if rel.cascade.delete_orphan
    }
    assert owned == {kind.model for kind in FILE if kind.collection}
    for kind in FILE:
        if kind.collection:
            assert getattr(Workshop, kind.collection).property.mapper.class_ is kind.model


def test_a_change_to_any_kind_of_record_shows_on_the_landing_page_at_once(client):
    workshop = make_workshop()
    page = client.get(f"/w/{workshop.public_code}")
    inspection = Inspection(
        inspected_on=local_today(),
        kind=InspectionKind.ROUTINE,
        result=InspectionResult.NONCOMPLIANT,
        findings="原料库房无防鼠设施",
    )
    workshop.inspections.append(inspection)
    db.session.commit()
    again = client.get(
        f"/w/{workshop.public_code}", headers={"If-None-Match": page.headers["ETag"]}
    )
    assert again.status_code == 200 and "原料库房无防鼠设施" in again.get_data(as_text=True)


def test_session_hooks_are_registered_by_the_factory_not_by_imports(tmp_path):
    script = textwrap.dedent(
        """
        import sqlalchemy as sa
        from sqlalchemy.orm import Session
        import workshop_credit as wc
        from workshop_credit.config import TestingConfig

        def listening():
            return [h for e, h in wc.SESSION_HOOKS if sa.event.contains(Session, e, h)]

        assert listening() == [], listening()
        wc.create_app(TestingConfig, SQLALCHEMY_DATABASE_URI=sys.argv[1])
        assert len(listening()) == len(wc.SESSION_HOOKS)
        """
    )
    url = f"sqlite:///{tmp_path / 'hooks.sqlite3'}"
    done = subprocess.run(
        [sys.executable, "-c", "import sys\n" + script, url],
        capture_output=True,
        text=True,
        env={**os.environ, "INSTANCE_PATH": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_the_grade_facts_count_the_same_in_python_and_sql(app):
    today = local_today()
    days_to_start = (today - grading.window_start(today)).days
    revoked = honour(today.year)
    revoked.revoked_on = today
    files = [
        [sampling(days, failed=True) for days in (0, 1, days_to_start - 1, days_to_start)],
        [sampling(10), penalty(400, public_days=400), penalty(400, public_days=399)],
        [inspection(days, InspectionResult.NONCOMPLIANT) for days in (0, days_to_start)],
        [inspection(5, InspectionResult.RECTIFY, pending=True), inspection(-1, pending=True)],
        [honour(today.year - 2), honour(today.year - 3, kind=HonourKind.DEMONSTRATION)],
        [revoked],
        [],
    ]
    workshops = []
    for n, records in enumerate(files):
        workshop = make_workshop(categories=("酒类", "米粉") if n % 2 else ())
        add_records(workshop, *records)
        workshops.append(workshop)
    in_sql = grading.all_facts(db.session, today)
    db.session.expire_all()
    for workshop in workshops:
        facts = grading.facts_for(workshop, today)
        assert facts == grading.GradeFacts(status=workshop.status, **in_sql[workshop.id])
    assert {grading.facts_for(w, today).failed_samplings for w in workshops} == {0, 3}


def test_the_page_and_the_board_show_the_same_facts_of_one_list(client):
    workshop = make_workshop(operator="李秀英")
    public = public_file.load(workshop.id, local_today())
    page = html.unescape(client.get(f"/w/{workshop.public_code}").get_data(as_text=True))
    board = html.unescape(client.get(f"/w/{workshop.public_code}/board").get_data(as_text=True))
    for sheet, on_board in ((page, False), (board, True)):
        for label, value in workshop_facts(public, board=on_board):
            assert f"<dt>{label}</dt><dd>{value}</dd>" in sheet, (on_board, label)
    shared = set(workshop_facts(public)) & set(workshop_facts(public, board=True))
    assert {label for label, _ in shared} >= {"经营者", "地址", "登记证号", "有效期", "发证机关"}
