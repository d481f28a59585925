"""The audit log's filter form."""

from wtforms import DateField, StringField
from wtforms.validators import Length, Optional

from workshop_credit.admin.forms.common import StaffForm


class AuditFilterForm(StaffForm):
    """Filters for the audit trail, read from the query string."""

    class Meta:
        csrf = False  # a GET search that changes nothing
        locales = ("zh_CN", "zh")

    actor = StringField("操作人用户名", validators=[Optional(), Length(max=50)])
    entity_type = StringField("对象类型", validators=[Optional(), Length(max=40)])
    entity_id = StringField("对象编号", validators=[Optional(), Length(max=40)])
    action = StringField("操作", validators=[Optional(), Length(max=40)])
    since = DateField("起始日期", validators=[Optional()])
    until = DateField("截止日期", validators=[Optional()])
