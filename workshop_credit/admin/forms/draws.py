"""Forms of the supervision pages: roster entries, announcing and making draws."""

from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.validators import InputRequired, Length, NumberRange

from workshop_credit.admin.forms.common import StaffForm, options
from workshop_credit.admin.forms.records import day, required, text
from workshop_credit.admin.forms.validators import Unique, strip
from workshop_credit.admin.forms.workshop import CheckboxesField
from workshop_credit.models import Inspector
from workshop_credit.supervision.risk import LABELS

MAX_WORKSHOPS, MAX_INSPECTORS = 500, 10


class InspectorForm(StaffForm):
    """One officer of a county's roster; a staff account may be linked."""

    record_id = None

    district_id = SelectField("所属县（市、区）", coerce=int)
    name = text("姓名", 30)
    certificate_number = text("执法证号", 40)
    user_id = SelectField("关联工作人员账号", coerce=int)
    is_active = BooleanField("在岗（可被抽取）", default=True)

    def validate_certificate_number(self, field):
        """Certificate numbers are unique across the city."""
        Unique(Inspector.certificate_number, "该执法证号已在名录中")(self, field)


def _count(label, largest):
    return IntegerField(
        label,
        validators=[
            InputRequired(f"请填写{label}"),
            NumberRange(1, largest, f"{label}应在 1 至 {largest} 之间"),
        ],
    )


class DrawForm(StaffForm):
    """The scope and size of a draw, announced with its seed commitment."""

    district_id = SelectField("抽查县（市、区）", coerce=int)
    subject = text("抽查事项", 100)
    category_ids = CheckboxesField("食品类别（不选为全部类别）", coerce=int)
    risk_levels = CheckboxesField(
        "风险等级（不选为全部等级）", coerce=int, choices=options(LABELS.items())
    )
    workshop_count = _count("抽取户数", MAX_WORKSHOPS)
    inspectors_per_workshop = _count("每户执法人员数", MAX_INSPECTORS)
    due_on = day("检查完成期限")


class MakeDrawForm(StaffForm):
    """The seed shown at the announcement, typed in to make the draw."""

    seed = StringField(
        "种子（公布时仅显示一次的 64 位字符）",
        validators=[required("种子"), Length(max=200, message="种子过长")],
        filters=[strip],
    )


class CancelDrawForm(StaffForm):
    """Why an announced draw is called off."""

    reason = text("作废原因", 300)
