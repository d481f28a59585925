"""Forms for red and black listings."""

from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from workshop_credit.admin.forms.common import StaffForm, options
from workshop_credit.admin.forms.records import text
from workshop_credit.admin.forms.validators import strip
from workshop_credit.admin.scope import in_scope, workshops_named
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.listings.operations import find_workshop
from workshop_credit.models import ListingKind, Workshop

CANDIDATES = 20  # workshops offered at most when a name matches several


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
        "小作坊（名称或公示码）",
        description="输入在册作坊名称中的几个字，或其信息公开栏二维码下方的 8 位公示码",
        validators=[Optional(), Length(max=50, message="名称或公示码不能超过 50 个字")],
        filters=[strip],
    )
    # Offered when several workshops match what was typed; a plain select, no script needed.
    workshop_pick = SelectField("选择小作坊", coerce=int, default=0, validate_choice=False)
    subject_name = text("无证作坊名称（黑榜）", 100, optional=True)
    subject_address = text("无证作坊地址（黑榜）", 200, optional=True)
    district_id = SelectField("所属县（市、区）", coerce=int, default=0)
    expires_on = DateField("公示截止日期", validators=[Optional()])

    def chosen_workshop(self) -> Workshop | None:
        """The workshop the editor means, within their scope: picked, by code, or the one name."""
        typed = self.workshop_code.data
        if not typed:
            return None
        picked = db.session.get(Workshop, self.workshop_pick.data or 0)
        if picked is not None and in_scope(picked.district_id):
            return picked
        found = find_workshop(typed)
        if found is not None and in_scope(found.district_id):
            return found
        matches = workshops_named(typed, limit=CANDIDATES + 1)
        if len(matches) == 1:
            return matches[0]
        offered = [(w.id, f"{w.name} · {w.district.name} · {w.public_code}") for w in matches]
        self.workshop_pick.choices = options([(0, "请选择")] + offered[:CANDIDATES])
        return None

    def problems(self):
        """A red listing names a registered workshop; a black one may name an unregistered one."""
        typed = self.workshop_code.data
        if typed and self.chosen_workshop() is None:
            several = len(self.workshop_pick.choices or []) - 1
            if several:
                more = "（只列出前 20 家，可输入更完整的名称）" if several >= CANDIDATES else ""
                yield self.workshop_pick, f"有 {several} 家小作坊与“{typed}”相符，请选择一家{more}"
            else:
                yield (
                    self.workshop_code,
                    (
                        f"没有这个公示码的小作坊，本账号管辖范围内也没有名称含“{typed}”的小作坊，请核对"
                    ),
                )
        if not typed and self.kind.data == ListingKind.RED:
            yield self.workshop_code, "红榜须填写在册小作坊的公示码或名称"
        if not typed and self.kind.data == ListingKind.BLACK:
            if not self.subject_name.data:
                yield self.subject_name, "请填写小作坊公示码，或无证作坊的名称"
            if not self.subject_address.data:
                yield self.subject_address, "请填写无证作坊的地址"
        if self.expires_on.data and self.expires_on.data <= local_today():
            yield self.expires_on, "公示截止日期应晚于今天"

    def values(self) -> dict:
        """The cleaned values for the listings service."""
        data = {name: self[name].data for name in ("kind", "title", "reason", "body")}
        workshop = self.chosen_workshop()
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
