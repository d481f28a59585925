"""A site to fuzz: records behind every route, an account for every role, and the routes and
forms found by walking the URL map and the pages, as a person would find them."""

import io
import itertools
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from draw_helpers import announced, made, make_inspectors
from factories import (
    STAFF_PASSWORD,
    add_records,
    district,
    honour,
    inspection,
    interview,
    jpeg_bytes,
    make_listing,
    make_report,
    make_staff,
    make_workshop,
    penalty,
    report_form,
    sampling,
    sign_in,
)
from werkzeug.routing import AnyConverter

from workshop_credit.accounts import requests as account_requests
from workshop_credit.admin.views import ACCESS, PUBLIC
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    HealthCertificate,
    Inspector,
    ListingKind,
    ListingStatus,
    ProcessingZone,
    Report,
    ReportPhoto,
    Role,
    Supplier,
    TrainingSession,
)
from workshop_credit.reports import moderation
from workshop_credit.reports.moderation import Step
from workshop_credit.reports.workflow import TRANSITIONS
from workshop_credit.stats.plan import SHARES
from workshop_credit.supervision.stats import SHARES as SUPERVISION_SHARES
from workshop_credit.workshops.worklists import WORKLISTS

# The clients besides the staff roles: a visitor, a reporter who opened a report with code
# and key, and a moderator who gave the password and has yet to give the second factor.
PUBLIC_VISITOR, REPORTER, SIGNING_IN = "public", "reporter", "signing-in"
# Ends the fuzzing account's own session; signing out is tested in test_admin_login.py.
NOT_FUZZED = {"admin.logout"}
# Steps that end what other forms work on (a workshop's file, following a report): last.
LAST = {"admin.workshop_close", "site.report_leave", "admin.user_deactivate"}


@dataclass
class Form:
    """One <form> of a page: where it goes, how, and its fields with a plausible value each."""

    page: str
    action: str
    method: str
    fields: dict = field(default_factory=dict)  # name -> (kind, plausible value, options)
    role: Role | str = PUBLIC_VISITOR

    @property
    def label(self) -> str:
        """How a failure names the form."""
        return f"{self.method} {self.action} (form on {self.page}, as {self.role})"


class FormParser(HTMLParser):
    """The forms of a page, with each field's kind, current value and choices."""

    def __init__(self, page):
        super().__init__(convert_charrefs=True)
        self.page, self.forms, self.form, self.select, self.textarea = page, [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            action = urljoin(self.page, a.get("action") or self.page)
            self.form = Form(self.page, action, (a.get("method") or "get").upper())
            self.forms.append(self.form)
        elif self.form is None or not a.get("name") or a["name"] == "csrf_token":
            return
        elif tag == "input" and a.get("type", "text") not in ("submit", "button", "file", "image"):
            self._input(a)
        elif tag == "select":
            self.select = a["name"]
            self.form.fields[self.select] = ("select", "", [])
        elif tag == "textarea":
            self.textarea = a["name"]
            self.form.fields[self.textarea] = ("textarea", "", [])

    def _input(self, a):
        kind, name, value = a.get("type", "text"), a["name"], a.get("value", "")
        if kind in ("radio", "checkbox"):
            _, current, options = self.form.fields.get(name, (kind, "", []))
            options.append(value or "y")
            chosen = current or (value or "y" if "checked" in a or kind == "radio" else "")
            self.form.fields[name] = (kind, chosen, options)
        else:
            self.form.fields[name] = (kind, value, [])

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag in ("select", "textarea"):
            self.select = self.textarea = None

    def handle_data(self, data):
        if self.form is not None and self.textarea:
            kind, value, options = self.form.fields[self.textarea]
            self.form.fields[self.textarea] = (kind, value + data, options)


class OptionParser(FormParser):
    """``FormParser`` that also reads the options of selects."""

    def handle_starttag(self, tag, attrs):
        if tag == "option" and self.form is not None and self.select:
            a = {k: v or "" for k, v in attrs}
            kind, current, options = self.form.fields[self.select]
            value = a.get("value", "")
            options.append(value)
            if "selected" in a or (not current and value):
                current = value
            self.form.fields[self.select] = (kind, current, options)
            return
        super().handle_starttag(tag, attrs)


def forms_on(page: str, html: str) -> list[Form]:
    """The forms of ``html``, served at ``page``."""
    parser = OptionParser(page)
    parser.feed(html)
    return parser.forms


@dataclass
class Site:
    """The records the routes name, and a signed-in client per role."""

    clients: dict  # role (or PUBLIC_VISITOR, REPORTER) -> a test client
    args: dict  # view argument -> the values worth visiting
    records: dict  # record kind in URLs -> (workshop id, record id)
    plausible: dict  # field name -> a value that passes, where a page leaves it empty


def build_site(app) -> Site:
    """Records of every kind, reports in every step, listings in every state, and staff."""
    workshop = make_workshop("峡江县老王米粉加工坊")
    add_records(
        workshop,
        inspection(pending=True),
        sampling(failed=True),
        penalty(),
        interview(),
        honour(local_today().year),
    )
    workshop.health_certificates.append(
        HealthCertificate(
            holder_name="王建国",
            issued_on=local_today() - timedelta(days=30),
            expires_on=local_today() + timedelta(days=300),
        )
    )
    workshop.suppliers.append(Supplier(name="峡江县粮油公司", materials="大米"))
    zone = ProcessingZone(
        name="峡江县米粉集中加工区", district=district(), established_on=local_today()
    )
    training = TrainingSession(
        district=district(), held_on=local_today(), topic="食品安全法", organiser="峡江县局"
    )
    db.session.add_all([zone, training])
    db.session.commit()
    make_inspectors(n=2)
    drawn = made(workshop_count=1, inspectors_per_workshop=1)
    pending, _ = announced(workshop_count=1, inspectors_per_workshop=1)
    staff = {role: make_staff(role, username=f"fuzz-{role.value}") for role in Role}
    spare, dormant = (make_staff(Role.VIEWER, username=f"fuzz-{n}") for n in ("spare", "dormant"))
    dormant.is_active = False
    # A new moderator asked for by another superadmin: the fuzzing one may confirm or refuse.
    requester = make_staff(Role.SUPERADMIN, username="fuzz-requester")
    account_requests.request_moderator(
        "fuzz-new-moderator", district=None, display_name="新审核员", actor=requester
    )
    asked = account_requests.pending()
    clients = {}
    for role, user in staff.items():
        clients[role] = app.test_client()
        sign_in(clients[role], user)
    listings = _listings(workshop, staff)
    reports = _reports(app, workshop, staff)
    clients[PUBLIC_VISITOR], clients[REPORTER] = app.test_client(), app.test_client()
    clients[SIGNING_IN] = app.test_client()
    halfway = make_staff(Role.MODERATOR, username="fuzz-halfway")
    clients[SIGNING_IN].post(
        "/admin/login", data={"username": halfway.username, "password": STAFF_PASSWORD}
    )
    _, receipt = make_report(subject_name="随访的举报")
    clients[REPORTER].post("/report/status", data={"code": receipt.code, "key": receipt.key})
    records = {
        "registrations": workshop.registrations[0].id,
        "health-certificates": workshop.health_certificates[0].id,
        "suppliers": workshop.suppliers[0].id,
        "inspections": workshop.inspections[0].id,
        "samplings": workshop.samplings[0].id,
        "penalties": workshop.penalties[0].id,
        "interviews": workshop.interviews[0].id,
        "honours": workshop.honours[0].id,
    }
    photo = db.session.scalar(db.select(ReportPhoto.id).limit(1))
    args = {
        "workshop_id": [workshop.id],
        "zone_id": [zone.id],
        "draw_id": [drawn.id, pending.id],
        "pick_id": [c.id for c in drawn.candidates],
        "inspector_id": db.session.scalars(db.select(Inspector.id)).all(),
        "penalty_id": [workshop.penalties[0].id],
        "training_id": [training.id],
        "listing_id": [item.id for item in listings],
        "report_id": [item.id for item in reports],
        "photo_id": [photo],
        "user_id": [spare.id, dormant.id],
        "request_id": [item.id for item in asked],
        "code": [workshop.public_code, workshop.public_code.lower()],
        "key": sorted({*WORKLISTS, *(share.key for share in (*SHARES, *SUPERVISION_SHARES))}),
        "action": sorted(TRANSITIONS),
        "step": ["decide", "approve", "paid"],
        # County board jobs: one that does not exist, and a name that is no job's at all.
        "job_id": ["0123456789abcdef", "../../etc/passwd"],
    }
    plausible = {
        "workshop_code": workshop.public_code,
        "workshop_name": workshop.name,
        "reporter_name": "李秀英",
        "reporter_phone": "13800138000",
        "username": "fuzz-new-account",
        "submission_token": "fuzz-" + "t" * 40,
        "website": "",  # the tip-off form's trap for programs
    }
    return Site(clients, args, records, plausible)


def _listings(workshop, staff):
    """A draft, one in review and a published listing, by the fuzzing editor."""
    editor, approver = staff[Role.EDITOR], staff[Role.APPROVER]
    made = []
    for status in (ListingStatus.DRAFT, ListingStatus.IN_REVIEW, ListingStatus.PUBLISHED):
        item = make_listing(workshop, ListingKind.RED, status=status)
        item.author, item.approver = editor, approver if status == ListingStatus.PUBLISHED else None
        made.append(item)
    db.session.commit()
    return made


def _reports(app, workshop, staff):
    """A new report with a photo, and real-name ones at each step of the reward."""
    client = app.test_client()
    client.post("/report", data=report_form(photos=[(io.BytesIO(jpeg_bytes()), "a.jpg")]))
    fresh = db.session.scalar(db.select(Report).order_by(Report.id.desc()).limit(1))
    moderator, others = staff[Role.MODERATOR], [staff[Role.SUPERADMIN], make_staff(Role.MODERATOR)]
    made = [fresh]
    for stage in range(3):  # substantiated; reward decided by another; and approved
        report, _ = make_report(
            workshop=workshop, reporter_name="李秀英", reporter_phone="13800138000",
            wants_reward=True,
        )  # fmt: skip
        for name, extra in (("accept", {}), ("assign", {"district": district()}),
                            ("substantiate", {})):  # fmt: skip
            moderation.act(report, name, moderator, Step(note="处理", **extra))
        if stage >= 1:
            moderation.decide_reward(report, others[0], 2, "二级")
        if stage >= 2:
            moderation.approve_reward(report, others[1], "同意")
        made.append(report)
    return made


def roles_for(endpoint: str):
    """Who opens an endpoint: the public (and a reporter following a report, for the
    tip-off pages), else each staff role allowed."""
    if endpoint.startswith("site.report"):
        return [PUBLIC_VISITOR, REPORTER]
    if endpoint.startswith("admin.login"):
        return [PUBLIC_VISITOR, SIGNING_IN]
    if not endpoint.startswith("admin.") or ACCESS.get(endpoint, frozenset()) is PUBLIC:
        return [PUBLIC_VISITOR]
    return sorted(ACCESS.get(endpoint, ()), key=lambda role: role.value)


def view_args(rule, site: Site) -> list[dict]:
    """Every combination of the records and choices a rule's arguments can name."""
    if "record_id" in rule.arguments:
        workshop_id = site.args["workshop_id"][0]
        return [
            {"workshop_id": workshop_id, "kind": kind, "record_id": record_id}
            for kind, record_id in site.records.items()
        ]
    choices = []
    for name in sorted(rule.arguments):
        converter = rule._converters[name]
        if isinstance(converter, AnyConverter):
            choices.append([(name, item) for item in sorted(converter.items)])
        else:
            choices.append([(name, value) for value in site.args[name]])
    return [dict(combination) for combination in itertools.product(*choices)]


def path_of(url: str) -> str:
    """The path and query of a URL the test client can open."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")
