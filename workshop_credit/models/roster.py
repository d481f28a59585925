"""The county rosters of law-enforcement staff (执法检查人员名录库) that draws choose from."""

import re

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.models.base import Model, RecordInvalid, TimestampMixin
from workshop_credit.models.places import District
from workshop_credit.models.staff import User

# Certificate numbers are hashed by the draws and published in CSV files: letters, digits,
# Chinese characters, brackets, spaces and dashes, never a leading character that a
# spreadsheet reads as a formula, nor the separators of the draw ("|") and its CSV (";").
CERTIFICATE_NUMBER = re.compile(
    r"^[0-9A-Za-z\u3400-\u9fff（）()〔〕][0-9A-Za-z\u3400-\u9fff（）()〔〕 -]*$"
)


class Inspector(TimestampMixin, Model):
    """A law-enforcement officer of one county, with the number of their certificate (执法证).

    Officers who leave are marked inactive, never deleted: past draws name them.
    """

    __tablename__ = "inspectors"

    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(30))
    certificate_number: Mapped[str] = mapped_column(sa.String(40), unique=True)
    # A staff account the officer signs in with, when they have one.
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    is_active: Mapped[bool] = mapped_column(default=True)

    district: Mapped[District] = relationship()
    user: Mapped[User | None] = relationship()

    def check(self):
        """A certificate number that the draws can hash and the CSV files can carry as is."""
        if not CERTIFICATE_NUMBER.match(self.certificate_number or ""):
            raise RecordInvalid(
                "执法证号只能由汉字、字母、数字、括号、空格和短横线组成，且以汉字、字母或数字开头",
                "certificate_number",
            )

    def __repr__(self):
        return f"<Inspector {self.certificate_number} {self.name}>"
