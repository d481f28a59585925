"""Command-line tools of the public site: ``flask daily``, ``refresh-grades`` and ``boards``."""

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from workshop_credit.accounts import operations as accounts
from workshop_credit.commands import daily_jobs as services_daily
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.models import RecordInvalid, Workshop, current_status
from workshop_credit.workshops import file_versions as grades
from workshop_credit.workshops.boards import pdf as boards_pdf
from workshop_credit.workshops.boards import qr


@click.command("refresh-grades")
@with_appcontext
def refresh_grades():
    """Re-grade every workshop as of today; run once a day (records leave the window)."""
    changed = grades.refresh_all()
    click.echo(f"已重新评级，{changed} 家小作坊的信用等级有变化。")


@click.command("daily")
@with_appcontext
def daily():
    """The daily jobs, once a day across all nodes: run from a timer at 00:05 Asia/Shanghai."""
    today = local_today()
    run = services_daily.run(today)
    if run is None:
        taken = services_daily.claimed(today)
        state = "已完成" if taken.finished_at else "正在运行"
        click.echo(f"{today} 的每日任务已由节点 {taken.node} 认领（{state}），本节点不再运行。")
        return
    click.echo(f"{today} 的每日任务已完成（节点 {run.node}）：{run.summary}")


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
