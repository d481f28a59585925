"""Districts of Ji'an, food categories and concentrated processing zones."""

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workshop_credit.models.base import Model, choice_type
from workshop_credit.models.enums import DistrictKind


class District(Model):
    """A county-level division (with its code) or a management zone (without one)."""

    __tablename__ = "districts"

    code: Mapped[str | None] = mapped_column(sa.String(6), unique=True)
    name: Mapped[str] = mapped_column(sa.String(20), unique=True)
    kind: Mapped[DistrictKind] = mapped_column(choice_type(DistrictKind))
    sort_order: Mapped[int] = mapped_column(default=0)
    # The market-regulation office responsible for the district's workshops (reference data).
    office_name: Mapped[str] = mapped_column(sa.String(60), default="", server_default="")
    office_address: Mapped[str] = mapped_column(sa.String(200), default="", server_default="")
    office_phone: Mapped[str] = mapped_column(sa.String(30), default="", server_default="")

    def __repr__(self):
        return f"<District {self.name}>"


class Category(Model):
    """A food category; key categories are the plan's 95 % registration target."""

    __tablename__ = "categories"

    name: Mapped[str] = mapped_column(sa.String(20), unique=True)
    is_key: Mapped[bool] = mapped_column(default=False)
    # Inherent risk of the category, 1 (low) to 3 (high), used by the grade rule.
    risk_level: Mapped[int] = mapped_column(default=2)
    sort_order: Mapped[int] = mapped_column(default=0)

    __table_args__ = (sa.CheckConstraint("risk_level BETWEEN 1 AND 3", name="risk_level"),)

    def __repr__(self):
        return f"<Category {self.name}>"


class ProcessingZone(Model):
    """A concentrated processing zone (集中加工区) that workshops join."""

    __tablename__ = "processing_zones"

    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    district_id: Mapped[int] = mapped_column(sa.ForeignKey("districts.id"), index=True)
    address: Mapped[str] = mapped_column(sa.String(200), default="")
    established_on: Mapped[date]

    district: Mapped[District] = relationship()
