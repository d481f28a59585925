"""Staff accounts and the append-only audit log."""

from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Model, RecordInvalid, TimestampMixin, UTCDateTime, choice_type, utcnow
from .enums import Role
from .places import District


class User(UserMixin, TimestampMixin, Model):
    """A staff account; a district scopes a regulator, none means city-wide."""

    __tablename__ = "users"

    username: Mapped[str] = mapped_column(sa.String(50), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(50), default="")
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[Role] = mapped_column(choice_type(Role))
    district_id: Mapped[int | None] = mapped_column(sa.ForeignKey("districts.id"))
    is_active: Mapped[bool] = mapped_column(default=True)
    # Raised on logout, password change and deactivation, so older sessions stop working.
    session_version: Mapped[int] = mapped_column(default=1)
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64))
    # The last accepted one-time code's time step, so that a code works only once.
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    district: Mapped[District | None] = relationship()
    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="RecoveryCode.id"
    )

    def get_id(self) -> str:
        """The session identity: the account and its session version."""
        return f"{self.id}.{self.session_version}"

    def __repr__(self):
        return f"<User {self.username} {self.role}>"

    def covers(self, district_id: int | None) -> bool:
        """Whether this account may act on a record of ``district_id``: any when city-wide,
        else its own county's alone (a city-wide record, ``None``, is not a county's)."""
        return self.district_id is None or self.district_id == district_id


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


@sa.event.listens_for(sa.orm.Session, "before_flush")
def _audit_is_append_only(session, _context, _instances):
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, AuditEntry) and (obj in session.deleted or session.is_modified(obj)):
            raise RecordInvalid("审计日志只能追加，不能修改或删除")
