"""The tip-off forms: filing a report, opening it with code and key, adding to it."""

import re
import secrets
from datetime import datetime, time, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
)

from workshop_credit.core.timeutil import SITE_TIMEZONE, local_today
from workshop_credit.extensions import db
from workshop_credit.models import District, IssueType, ObservedPrecision, utcnow
from workshop_credit.reports import pending_photos
from workshop_credit.reports.filing import Filing
from workshop_credit.reports.form_fields import (
    ChineseForm,
    LocalDateTimeField,
    PhotosField,
    options,
)
from workshop_credit.reports.queries import find_workshops, workshop_by_code

MOBILE = re.compile(r"^1[3-9]\d{9}$")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
# Anything older is a typing slip; a year 1 date would also overflow the UTC conversion.
EARLIEST_OBSERVED = datetime(2000, 1, 1)
DESCRIPTION_LENGTH = Length(20, 5000, _l("请用 20 到 5000 个字描述您看到的情况"))


class ReportForm(ChineseForm):
    """A tip-off about a registered workshop or an unregistered one."""

    submission_token = HiddenField(
        default=lambda: secrets.token_urlsafe(32),
        validators=[
            DataRequired(_l("表单已失效，请刷新页面后重新填写")),
            Regexp(r"^[A-Za-z0-9_-]{32,64}$", message=_l("表单已失效，请刷新页面后重新填写")),
        ],
    )
    subject_kind = RadioField(
        _l("被举报的作坊"),
        choices=options(
            [("registered", _l("在册小作坊（有登记证）")), ("unregistered", _l("无证/不知道名字"))]
        ),
        default="registered",
    )
    workshop_code = StringField(_l("作坊编号"), validators=[Length(max=20)])
    workshop_name = StringField(
        _l("作坊名称"), validators=[Length(max=100, message=_l("名称过长"))]
    )
    subject_name = StringField(
        _l("作坊名称或招牌"), validators=[Length(max=100, message=_l("名称过长"))]
    )
    subject_address = StringField(
        _l("详细地址"), validators=[Length(max=200, message=_l("地址过长"))]
    )
    # Where an unregistered workshop is; for a registered one it narrows the name search.
    district = SelectField(_l("所在县（市、区）"), coerce=str, validate_choice=False)
    issue_type = RadioField(
        _l("问题类型"),
        choices=options((value, _l(label)) for value, label in IssueType.choices()),
        validators=[InputRequired(_l("请选择问题类型"))],
    )
    description = TextAreaField(
        _l("您看到的情况"), validators=[DataRequired(_l("请描述您看到的情况")), DESCRIPTION_LENGTH]
    )
    # An approximate answer is enough; an exact time (older pages, other clients) still counts.
    observed_when = RadioField(
        _l("什么时候看到的"),
        choices=options(
            [
                ("today", _l("今天")),
                ("yesterday", _l("昨天")),
                ("this_week", _l("这个星期")),
                ("earlier", _l("更早（请填写日期）")),
            ]
        ),
        validators=[Optional()],
    )
    observed_on = DateField(_l("日期"), validators=[Optional()])
    observed_at = LocalDateTimeField(_l("发现时间"), format="%Y-%m-%dT%H:%M")
    photos = PhotosField(_l("照片"))
    identity = RadioField(
        _l("举报方式"),
        choices=options(
            [("anonymous", _l("匿名举报")), ("real_name", _l("实名举报（可申请奖励）"))]
        ),
        default="anonymous",
    )
    wants_reward = BooleanField(_l("我希望申请举报奖励（须实名）"))
    reporter_name = StringField(_l("真实姓名"), validators=[Length(max=30, message=_l("姓名过长"))])
    reporter_phone = StringField(
        _l("手机号码"), validators=[Length(max=20, message=_l("号码过长"))]
    )
    # Hidden from people by the style sheet; a program that fills in every field fills it.
    website = StringField(_l("请勿填写此栏"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        districts = db.session.scalars(sa.select(District).order_by(District.sort_order))
        self.district.choices = options(
            [("", _("请选择"))] + [(str(d.id), d.name) for d in districts]
        )
        self.workshop = None
        self.candidates = []
        self.more_candidates = 0
        self.observed_precision = ObservedPrecision.EXACT
        _load_kept_photos(self)

    def preselect(self, code: str) -> None:
        """Show the workshop a QR code or a link named, or say that it is unknown."""
        self.workshop = workshop_by_code(code)
        if self.workshop is None:
            self.workshop_code.errors = [
                _("没有找到编号为“%(code)s”的小作坊，请在下面填写名称", code=code[:20])
            ]

    def validate(self, extra_validators=None):
        """Field checks first, then the checks that need several fields."""
        valid = super().validate(extra_validators)
        if self.website.data:
            self.form_errors.append(_("提交未成功：请将“请勿填写此栏”一项留空后重新提交。"))
            valid = False
        checks = (self._check_subject, self._check_observed_at, self._check_identity)
        return all([check() for check in checks]) and valid

    def _check_subject(self) -> bool:
        if self.workshop_code.data:
            self.workshop = workshop_by_code(self.workshop_code.data)
            if self.workshop is None:
                return _fail(self.workshop_code, _("没有找到这个编号的小作坊，请重新选择"))
            return True
        if self.subject_kind.data == "unregistered":
            return self._check_unregistered()
        name = (self.workshop_name.data or "").strip()
        if not name:
            return _fail(self.workshop_name, _("请填写作坊名称，或选择“无证/不知道名字”"))
        county = self._chosen_district()
        found = find_workshops(name, county.id if county else None)
        if len(found.shown) == 1:
            self.workshop = found.shown[0]
            return True
        if not found.shown:
            return _fail(self.workshop_name, self._nothing_found(name, county))
        self.candidates, self.more_candidates = found.shown, found.more
        return _fail(self.workshop_name, _("找到多家名称相近的作坊，请在下面选择一家"))

    def _nothing_found(self, name, county) -> str:
        if county is not None:
            return _(
                "在%(county)s没有找到名称包含“%(name)s”的在册小作坊。请核对名称或县（市、区），"
                "或选择“无证/不知道名字”并填写地址",
                county=county.name,
                name=name,
            )
        return _(
            "没有找到名称包含“%(name)s”的在册小作坊。请核对名称，或选择“无证/不知道名字”并填写地址",
            name=name,
        )

    def _check_unregistered(self) -> bool:
        ok = True
        if not (self.subject_name.data or "").strip():
            ok = _fail(self.subject_name, _("请填写作坊名称或招牌；不知道名称可填写“无招牌”"))
        if not (self.subject_address.data or "").strip():
            ok = _fail(self.subject_address, _("请填写作坊的详细地址或位置"))
        if not self.district.data:
            ok = _fail(self.district, _("请选择所在县（市、区）"))
        elif self._chosen_district() is None:
            ok = _fail(self.district, _("请从列表中选择所在县（市、区）"))
        return ok

    def _chosen_district(self) -> District | None:
        """The district picked from the list; None for anything not offered there."""
        value = self.district.data or ""
        if value not in {choice.value for choice in self.district.choices} or not value:
            return None
        return db.session.get(District, int(value))

    def _check_observed_at(self) -> bool:
        if self.observed_at.errors:
            return False
        if self.observed_at.data is None:
            return self._check_observed_when()
        if self.observed_at.data < EARLIEST_OBSERVED:
            return _fail(self.observed_at, _("发现时间太早，请填写 2000 年以后的时间"))
        moment = self.observed_at.data.replace(tzinfo=SITE_TIMEZONE)
        if moment > utcnow() + timedelta(minutes=10):
            return _fail(self.observed_at, _("发现时间不能晚于现在"))
        self.observed_at.data = moment
        return True

    def _check_observed_when(self) -> bool:
        """The day chosen from today, yesterday, this week or a date, kept as its midnight
        with the precision the reporter gave (a week is kept as its Monday)."""
        today = local_today()
        days = {"today": 0, "yesterday": 1, "this_week": today.weekday()}
        choice = self.observed_when.data
        self.observed_precision = ObservedPrecision.DAY
        if choice == "this_week":
            self.observed_precision = ObservedPrecision.WEEK
        if choice in days:
            day = today - timedelta(days=days[choice])
        elif choice == "earlier":
            day = self.observed_on.data
            if day is None:
                return _fail(self.observed_on, _("请填写大致的日期，例如 2026-11-20"))
            if day > today:
                return _fail(self.observed_on, _("发现时间不能晚于现在"))
            if day < EARLIEST_OBSERVED.date():
                return _fail(self.observed_on, _("发现时间太早，请填写 2000 年以后的时间"))
        else:
            return _fail(self.observed_when, _("请选择大概什么时候看到的"))
        self.observed_at.data = datetime.combine(day, time(0, 0), SITE_TIMEZONE)
        return True

    def _check_identity(self) -> bool:
        if self.identity.data != "real_name":
            if self.wants_reward.data:
                return _fail(
                    self.wants_reward, _("申请奖励需要实名：请选择“实名举报”并填写姓名和手机号码")
                )
            return True
        ok = True
        name = (self.reporter_name.data or "").strip()
        if not 2 <= len(name) <= 30:
            ok = _fail(self.reporter_name, _("实名举报请填写真实姓名（2 到 30 个字）"))
        phone = re.sub(r"[\s-]", "", self.reporter_phone.data or "")
        phone = re.sub(r"^(\+?86|0086)", "", phone)
        if not MOBILE.match(phone):
            ok = _fail(self.reporter_phone, _("请填写有效的中国大陆手机号码（11 位，以 1 开头）"))
        self.reporter_phone.data = phone
        return ok

    def filing(self) -> Filing:
        """The validated report, ready for the service."""
        real = self.identity.data == "real_name"
        district = self._chosen_district()
        return Filing(
            issue_type=IssueType(self.issue_type.data),
            description=self.description.data.strip(),
            observed_at=self.observed_at.data,
            observed_precision=self.observed_precision,
            workshop=self.workshop,
            subject_name=(self.subject_name.data or "").strip(),
            subject_address=(self.subject_address.data or "").strip(),
            district=district,
            reporter_name=self.reporter_name.data.strip() if real else None,
            reporter_phone=self.reporter_phone.data if real else None,
            wants_reward=real and self.wants_reward.data,
            photos=pending_photos.as_clean(self.photos.kept) + self.photos.clean,
        )


def _load_kept_photos(form) -> None:
    """The photos this form kept from an earlier try: they are not asked for again."""
    posted = form.submission_token.raw_data if form.is_submitted() else None
    token = posted[0] if posted else None  # a token made up for a fresh form keeps nothing
    form.photos.kept = pending_photos.kept(token) if TOKEN.match(token or "") else []


def _fail(field, message) -> bool:
    """Add ``message`` to ``field`` and report failure."""
    field.errors = [*field.errors, message]
    return False


class LookupForm(ChineseForm):
    """The receipt code and key, as printed on the receipt."""

    code = StringField(
        _l("举报编号"), validators=[DataRequired(_l("请填写举报编号")), Length(max=40)]
    )
    key = StringField(
        _l("查询密钥"), validators=[DataRequired(_l("请填写查询密钥")), Length(max=40)]
    )


class AdditionForm(ChineseForm):
    """More information or photos for a report already filed."""

    text = TextAreaField(
        _l("补充说明"),
        validators=[Optional(), Length(max=5000, message=_l("补充说明请不要超过 5000 字"))],
    )
    photos = PhotosField(_l("补充照片"))
    # Ties photos kept after an error to this form; older pages without it still work.
    submission_token = HiddenField(
        default=lambda: secrets.token_urlsafe(32),
        validators=[Optional(), Regexp(TOKEN, message=_l("表单已失效，请刷新页面后重新填写"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _load_kept_photos(self)

    def all_photos(self):
        """The kept photos and the ones sent now, ready for the service."""
        return pending_photos.as_clean(self.photos.kept) + self.photos.clean

    def validate(self, extra_validators=None):
        """Something must be added: text or at least one photo."""
        if not super().validate(extra_validators):
            return False
        if not (self.text.data or "").strip() and not self.all_photos():
            return _fail(self.text, _("请填写补充说明或选择照片"))
        return True
