"""Problems the services find are shown beside the field they concern, and nothing is saved.

The forms check uniqueness first; the services check it again, since another clerk may
save the same code between the form's check and the commit. Those races are played here by
switching the form's uniqueness check off.
"""

import re
from datetime import timedelta

import pytest
from factories import count_rows, make_staff, make_workshop, sign_in
from test_admin_workshops import sampling_form, workshop_form

from workshop_credit.admin.forms import validators
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, RecordInvalid, Registration, Role, Sampling, Workshop
from workshop_credit.workshops import operations as service


def error_beside(page, field):
    """The error messages rendered next to the field ``field`` (its ``<id>-error`` element)."""
    return re.findall(rf'<p class="error" id="{re.escape(field)}-error">([^<]*)</p>', page)


@pytest.fixture
def signed_in(client):
    """A regulator of 峡江县, signed in."""
    sign_in(client, make_staff(Role.REGULATOR, "峡江县"))
    return client


@pytest.fixture
def race(monkeypatch):
    """Let the forms' uniqueness checks pass, as when another clerk saves at the same time."""
    monkeypatch.setattr(validators.Unique, "__call__", lambda self, form, field: None)


def certificate_form(number):
    """A valid new certificate form."""
    today = local_today()
    return {
        "number": number,
        "issued_on": today.isoformat(),
        "expires_on": (today + timedelta(days=1095)).isoformat(),
        "issuing_office": "峡江县市场监督管理局",
        "status": "valid",
    }


def test_a_duplicate_uscc_on_create_is_shown_beside_the_code(signed_in):
    existing = make_workshop()
    entries = count_rows(AuditEntry)
    page = signed_in.post("/admin/workshops/new", data=workshop_form(uscc=existing.uscc)).get_data(
        as_text=True
    )
    assert error_beside(page, "uscc") == ["该统一社会信用代码已属于另一家作坊"]
    assert count_rows(Workshop) == 1 and count_rows(AuditEntry) == entries


def test_a_duplicate_uscc_caught_by_the_service_is_shown_beside_the_code(signed_in, race):
    existing = make_workshop()
    entries = count_rows(AuditEntry)
    page = signed_in.post("/admin/workshops/new", data=workshop_form(uscc=existing.uscc)).get_data(
        as_text=True
    )
    assert error_beside(page, "uscc") == ["该统一社会信用代码已属于另一家作坊（可能刚被他人录入）"]
    # Nothing half-saved: neither the workshop nor its certificate nor an audit entry.
    assert (
        count_rows(Workshop) == 1
        and count_rows(Registration) == 1
        and count_rows(AuditEntry) == entries
    )


def test_a_duplicate_certificate_number_is_shown_beside_the_number(signed_in, race):
    taken = make_workshop().registrations[0].number
    other = make_workshop()
    entries = count_rows(AuditEntry)
    url = f"/admin/workshops/{other.id}/registrations/new"
    page = signed_in.post(url, data=certificate_form(taken)).get_data(as_text=True)
    assert error_beside(page, "number") == ["该登记证编号已被其他作坊使用（可能刚被他人录入）"]
    assert count_rows(Registration) == 2 and count_rows(AuditEntry) == entries
    page = signed_in.post("/admin/workshops/new", data=workshop_form(number=taken)).get_data(
        as_text=True
    )
    assert error_beside(page, "number") == ["该登记证编号已被其他作坊使用（可能刚被他人录入）"]
    assert count_rows(Workshop) == 2


def test_a_failed_sampling_without_disposal_is_refused_beside_the_disposal(signed_in):
    workshop = make_workshop()
    url = f"/admin/workshops/{workshop.id}/samplings/new"
    entries = count_rows(AuditEntry)
    page = signed_in.post(url, data=sampling_form(disposal="")).get_data(as_text=True)
    assert error_beside(page, "disposal") == ["不合格的抽检必须填写处置措施（如召回、销毁）"]
    assert count_rows(Sampling) == 0 and count_rows(AuditEntry) == entries


def test_a_date_order_found_by_the_service_names_its_field_and_saves_nothing(app):
    workshop = make_workshop()
    version = workshop.file_version
    entries = count_rows(AuditEntry)

    today = local_today()
    backwards = {"number": "JX登-BACK-1", "issuing_office": "某局", "status": "valid"}
    backwards |= {"issued_on": today, "expires_on": today - timedelta(days=1)}
    with pytest.raises(RecordInvalid) as refused:
        service.save_record(workshop, "registrations", "registration", None, backwards, None)
    assert refused.value.field == "expires_on" and "必须晚于发证日期" in str(refused.value)
    db.session.expire_all()
    assert count_rows(Registration) == 1 and count_rows(AuditEntry) == entries
    assert db.session.get(Workshop, workshop.id).file_version == version


def test_a_sampling_report_number_clash_is_shown_beside_it(signed_in, race):
    workshop = make_workshop()
    url = f"/admin/workshops/{workshop.id}/samplings/new"
    assert signed_in.post(url, data=sampling_form()).status_code == 302
    entries = count_rows(AuditEntry)
    page = signed_in.post(url, data=sampling_form()).get_data(as_text=True)
    assert error_beside(page, "report_number") == ["该检验报告编号已登记过（可能刚被他人录入）"]
    assert count_rows(Sampling) == 1
    assert count_rows(AuditEntry) == entries
