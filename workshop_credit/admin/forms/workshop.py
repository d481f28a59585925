"""Forms for a workshop itself: its identity, its first certificate, and closing it."""

from wtforms import DateField, SelectField, SelectMultipleField, StringField, widgets
from wtforms.validators import InputRequired, Length, ValidationError

from workshop_credit.admin.forms.common import StaffForm, options
from workshop_credit.admin.forms.records import day, text
from workshop_credit.admin.forms.validators import Unique, strip, valid_uscc
from workshop_credit.models import Registration, RegistrationStatus, Workshop, WorkshopStatus


class CheckboxesField(SelectMultipleField):
    """Several choices shown as checkboxes."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class WorkshopForm(StaffForm):
    """Name, operator, code, address, district, categories and zone of a workshop."""

    record_id = None

    name = text("作坊名称", 100)
    operator = text("经营者", 50)
    uscc = StringField("统一社会信用代码", validators=[valid_uscc], filters=[strip])
    address = text("生产经营地址", 200)
    district_id = SelectField("所在县（市、区）", coerce=int)
    categories = CheckboxesField("食品类别", coerce=int)
    products = text("生产加工食品品种", 300, optional=True)
    zone_id = SelectField("所在集中加工区", coerce=int, default=0)

    def validate_uscc(self, field):
        """Each code belongs to one workshop."""
        Unique(Workshop.uscc, "该统一社会信用代码已属于另一家作坊")(self, field)

    def validate_categories(self, field):
        """At least one category, which decides the plan's key-category targets."""
        if not field.data:
            raise ValidationError("请至少选择一个食品类别")


class NewWorkshopForm(WorkshopForm):
    """A new workshop: registered with its first certificate, or an unregistered one."""

    status = SelectField(
        "登记情况",
        choices=options(
            [
                (WorkshopStatus.REGISTERED.value, "已办理登记证"),
                (WorkshopStatus.UNREGISTERED.value, "无证（查处取缔）"),
            ]
        ),
        coerce=WorkshopStatus,
    )
    number = text("登记证编号", 40, optional=True)
    issued_on = day("发证日期", optional=True)
    expires_on = day(
        "有效期至",
        optional=True,
        after="issued_on",
        message="有效期截止日期必须晚于发证日期",
        strictly=True,
    )
    issuing_office = text("发证机关", 100, optional=True)

    def validate_number(self, field):
        """Certificate numbers are unique."""
        Unique(Registration.number, "该登记证编号已被其他作坊使用")(self, field)

    def problems(self):
        """A registered workshop needs its code and its whole first certificate."""
        if self.status.data != WorkshopStatus.REGISTERED:
            return
        if not self.uscc.data and not self.uscc.errors:
            yield self.uscc, "已登记的作坊请填写统一社会信用代码"
        for part in (self.number, self.issued_on, self.expires_on, self.issuing_office):
            if not part.data and not part.errors:
                yield part, f"已登记的作坊请填写{part.label.text}"


class CloseForm(StaffForm):
    """Cancel (注销) or revoke (撤销) the current certificate, which closes the workshop."""

    outcome = SelectField(
        "处理方式",
        choices=options(
            [
                (RegistrationStatus.CANCELLED.value, "注销登记（作坊停业或申请注销）"),
                (RegistrationStatus.REVOKED.value, "撤销登记证（违法被撤销）"),
            ]
        ),
        coerce=RegistrationStatus,
    )
    ended_on = DateField("生效日期", validators=[InputRequired("请填写生效日期")])
    reason = StringField(
        "原因",
        validators=[
            InputRequired("请填写原因，原因将在公示页面显示"),
            Length(max=300, message="原因不能超过 300 个字"),
        ],
        filters=[strip],
    )
