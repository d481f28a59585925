"""Tip-offs: the form, the receipt shown once, and following a report with code and key."""

from flask import (
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from workshop_credit.core.security import keyed_address
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import limiter
from workshop_credit.models import RecordInvalid, Report
from workshop_credit.reports import access as report_access
from workshop_credit.reports import filing as reports
from workshop_credit.reports import pending_photos
from workshop_credit.reports.moderation import reward_rules
from workshop_credit.reports.queries import pending_step, public_timeline
from workshop_credit.reports.receipt_picture import Labels, render
from workshop_credit.site.report_forms import AdditionForm, LookupForm, ReportForm
from workshop_credit.supervision import referrals


def _limit(name):
    """A rate limit read from the configuration at request time."""
    return lambda: current_app.config[name]


def _failed_lookup(response) -> bool:
    return response.status_code != 303


def _private(html, status=200):
    """A page with a receipt or a report on it: never stored by a browser or a proxy."""
    response = make_response(html, status)
    response.headers["Cache-Control"] = "no-store"
    return response


@limiter.limit(_limit("REPORT_RATE_LIMIT"), key_func=keyed_address, methods=["POST"])
def new():
    """The tip-off form; a valid submission is committed, then its receipt is shown."""
    form = ReportForm()
    if request.method == "GET" and request.args.get("workshop"):
        form.preselect(request.args["workshop"])
    if _removed_kept_photo(form):
        return _form_page(form)
    if form.validate_on_submit():
        receipt = reports.file_report(form.filing(), form.submission_token.data)
        session["receipt"] = receipt.handle
        return redirect(url_for("site.report_receipt"), 303)
    _keep_accepted_photos(form)
    return _form_page(form)


def _form_page(form):
    return render_template(
        "site/report_form.html",
        form=form,
        rewards=reward_rules(),
        thumbnail=pending_photos.data_uri,
    )


def _removed_kept_photo(form) -> bool:
    """A thumbnail's remove button was pressed: drop that photo and show the form again."""
    photo_id = request.form.get("remove_photo")
    if request.method != "POST" or not photo_id:
        return False
    pending_photos.remove(form.submission_token.data, photo_id)
    form.photos.kept = [p for p in form.photos.kept if str(p.id) != photo_id]
    return True


def _keep_accepted_photos(form) -> None:
    """Photos that passed while something else failed wait for the corrected form."""
    token_ok = form.submission_token.data and not form.submission_token.errors
    accepted = getattr(form.photos, "clean", [])  # absent when validation never reached it
    if form.is_submitted() and token_ok and accepted:
        pending_photos.keep(form.submission_token.data, accepted)
        form.photos.kept = pending_photos.kept(form.submission_token.data)


def receipt():
    """The receipt code and key, on the device that filed it, for a few minutes."""
    shown = report_access.receipt(session.get("receipt"))
    if shown is None:
        session.pop("receipt", None)
        flash(_("回执只在提交后的几分钟内显示。请使用举报编号和查询密钥查看办理进度。"))
        return redirect(url_for("site.report_status"))
    return _private(render_template("site/report_receipt.html", **shown))


def receipt_picture():
    """The receipt as a PNG for the phone's album: same record, same minutes, never cached."""
    shown = report_access.receipt(session.get("receipt"))
    if shown is None:
        abort(404)
    labels = Labels(
        title=_("举报回执"),
        code=_("举报编号"),
        key=_("查询密钥"),
        address=_("查询地址"),
        warning=_("请妥善保管，不要告诉他人"),
    )
    status_url = url_for("site.report_status", _external=True)
    response = make_response(render(shown["code"], shown["key"], status_url, labels))
    response.mimetype = "image/png"
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Disposition"] = 'attachment; filename="receipt.png"'
    return response


@limiter.limit(
    _limit("REPORT_LOOKUP_RATE_LIMIT"),
    key_func=keyed_address,
    methods=["POST"],
    deduct_when=_failed_lookup,
)
def status():
    """Open a report with its code and key, then show its timeline."""
    form = LookupForm()
    if form.validate_on_submit():
        report = reports.open_report(form.code.data, form.key.data)
        if report is not None:
            session["following"] = report_access.follow(report)
            return redirect(url_for("site.report_status"), 303)
        form.form_errors.append(_("举报编号或查询密钥不正确，请核对回执后重试。"))
    report = _followed_report()
    if report is None or request.method == "POST":
        return _private(render_template("site/report_lookup.html", form=form))
    return _private(_status_page(report, AdditionForm()))


def _followed_report() -> Report | None:
    return report_access.followed(session.get("following"))


def _status_page(report, addition):
    return render_template(
        "site/report_status.html",
        report=report,
        timeline=public_timeline(report),
        pending=pending_step(report, local_today()),
        addition=addition,
        thumbnail=pending_photos.data_uri,
        can_add=reports.can_add(report),
        referral=referrals.reporter_sees(report),
    )


@limiter.limit(_limit("REPORT_FOLLOW_UP_RATE_LIMIT"), key_func=keyed_address)
def add():
    """The reporter adds information or photos to the report they opened."""
    report = _followed_report()
    if report is None:
        flash(_("请先输入举报编号和查询密钥。"), "error")
        return redirect(url_for("site.report_status"))
    form = AdditionForm()
    if _removed_kept_photo(form):
        return _private(_status_page(report, form))
    if form.validate_on_submit():
        try:
            token = form.submission_token.data
            reports.add_information(report, form.text.data.strip(), form.all_photos(), token)
        except RecordInvalid as error:
            flash(str(error), "error")
        else:
            flash(_("补充材料已收到，工作人员会一并核查。"))
        return redirect(url_for("site.report_status"), 303)
    _keep_accepted_photos(form)
    return _private(_status_page(report, form))


def leave():
    """Stop following the report on this device."""
    report_access.leave(session.pop("following", None))
    flash(_("已退出查看。再次查看请输入举报编号和查询密钥。"))
    return redirect(url_for("site.report_status"), 303)
