"""Bulk import from the admin: the template, a dry run with every row's errors, the import."""

from flask import Response, current_app, flash, render_template
from flask_wtf.file import FileSize

from workshop_credit.admin.forms.imports import ImportForm
from workshop_credit.admin.scope import me
from workshop_credit.workshops.importing import apply as service
from workshop_credit.workshops.importing import layout
from workshop_credit.workshops.importing.reader import ImportFileError


def imports():
    """Upload a file: a dry run lists every row's errors; an import is all or nothing."""
    form = ImportForm()
    limit = current_app.config["IMPORT_MAX_BYTES"]
    form.file.validators = [*form.file.validators, FileSize(limit, message=_too_big(limit))]
    result = None
    if form.validate_on_submit():
        try:
            result = service.run_import(
                form.file.data.read(),
                me(),
                allowed_district=me().district_id,
                dry_run=not form.apply.data,
            )
        except ImportFileError as error:
            form.file.errors.append(str(error))
        else:
            if result.applied:
                flash(f"导入完成：{result.summary()}。")
    return render_template("admin/import.html", form=form, result=result, columns=layout.COLUMNS)


def _too_big(limit):
    return f"文件超过 {limit // (1024 * 1024)} MB，请拆分后分批导入"


def template_csv():
    """The CSV template (UTF-8 with BOM)."""
    return _download(layout.template_csv(), "text/csv; charset=utf-8", "csv")


def template_xlsx():
    """The XLSX template."""
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(layout.template_xlsx(), mime, "xlsx")


def _download(data, mime, extension):
    disposition = f"attachment; filename=workshop-import-template.{extension}"
    return Response(data, mimetype=mime, headers={"Content-Disposition": disposition})
