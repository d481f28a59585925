"""The signed-in staff member's own account: password and second factor."""

from flask import flash, redirect, render_template, session, url_for
from flask_login import login_user

from workshop_credit.accounts import operations as accounts
from workshop_credit.accounts import second_factor
from workshop_credit.admin.forms.common import ActionForm, ChangePasswordForm, EnrolForm
from workshop_credit.admin.scope import me

ENROLMENT_KEY = "totp_enrolment"  # the session key holding the secret being set up


def account():
    """Account overview: role, scope, second-factor state."""
    return render_template(
        "admin/account.html",
        enrolled=second_factor.is_enrolled(me()),
        required=second_factor.is_required(me()),
        unused_codes=sum(code.used_at is None for code in me().recovery_codes),
        form=ActionForm(),
    )


def change_password():
    """Change the password; other sessions of this account end, this one continues."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        accounts.change_password(me(), form.new.data)
        login_user(me())  # every session ended: this one continues with the new token
        flash("密码已修改，其他设备上的登录已失效。")
        return redirect(url_for("admin.account"))
    return render_template("admin/form.html", form=form, title="修改密码", submit="修改密码")


def enrol_totp():
    """Set up the authenticator app: scan the QR code, confirm with the first code."""
    if second_factor.is_enrolled(me()):
        flash("已启用两步验证。如更换手机，请联系系统管理员重置。")
        return redirect(url_for("admin.account"))
    secret = session.get(ENROLMENT_KEY) or second_factor.new_secret()
    session[ENROLMENT_KEY] = secret
    form = EnrolForm()
    if form.validate_on_submit():
        codes = second_factor.confirm_enrolment(me(), secret, form.code.data)
        if codes is not None:
            session.pop(ENROLMENT_KEY, None)
            return render_template("admin/recovery_codes.html", codes=codes)
        form.code.errors.append("验证码不正确，请确认手机时间准确后重新输入")
    return render_template(
        "admin/enrol_totp.html",
        form=form,
        secret=secret,
        qr=second_factor.provisioning_qr(me(), secret),
    )


def regenerate_codes():
    """Replace the recovery codes and show the new ones once."""
    if not ActionForm().validate_on_submit() or not second_factor.is_enrolled(me()):
        return redirect(url_for("admin.account"))
    codes = second_factor.regenerate_recovery_codes(me())
    return render_template("admin/recovery_codes.html", codes=codes)
