"""Staff accounts: creation with a generated password, never a default one."""

import secrets

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import District, RecordInvalid, Role, User, utcnow
from ..passwords import password_problem
from . import audit

GENERATED_PASSWORD_BYTES = 15  # 20 URL-safe characters
# Checked against when the username is unknown, so both failures take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


def generate_password() -> str:
    """A random password for a new account, shown once to whoever created it."""
    return secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)


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


def create_user(username, role: Role, *, district=None, display_name="", password=None, actor=None):
    """Create and commit an account; return it with its password (generated when not given)."""
    username = username.strip()
    if not username:
        raise RecordInvalid("用户名不能为空")
    if db.session.scalar(sa.select(User.id).where(User.username == username)):
        raise RecordInvalid(f"用户名“{username}”已被使用")
    if password is not None:
        problem = password_problem(password, username=username, display_name=display_name)
        if problem:
            raise RecordInvalid(problem)
    password = password or generate_password()
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=generate_password_hash(password),
        role=role,
        district=district,
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
    db.session.commit()
    return user, password


def any_superadmin() -> bool:
    """Whether an active superadmin account exists."""
    return (
        db.session.scalar(
            sa.select(sa.func.count(User.id)).where(User.role == Role.SUPERADMIN, User.is_active)
        )
        > 0
    )


def load_session_user(session_id: str) -> User | None:
    """The active account whose current session version matches ``session_id``."""
    user_id, _, version = (session_id or "").partition(".")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user


def check_credentials(username: str, password: str) -> User | None:
    """The active account with these credentials, or None, in the same time either way."""
    user = db.session.scalar(sa.select(User).where(User.username == (username or "").strip()))
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        return None
    if not check_password_hash(user.password_hash, password or "") or not user.is_active:
        return None
    return user


def record_login(user: User) -> None:
    """Note a completed sign-in (after the second factor, where one is needed)."""
    user.last_login_at = utcnow()
    audit.record("login", "user", user.id, actor=user)
    db.session.commit()


def authenticate(username: str, password: str) -> User | None:
    """The active account with these credentials, or None; records a successful login."""
    user = check_credentials(username, password)
    if user is not None:
        record_login(user)
    return user


def change_password(user: User, new_password: str) -> None:
    """Set a new password (the form checked the old one) and end every other session."""
    user.password_hash = generate_password_hash(new_password)
    user.session_version += 1
    audit.record("change_password", "user", user.id, actor=user)
    db.session.commit()


def set_active(user: User, active: bool, actor: User | None = None) -> None:
    """Deactivate (ending its sessions at once) or reactivate an account."""
    if actor is not None and user.id == actor.id and not active:
        raise RecordInvalid("不能停用自己正在使用的账号")
    if user.is_active == active:
        return
    user.is_active = active
    user.session_version += 1
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
    """The account named ``username``, or None."""
    return db.session.scalar(sa.select(User).where(User.username == (username or "").strip()))


def end_sessions(user: User) -> None:
    """Invalidate every session of ``user`` (logout, password change, deactivation)."""
    user.session_version += 1
    audit.record("logout", "user", user.id, actor=user)
    db.session.commit()
