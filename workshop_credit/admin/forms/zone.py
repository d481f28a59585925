"""A processing zone (加工区) of a county."""

from wtforms import SelectField

from workshop_credit.admin.forms.common import StaffForm
from workshop_credit.admin.forms.records import day, text
from workshop_credit.admin.forms.validators import Unique
from workshop_credit.models import ProcessingZone


class ZoneForm(StaffForm):
    """A zone's name, district, address and the day it was established."""

    record_id = None

    name = text("加工区名称", 100)
    district_id = SelectField("所在县（市、区）", coerce=int)
    address = text("地址", 200, optional=True)
    established_on = day("建成日期")

    def validate_name(self, field):
        """Zone names are unique across the city."""
        Unique(ProcessingZone.name, "已有同名的集中加工区")(self, field)
