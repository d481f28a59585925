"""The county rosters of law-enforcement staff (执法检查人员名录库), within the account's scope."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from workshop_credit.admin.dashboard import WORKLIST_ROLES
from workshop_credit.admin.forms.common import attempt, options
from workshop_credit.admin.forms.draws import InspectorForm
from workshop_credit.admin.scope import district_choices, me
from workshop_credit.extensions import db
from workshop_credit.models import Inspector, Role
from workshop_credit.supervision import roster as service

ACCESS = {
    "admin.inspectors": WORKLIST_ROLES,
    "admin.inspector_new": frozenset({Role.REGULATOR}),
    "admin.inspector_edit": frozenset({Role.REGULATOR}),
}


def register(rule, methods):
    """Add the roster's URLs to the admin blueprint."""
    rule("/inspectors", view_func=inspectors)
    rule("/inspectors/new", view_func=inspector_new, methods=methods)
    rule("/inspectors/<int:inspector_id>/edit", view_func=inspector_edit, methods=methods)


def inspectors():
    """The roster of the account's county (every county's for city-wide accounts)."""
    rows = service.roster(current_user.district_id)
    return render_template("admin/inspectors.html", inspectors=rows)


def _form(inspector=None):
    form = InspectorForm(obj=inspector)
    form.record_id = inspector.id if inspector else None
    form.district_id.choices = options(district_choices())
    accounts = service.linkable_accounts(current_user.district_id)
    form.user_id.choices = options(
        [(0, "不关联")] + [(u.id, f"{u.display_name}（{u.username}）") for u in accounts]
    )
    if inspector is not None and form.user_id.data is None:
        form.user_id.data = 0
    return form


def _values(form) -> dict:
    """The roster entry's values as the form gives them; 0 means no linked account."""
    return {
        "district_id": form.district_id.data,
        "name": form.name.data,
        "certificate_number": form.certificate_number.data,
        "user_id": form.user_id.data or None,
        "is_active": form.is_active.data,
    }


def _save(inspector, form, title):
    saved = form.validate_on_submit() and attempt(
        form, service.save_inspector, inspector, _values(form), me()
    )
    if saved:
        flash(f"已保存执法人员“{form.name.data}”。")
        return redirect(url_for("admin.inspectors"))
    back = url_for("admin.inspectors")
    return render_template("admin/form.html", form=form, title=title, back=back)


def inspector_new():
    """Add an officer to a roster of the account's scope."""
    return _save(None, _form(), "新增执法人员")


def inspector_edit(inspector_id):
    """Edit an officer, or take them off duty (the guard refuses other counties' officers)."""
    inspector = db.get_or_404(Inspector, inspector_id)
    return _save(inspector, _form(inspector), f"修改执法人员：{inspector.name}")
