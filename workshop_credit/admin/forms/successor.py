"""The form that links a closed workshop's file to the file of its new registration."""

import re

from wtforms import StringField
from wtforms.validators import Optional, ValidationError

from workshop_credit.admin.forms.common import StaffForm
from workshop_credit.models.workshop import PUBLIC_CODE_ALPHABET, PUBLIC_CODE_LENGTH
from workshop_credit.workshops import successors

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
        self.successor = successors.find_by_code(field.data)
        if self.successor is None:
            raise ValidationError(f"没有公示码为 {field.data} 的作坊档案，请检查后重试")
