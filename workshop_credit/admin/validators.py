"""Field validators shared by the admin forms; messages in Chinese."""

import sqlalchemy as sa
from wtforms.validators import ValidationError

from ..extensions import db
from ..uscc import normalize_uscc, uscc_problem


class NotBefore:
    """This date may not precede the date in another field of the same form."""

    def __init__(self, other: str, message: str):
        self.other = other
        self.message = message

    def __call__(self, form, field):
        earlier = form[self.other].data
        if field.data and earlier and field.data < earlier:
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
