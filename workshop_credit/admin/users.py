"""Staff accounts, for the superadmin: create, deactivate, reactivate, reset the second factor."""

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user

from ..extensions import db
from ..models import District, RecordInvalid, User
from ..services import accounts, second_factor
from .forms import ActionForm, UserForm, options


def _user_or_404(user_id):
    return db.get_or_404(User, user_id)


def users():
    """Every account with its role, scope and state."""
    rows = db.session.scalars(sa.select(User).order_by(User.is_active.desc(), User.username))
    return render_template("admin/users.html", users=rows.all(), form=ActionForm())


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
            user, password = accounts.create_user(
                form.username.data,
                form.role.data,
                district=district,
                display_name=form.display_name.data,
                actor=current_user._get_current_object(),
            )
        except RecordInvalid as error:
            form.username.errors.append(str(error))
        else:
            return render_template("admin/user_created.html", user=user, password=password)
    return render_template("admin/form.html", form=form, title="新建工作人员账号", submit="创建")


def _act(user_id, action, done):
    if not ActionForm().validate_on_submit():
        abort(400)
    user = _user_or_404(user_id)
    try:
        action(user, current_user._get_current_object())
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
    """Remove an account's authenticator so that it enrols again (lost phone)."""
    return _act(user_id, second_factor.reset, "已重置 {} 的两步验证，需在下次登录时重新设置。")
