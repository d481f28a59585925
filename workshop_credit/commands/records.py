"""Records in bulk from the shell, for a county's staff: ``import-workshops`` and ``boards``."""

import os

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from workshop_credit.accounts import operations as accounts
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import RecordInvalid, Workshop, current_status
from workshop_credit.workshops.boards import pdf as boards_pdf
from workshop_credit.workshops.boards import qr
from workshop_credit.workshops.importing import apply as imports
from workshop_credit.workshops.importing.reader import ImportFileError, read_table


@click.command("import-workshops")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check every row and change nothing.")
@with_appcontext
def import_workshops(file, dry_run):
    """Import workshops and certificates from a CSV (UTF-8 or GBK) or XLSX file."""
    limit = current_app.config["IMPORT_MAX_BYTES"]
    if os.path.getsize(file) > limit:
        raise click.ClickException(f"文件超过 {limit // (1024 * 1024)} MB，请拆分后分批导入")
    with open(file, "rb") as handle:
        data = handle.read()
    try:
        rows = len(read_table(data)[0])
        with click.progressbar(length=rows * 2, label="检查并导入") as bar:
            result = imports.run_import(data, dry_run=dry_run, progress=bar.update)
    except ImportFileError as error:
        raise click.ClickException(str(error)) from error
    for error in result.errors:
        click.echo(f"第 {error.row} 行「{error.column}」：{error.message}", err=True)
    if result.errors:
        raise click.ClickException(f"共 {len(result.errors)} 处错误，未导入任何数据。")
    verb = "试运行通过，未写入数据" if dry_run else "导入完成"
    click.echo(f"{verb}：{result.summary()}。")


def _printable(district_code, workshop_code, today):
    """The workshops to print: a district's validly registered ones, or the one named."""
    if bool(district_code) == bool(workshop_code):
        raise click.UsageError("请指定 --district（县区代码或名称）或 --workshop（公示代码）之一。")
    if workshop_code:
        workshop = db.session.scalar(
            sa.select(Workshop).where(Workshop.public_code == workshop_code)
        )
        if workshop is None:
            raise click.ClickException(f"没有公示代码为“{workshop_code}”的小作坊。")
        if not boards_pdf.printable(workshop, today):
            status = current_status(workshop, today)
            raise click.ClickException(f"该小作坊当前状态为“{status.label}”，不打印信息公开栏。")
        return [workshop]
    try:
        district = accounts.find_district(district_code)
    except RecordInvalid as error:
        raise click.ClickException(str(error)) from error
    return boards_pdf.printable_in(district.id, today)


@click.command("boards")
@click.option("--district", "district_code", help="Division code or name, e.g. 360827.")
@click.option("--workshop", "workshop_code", help="One workshop's public code.")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The PDF to write.")
@with_appcontext
def boards(district_code, workshop_code, out):
    """Print information boards: one A4 PDF page per validly registered workshop."""
    base_url = current_app.config["PUBLIC_BASE_URL"]
    refusal = qr.printing_refusal(base_url, current_app.config["ENV_NAME"] == "production")
    if refusal:
        raise click.ClickException(refusal)
    today = local_today()
    workshops = _printable(district_code, workshop_code, today)
    if not workshops:
        raise click.ClickException("该县区没有登记有效的小作坊，未生成文件。")
    with click.progressbar(workshops, label="生成信息公开栏") as bar:
        boards_pdf.write(boards_pdf.pages_of(bar, base_url, today), out)
    click.echo(f"已生成 {len(workshops)} 页信息公开栏：{out}（二维码指向 {base_url}）")
