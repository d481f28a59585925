"""Four eyes on moderator accounts: one superadmin asks, another confirms.

Only moderators see reporters' identities. A superadmin who could create a moderator, or
reset a moderator's second factor, alone could then sign in as one: both need a second
superadmin, as rewards need a second person. A new moderator's generated password is split
between the two, so neither can sign in as the new account alone.
"""

import sqlalchemy as sa

from workshop_credit.accounts import audit, second_factor
from workshop_credit.accounts import operations as accounts
from workshop_credit.extensions import db
from workshop_credit.models import AccountRequest, RecordInvalid, Role, User, utcnow

HALF = 10  # characters of the generated password shown to each of the two


def needs_second_person(role: Role) -> bool:
    """Whether creating such an account, or resetting its second factor, needs four eyes."""
    return role == Role.MODERATOR


def pending() -> list[AccountRequest]:
    """Requests that wait for a second superadmin, oldest first."""
    query = sa.select(AccountRequest).where(AccountRequest.decided_at.is_(None))
    return db.session.scalars(query.order_by(AccountRequest.id)).all()


def is_awaiting(user: User) -> bool:
    """Whether the account's creation still waits for confirmation."""
    query = sa.select(AccountRequest.id).where(
        AccountRequest.user_id == user.id,
        AccountRequest.kind == "create",
        AccountRequest.decided_at.is_(None),
    )
    return db.session.scalar(query) is not None


def request_moderator(username, *, district, display_name, actor: User) -> tuple[User, str]:
    """Create an inactive moderator; return it with the half of its password for ``actor``."""
    user, password = accounts.create_user(
        username,
        Role.MODERATOR,
        district=district,
        display_name=display_name,
        actor=actor,
        active=False,
    )
    db.session.add(
        AccountRequest(kind="create", user=user, requested_by=actor, password_half=password[HALF:])
    )
    audit.record("request_create", "user", user.id, actor=actor, after={"role": "moderator"})
    db.session.commit()
    return user, password[:HALF]


def request_totp_reset(user: User, actor: User) -> None:
    """Ask a second superadmin to reset a moderator's second factor."""
    if _open_request(user, "reset_totp"):
        raise RecordInvalid(f"{user.username} 的两步验证重置已在等待确认")
    db.session.add(AccountRequest(kind="reset_totp", user=user, requested_by=actor))
    audit.record("request_reset_totp", "user", user.id, actor=actor)
    db.session.commit()


def confirm(request: AccountRequest, actor: User) -> str | None:
    """A second superadmin carries the request out; for a new account, return its other half."""
    _decide(request, actor, confirmed=True)
    half, request.password_half = request.password_half, None
    if request.kind == "create":
        request.user.is_active = True
        audit.record(
            "confirm_create",
            "user",
            request.user_id,
            actor=actor,
            after={"requested_by": request.requested_by.username, "is_active": True},
        )
        db.session.commit()
        return half
    second_factor.reset(request.user, actor, requested_by=request.requested_by)
    return None


def refuse(request: AccountRequest, actor: User) -> None:
    """A second superadmin refuses: a requested account stays inactive, a reset is not done."""
    _decide(request, actor, confirmed=False)
    request.password_half = None
    audit.record(f"refuse_{request.kind}", "user", request.user_id, actor=actor)
    db.session.commit()


def _decide(request: AccountRequest, actor: User, *, confirmed: bool) -> None:
    if request.decided_at is not None:
        raise RecordInvalid("该申请已处理")
    if request.requested_by_id == actor.id:
        raise RecordInvalid("须由提出申请者以外的另一名系统管理员确认")
    request.decided_by_id, request.decided_at, request.confirmed = actor.id, utcnow(), confirmed


def _open_request(user: User, kind: str) -> AccountRequest | None:
    query = sa.select(AccountRequest).where(
        AccountRequest.user_id == user.id,
        AccountRequest.kind == kind,
        AccountRequest.decided_at.is_(None),
    )
    return db.session.scalar(query)
