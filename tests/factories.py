"""``make_*`` helpers that build committed records for tests, with sensible defaults."""

import subprocess
from datetime import UTC, datetime, time, timedelta
from itertools import count

import sqlalchemy as sa

from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    District,
    FailedItem,
    Honour,
    HonourKind,
    Inspection,
    InspectionKind,
    InspectionResult,
    Interview,
    InterviewKind,
    Listing,
    ListingKind,
    ListingStatus,
    Penalty,
    RectificationStatus,
    Registration,
    RegistrationStatus,
    Role,
    Sampling,
    SamplingResult,
    User,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.workshops.uscc import check_character

_serial = count(1)


def district(name="峡江县"):
    """The district with ``name`` (from the reference data)."""
    return db.session.scalar(sa.select(District).where(District.name == name))


def category(name="米粉"):
    """The category with ``name`` (from the reference data)."""
    return db.session.scalar(sa.select(Category).where(Category.name == name))


def make_uscc(division="360823"):
    """A valid, unique unified social credit code for an individual business."""
    body = f"92{division}MA{next(_serial):07d}"
    return body + check_character(body)


def make_workshop(
    name=None,
    *,
    district_name="峡江县",
    categories=("米粉",),
    status=WorkshopStatus.REGISTERED,
    registered_on=None,
    **fields,
):
    """A committed workshop; a registered one gets a valid three-year certificate."""
    n = next(_serial)
    where = district(district_name)
    workshop = Workshop(
        name=name or f"{district_name}测试米粉作坊{n}",
        operator=fields.pop("operator", "王建国"),
        address=fields.pop("address", f"{district_name}水边镇湖洲村 {n} 号"),
        district=where,
        status=status,
        uscc=fields.pop(
            "uscc",
            make_uscc(where.code or "360800") if status != WorkshopStatus.UNREGISTERED else None,
        ),
        products=fields.pop("products", "米粉"),
        categories=[category(c) for c in categories],
        **fields,
    )
    if status != WorkshopStatus.UNREGISTERED:
        issued = registered_on or local_today() - timedelta(days=200)
        workshop.registrations.append(
            Registration(
                number=f"JX登-{where.code or '360800'}-{n:05d}",
                issued_on=issued,
                expires_on=issued + timedelta(days=3 * 365),
                issuing_office=f"{district_name}市场监督管理局",
                status=RegistrationStatus.VALID,
            )
        )
    db.session.add(workshop)
    db.session.commit()
    return workshop


STAFF_PASSWORD = "Gan-river-teahouse-47"


def make_staff(role, district_name=None, *, username=None, enrolled=None):
    """A committed staff account with a known password; a TOTP secret where the role needs one."""
    import pyotp

    from workshop_credit.accounts import operations as accounts
    from workshop_credit.accounts import second_factor

    user, _ = accounts.create_user(
        username or f"{role.value}{next(_serial)}",
        role,
        district=district(district_name) if district_name else None,
        password=STAFF_PASSWORD,
    )
    if enrolled if enrolled is not None else second_factor.is_required(user):
        user.totp_secret = pyotp.random_base32()
        db.session.commit()
    return user


def sign_in(client, user, password=STAFF_PASSWORD):
    """Sign ``user`` in through the forms, with a current TOTP code when enrolled."""
    import pyotp

    response = client.post("/admin/login", data={"username": user.username, "password": password})
    if user.totp_secret:
        response = client.post(
            "/admin/login/verify", data={"code": pyotp.TOTP(user.totp_secret).now()}
        )
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


# --- tip-offs ---------------------------------------------------------------------------


def jpeg_bytes(size=(64, 48), color=(200, 40, 40), exif=None):
    """A small JPEG, optionally with EXIF (GPS, device, orientation)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    image.save(out, "JPEG", **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def report_form(**overrides):
    """Form data for a valid anonymous report about an unregistered workshop."""
    data = {
        "submission_token": f"token-{next(_serial):08d}-abcdefghijklmnopqrstuvwxyz",
        "subject_kind": "unregistered",
        "subject_name": "无招牌米粉作坊",
        "subject_address": "峡江县水边镇湖洲村 12 号旁",
        "district": str(district("峡江县").id),
        "issue_type": "unregistered",
        "description": "村口一家没有招牌的作坊每天夜里加工米粉，地面污水横流，工人不戴手套。",
        "observed_at": (local_today() - timedelta(days=1)).isoformat() + "T21:30",
        "identity": "anonymous",
    }
    data.update(overrides)
    return data


def make_report(**overrides):
    """A report filed through the service; returns the report and its receipt."""
    from datetime import UTC, datetime

    from workshop_credit.models import IssueType, Report
    from workshop_credit.reports import filing as reports

    fields = {
        "issue_type": IssueType.UNREGISTERED,
        "description": "村口一家没有招牌的作坊每天夜里加工米粉，卫生条件很差。",
        "observed_at": datetime.now(UTC) - timedelta(days=1),
        "subject_name": "无招牌米粉作坊",
        "subject_address": "峡江县水边镇湖洲村 12 号旁",
        "district": district("峡江县"),
    }
    fields.update(overrides)
    receipt = reports.file_report(reports.Filing(**fields), f"tok-{next(_serial):08d}" + "x" * 32)
    report = db.session.scalar(sa.select(Report).where(Report.receipt_code == receipt.code))
    return report, receipt


def listing_form(county=None, **changes):
    """The admin form for a black listing of an unregistered workshop (city-wide by default)."""
    data = {
        "kind": "black",
        "title": "曝光：某无证作坊",
        "reason": "无证生产",
        "body": "<p>经查无证生产。</p>",
        "subject_name": "无名腐竹作坊",
        "subject_address": "永丰县佐龙乡某村",
        "district_id": str(district(county).id) if county else 0,
    }
    data.update(changes)
    return data


def penalty_form(**changes):
    """The admin form for a valid penalty."""
    data = {
        "decision_number": "峡市监罚〔2026〕9号",
        "decided_on": "2026-01-10",
        "violation": "未公示",
        "legal_basis": "《条例》第十条",
        "penalty": "罚款",
        "fine_amount": "5000",
        "confiscated_amount": "0",
        "authority": "峡江县市场监督管理局",
        "publicity_ends_on": "2026-12-31",
    }
    data.update(changes)
    return data


def make_signed_in_staff(app, username, role):
    """A staff account (second factor enrolled where required) and a client signed in with it."""
    user = make_staff(role, username=username)
    client = app.test_client()
    sign_in(client, user)
    return user, client


def add_records(workshop, *records):
    """Attach ``records`` (inspections, samplings, penalties, ...) to ``workshop`` and commit."""
    for record in records:
        record.workshop = workshop
        db.session.add(record)
    db.session.commit()
    return records


def sampling(days_ago=30, *, failed=False, items=(("菌落总数", "3.2×10⁵", "1×10⁵", "CFU/g"),)):
    """An unsaved sampling; a failed one carries ``items`` as failed test items."""
    day = local_today() - timedelta(days=days_ago)
    record = Sampling(
        sampled_on=day,
        product="米粉",
        batch=day.strftime("%Y%m%d"),
        testing_body="吉安市食品检验检测中心",
        report_number=f"XZF-{next(_serial):06d}",
        result=SamplingResult.FAIL if failed else SamplingResult.PASS,
    )
    if failed:
        record.failed_items = [
            FailedItem(item=i, measured_value=m, limit_value=lim, unit=u) for i, m, lim, u in items
        ]
    return record


def penalty(days_ago=30, *, public_days=365, statement=""):
    """An unsaved penalty decided ``days_ago``, public for ``public_days`` after that."""
    day = local_today() - timedelta(days=days_ago)
    return Penalty(
        decision_number=f"吉峡市监罚〔2025〕{next(_serial)}号",
        decided_on=day,
        violation="生产的米粉经抽样检验不合格",
        legal_basis="《中华人民共和国食品安全法》",
        penalty="没收违法生产的食品，并处罚款5000元",
        authority="峡江县市场监督管理局",
        publicity_ends_on=day + timedelta(days=public_days),
        rectification_statement=statement,
        rectification_checked_on=day + timedelta(days=10) if statement else None,
    )


def inspection(days_ago=60, result=InspectionResult.COMPLIANT, pending=False):
    """An unsaved inspection; ``pending`` leaves its rectification unfinished."""
    day = local_today() - timedelta(days=days_ago)
    return Inspection(
        inspected_on=day,
        kind=InspectionKind.ROUTINE,
        result=result,
        findings="生产场所整洁，台账齐全"
        if result == InspectionResult.COMPLIANT
        else "原料台账不全",
        authority="峡江县市场监督管理局",
        rectification_deadline=day + timedelta(days=15) if pending else None,
        rectification_status=RectificationStatus.PENDING
        if pending
        else RectificationStatus.NOT_REQUIRED,
    )


def honour(year, kind=HonourKind.DEMONSTRATION):
    """An unsaved honour of ``year``."""
    return Honour(
        kind=kind,
        year=year,
        title=f"{year}年度吉安市食品小作坊示范单位",
        awarded_by="吉安市市场监督管理局",
    )


def interview(days_ago=20):
    """An unsaved individual interview."""
    return Interview(
        kind=InterviewKind.INDIVIDUAL,
        held_on=local_today() - timedelta(days=days_ago),
        subject=f"就米粉抽检不合格问题约谈经营者（{next(_serial)}）",
        summary="责令整改",
    )


def make_user(username="editor", role=Role.EDITOR):
    """A committed staff account."""
    user = User(username=username, display_name=username, password_hash="x", role=role)
    db.session.add(user)
    db.session.commit()
    return user


def make_listing(
    workshop=None,
    kind=ListingKind.RED,
    *,
    status=ListingStatus.PUBLISHED,
    days_ago=5,
    expires_in=None,
    title=None,
    body="<p>规范生产、诚信经营。</p>",
    **fields,
):
    """A committed listing about ``workshop`` (or an unregistered subject by name)."""
    author = db.session.scalar(sa.select(User).where(User.username == "editor")) or make_user()
    approver = db.session.scalar(sa.select(User).where(User.username == "approver")) or make_user(
        "approver", Role.APPROVER
    )
    today = local_today()
    listing = Listing(
        kind=kind,
        status=status,
        title=title or f"榜单{next(_serial)}",
        body=body,
        reason=fields.pop("reason", "获评示范单位"),
        workshop=workshop,
        subject_name=fields.pop("subject_name", ""),
        author=author,
        approver=approver if status != ListingStatus.DRAFT else None,
        published_at=datetime.combine(today - timedelta(days=days_ago), time(10), UTC)
        if status != ListingStatus.DRAFT
        else None,
        expires_on=today + timedelta(days=expires_in) if expires_in is not None else None,
        district=workshop.district if workshop else district(),
        **fields,
    )
    if status == ListingStatus.WITHDRAWN:
        listing.withdrawn_at = listing.published_at + timedelta(days=1)
        listing.withdrawal_reason = listing.withdrawal_reason or "信息有误，予以撤回"
    db.session.add(listing)
    db.session.commit()
    return listing


def make_titled_listing(title, *, kind=ListingKind.RED, body="", workshop=None, **fields):
    """A published listing with ``title``, naming ``workshop`` or, without one, the title."""
    fields.setdefault("subject_name", "" if workshop else title)
    return make_listing(workshop, kind, title=title, body=body, **fields)


def count_rows(model, *where):
    """Rows of ``model`` matching ``where``."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def restore_backup(backup_file, database_url, tmp_path):
    """Restore as the README's runbook says, into a new database; return its URL."""
    url = sa.make_url(str(database_url))
    if url.get_backend_name() == "sqlite":
        restored = tmp_path / "restored.sqlite3"
        restored.write_bytes(backup_file.read_bytes())
        return f"sqlite:///{restored}"
    name = f"{url.database}_restored"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    target = url.set(database=name)
    libpq = target.set(drivername="postgresql").render_as_string(hide_password=False)
    subprocess.run(["pg_restore", "--no-owner", "--dbname", libpq, str(backup_file)], check=True)
    return target.render_as_string(hide_password=False)
