"""Forms of the moderation queue: its filters, the steps and the reward."""

import sqlalchemy as sa
from flask_login import current_user
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from workshop_credit.admin.scope import district_choices
from workshop_credit.core.database import MAX_ID
from workshop_credit.core.request_args import whole_number
from workshop_credit.extensions import db
from workshop_credit.models import District, Inspection, IssueType, Penalty, Report, ReportStatus
from workshop_credit.models.report import REWARD_TIER_LABELS
from workshop_credit.reports.form_fields import ChineseForm, options
from workshop_credit.reports.moderation import not_yours
from workshop_credit.reports.queries import QueueFilter
from workshop_credit.reports.workflow import Step

NOTE = TextAreaField(
    "处理说明（内部）",
    validators=[DataRequired("请填写处理说明"), Length(max=5000, message="处理说明过长")],
)


def _district_choices(empty_label):
    districts = db.session.scalars(sa.select(District).order_by(District.sort_order))
    return options([("", empty_label)] + [(str(d.id), d.name) for d in districts])


class QueueFilterForm(ChineseForm):
    """The queue's filters, sent with GET."""

    class Meta:
        csrf = False

    status = SelectField(
        "状态",
        choices=options([("open", "待办（未办结）"), ("", "全部")] + ReportStatus.choices()),
        default="open",
    )
    district = SelectField("县（市、区）", validate_choice=False, default="")
    issue_type = SelectField(
        "问题类型", choices=options([("", "全部")] + IssueType.choices()), default=""
    )
    age = SelectField(
        "已提交",
        choices=options([("", "不限"), ("3", "3 天以上"), ("7", "7 天以上"), ("30", "30 天以上")]),
        default="",
    )
    overdue = BooleanField("只看超期")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A moderator scoped to a county is offered only the districts the queue can show.
        self.district.choices = options(
            [("", "全部")] + [(str(i), n) for i, n in district_choices()]
        )

    def filters(self) -> QueueFilter:
        """The chosen filters; invalid values filter nothing."""
        self.validate()
        ok = not self.errors
        return QueueFilter(
            status=self.status.data if ok else "open",
            district_id=whole_number(self.district.data) if ok else None,
            issue_type=self.issue_type.data if ok else "",
            min_age_days=int(self.age.data) if ok and self.age.data else None,
            overdue=bool(self.overdue.data),
        )


class ActionForm(ChineseForm):
    """One moderation step; each step reads the fields it needs."""

    note = NOTE
    reply = TextAreaField(
        "给举报人的答复（举报人可见）",
        validators=[Optional(), Length(max=5000, message="答复过长")],
    )
    district = SelectField("承办县（市、区）", default="")
    duplicate_of = IntegerField(
        "重复于举报（内部编号）",
        validators=[
            Optional(),
            NumberRange(min=1, max=MAX_ID, message="请填写另一件举报的内部编号（正整数）"),
        ],
        render_kw={"min": 1},
    )
    penalty_number = StringField("处罚决定书文号", validators=[Optional(), Length(max=60)])
    inspection = SelectField("相关检查记录", default="")

    def __init__(self, *args, report=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.district.choices = _district_choices("请选择")
        inspections = report.workshop.inspections[:20] if report and report.workshop else []
        self.inspection.choices = options(
            [("", "无")]
            + [
                (str(i.id), f"{i.inspected_on:%Y-%m-%d} {i.kind.label}：{i.result.label}")
                for i in inspections
            ]
        )

    def validate_duplicate_of(self, field):
        """The earlier report must exist and be the moderator's to handle (asked only of a
        number that can be an id); both refusals read alike, so neither tells the other."""
        if field.data and not field.errors:
            original = db.session.get(Report, field.data)
            if original is None or not current_user.covers(original.handling_district_id):
                raise ValidationError(not_yours(field.data))

    def validate_penalty_number(self, field):
        """The penalty decision must be on file."""
        if field.data and _penalty(field.data) is None:
            raise ValidationError(f"没有找到文号为“{field.data}”的处罚决定，请先在作坊档案中录入")

    def step(self) -> Step:
        """The validated input, with the records it names."""
        return Step(
            note=self.note.data,
            reply=self.reply.data or "",
            district=db.session.get(District, int(self.district.data))
            if self.district.data
            else None,
            duplicate_of=db.session.get(Report, self.duplicate_of.data)
            if self.duplicate_of.data
            else None,
            penalty=_penalty(self.penalty_number.data) if self.penalty_number.data else None,
            inspection=db.session.get(Inspection, int(self.inspection.data))
            if self.inspection.data
            else None,
        )


def _penalty(number: str) -> Penalty | None:
    return db.session.scalar(sa.select(Penalty).where(Penalty.decision_number == number.strip()))


class RewardForm(ChineseForm):
    """The reward tier; the amount follows from the fines and the configured rules."""

    reward_tier = RadioField(
        "奖励等级",
        choices=options((str(g), label) for g, label in REWARD_TIER_LABELS.items()),
        validators=[DataRequired("请选择奖励等级")],
    )
    note = NOTE


class ApproveForm(ChineseForm):
    """A second person's approval of a reward."""

    note = NOTE


class PaidForm(ChineseForm):
    """The payment of an approved reward."""

    paid_on = DateField("发放日期", validators=[DataRequired("请填写发放日期")])
    note = NOTE


class ConfirmForm(ChineseForm):
    """A button that only needs the CSRF token."""
