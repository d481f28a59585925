"""``make_*`` helpers that build committed records for tests, with sensible defaults."""

from datetime import timedelta
from itertools import count

import sqlalchemy as sa

from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    District,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.timeutil import local_today
from workshop_credit.uscc import check_character

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

    from workshop_credit.services import accounts, second_factor

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
    from workshop_credit.services import reports

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


def make_signed_in_staff(app, username, role):
    """A staff account (second factor enrolled where required) and a client signed in with it."""
    user = make_staff(role, username=username)
    client = app.test_client()
    sign_in(client, user)
    return user, client
