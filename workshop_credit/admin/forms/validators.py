"""Field validators shared by the admin forms; messages in Chinese."""

from decimal import Decimal

import sqlalchemy as sa
from wtforms.validators import StopValidation, ValidationError

from workshop_credit.extensions import db
from workshop_credit.workshops.uscc import normalize_uscc, uscc_problem


class NotBefore:
    """This date may not precede the date in another field of the same form (nor equal it,
    when ``strictly``, as an expiry date's CHECK constraint demands)."""

    def __init__(self, other: str, message: str, strictly: bool = False):
        self.other = other
        self.message = message
        self.strictly = strictly

    def __call__(self, form, field):
        earlier = form[self.other].data
        if (
            field.data
            and earlier
            and (field.data < earlier or self.strictly and field.data == earlier)
        ):
            raise ValidationError(self.message)


class Unique:
    """No other record may hold this value; ``form.record_id`` is the one being edited."""

    def __init__(self, column, message: str):
        self.column = column
        self.message = message

    def __call__(self, form, field):
        if not field.data:
            return
        model_id = self.column.class_.id
        stmt = sa.select(model_id).where(self.column == field.data)
        if getattr(form, "record_id", None):
            stmt = stmt.where(model_id != form.record_id)
        if db.session.scalar(stmt.limit(1)) is not None:
            raise ValidationError(self.message)


class Amount:
    """A sum of money in yuan that ``column`` (a ``Numeric``) holds exactly: no infinity, no
    negative, no fraction of a fen and nothing beyond the column's digits."""

    def __init__(self, column):
        kind = column.type
        self.cent = Decimal(1).scaleb(-kind.scale)
        self.largest = Decimal(10).scaleb(kind.precision - kind.scale) - self.cent
        self.message = f"金额应为 0 至 {self.largest:,} 元之间、最多 {kind.scale} 位小数的数字"

    def __call__(self, form, field):
        value = field.data
        if value is None:
            return
        # Size first: quantizing 1e999999 would itself fail.
        if not value.is_finite() or abs(value) > self.largest or value.quantize(self.cent) != value:
            raise StopValidation(self.message)
        if value < 0:
            raise StopValidation("金额不能为负数")


def valid_uscc(form, field):
    """An empty code, or one that passes the GB 32100-2015 check."""
    field.data = normalize_uscc(field.data) or None
    if field.data:
        problem = uscc_problem(field.data)
        if problem:
            raise ValidationError(problem)


def strip(value):
    """Filter: trim surrounding whitespace from text input."""
    return value.strip() if isinstance(value, str) else value
