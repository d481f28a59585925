"""The moderation queue of tip-offs: list, report page, steps, rewards, photos, export.

Who may call each view is declared in ``ACCESS`` (admin/views.py); only moderators may
see a reporter's identity, and each look is audited.
"""

import csv
import dataclasses
import io

from flask import abort, flash, make_response, redirect, render_template, request, url_for

from workshop_credit.admin.forms.reports import (
    ActionForm,
    ApproveForm,
    ConfirmForm,
    PaidForm,
    QueueFilterForm,
    RewardForm,
)
from workshop_credit.admin.scope import me
from workshop_credit.core.request_args import page_number, with_query
from workshop_credit.core.templating import format_datetime
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import RecordInvalid, Report, ReportPhoto, Role
from workshop_credit.reports import moderation
from workshop_credit.reports.queries import (
    age_days,
    duplicate_candidates,
    observed_label,
    overdue_count,
    queue_reports,
    reporter_label,
    subject_label,
)
from workshop_credit.reports.workflow import TRANSITIONS
from workshop_credit.supervision.referrals import report_may_be_referred

NO_STORE = {"Cache-Control": "private, no-store"}


def queue():
    """Reports oldest first, with filters and overdue flags."""
    form = QueueFilterForm(request.args)
    today = local_today()
    page = queue_reports(_scoped(form.filters()), today, page=page_number(request.args))
    return render_template(
        "admin/reports/queue.html",
        form=form,
        page=page,
        today=today,
        age=age_days,
        overdue=overdue_count(today, me().district_id),
        export_url=with_query(url_for("admin.reports_export"), request.args),
    )


def _scoped(filters):
    """The filters narrowed to the county of a moderator scoped to one."""
    return dataclasses.replace(filters, scope_district_id=me().district_id)


def detail(report_id):
    """Everything about one report, its duplicate candidates and the steps it allows."""
    report = db.get_or_404(Report, report_id)
    html = render_template(
        "admin/reports/detail.html",
        report=report,
        today=local_today(),
        candidates=duplicate_candidates(report, me().district_id),
        actions={name: TRANSITIONS[name] for name in moderation.available_actions(report)},
        form=ActionForm(report=report),
        reward_form=RewardForm(),
        approve_form=ApproveForm(),
        paid_form=PaidForm(paid_on=local_today()),
        confirm=ConfirmForm(),
        can_decide_reward=moderation.can_decide_reward(report),
        may_see_identity=me().role == Role.MODERATOR,
        may_refer=report_may_be_referred(report),
        reporter=reporter_label(report),
        subject=subject_label(report),
        observed=observed_label(report),
    )
    return make_response(html, 200, NO_STORE)


def identity(report_id):
    """The reporter's name and phone, for a moderator, with an audit entry for each look."""
    report = db.get_or_404(Report, report_id)
    if not ConfirmForm().validate_on_submit() or report.is_anonymous:
        abort(400)
    moderation.record_identity_view(report, me())
    return make_response(
        render_template("admin/reports/identity.html", report=report), 200, NO_STORE
    )


def act(report_id, action):
    """Take one step of the workflow; the service refuses what the status forbids."""
    report = db.get_or_404(Report, report_id)
    if action not in TRANSITIONS:
        abort(404)
    form = ActionForm(report=report)
    if form.validate_on_submit():
        if _run(moderation.act, report, action, me(), form.step()):
            flash(f"已完成：{TRANSITIONS[action].label}。")
    else:
        _flash_errors(form)
    return redirect(url_for("admin.report_detail", report_id=report.id))


def reward(report_id, step):
    """Decide, approve or mark paid the reward of a report."""
    report = db.get_or_404(Report, report_id)
    forms = {"decide": RewardForm, "approve": ApproveForm, "paid": PaidForm}
    if step not in forms:
        abort(404)
    form = forms[step]()
    if form.validate_on_submit():
        if step == "decide":
            done = _run(
                moderation.decide_reward, report, me(), int(form.reward_tier.data), form.note.data
            )
        elif step == "approve":
            done = _run(moderation.approve_reward, report, me(), form.note.data)
        else:
            done = _run(
                moderation.mark_reward_paid, report, me(), form.paid_on.data, form.note.data
            )
        if done:
            flash("奖励信息已保存。")
    else:
        _flash_errors(form)
    return redirect(url_for("admin.report_detail", report_id=report.id) + "#reward")


def _run(service, *args) -> bool:
    """Call a service step; its refusal is shown to the moderator."""
    try:
        service(*args)
    except RecordInvalid as error:
        flash(str(error), "error")
        return False
    return True


def _flash_errors(form):
    for field in form:
        for error in field.errors:
            flash(f"{field.label.text}：{error}", "error")


def photo(photo_id):
    """A report photo, for the moderation roles only, never cached."""
    picture = db.get_or_404(ReportPhoto, photo_id)
    return make_response(picture.image, 200, {"Content-Type": picture.mime_type, **NO_STORE})


def export():
    """The filtered queue as CSV; reporters appear only as anonymous or hidden."""
    form = QueueFilterForm(request.args)
    rows = queue_reports(_scoped(form.filters()), local_today(), per_page=10_000).items
    moderation.record_export(me(), len(rows))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["内部编号", "提交时间", "状态", "问题类型", "被举报作坊", "县（市、区）", "举报人"]
    )
    for report in rows:
        writer.writerow(_export_row(report))
    headers = {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": "attachment; filename=reports.csv",
        **NO_STORE,
    }
    return make_response("\ufeff" + out.getvalue(), 200, headers)


def _export_row(report: Report) -> list[str]:
    district = report.assigned_district or report.district
    return [
        str(report.id),
        format_datetime(report.created_at),
        report.status.label,
        report.issue_type.label,
        _csv_safe(subject_label(report)),
        district.name if district else "",
        reporter_label(report),
    ]


def _csv_safe(text: str) -> str:
    """Text that a spreadsheet will not run as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
