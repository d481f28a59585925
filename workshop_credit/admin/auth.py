"""Signing in and out: password, second factor, throttling and session lifetimes."""

import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import login_user, logout_user

from workshop_credit.accounts import operations as accounts
from workshop_credit.accounts import second_factor
from workshop_credit.admin.forms.common import LoginForm, SecondFactorForm
from workshop_credit.admin.scope import me
from workshop_credit.core import app_log
from workshop_credit.core.security import keyed_address
from workshop_credit.extensions import db, limiter
from workshop_credit.models import User

PENDING = "pending_second_factor"
# The sign-in attempt waiting for its second factor expires after five minutes.
PENDING_SECONDS = 300
THROTTLED = (
    "登录尝试次数过多，为保护账号安全已暂时停止登录，请 15 分钟后再试（连续失败越多，需等待越久）。"
)


def _failed(response):
    """Only failed attempts count towards the limits: a success redirects."""
    return response.status_code != 302


def _typed_account() -> str:
    """The typed account name in canonical form, existing or not, so the limit reveals nothing."""
    # Longer than any account name can be: cut, so that a store key stays small.
    return accounts.canonical_username((request.form.get("username") or "")[:100])[:60]


def _account_address_key():
    return f"login-account-address:{_typed_account()}:{keyed_address()}"


def _account_key():
    return "login-account:" + _typed_account()


def _from_last_sign_in_address() -> bool:
    """Whether the request comes from where this account last signed in successfully."""
    user = accounts.find_user(_typed_account())
    return user is not None and user.last_login_address == keyed_address()


def _pending_key():
    return "second-factor:" + str((session.get(PENDING) or {}).get("uid"))


def _limit(name, **options):
    """A limit on failed sign-ins read from the configuration at request time."""
    return limiter.limit(
        lambda: current_app.config[name],
        methods=["POST"],
        deduct_when=_failed,
        error_message=THROTTLED,
        **options,
    )


_per_address = _limit("LOGIN_LIMIT_PER_ADDRESS", key_func=keyed_address)
# A stranger's failures count against the account only from the stranger's address...
_per_account_and_address = _limit(
    "LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS", key_func=_account_address_key
)
# ...and against a slower, stepped limit of the account from everywhere, which the account's
# own last sign-in address does not meet: many addresses slow a guess down, not the colleague.
_per_account = _limit(
    "LOGIN_LIMIT_PER_ACCOUNT", key_func=_account_key, exempt_when=_from_last_sign_in_address
)


@_per_address
@_per_account_and_address
@_per_account
def login():
    """Sign in with username and password; the same answer for any wrong pair."""
    form = LoginForm()
    if form.validate_on_submit():
        user = accounts.check_credentials(form.username.data, form.password.data)
        if user is None:
            _log_failure("password", accounts.find_user(form.username.data or ""))
            flash("用户名或密码错误。", "error")
        elif second_factor.is_enrolled(user):
            session[PENDING] = {"uid": user.id, "v": user.session_version, "at": time.time()}
            return redirect(url_for("admin.login_second_factor"))
        else:
            return _complete_login(user)
    return render_template("admin/login.html", form=form)


@_per_address
@_limit("LOGIN_LIMIT_PER_ACCOUNT_AND_ADDRESS", key_func=_pending_key)
def login_second_factor():
    """The authenticator code (or a recovery code) after a correct password."""
    user = _pending_user()
    if user is None:
        flash("请重新输入用户名和密码。", "error")
        return redirect(url_for("admin.login"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        if second_factor.verify(user, form.code.data):
            session.pop(PENDING, None)
            return _complete_login(user)
        _log_failure("second_factor", user)
        flash("验证码不正确或已使用，请重新输入。", "error")
    return render_template("admin/login_second_factor.html", form=form)


def _log_failure(step: str, account: User | None):
    """A failed sign-in in the log: the account's id if it exists, never what was typed (a
    password typed into the name field would otherwise be kept)."""
    app_log.event("sign_in_failed", step=step, account_id=account.id if account else None)


def _pending_user() -> User | None:
    pending = session.get(PENDING) or {}
    if time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None
    user = db.session.get(User, pending.get("uid") or 0)
    if user is None or not user.is_active or user.session_version != pending.get("v"):
        return None
    return user


def _complete_login(user):
    views = accounts.identity_views_since_last_login(user)
    session.clear()
    accounts.record_login(user, keyed_address())  # the session's claim: a new random token
    login_user(user)
    session["signed_in_at"] = session["seen_at"] = time.time()
    if views:
        flash(accounts.identity_views_notice(views), "error")
    return redirect(url_for("admin.index"))


def logout():
    """Sign out and end this account's sessions on the server."""
    accounts.end_sessions(me())
    logout_user()
    session.clear()
    flash("您已安全退出。")
    return redirect(url_for("admin.login"))


def session_expired() -> bool:
    """Whether the signed-in session passed its idle or absolute limit; else note activity."""
    now = time.time()
    config = current_app.config
    idle = now - session.get("seen_at", 0) > config["ADMIN_IDLE_MINUTES"] * 60
    too_old = now - session.get("signed_in_at", 0) > config["ADMIN_SESSION_HOURS"] * 3600
    if idle or too_old:
        logout_user()
        session.clear()
        return True
    session["seen_at"] = now
    return False


def throttled(error):
    """A throttled sign-in answers on the sign-in page, in Chinese, with status 429."""
    flash(THROTTLED, "error")
    return render_template("admin/login.html", form=LoginForm(formdata=None)), 429
