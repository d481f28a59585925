"""Training sessions of workshop operators: list, add and edit, within the account's county."""

import sqlalchemy as sa
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from workshop_credit.admin.forms.common import attempt, options
from workshop_credit.admin.forms.training import TrainingForm
from workshop_credit.admin.scope import district_choices, me
from workshop_credit.core.request_args import page_number
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import TrainingSession, training_attendances
from workshop_credit.supervision import operations, training


def _form(session=None):
    form = TrainingForm(obj=session)
    form.district_id.choices = options(district_choices())
    if session is not None and not form.is_submitted():
        form.attendees.data = "\n".join(w.public_code for w in session.workshops)
    return form


def trainings():
    """The training sessions of the account's county, newest first, with attendance."""
    stmt = sa.select(TrainingSession).order_by(
        TrainingSession.held_on.desc(), TrainingSession.id.desc()
    )
    if current_user.district_id is not None:
        stmt = stmt.where(TrainingSession.district_id == current_user.district_id)
    page = db.paginate(stmt, page=page_number(request.args), per_page=50, error_out=False)
    attendance = training_attendances.c
    counts = dict(
        db.session.execute(
            sa.select(attendance.training_id, sa.func.count())
            .where(attendance.training_id.in_([t.id for t in page.items]))
            .group_by(attendance.training_id)
        ).all()
    )
    return render_template("admin/trainings.html", page=page, counts=counts)


def _save(session, form, title):
    if form.validate_on_submit():
        values = {name: form[name].data for name in ("district_id", "held_on", "topic")}
        values["organiser"] = form.organiser.data
        codes = training.split_codes(form.attendees.data)
        args = session, values, codes, me(), local_today()
        if attempt(form, operations.save_training, *args):
            flash(f"已保存培训记录（{len(codes)} 家小作坊参训）。")
            return redirect(url_for("admin.trainings"))
    back = url_for("admin.trainings")
    return render_template("admin/form.html", form=form, title=title, back=back)


def training_new():
    """Record a training session held in one of the account's districts."""
    return _save(None, _form(), "新增培训记录")


def training_edit(training_id):
    """Edit a training session of the account's county (the guard refuses others)."""
    session = db.get_or_404(TrainingSession, training_id)
    return _save(session, _form(session), f"修改培训记录：{session.topic}")
