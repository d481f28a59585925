"""Referrals to the police (涉嫌犯罪，移送公安机关): of a penalty, of a substantiated tip-off.

The guard checks the workshop's or the report's county; the service checks the rest.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from workshop_credit.admin.forms.common import attempt
from workshop_credit.admin.forms.referral import ReferralForm
from workshop_credit.admin.scope import me
from workshop_credit.core.request_args import page_number
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Penalty, Report
from workshop_credit.supervision import operations, referrals


def referrals_list():
    """The referrals made in the account's county (every county for city-wide accounts)."""
    stmt = referrals.in_scope(current_user.district_id)
    page = db.paginate(stmt, page=page_number(request.args), per_page=50, error_out=False)
    return render_template("admin/referrals.html", page=page)


def _edit(case, title, back):
    form = ReferralForm(obj=case.referral)
    if form.validate_on_submit():
        args = case, form.referred_on.data, form.receiving_office.data, me(), local_today()
        if attempt(form, operations.refer, *args):
            flash("已登记移送公安机关。")
            return redirect(back)
    return render_template("admin/form.html", form=form, title=title, back=back)


def penalty_referral(workshop_id, penalty_id):
    """Mark a penalty of the workshop's file as referred to the police, or correct it."""
    penalty = db.get_or_404(Penalty, penalty_id)
    if penalty.workshop_id != workshop_id:
        abort(404)
    back = url_for("admin.workshop", workshop_id=workshop_id)
    return _edit(penalty, f"移送公安机关：处罚决定 {penalty.decision_number}", back)


def report_referral(report_id):
    """Mark a substantiated tip-off as referred to the police, or correct it."""
    report = db.get_or_404(Report, report_id)
    back = url_for("admin.report_detail", report_id=report_id)
    return _edit(report, f"移送公安机关：举报 #{report.id}", back)
