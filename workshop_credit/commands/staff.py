"""Command-line tools for staff and operators: deactivate-user, import-workshops, backup."""

import os
import subprocess
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from workshop_credit.accounts import operations as accounts
from workshop_credit.commands import backup as backups
from workshop_credit.extensions import db
from workshop_credit.workshops.importing import apply as imports
from workshop_credit.workshops.importing.reader import ImportFileError, read_table


@click.command("deactivate-user")
@click.argument("username")
@with_appcontext
def deactivate_user(username):
    """Deactivate a staff account; its open sessions end at once."""
    user = accounts.find_user(username)
    if user is None:
        raise click.ClickException(f"没有用户名为“{username}”的账号")
    accounts.set_active(user, False)
    click.echo(f"已停用账号 {user.username}，其所有登录会话已失效。")


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


@click.command("backup")
@click.option("--out", type=click.Path(dir_okay=False), help="The file (default: BACKUP_DIR).")
@click.option(
    "--keep", type=click.IntRange(0), default=0, help="Keep only this many in BACKUP_DIR."
)
@with_appcontext
def backup(out, keep):
    """Write the whole database, photos included, to one file (pg_dump, mariadb-dump, SQLite)."""
    folder = current_app.config["BACKUP_DIR"]
    path = Path(out) if out else backups.default_path(folder, db.engine)
    try:
        backups.backup(db.engine, path)
    except (OSError, subprocess.CalledProcessError) as error:
        detail = getattr(error, "stderr", "") or str(error)
        raise click.ClickException(f"备份失败，未生成文件：{detail.strip()}") from error
    click.echo(f"已备份数据库：{path}（{path.stat().st_size:,} 字节）")
    for old in backups.prune(folder, keep) if keep else []:
        click.echo(f"已删除旧备份：{old}")
