"""Forms for the parts of a workshop's file; field names match the model attributes."""

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DecimalField,
    FieldList,
    FormField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)

from workshop_credit.admin.forms.common import StaffForm, options
from workshop_credit.admin.forms.validators import Amount, NotBefore, Unique, strip
from workshop_credit.models import (
    FailedItem,
    HonourKind,
    InspectionKind,
    InspectionResult,
    Penalty,
    RectificationStatus,
    Registration,
    RegistrationStatus,
    Sampling,
    SamplingResult,
)

F = {"filters": [strip]}


def required(label):
    """A required field's message."""
    return DataRequired(f"请填写{label}")


def text(label, max_length, *, optional=False):
    """A one-line text field with a length limit."""
    checks = [Optional()] if optional else [required(label)]
    return StringField(
        label,
        validators=[*checks, Length(max=max_length, message=f"{label}不能超过 {max_length} 个字")],
        **F,
    )


def day(label, *, optional=False, after=None, message="", strictly=False):
    """A date field, optionally not before (or, ``strictly``, after) another date field."""
    checks = [Optional()] if optional else [InputRequired(f"请填写{label}（格式：2024-05-01）")]
    if after:
        checks.append(NotBefore(after, message, strictly))
    return DateField(label, validators=checks, format="%Y-%m-%d")


def choice(label, enum_cls):
    """A select among an enumeration's values, shown with their Chinese labels."""
    return SelectField(
        label, choices=options(enum_cls.choices()), coerce=enum_cls, validate_choice=True
    )


class RecordForm(StaffForm):
    """Base: ``record_id`` is the record being edited (None when adding)."""

    record_id = None

    def values(self) -> dict:
        """The fields' values by name (the names of the record's attributes)."""
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}


class RegistrationForm(RecordForm):
    """A registration certificate (登记证)."""

    number = text("登记证编号", 40)
    issued_on = day("发证日期")
    expires_on = day(
        "有效期至", after="issued_on", message="有效期截止日期必须晚于发证日期", strictly=True
    )
    issuing_office = text("发证机关", 100)
    status = choice("状态", RegistrationStatus)
    ended_on = day(
        "注销或撤销日期", optional=True, after="issued_on", message="注销或撤销日期不能早于发证日期"
    )
    end_reason = text("注销或撤销原因", 300, optional=True)

    def validate_number(self, field):
        """Certificate numbers are unique across the city."""
        Unique(Registration.number, "该登记证编号已被其他作坊使用")(self, field)

    def problems(self):
        """A cancelled or revoked certificate says when and why; a valid one does not."""
        ending = self.status.data in (RegistrationStatus.CANCELLED, RegistrationStatus.REVOKED)
        if ending and not self.ended_on.data:
            yield self.ended_on, "注销或撤销的登记证必须填写日期"
        if ending and not self.end_reason.data:
            yield self.end_reason, "请填写注销或撤销原因"
        if not ending and self.ended_on.data:
            yield self.ended_on, "只有注销或撤销的登记证才填写此日期"


class BoardForm(RecordForm):
    """The information board's rules and integrity commitment."""

    management_rules = TextAreaField("管理制度", validators=[Length(max=5000)], **F)
    commitment_text = TextAreaField("诚信承诺", validators=[Length(max=5000)], **F)
    commitment_signed_on = day("承诺签署日期", optional=True)


class HealthCertificateForm(RecordForm):
    """A staff member's health certificate."""

    holder_name = text("持证人姓名", 30)
    issued_on = day("发证日期")
    expires_on = day(
        "有效期至",
        after="issued_on",
        message="健康证有效期截止日期必须晚于发证日期",
        strictly=True,
    )


class SupplierForm(RecordForm):
    """A raw material supplier."""

    name = text("供应商名称", 100)
    materials = text("供应原料", 200, optional=True)


class InspectionForm(RecordForm):
    """An inspection and the rectification it demanded."""

    inspected_on = day("检查日期")
    kind = choice("检查类型", InspectionKind)
    result = choice("检查结果", InspectionResult)
    findings = TextAreaField("发现的问题", validators=[Length(max=5000)], **F)
    authority = text("检查机关", 100, optional=True)
    rectification_status = choice("整改情况", RectificationStatus)
    rectification_deadline = day(
        "整改期限", optional=True, after="inspected_on", message="整改期限不能早于检查日期"
    )

    def problems(self):
        """A result that demands rectification cannot say none is needed; pending needs a date."""
        status = self.rectification_status.data
        if self.result.data != InspectionResult.COMPLIANT and (
            status == RectificationStatus.NOT_REQUIRED
        ):
            yield self.rectification_status, "检查结果要求整改，请选择“整改中”或“已整改”"
        if status == RectificationStatus.PENDING and not self.rectification_deadline.data:
            yield self.rectification_deadline, "整改中的检查必须填写整改期限"


class FailedItemForm(FlaskForm):
    """One failed test item of a sampling."""

    class Meta:
        csrf = False  # part of the sampling form, which carries the token

    item = text("不合格项目", 50, optional=True)
    measured_value = text("检测值", 30, optional=True)
    limit_value = text("标准值", 30, optional=True)
    unit = text("单位", 20, optional=True)


class SamplingForm(RecordForm):
    """A supervisory sampling, with failed items and disposal."""

    sampled_on = day("抽检日期")
    product = text("样品名称", 100)
    batch = text("批次", 50, optional=True)
    testing_body = text("检验机构", 100)
    report_number = text("检验报告编号", 60)
    result = choice("检验结论", SamplingResult)
    failed_items = FieldList(FormField(FailedItemForm), min_entries=3, max_entries=10)
    disposal = text("不合格食品处置措施", 300, optional=True)
    disposed_on = day(
        "处置完成日期",
        optional=True,
        after="sampled_on",
        message="不合格食品处置日期不能早于抽检日期",
    )

    def validate_report_number(self, field):
        """Report numbers are unique."""
        Unique(Sampling.report_number, "该检验报告编号已登记过")(self, field)

    def filled_items(self):
        """The failed-item rows that were filled in."""
        return [row.data for row in self.failed_items if row.item.data]

    def problems(self):
        """A failed sampling lists its failed items and the disposal; a pass has neither."""
        if self.result.data == SamplingResult.FAIL:
            if not self.filled_items():
                yield self.failed_items[0].item, "不合格的抽检请至少填写一项不合格项目"
            if not self.disposal.data:
                yield self.disposal, "不合格的抽检必须填写处置措施（如召回、销毁）"
        elif self.filled_items() or self.disposal.data or self.disposed_on.data:
            yield self.result, "合格的抽检不填写不合格项目和处置记录"

    def values(self) -> dict:
        """The fields' values; the failed items are rebuilt from the filled rows."""
        values = {}
        for name in (
            "sampled_on",
            "product",
            "batch",
            "testing_body",
            "report_number",
            "result",
            "disposal",
            "disposed_on",
        ):
            values[name] = self[name].data
        values["failed_items"] = [
            FailedItem(**{k: v or "" for k, v in row.items()}) for row in self.filled_items()
        ]
        return values


class PenaltyForm(RecordForm):
    """An administrative penalty and its publicity period."""

    decision_number = text("处罚决定书文号", 60)
    decided_on = day("处罚决定日期")
    violation = TextAreaField("违法事实", validators=[required("违法事实"), Length(max=5000)], **F)
    legal_basis = TextAreaField(
        "处罚依据", validators=[required("处罚依据"), Length(max=5000)], **F
    )
    penalty = text("处罚内容", 300)
    fine_amount = DecimalField(
        "罚款金额（元）",
        places=2,
        default=0,
        validators=[
            InputRequired("请填写罚款金额，没有请填 0"),
            Amount(Penalty.fine_amount),
        ],
    )
    confiscated_amount = DecimalField(
        "没收违法所得（元）",
        places=2,
        default=0,
        validators=[
            InputRequired("请填写没收金额，没有请填 0"),
            Amount(Penalty.confiscated_amount),
        ],
    )
    authority = text("处罚机关", 100)
    publicity_ends_on = day(
        "公示截止日期", after="decided_on", message="公示截止日期不能早于处罚决定日期"
    )
    rectification_statement = TextAreaField("信用修复整改说明", validators=[Length(max=5000)], **F)
    rectification_checked_on = day(
        "整改说明核实日期",
        optional=True,
        after="decided_on",
        message="核实日期不能早于处罚决定日期",
    )

    def validate_decision_number(self, field):
        """Decision numbers are unique."""
        Unique(Penalty.decision_number, "该处罚决定书文号已登记过")(self, field)


class InterviewForm(RecordForm):
    """An individual interview (约谈) of this workshop."""

    held_on = day("约谈日期")
    subject = text("约谈事由", 200)
    summary = TextAreaField("约谈情况", validators=[Length(max=5000)], **F)


class HonourForm(RecordForm):
    """An honour, such as a demonstration unit (示范单位)."""

    kind = choice("荣誉类型", HonourKind)
    title = text("荣誉名称", 100)
    year = IntegerField(
        "授予年份",
        validators=[
            InputRequired("请填写授予年份"),
            NumberRange(2000, 2100, "年份应在 2000 至 2100 之间"),
        ],
    )
    awarded_by = text("授予单位", 100, optional=True)
    revoked_on = day("撤销日期", optional=True)
