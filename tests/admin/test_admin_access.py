"""The authorization matrix: every /admin route against every role and anonymous visitors.

Adding a route without declaring its expected rule here fails ``test_matrix_covers_every_route``.
"""

from datetime import date

import pytest
import sqlalchemy as sa
from draw_helpers import made, make_inspectors
from factories import make_report, make_staff, make_workshop, sign_in

from workshop_credit.extensions import db
from workshop_credit.models import (
    Inspection,
    Inspector,
    Listing,
    ListingKind,
    Penalty,
    ProcessingZone,
    Role,
    TrainingSession,
)

R = Role
ANYONE = "anyone"
ALL = frozenset(Role)
FILE = frozenset({R.REGULATOR})
LISTING = frozenset({R.EDITOR, R.APPROVER})
QUEUE = frozenset({R.MODERATOR, R.SUPERADMIN})

# endpoint -> roles allowed (ANYONE: also signed-out visitors)
EXPECTED = {
    "admin.login": ANYONE,
    "admin.login_second_factor": ANYONE,
    "admin.logout": ALL,
    "admin.index": ALL,
    "admin.account": ALL,
    "admin.change_password": ALL,
    "admin.enrol_totp": ALL,
    "admin.regenerate_codes": ALL,
    "admin.users": {R.SUPERADMIN},
    "admin.user_new": {R.SUPERADMIN},
    "admin.user_deactivate": {R.SUPERADMIN},
    "admin.user_activate": {R.SUPERADMIN},
    "admin.user_reset_totp": {R.SUPERADMIN},
    "admin.account_request_confirm": {R.SUPERADMIN},
    "admin.account_request_refuse": {R.SUPERADMIN},
    "admin.audit": {R.SUPERADMIN},
    "admin.worklist": {R.REGULATOR, R.VIEWER, R.SUPERADMIN},
    "admin.workshops": FILE,
    "admin.workshop_new": FILE,
    "admin.workshop": FILE,
    "admin.workshop_edit": FILE,
    "admin.workshop_close": FILE,
    "admin.workshop_successor": FILE,
    "admin.board_edit": FILE,
    "admin.workshop_board_pdf": FILE,
    "admin.workshop_qr": FILE,
    "admin.county_boards_start": FILE,
    "admin.county_boards_job": FILE,
    "admin.county_boards_file": FILE,
    "admin.record_new": FILE,
    "admin.record_edit": FILE,
    "admin.record_delete": FILE,
    "admin.zones": FILE,
    "admin.zone_new": FILE,
    "admin.zone_edit": FILE,
    "admin.imports": FILE,
    "admin.template_csv": FILE,
    "admin.template_xlsx": FILE,
    "admin.listings": LISTING,
    "admin.listing": LISTING,
    "admin.listing_new": {R.EDITOR},
    "admin.listing_workshops": {R.EDITOR},
    "admin.listing_edit": {R.EDITOR},
    "admin.listing_submit": {R.EDITOR},
    "admin.listing_publish": {R.APPROVER},
    "admin.listing_send_back": {R.APPROVER},
    "admin.listing_withdraw": {R.APPROVER},
    "admin.reports": QUEUE,
    "admin.reports_export": QUEUE,
    "admin.report_detail": QUEUE,
    "admin.report_act": QUEUE,
    "admin.report_reward": QUEUE,
    "admin.report_photo": QUEUE,
    "admin.report_identity": {R.MODERATOR},
    "admin.inspectors": {R.REGULATOR, R.VIEWER, R.SUPERADMIN},
    "admin.inspector_new": FILE,
    "admin.inspector_edit": FILE,
    "admin.draws": {R.REGULATOR, R.VIEWER, R.SUPERADMIN},
    "admin.draw": {R.REGULATOR, R.VIEWER, R.SUPERADMIN},
    "admin.draw_new": FILE,
    "admin.draw_make": FILE,
    "admin.draw_cancel": FILE,
    "admin.draw_inspection": FILE,
    "admin.referrals": {R.REGULATOR, R.VIEWER, R.SUPERADMIN, R.MODERATOR},
    "admin.penalty_referral": FILE,
    "admin.report_referral": QUEUE,
    "admin.trainings": {R.REGULATOR, R.VIEWER, R.SUPERADMIN},
    "admin.training_new": FILE,
    "admin.training_edit": FILE,
}
# Routes that touch one workshop's file: a regulator of another county is refused.
SCOPED = {
    e
    for e in EXPECTED
    if e
    in (
        "admin.workshop",
        "admin.workshop_edit",
        "admin.workshop_close",
        "admin.workshop_successor",
        "admin.board_edit",
        "admin.workshop_board_pdf",
        "admin.workshop_qr",
        "admin.record_new",
        "admin.record_edit",
        "admin.record_delete",
        "admin.zone_edit",
        "admin.inspector_edit",
        "admin.draw",
        "admin.draw_make",
        "admin.draw_cancel",
        "admin.draw_inspection",
        "admin.penalty_referral",
        "admin.training_edit",
    )
}


def admin_rules(app):
    """Every (endpoint, rule, method) under /admin, logout last since it ends the session."""
    found = [
        (rule.endpoint, rule, method)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/admin")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]
    return sorted(found, key=lambda item: (item[0] == "admin.logout", item[0], item[2]))


def test_matrix_covers_every_route(app):
    assert {endpoint for endpoint, _, _ in admin_rules(app)} == set(EXPECTED)


@pytest.fixture
def world(app):
    """A workshop and a processing zone of 峡江县, an inspection, a listing, a spare account."""
    workshop = make_workshop(district_name="峡江县")
    zone = ProcessingZone(
        name="峡江县米粉集中加工区",
        district_id=workshop.district_id,
        established_on=date(2021, 6, 1),
    )
    author = make_staff(R.EDITOR, username="listing-author")
    inspection = Inspection(
        workshop=workshop, inspected_on=date(2026, 1, 5), kind="routine", result="compliant"
    )
    listing = Listing(
        kind=ListingKind.BLACK,
        title="曝光",
        reason="无证",
        author=author,
        subject_name="无名作坊",
        subject_address="峡江县某村",
    )
    db.session.add_all([inspection, listing, zone])
    db.session.commit()
    penalty = Penalty(
        workshop_id=workshop.id,
        decision_number="吉峡市监罚〔2026〕1号",
        decided_on=date(2026, 1, 5),
        violation="无",
        legal_basis="无",
        penalty="警告",
        authority="峡江县市场监督管理局",
        publicity_ends_on=date(2026, 7, 5),
    )
    training = TrainingSession(
        district_id=workshop.district_id, held_on=date(2026, 1, 6), topic="培训", organiser="局"
    )
    db.session.add_all([penalty, training])
    db.session.commit()
    spare = make_staff(R.VIEWER, username="spare-account")
    report, _ = make_report()
    make_inspectors(n=1)
    draw = made(workshop_count=1, inspectors_per_workshop=1)
    return {
        "draw_id": draw.id,
        "pick_id": draw.picks[0].id,
        "inspector_id": db.session.scalar(sa.select(Inspector.id)),
        "report_id": report.id,
        "action": "accept",
        "step": "decide",
        "photo_id": 1,
        "workshop_id": workshop.id,
        "kind": "inspections",
        "record_id": inspection.id,
        "listing_id": listing.id,
        "user_id": spare.id,
        "request_id": 1,
        "key": "never-sampled",
        "zone_id": zone.id,
        "image": "png",
        "job_id": "0123456789abcdef",
        "penalty_id": penalty.id,
        "training_id": training.id,
    }


def url_for_rule(app, rule, values):
    """The path of ``rule`` filled with the sample records."""
    with app.test_request_context():
        return app.url_for(rule.endpoint, **{arg: values[arg] for arg in rule.arguments})


def allowed(response):
    """Whether the request got past the guard (neither refused nor sent to sign in/enrol)."""
    if response.status_code == 403:
        return False
    location = response.headers.get("Location", "")
    return not (location.endswith("/admin/login") or location.endswith("/admin/account/totp"))


def clients(app):
    """A signed-in client per role (regulators of 峡江县 and 遂川县), and an anonymous one."""
    found = {"anonymous": (None, app.test_client())}
    for role in Role:
        district = "峡江县" if role == R.REGULATOR else None
        client = app.test_client()
        sign_in(client, make_staff(role, district))
        found[role.value] = (role, client)
    outsider = app.test_client()
    sign_in(outsider, make_staff(R.REGULATOR, "遂川县"))
    found["regulator-suichuan"] = (R.REGULATOR, outsider)
    return found


def test_every_route_against_every_role(app, world):
    signed_in = clients(app)
    mismatches = []
    for endpoint, rule, method in admin_rules(app):
        path = url_for_rule(app, rule, world)
        rule_roles = EXPECTED[endpoint]
        for name, (role, client) in signed_in.items():
            if rule_roles == ANYONE:
                expected = True
            else:
                expected = role in rule_roles
                if name == "regulator-suichuan" and endpoint in SCOPED:
                    expected = False
            response = client.open(path, method=method, data={})
            if rule_roles == ANYONE:
                got = response.status_code != 403
            elif endpoint == "admin.logout":  # redirects either way; only a real one says so
                got = "您已安全退出" in client.get("/admin/login").get_data(as_text=True)
            else:
                got = allowed(response)
            if got != expected:
                mismatches.append((method, path, name, response.status_code))
    assert mismatches == []


def test_a_regulator_of_another_county_gets_403_not_a_redirect(app, world):
    client = app.test_client()
    sign_in(client, make_staff(R.REGULATOR, "遂川县"))
    wid, rid = world["workshop_id"], world["record_id"]
    for method, path in (
        ("GET", f"/admin/workshops/{wid}/edit"),
        ("POST", f"/admin/workshops/{wid}/edit"),
        ("POST", f"/admin/workshops/{wid}/inspections/{rid}/edit"),
        ("POST", f"/admin/workshops/{wid}/close"),
    ):
        assert client.open(path, method=method, data={"name": "x"}).status_code == 403
