"""Staff accounts, for the superadmin: create, deactivate, reactivate, reset the second factor."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for

from workshop_credit.accounts import operations as accounts
from workshop_credit.accounts import requests as account_requests
from workshop_credit.accounts import second_factor
from workshop_credit.admin.forms.common import ActionForm, UserForm, options
from workshop_credit.admin.scope import me
from workshop_credit.extensions import db
from workshop_credit.models import AccountRequest, District, RecordInvalid, User


def _user_or_404(user_id):
    return db.get_or_404(User, user_id)


def users():
    """Every account with its role, scope and state."""
    rows = db.session.scalars(sa.select(User).order_by(User.is_active.desc(), User.username))
    return render_template(
        "admin/users.html",
        users=rows.all(),
        requests=account_requests.pending(),
        form=ActionForm(),
    )


def district_choices():
    """City-wide first, then every district in the reference order."""
    districts = db.session.scalars(sa.select(District).order_by(District.sort_order))
    return [(0, "全市")] + [(d.id, d.name) for d in districts]


def user_new():
    """Create an account; its generated password is shown once, on the next page."""
    form = UserForm()
    form.district.choices = options(district_choices())
    if form.validate_on_submit():
        district = db.session.get(District, form.district.data) if form.district.data else None
        try:
            user, password = _create(form, district)
        except RecordInvalid as error:
            form.username.errors.append(str(error))
        else:
            return render_template(
                "admin/user_created.html",
                user=user,
                password=password,
                awaiting=not user.is_active,
            )
    return render_template("admin/form.html", form=form, title="新建工作人员账号", submit="创建")


def _create(form, district):
    """A moderator waits for a second superadmin (and gets half a password); others are made."""
    fields = {
        "district": district,
        "display_name": form.display_name.data,
        "actor": me(),
    }
    if account_requests.needs_second_person(form.role.data):
        return account_requests.request_moderator(form.username.data, **fields)
    return accounts.create_user(form.username.data, form.role.data, **fields)


def _act(user_id, action, done):
    if not ActionForm().validate_on_submit():
        abort(400)
    user = _user_or_404(user_id)
    try:
        action(user, me())
    except RecordInvalid as error:
        flash(str(error), "error")
    else:
        flash(done.format(user.username))
    return redirect(url_for("admin.users"))


def user_deactivate(user_id):
    """Deactivate an account; its open sessions end at once."""
    return _act(user_id, lambda u, a: accounts.set_active(u, False, a), "已停用账号 {}。")


def user_activate(user_id):
    """Reactivate an account."""
    return _act(user_id, lambda u, a: accounts.set_active(u, True, a), "已恢复账号 {}。")


def user_reset_totp(user_id):
    """Remove an account's authenticator (lost phone); a moderator's needs a second superadmin."""
    if account_requests.needs_second_person(_user_or_404(user_id).role):
        return _act(
            user_id,
            account_requests.request_totp_reset,
            "已申请重置 {} 的两步验证，须由另一名系统管理员确认后生效。",
        )
    return _act(user_id, second_factor.reset, "已重置 {} 的两步验证，需在下次登录时重新设置。")


def account_request_confirm(request_id):
    """A second superadmin confirms; a new moderator's other password half is shown once."""
    if not ActionForm().validate_on_submit():
        abort(400)
    request = db.get_or_404(AccountRequest, request_id)
    try:
        half = account_requests.confirm(request, me())
    except RecordInvalid as error:
        flash(str(error), "error")
        return redirect(url_for("admin.users"))
    if half is None:
        flash(f"已确认并重置 {request.user.username} 的两步验证。")
        return redirect(url_for("admin.users"))
    return render_template("admin/user_confirmed.html", user=request.user, password=half)


def account_request_refuse(request_id):
    """A second superadmin refuses a request; nothing is changed."""
    if not ActionForm().validate_on_submit():
        abort(400)
    request = db.get_or_404(AccountRequest, request_id)
    try:
        account_requests.refuse(request, me())
    except RecordInvalid as error:
        flash(str(error), "error")
    else:
        flash(f"已拒绝对 {request.user.username} 的申请。")
    return redirect(url_for("admin.users"))
