"""Staff link a closed workshop's file to the file of its new registration (新档案)."""

import re

from flask import flash, redirect, render_template, url_for
from wtforms import StringField
from wtforms.validators import Optional, ValidationError

from workshop_credit.admin.forms.common import StaffForm, show_problem
from workshop_credit.admin.scope import me
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Workshop
from workshop_credit.models.workshop import PUBLIC_CODE_ALPHABET, PUBLIC_CODE_LENGTH
from workshop_credit.workshops import successors as service

LINKED = "已保存：公示页面会显示新旧档案之间的链接。"
CODE = re.compile(f"[{PUBLIC_CODE_ALPHABET}]{{{PUBLIC_CODE_LENGTH}}}")


def public_code(value):
    """The code typed, or the one in a pasted QR address (``…/w/ABCD2345``), upper case."""
    text = (value or "").strip()
    if "/w/" in text:
        text = text.split("/w/", 1)[1].split("/")[0].split("?")[0]
    return text.upper()


class SuccessorForm(StaffForm):
    """The public code of the new file; left empty, the link is removed."""

    successor_code = StringField(
        "新档案的公示码",
        validators=[Optional()],
        filters=[public_code],
        description="新档案二维码地址 /w/ 后面的 8 位字母和数字，也可以粘贴整个二维码地址；"
        "留空并保存即取消关联",
    )
    successor = None

    def validate_successor_code(self, field):
        """Eight letters and digits of a workshop that exists."""
        if not CODE.fullmatch(field.data):
            raise ValidationError(
                "公示码是 8 位字母和数字（不含 0、1、I、O），请对照二维码地址填写"
            )
        self.successor = service.find_by_code(field.data)
        if self.successor is None:
            raise ValidationError(f"没有公示码为 {field.data} 的作坊档案，请检查后重试")


def workshop_successor(workshop_id):
    """Set or remove the link from a closed workshop to its new file."""
    record = db.get_or_404(Workshop, workshop_id)
    form = SuccessorForm(data={"successor_code": _current_code(record)})
    if form.validate_on_submit():
        problem = service.set_successor(record, form.successor, me(), local_today())
        if problem is None:
            flash(LINKED if form.successor else "已取消关联。")
            return redirect(url_for("admin.workshop", workshop_id=record.id))
        show_problem(form, problem)
    back = url_for("admin.workshop", workshop_id=record.id)
    title = f"指定新档案（同一经营者重新登记）：{record.name}"
    return render_template("admin/form.html", form=form, title=title, back=back)


def _current_code(record):
    return record.successor.public_code if record.successor else ""
