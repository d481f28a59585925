"""The import page's upload form."""

from flask_wtf.file import FileField, FileRequired
from wtforms import SubmitField

from workshop_credit.admin.forms.common import StaffForm


class ImportForm(StaffForm):
    """The file, and whether to only check it or to import it."""

    file = FileField("CSV 或 XLSX 文件", validators=[FileRequired("请选择要导入的文件")])
    check = SubmitField("检查文件（试运行，不写入）")
    apply = SubmitField("检查并导入")
