"""Browsing the audit trail (superadmin only): filters, newest first, read only."""

from datetime import datetime, time, timedelta

import sqlalchemy as sa
from flask import render_template, request

from workshop_credit.admin.forms.audit import AuditFilterForm
from workshop_credit.core.request_args import page_number
from workshop_credit.core.timeutil import SITE_TIMEZONE
from workshop_credit.extensions import db
from workshop_credit.models import AuditEntry, User


def _local_midnight(day):
    return datetime.combine(day, time(), tzinfo=SITE_TIMEZONE)


def audit_query(actor=None, entity_type=None, entity_id=None, action=None, since=None, until=None):
    """Audit entries matching every given filter, newest first."""
    stmt = sa.select(AuditEntry).order_by(AuditEntry.id.desc())
    if actor:
        stmt = stmt.join(AuditEntry.actor).where(User.username == actor.strip())
    for column, value in (
        (AuditEntry.entity_type, entity_type),
        (AuditEntry.entity_id, entity_id),
        (AuditEntry.action, action),
    ):
        if value:
            stmt = stmt.where(column == value.strip())
    if since:
        stmt = stmt.where(AuditEntry.created_at >= _local_midnight(since))
    if until:
        stmt = stmt.where(AuditEntry.created_at < _local_midnight(until + timedelta(days=1)))
    return stmt


def audit():
    """The audit entries matching the filters, 50 per page."""
    form = AuditFilterForm(request.args)
    form.validate()
    filters = {k: v for k, v in form.data.items() if not form[k].errors}
    page = db.paginate(audit_query(**filters), page=page_number(request.args), per_page=50)
    return render_template("admin/audit.html", form=form, page=page)
