"""The workshop file by hand: list, add, view, edit and close workshops."""

import sqlalchemy as sa
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext

from workshop_credit.admin.forms.common import ActionForm, attempt, options
from workshop_credit.admin.forms.workshop import CloseForm, NewWorkshopForm, WorkshopForm
from workshop_credit.admin.records import KINDS
from workshop_credit.admin.scope import (
    category_choices,
    district_choices,
    in_scope,
    me,
    scoped,
    zone_choices,
)
from workshop_credit.core.request_args import page_number, whole_number
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import (
    Category,
    Registration,
    RegistrationStatus,
    Workshop,
    WorkshopStatus,
)
from workshop_credit.site.workshop import board_date
from workshop_credit.supervision import risk
from workshop_credit.supervision.draw_queries import pending_picks
from workshop_credit.workshops import operations as service
from workshop_credit.workshops import public_file
from workshop_credit.workshops.boards import pdf as boards_pdf

# The orders the workshops list offers: key -> (label, ORDER BY); ties by name, then id.
SORTS = {
    "name": ("县区、名称", (Workshop.district_id, Workshop.name)),
    "grade": ("信用等级（好的在前）", (sa.func.coalesce(Workshop.grade, "E"), Workshop.name)),
    "updated": ("最近修改", (Workshop.updated_at.desc(), Workshop.name)),
}
GRADES = ("A", "B", "C", "D")
PLAIN_FIELDS = ("name", "operator", "uscc", "address", "district_id", "products")


def workshops():
    """The workshops in the account's scope: search, filters, a choice of order."""
    stmt = _filtered(scoped(sa.select(Workshop), Workshop.district_id), request.args)
    _, order = SORTS.get(request.args.get("sort", ""), SORTS["name"])
    page = db.paginate(
        stmt.order_by(*order, Workshop.id), page=page_number(request.args), per_page=50
    )
    return render_template(
        "admin/workshops.html",
        page=page,
        districts=district_choices(),
        statuses=WorkshopStatus,
        grades=GRADES,
        sorts=SORTS,
    )


def _filtered(stmt, args):
    """``stmt`` narrowed by the list's filters: a county in scope, status, grade, search."""
    district = whole_number(args.get("district"))
    if district is not None and in_scope(district):
        stmt = stmt.where(Workshop.district_id == district)
    if args.get("status", "") in WorkshopStatus._value2member_map_:
        stmt = stmt.where(Workshop.status == args["status"])
    if args.get("grade") in GRADES:
        stmt = stmt.where(Workshop.grade == args["grade"])
    query = (args.get("q") or "").strip()[:50]
    if query:
        like = f"%{query}%"
        stmt = stmt.where(
            sa.or_(Workshop.name.like(like), Workshop.address.like(like), Workshop.uscc == query)
        )
    return stmt


def _choices(form):
    form.district_id.choices = options(district_choices())
    form.zone_id.choices = options(zone_choices())
    form.categories.choices = options(category_choices())
    return form


def _values(form) -> dict:
    """The form's values for a workshop: plain fields, the zone and the categories."""
    values = {name: form[name].data for name in PLAIN_FIELDS}
    values["zone_id"] = form.zone_id.data or None
    chosen = sa.select(Category).where(Category.id.in_(form.categories.data))
    values["categories"] = db.session.scalars(chosen).all()
    return values


def workshop_new():
    """Add a workshop with its first certificate, or an unregistered one."""
    form = _choices(NewWorkshopForm())
    if form.validate_on_submit():
        first = None
        if form.status.data == WorkshopStatus.REGISTERED:
            first = Registration(
                number=form.number.data,
                issued_on=form.issued_on.data,
                expires_on=form.expires_on.data,
                issuing_office=form.issuing_office.data,
                status=RegistrationStatus.VALID,
            )
        status = form.status.data
        workshop = attempt(form, service.create_workshop, _values(form), first, status, me())
        if workshop is not None:
            flash(f"已新增小作坊“{workshop.name}”。")
            return redirect(url_for("admin.workshop", workshop_id=workshop.id))
    back = url_for("admin.workshops")
    return render_template("admin/form.html", form=form, title="新增小作坊", back=back)


def workshop(workshop_id):
    """One workshop's whole file as staff keep it, and as the public sees it today."""
    record = db.get_or_404(Workshop, workshop_id)
    today = local_today()
    public = public_file.load(record.id, today)
    since, changes = _changes_since(public, request.args.get("since", ""), today)
    return render_template(
        "admin/workshop.html",
        workshop=record,
        kinds=KINDS,
        form=ActionForm(),
        status=public.status,
        public=public,
        translate=gettext,
        since=since,
        changes=changes,
        base_url=current_app.config["PUBLIC_BASE_URL"],
        printable=boards_pdf.printable(record, today),
        schedule=risk.schedule(record, today),
        pending_picks=pending_picks(record.id),
        today=today,
    )


def _changes_since(public, value, today):
    """The board date asked for (``2026-01-05``) and what changed after it, as the QR page says."""
    if not value:
        return None, None
    since = board_date(value.replace("-", ""), today)
    if since is None:
        flash("请填写 2019 年 1 月 1 日以来、不晚于今天的打印日期。", "error")
        return None, None
    return since, public_file.changes_since(public, since)


def workshop_edit(workshop_id):
    """Edit a workshop's name, operator, code, address, district, categories and zone."""
    record = db.get_or_404(Workshop, workshop_id)
    form = _choices(WorkshopForm(obj=record))
    form.record_id = record.id
    if request.method == "GET":
        form.categories.data = [c.id for c in record.categories]
        form.zone_id.data = record.zone_id or 0
    saved = form.validate_on_submit() and attempt(
        form, service.update_workshop, record, _values(form), me()
    )
    if saved:
        flash("已保存修改，公示页面即时更新。")
        return redirect(url_for("admin.workshop", workshop_id=record.id))
    back = url_for("admin.workshop", workshop_id=record.id)
    return render_template("admin/form.html", form=form, title=f"修改：{record.name}", back=back)


def workshop_close(workshop_id):
    """Cancel or revoke the current certificate: the public page shows it at once."""
    record = db.get_or_404(Workshop, workshop_id)
    form = CloseForm()
    if form.validate_on_submit():
        data = form.outcome.data, form.ended_on.data, form.reason.data
        if attempt(form, service.close_workshop, record, *data, me()):
            flash("已办理，公示页面即时显示新的登记状态。")
            return redirect(url_for("admin.workshop", workshop_id=record.id))
    back = url_for("admin.workshop", workshop_id=record.id)
    title = f"注销或撤销登记：{record.name}"
    return render_template("admin/form.html", form=form, title=title, back=back)
