"""A training session and the workshops whose operators attended."""

from wtforms import SelectField, TextAreaField
from wtforms.validators import Length

from workshop_credit.admin.forms.common import StaffForm
from workshop_credit.admin.forms.records import day, text


class TrainingForm(StaffForm):
    """A session's county, day, topic, organiser and the attending workshops' public codes."""

    district_id = SelectField("举办的县（市、区）", coerce=int)
    held_on = day("培训日期")
    topic = text("培训内容", 200)
    organiser = text("组织单位", 100)
    attendees = TextAreaField(
        "参训小作坊的公示码",
        description="每行一个，或用空格、逗号分隔；公示码见小作坊的信息公开栏和档案页。",
        validators=[Length(max=20000, message="内容过长，请分批登记")],
    )
