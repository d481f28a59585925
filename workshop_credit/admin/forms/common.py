"""Forms for signing in and for staff accounts; messages in Chinese."""

import re

from flask import flash
from flask_login import current_user
from werkzeug.security import check_password_hash
from wtforms import PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from workshop_credit.accounts.operations import canonical_username
from workshop_credit.accounts.passwords import password_problem
from workshop_credit.models import RecordInvalid, Role
from workshop_credit.reports.form_fields import CheckedForm


def show_problem(form, problem) -> None:
    """Show a service's objection beside the field it names, or above the form."""
    field = getattr(problem, "field", None)
    if field and field in form:
        form[field].errors = [*form[field].errors, str(problem)]
    else:
        flash(str(problem), "error")


def attempt(form, service_call, *args):
    """Call a service; on its refusal show the message on ``form`` and return None."""
    try:
        return service_call(*args)
    except RecordInvalid as problem:
        show_problem(form, problem)
        return None


def options(pairs):
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(value, label) for value, label in pairs]


class StaffForm(CheckedForm):
    """Base of the admin forms: built-in messages in Chinese, and checks across fields."""

    class Meta:
        locales = ("zh_CN", "zh")

    def problems(self):
        """Yield (field, message) for rules that involve several fields."""
        return ()

    def validate(self, extra_validators=None):
        """Validate each field, then the rules across fields; errors stay next to fields."""
        valid = super().validate(extra_validators)
        for field, message in self.problems():
            field.errors.append(message)
            valid = False
        return valid


class LoginForm(StaffForm):
    """Staff sign-in."""

    username = StringField("用户名", validators=[DataRequired("请输入用户名"), Length(max=50)])
    password = PasswordField("密码", validators=[DataRequired("请输入密码"), Length(max=200)])


class SecondFactorForm(StaffForm):
    """The authenticator app's six digits, or a recovery code."""

    code = StringField(
        "验证码", validators=[DataRequired("请输入验证码"), Length(max=20, message="验证码过长")]
    )


class ActionForm(StaffForm):
    """A button that changes something: only the CSRF token."""


def _strong_password(form, field):
    username = getattr(current_user, "username", "") or form.data.get("username", "")
    problem = password_problem(field.data, username=username)
    if problem:
        raise ValidationError(problem)


class ChangePasswordForm(StaffForm):
    """A new password, confirmed with the current one."""

    current = PasswordField("当前密码", validators=[DataRequired("请输入当前密码")])
    new = PasswordField("新密码", validators=[DataRequired("请输入新密码"), _strong_password])
    repeat = PasswordField(
        "再次输入新密码",
        validators=[DataRequired("请再次输入新密码"), EqualTo("new", "两次输入的新密码不一致")],
    )

    def validate_current(self, field):
        """The current password must be right."""
        if not check_password_hash(current_user.password_hash, field.data or ""):
            raise ValidationError("当前密码不正确")


class EnrolForm(StaffForm):
    """The first code from the authenticator app, proving it was set up."""

    code = StringField(
        "验证码",
        validators=[
            DataRequired("请输入验证器显示的 6 位数字"),
            Length(max=10, message="验证码过长"),
        ],
    )


USERNAME = re.compile(r"^[A-Za-z0-9._-]{2,50}$")


class UserForm(StaffForm):
    """A new staff account; the password is generated and shown once."""

    username = StringField(
        "用户名", validators=[DataRequired("请输入用户名")], filters=[canonical_username]
    )
    display_name = StringField(
        "姓名", validators=[DataRequired("请输入姓名"), Length(max=50, message="姓名过长")]
    )
    role = SelectField("角色", choices=options(Role.choices()), coerce=Role)
    district = SelectField("管辖范围", coerce=int, validators=[Optional()])

    def validate_username(self, field):
        """Letters, digits, dot, dash and underscore only."""
        if not USERNAME.match(field.data or ""):
            raise ValidationError("用户名为 2 至 50 位字母、数字、点、短横线或下划线")
