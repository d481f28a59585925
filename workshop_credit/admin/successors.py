"""Staff link a closed workshop's file to the file of its new registration (新档案)."""

from flask import flash, redirect, render_template, url_for

from workshop_credit.admin.forms.common import attempt
from workshop_credit.admin.forms.successor import SuccessorForm
from workshop_credit.admin.scope import me
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import Workshop
from workshop_credit.workshops import successors as service

LINKED = "已保存：公示页面会显示新旧档案之间的链接。"


def workshop_successor(workshop_id):
    """Set or remove the link from a closed workshop to its new file."""
    record = db.get_or_404(Workshop, workshop_id)
    form = SuccessorForm(data={"successor_code": _current_code(record)})
    saved = form.validate_on_submit() and attempt(
        form, service.set_successor, record, form.successor, me(), local_today()
    )
    if saved:
        flash(LINKED if form.successor else "已取消关联。")
        return redirect(url_for("admin.workshop", workshop_id=record.id))
    back = url_for("admin.workshop", workshop_id=record.id)
    title = f"指定新档案（同一经营者重新登记）：{record.name}"
    return render_template("admin/form.html", form=form, title=title, back=back)


def _current_code(record):
    return record.successor.public_code if record.successor else ""
