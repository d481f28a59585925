"""The parts of a workshop's file, edited through one set of views and one table of kinds."""

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, url_for

from workshop_credit.admin.forms import records as forms
from workshop_credit.admin.forms.common import ActionForm, attempt
from workshop_credit.admin.scope import me
from workshop_credit.extensions import db
from workshop_credit.models import InterviewKind, Workshop
from workshop_credit.workshops import operations as service


@dataclass(frozen=True)
class Kind:
    """One kind of record: the workshop's relationship, the audit name, a label, a form."""

    collection: str
    entity: str
    label: str
    form: type


KINDS = {
    "registrations": Kind("registrations", "registration", "登记证", forms.RegistrationForm),
    "health-certificates": Kind(
        "health_certificates", "health_certificate", "从业人员健康证", forms.HealthCertificateForm
    ),
    "suppliers": Kind("suppliers", "supplier", "原料供应商", forms.SupplierForm),
    "inspections": Kind("inspections", "inspection", "监督检查", forms.InspectionForm),
    "samplings": Kind("samplings", "sampling", "监督抽检", forms.SamplingForm),
    "penalties": Kind("penalties", "penalty", "行政处罚", forms.PenaltyForm),
    "interviews": Kind("interviews", "interview", "约谈", forms.InterviewForm),
    "honours": Kind("honours", "honour", "荣誉", forms.HonourForm),
}


def _values(form, kind_key, workshop) -> dict:
    """The form's values; an interview held from a workshop's file is an individual one."""
    values = form.values()
    if kind_key == "interviews":
        values.update(kind=InterviewKind.INDIVIDUAL, district_id=workshop.district_id)
    return values


def _find(workshop, kind, record_id):
    for record in getattr(workshop, kind.collection):
        if record.id == record_id:
            return record
    abort(404)


def _edit(workshop, kind_key, record, title):
    kind = KINDS[kind_key]
    form = kind.form(obj=record)
    form.record_id = record.id if record else None
    if form.validate_on_submit():
        values = _values(form, kind_key, workshop)
        where = workshop, kind.collection, kind.entity, record
        if attempt(form, service.save_record, *where, values, me()):
            flash(f"已保存{kind.label}。")
            return redirect(url_for("admin.workshop", workshop_id=workshop.id))
    back = url_for("admin.workshop", workshop_id=workshop.id)
    return render_template("admin/form.html", form=form, title=title, back=back)


def record_new(workshop_id, kind):
    """Add a record of ``kind`` to the workshop's file."""
    workshop = db.get_or_404(Workshop, workshop_id)
    return _edit(workshop, kind, None, f"{workshop.name}：新增{KINDS[kind].label}")


def record_edit(workshop_id, kind, record_id):
    """Edit one record of the workshop's file."""
    workshop = db.get_or_404(Workshop, workshop_id)
    record = _find(workshop, KINDS[kind], record_id)
    return _edit(workshop, kind, record, f"{workshop.name}：修改{KINDS[kind].label}")


def record_delete(workshop_id, kind, record_id):
    """Delete a record entered by mistake (its values stay in the audit trail)."""
    workshop = db.get_or_404(Workshop, workshop_id)
    record = _find(workshop, KINDS[kind], record_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    where = workshop, KINDS[kind].collection, KINDS[kind].entity, record
    if attempt(ActionForm(), service.delete_record, *where, me()):
        flash(f"已删除{KINDS[kind].label}。")
    return redirect(url_for("admin.workshop", workshop_id=workshop_id))


def board_edit(workshop_id):
    """Edit the information board's rules and integrity commitment."""
    workshop = db.get_or_404(Workshop, workshop_id)
    form = forms.BoardForm(obj=workshop.board)
    if form.validate_on_submit():
        where = workshop, "board", "board", workshop.board
        if attempt(form, service.save_record, *where, form.values(), me()):
            flash("已保存信息公开栏内容。")
            return redirect(url_for("admin.workshop", workshop_id=workshop.id))
    back = url_for("admin.workshop", workshop_id=workshop.id)
    title = f"{workshop.name}：信息公开栏"
    return render_template("admin/form.html", form=form, title=title, back=back)
