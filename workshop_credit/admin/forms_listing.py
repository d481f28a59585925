"""Forms for red and black listings."""

from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from ..models import ListingKind
from ..services.listings import find_workshop
from ..timeutil import local_today
from .forms import StaffForm, options
from .forms_records import text
from .validators import strip


class ListingForm(StaffForm):
    """A listing's kind, title, reason, rich-text body, subject and expiry."""

    kind = SelectField("榜单类型", choices=options(ListingKind.choices()), coerce=ListingKind)
    title = text("标题", 200)
    reason = text("上榜理由（一句话）", 300)
    body = TextAreaField(
        "正文",
        description="可用段落 <p>、加粗 <strong>、列表 <ul><li>、链接 <a href>，其他标记会被去除",
        validators=[Length(max=20000, message="正文不能超过 20000 个字符")],
        filters=[strip],
    )
    workshop_code = StringField(
        "小作坊公示码",
        description="在册作坊填写其信息公开栏二维码下方的 8 位公示码",
        validators=[Optional(), Length(max=8, message="公示码为 8 位")],
        filters=[strip],
    )
    subject_name = text("无证作坊名称（黑榜）", 100, optional=True)
    subject_address = text("无证作坊地址（黑榜）", 200, optional=True)
    district_id = SelectField("所属县（市、区）", coerce=int, default=0)
    expires_on = DateField("公示截止日期", validators=[Optional()])

    def problems(self):
        """A red listing names a registered workshop; a black one may name an unregistered one."""
        code = self.workshop_code.data
        if code and find_workshop(code) is None:
            yield self.workshop_code, "没有这个公示码的小作坊，请核对"
        if not code and self.kind.data == ListingKind.RED:
            yield self.workshop_code, "红榜须填写在册小作坊的公示码"
        if not code and self.kind.data == ListingKind.BLACK:
            if not self.subject_name.data:
                yield self.subject_name, "请填写小作坊公示码，或无证作坊的名称"
            if not self.subject_address.data:
                yield self.subject_address, "请填写无证作坊的地址"
        if self.expires_on.data and self.expires_on.data <= local_today():
            yield self.expires_on, "公示截止日期应晚于今天"

    def values(self) -> dict:
        """The cleaned values for the listings service."""
        data = {name: self[name].data for name in ("kind", "title", "reason", "body")}
        workshop = find_workshop(self.workshop_code.data) if self.workshop_code.data else None
        data.update(
            workshop=workshop,
            subject_name="" if workshop else self.subject_name.data or "",
            subject_address="" if workshop else self.subject_address.data or "",
            district_id=self.district_id.data or None,
            expires_on=self.expires_on.data,
        )
        return data


class DecisionForm(StaffForm):
    """The reason for sending back or withdrawing a listing."""

    note = StringField(
        "原因",
        validators=[InputRequired("请填写原因"), Length(max=300, message="原因不能超过 300 个字")],
        filters=[strip],
    )
