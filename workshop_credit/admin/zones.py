"""Concentrated processing zones (集中加工区): list, add and edit, within the account's scope.

Which workshops belong to a zone is set on the workshop's own form.
"""

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for

from workshop_credit.admin.forms.common import attempt, options
from workshop_credit.admin.forms.zone import ZoneForm
from workshop_credit.admin.scope import district_choices, me, scoped
from workshop_credit.extensions import db
from workshop_credit.models import ProcessingZone, Workshop
from workshop_credit.workshops import operations as service


def _form(zone=None):
    form = ZoneForm(obj=zone)
    form.record_id = zone.id if zone else None
    form.district_id.choices = options(district_choices())
    return form


def _values(form) -> dict:
    values = {name: form[name].data for name in ("name", "district_id", "established_on")}
    return values | {"address": form.address.data or ""}


def zones():
    """The zones in the account's scope with how many workshops each holds."""
    members = (
        sa.select(sa.func.count(Workshop.id))
        .where(Workshop.zone_id == ProcessingZone.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        scoped(sa.select(ProcessingZone, members), ProcessingZone.district_id).order_by(
            ProcessingZone.district_id, ProcessingZone.name
        )
    ).all()
    return render_template("admin/zones.html", rows=rows)


def _save(zone, form, title):
    if form.validate_on_submit() and attempt(form, service.save_zone, zone, _values(form), me()):
        flash(f"已保存集中加工区“{form.name.data}”。")
        return redirect(url_for("admin.zones"))
    return render_template("admin/form.html", form=form, title=title, back=url_for("admin.zones"))


def zone_new():
    """Add a zone in one of the account's districts."""
    return _save(None, _form(), "新增集中加工区")


def zone_edit(zone_id):
    """Edit a zone of the account's district (the guard refuses other districts' zones)."""
    zone = db.get_or_404(ProcessingZone, zone_id)
    return _save(zone, _form(zone), f"修改集中加工区：{zone.name}")
