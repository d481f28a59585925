"""Staff accounts and the append-only audit log."""

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.accounts.scope import covers
from workshop_credit.models.base import (
    Model,
    RecordInvalid,
    TimestampMixin,
    UTCDateTime,
    choice_type,
    utcnow,
)
from workshop_credit.models.enums import Role
from workshop_credit.models.places import District


class User(UserMixin, TimestampMixin, Model):
    """A staff account; a district scopes a regulator, none means city-wide."""

    __tablename__ = "users"

    # Canonical (NFKC, case-folded; see accounts/operations.py), compared in binary everywhere.
    username: Mapped[str] = mapped_column(
        sa.String(50).with_variant(mysql.VARCHAR(50, collation="utf8mb4_bin"), "mysql"),
        unique=True,
    )
    display_name: Mapped[str] = mapped_column(sa.String(50), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(choice_type(Role))
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id"))
    is_active: Mapped[bool] = mapped_column(default=True)
    # An initial or reset password, known to someone else: changed before any other page.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    # Raised on logout, password change and deactivation, so older sessions stop working.
    session_version: Mapped[int] = mapped_column(default=1)
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    # The last accepted one-time code's time step, so that a code works only once.
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A keyed hash of the address of the last sign-in: from there, the per-account limit
    # that strangers can exhaust does not apply.
    last_login_address: Mapped[str | None] = mapped_column(sa.String(64))

    district: Mapped[District | None] = relationship()
    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="RecoveryCode.id"
    )

    sessions: Mapped[list["StaffSession"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )

    # The token of the session being opened or served; never stored (its hash is).
    session_token = None

    def get_id(self) -> str | None:
        """The session's claim: a random token, checked against its stored hash."""
        return self.session_token

    # Flask-Login compares accounts by ``get_id``; the token is not the account.
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__

    def __repr__(self):
        return f"<User {self.username} {self.role}>"

    def covers(self, district_id: int | None) -> bool:
        """Whether this account may act on a record of ``district_id``: any when city-wide,
        else its own county's alone (a city-wide record, ``None``, is not a county's)."""
        return covers(self.district_id, district_id)


class StaffSession(Model):
    """One signed-in session; the cookie holds a random token, the database its SHA-256.

    Signing out, a password change and deactivation delete the rows, so a copied cookie,
    or one forged with a leaked key, names no session.
    """

    __tablename__ = "staff_sessions"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="sessions")


class AccountRequest(Model):
    """A change to an account that a second superadmin must confirm (four eyes).

    Creating a moderator and resetting a moderator's second factor: either would let one
    superadmin reach reporters' identities alone. A new moderator's password is split: the
    requester sees one half, the confirmer the other, which is kept here until then.
    """

    __tablename__ = "account_requests"

    kind: Mapped[str] = mapped_column(sa.String(20))  # "create" or "reset_totp"
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    requested_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed: Mapped[bool | None] = mapped_column()
    password_half: Mapped[str | None] = mapped_column(sa.String(40))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    requested_by: Mapped[User] = relationship(foreign_keys=[requested_by_id])

    __table_args__ = (
        sa.CheckConstraint(
            "decided_by_id IS NULL OR decided_by_id <> requested_by_id", "four_eyes"
        ),
    )


class RecoveryCode(Model):
    """A one-time code that replaces the authenticator app once; only its hash is kept."""

    __tablename__ = "recovery_codes"

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="recovery_codes")


class AuditEntry(Model):
    """Who changed which record, when, from what to what. Never updated or deleted."""

    __tablename__ = "audit_entries"

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    # Who acted when there is no account: "system", "cli", "reporter".
    actor_label: Mapped[str] = mapped_column(sa.String(50), default="")
    action: Mapped[str] = mapped_column(sa.String(40))
    entity_type: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[str] = mapped_column(sa.String(40))
    before: Mapped[dict | None] = mapped_column(sa.JSON)
    after: Mapped[dict | None] = mapped_column(sa.JSON)

    actor: Mapped[User | None] = relationship()

    __table_args__ = (sa.Index("ix_audit_entries_entity", "entity_type", "entity_id"),)


def audit_is_append_only(session, _context, _instances):
    """Session hook: audit entries are never changed or deleted."""
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry) and (obj in session.deleted or session.is_modified(obj)):
            raise RecordInvalid("审计日志只能追加，不能修改或删除")
