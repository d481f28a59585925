"""Staff accounts: creation with a generated password, never a default one; sessions."""

import hashlib
import secrets
import unicodedata
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

from workshop_credit.accounts import audit
from workshop_credit.accounts.passwords import password_problem
from workshop_credit.core.timeutil import SITE_TIMEZONE
from workshop_credit.extensions import db
from workshop_credit.models import (
    AccountRequest,
    AuditEntry,
    District,
    RecordInvalid,
    Role,
    StaffSession,
    User,
    utcnow,
)

GENERATED_PASSWORD_BYTES = 15  # 20 URL-safe characters
# Checked against when the username is unknown, so both failures take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def generate_password() -> str:
    """A random password for a new account, shown once to whoever created it."""
    return secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)


def canonical_username(name: str | None) -> str:
    """The one form a user name is stored, looked up and throttled in: NFKC, case-folded.

    So ``ＶＩＣＴＩＭ`` and ``Victim`` are the account ``victim``; accents stay (``víctim`` is
    another name), and the column compares in binary, also on MariaDB.
    """
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def find_district(name_or_code: str | None) -> District | None:
    """The district with that name or division code; None for city-wide."""
    if not name_or_code:
        return None
    district = db.session.scalar(
        sa.select(District).where(
            sa.or_(District.name == name_or_code, District.code == name_or_code)
        )
    )
    if district is None:
        raise RecordInvalid(f"没有名为或代码为“{name_or_code}”的县（市、区）")
    return district


def create_user(
    username, role: Role, *, district=None, display_name="", password=None, actor=None, active=True
):
    """Create and commit an account; return it with its password (generated when not given).

    A generated password is known to whoever created the account: it must be changed at
    the first sign-in.
    """
    username = canonical_username(username)
    if not username:
        raise RecordInvalid("用户名不能为空")
    if db.session.scalar(sa.select(User.id).where(User.username == username)):
        raise RecordInvalid(f"用户名“{username}”已被使用")
    if password is not None:
        problem = password_problem(password, username=username, display_name=display_name)
        if problem:
            raise RecordInvalid(problem)
    generated = password is None
    password = password or generate_password()
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=generate_password_hash(password),
        role=role,
        district=district,
        is_active=active,
        must_change_password=generated,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(
        "create",
        "user",
        user.id,
        actor=actor,
        actor_label="" if actor else "cli",
        after={
            "username": username,
            "role": role.value,
            "district": district.name if district else None,
        },
    )
    if active:
        db.session.commit()  # an inactive account is committed with what awaits it
    return user, password


def any_superadmin() -> bool:
    """Whether an active superadmin account exists."""
    return (
        db.session.scalar(
            sa.select(sa.func.count(User.id)).where(User.role == Role.SUPERADMIN, User.is_active)
        )
        > 0
    )


def _token_hash(token: str) -> str:
    # SHA-256 suffices: the token is 256 random bits, not a password to stretch.
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(user: User) -> str:
    """Start a session for ``user``: store a new token's hash, return the token for the cookie."""
    token = secrets.token_urlsafe(32)
    oldest = utcnow() - timedelta(hours=current_app.config["ADMIN_SESSION_HOURS"])
    db.session.execute(
        sa.delete(StaffSession).where(
            StaffSession.user_id == user.id, StaffSession.created_at < oldest
        )
    )
    db.session.add(StaffSession(user_id=user.id, token_hash=_token_hash(token)))
    user.session_token = token
    return token


def revoke_sessions(user: User) -> None:
    """End every session of ``user`` (in the caller's transaction)."""
    db.session.execute(sa.delete(StaffSession).where(StaffSession.user_id == user.id))
    user.session_version += 1


def load_session_user(token: str) -> User | None:
    """The active account whose open session holds ``token``, or None."""
    if not token or len(token) > 100:
        return None
    oldest = utcnow() - timedelta(hours=current_app.config["ADMIN_SESSION_HOURS"])
    user = db.session.scalar(
        sa.select(User)
        .join(StaffSession)
        .where(StaffSession.token_hash == _token_hash(token), StaffSession.created_at >= oldest)
    )
    if user is None or not user.is_active:
        return None
    user.session_token = token
    return user


def check_credentials(username: str, password: str) -> User | None:
    """The active account with these credentials, or None, in the same time either way."""
    user = find_user(username)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or "") or not user.is_active:
        return None
    return user


def record_login(user: User, address: str | None = None) -> str:
    """Open a session for a completed sign-in (after any second factor); return its token."""
    token = open_session(user)
    user.last_login_at = utcnow()
    if address:
        user.last_login_address = address
    audit.record("login", "user", user.id, actor=user)
    db.session.commit()
    return token


def authenticate(username: str, password: str) -> User | None:
    """The active account with these credentials, or None; records a successful login."""
    user = check_credentials(username, password)
    if user is not None:
        record_login(user)
    return user


def change_password(user: User, new_password: str) -> str:
    """Set a new password (the form checked the old one), end every session, open a new one."""
    user.password_hash = generate_password_hash(new_password)
    user.must_change_password = False
    revoke_sessions(user)
    token = open_session(user)
    audit.record("change_password", "user", user.id, actor=user)
    db.session.commit()
    return token


def set_active(user: User, active: bool, actor: User | None = None) -> None:
    """Deactivate (ending its sessions at once) or reactivate an account."""
    if actor is not None and user.id == actor.id and not active:
        raise RecordInvalid("不能停用自己正在使用的账号")
    if user.is_active == active:
        return
    if active and _creation_awaits_confirmation(user):
        raise RecordInvalid(f"账号 {user.username} 的创建尚待另一名系统管理员确认")
    user.is_active = active
    revoke_sessions(user)
    audit.record(
        "activate" if active else "deactivate",
        "user",
        user.id,
        actor=actor,
        actor_label="" if actor else "cli",
        before={"is_active": not active},
        after={"is_active": active},
    )
    db.session.commit()


def find_user(username: str) -> User | None:
    """The account named ``username`` in any spelling of the same canonical name, or None."""
    name = canonical_username(username)
    return db.session.scalar(sa.select(User).where(User.username == name)) if name else None


def end_sessions(user: User) -> None:
    """Sign out: end every session of ``user`` on the server."""
    revoke_sessions(user)
    audit.record("logout", "user", user.id, actor=user)
    db.session.commit()


def _creation_awaits_confirmation(user: User) -> bool:
    query = sa.select(AccountRequest.id).where(
        AccountRequest.user_id == user.id,
        AccountRequest.kind == "create",
        AccountRequest.decided_at.is_(None),
    )
    return db.session.scalar(query) is not None


def identity_views_since_last_login(user: User) -> list[AuditEntry]:
    """Each look at a reporter's identity made with this account since its last sign-in."""
    mine = AuditEntry.actor_id == user.id
    # By entry, not by time: MariaDB keeps whole seconds, and a look can follow a sign-in
    # within the same second.
    last_login = db.session.scalar(
        sa.select(sa.func.max(AuditEntry.id)).where(mine, AuditEntry.action == "login")
    )
    query = sa.select(AuditEntry).where(
        mine, AuditEntry.action == "report.view_identity", AuditEntry.id > (last_login or 0)
    )
    return db.session.scalars(query.order_by(AuditEntry.id)).all()


def identity_views_notice(views: list[AuditEntry], shown: int = 10) -> str:
    """The message shown at sign-in, so that a look made by someone else with the account shows."""
    listed = "、".join(
        f"举报 #{view.entity_id}（{view.created_at.astimezone(SITE_TIMEZONE):%m-%d %H:%M}）"
        for view in views[-shown:]
    )
    more = f"等（最近 {shown} 次）" if len(views) > shown else ""
    return (
        f"自上次登录以来，您的账号查看了 {len(views)} 次举报人身份：{listed}{more}。"
        "如有不是您本人查看的，请立即修改密码并报告系统管理员。"
    )
