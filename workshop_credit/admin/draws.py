"""Random inspection draws (双随机) for staff: announce, make, cancel, enter the inspections.

Announcing shows the seed once; only its SHA-256 is stored and published. Making the draw
asks for the seed again, so that the draw is made with the seed committed to.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from workshop_credit.admin.dashboard import WORKLIST_ROLES
from workshop_credit.admin.forms.common import attempt, options
from workshop_credit.admin.forms.draws import CancelDrawForm, DrawForm, MakeDrawForm
from workshop_credit.admin.forms.records import InspectionForm
from workshop_credit.admin.scope import category_choices, district_choices, me
from workshop_credit.core.request_args import page_number
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Draw, DrawCandidate, Role
from workshop_credit.supervision import draw_operations as service
from workshop_credit.supervision.draw_queries import draws_in, progress, scope_text

REGULATOR = frozenset({Role.REGULATOR})
ACCESS = {
    "admin.draws": WORKLIST_ROLES,
    "admin.draw": WORKLIST_ROLES,
    "admin.draw_new": REGULATOR,
    "admin.draw_make": REGULATOR,
    "admin.draw_cancel": REGULATOR,
    "admin.draw_inspection": REGULATOR,
}
DRAW = "/draws/<int:draw_id>"


def register(rule, methods):
    """Add the draws' URLs to the admin blueprint."""
    rule("/draws", view_func=draws)
    rule("/draws/new", view_func=draw_new, methods=methods)
    rule(DRAW, view_func=draw)
    rule(f"{DRAW}/make", view_func=draw_make, methods=["POST"])
    rule(f"{DRAW}/cancel", view_func=draw_cancel, methods=["POST"])
    rule(f"{DRAW}/picks/<int:pick_id>/inspection", view_func=draw_inspection, methods=methods)


def draws():
    """The draws of the account's county, newest first."""
    page = db.paginate(
        draws_in(current_user.district_id), page=page_number(request.args), per_page=50
    )
    return render_template("admin/draws.html", page=page)


def _draw_form():
    form = DrawForm()
    form.district_id.choices = options(district_choices())
    form.category_ids.choices = options(category_choices())
    return form


def draw_new():
    """Announce a draw: its scope, size and the commitment to a seed shown only now."""
    form = _draw_form()
    if form.validate_on_submit():
        plan = service.Plan(**{name: form[name].data for name in service.Plan.__dataclass_fields__})
        announced = attempt(form, service.announce, plan, me(), local_today())
        if announced:
            created, seed = announced
            return render_template("admin/draw_announced.html", draw=created, seed=seed)
    back = url_for("admin.draws")
    return render_template(
        "admin/form.html", form=form, title="公布双随机抽查", submit="公布", back=back
    )


def draw(draw_id):
    """One draw: its scope and commitment; the candidate list, selection and progress once made."""
    chosen = db.get_or_404(Draw, draw_id)
    return _show(chosen, MakeDrawForm(), CancelDrawForm())


def _show(chosen, make_form, cancel_form, status=200):
    page = render_template(
        "admin/draw.html",
        draw=chosen,
        scope=scope_text(chosen),
        progress=progress(chosen),
        make_form=make_form,
        cancel_form=cancel_form,
        today=local_today(),
    )
    return page, status


def draw_make(draw_id):
    """Reveal the seed and make the draw; a seed that breaks the commitment changes nothing."""
    chosen = db.get_or_404(Draw, draw_id)
    form = MakeDrawForm()
    if form.validate_on_submit() and attempt(form, service.make, chosen, form.seed.data, me()):
        flash("已完成抽取，结果已在“双随机抽查公示”页面公开。")
        return redirect(url_for("admin.draw", draw_id=draw_id))
    return _show(chosen, form, CancelDrawForm(formdata=None), 400)


def draw_cancel(draw_id):
    """Call off a draw not yet made, with the reason the public page will show."""
    chosen = db.get_or_404(Draw, draw_id)
    form = CancelDrawForm()
    if form.validate_on_submit() and attempt(form, service.cancel, chosen, form.reason.data, me()):
        flash("已作废该抽查。")
        return redirect(url_for("admin.draw", draw_id=draw_id))
    return _show(chosen, MakeDrawForm(formdata=None), form, 400)


def draw_inspection(draw_id, pick_id):
    """Enter the inspection of a drawn workshop; it is filed as a 双随机检查 of this draw."""
    chosen = db.get_or_404(Draw, draw_id)
    pick = db.get_or_404(DrawCandidate, pick_id)
    form = InspectionForm()
    done = pick.workshop_id in progress(chosen).inspections
    if not attempt(form, service.check_pick, chosen, pick, done):
        return redirect(url_for("admin.draw", draw_id=draw_id))
    del form.kind  # always a 双随机检查
    filed = form.validate_on_submit() and attempt(
        form, service.record_inspection, chosen, pick, form.values(), me()
    )
    if filed:
        flash(f"已录入“{pick.name}”的检查结果。")
        return redirect(url_for("admin.draw", draw_id=draw_id))
    title = f"{pick.name}：录入双随机检查结果"
    back = url_for("admin.draw", draw_id=draw_id)
    return render_template("admin/form.html", form=form, title=title, back=back)
