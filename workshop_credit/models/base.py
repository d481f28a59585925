"""Column types, enumerations and mixins shared by the models."""

import enum
import re
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import mysql
from sqlalchemy.orm import Mapped, mapped_column

from workshop_credit.extensions import db


class RecordInvalid(ValueError):
    """A record contradicts itself; the message is for the person who entered it.

    ``field`` names the attribute (and the admin form field) it is about, when there is one,
    so that the form can show the message beside that field.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(sa.TypeDecorator):
    """A timestamp stored as naive UTC on every database and read back timezone-aware."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        """Refuse naive times and store aware ones as naive UTC."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps must be timezone-aware")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        """Attach UTC to what the database returns."""
        return None if value is None else value.replace(tzinfo=UTC)


# Large binaries (report photos) need LONGBLOB on MariaDB, whose BLOB stops at 64 KB.
LargeBinary = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")


class Choice(enum.StrEnum):
    """An enumeration with a stored value and a Chinese label shown to people."""

    def __new__(cls, value, label):
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label
        return obj

    @classmethod
    def choices(cls):
        """(value, label) pairs for forms."""
        return [(member.value, member.label) for member in cls]


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def choice_type(enum_cls):
    """A VARCHAR column type with a CHECK constraint that admits only the enum's values."""
    return sa.Enum(
        enum_cls,
        name=_snake(enum_cls.__name__),
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class TimestampMixin:
    """Creation and last-change times, used for "data updated on" and caching."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, nullable=False
    )


class Model(db.Model):
    """Abstract base: an integer primary key and a self-check before every flush."""

    __abstract__ = True

    id: Mapped[int] = mapped_column(primary_key=True)

    def check(self) -> None:
        """Raise ``RecordInvalid`` when the record contradicts itself."""

    @classmethod
    def check_values(cls, values: dict) -> dict:
        """Apply the column validators and ``check`` to a row about to be inserted in bulk.

        The row is read as a transient record, so bulk loads obey exactly the checks that a
        flush applies; validated values (a normalized USCC) are written back to ``values``.
        """
        validators = cls.__mapper__.validators
        if cls.check is Model.check and not validators:
            return values
        record = cls.__mapper__.class_manager.new_instance()
        record.__dict__.update(values)
        for name, (validator, _options) in validators.items():
            if name in values:
                values[name] = record.__dict__[name] = validator(record, name, values[name])
        record.check()
        return values


def check_dates(earlier, later, message, field=None):
    """Raise ``RecordInvalid`` with ``message`` when ``later`` comes before ``earlier``."""
    if earlier is not None and later is not None and later < earlier:
        raise RecordInvalid(message, field)


def check_before_flush(session, _context, _instances):
    """Session hook: every new or changed record passes its ``check()`` before it is written."""
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Model):
            obj.check()
