"""The operator's scheduled and occasional jobs: ``daily``, ``refresh-grades``, ``backup``
and ``search-index``."""

import os
import subprocess
import time
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from workshop_credit import search_index
from workshop_credit.commands import backups, daily_jobs
from workshop_credit.core.timeutil import local_today
from workshop_credit.extensions import db
from workshop_credit.search_index import documents
from workshop_credit.workshops import file_versions as grades


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
    run = daily_jobs.run(today)
    if run is None:
        taken = daily_jobs.claimed(today)
        state = "已完成" if taken.finished_at else "正在运行"
        click.echo(f"{today} 的每日任务已由节点 {taken.node} 认领（{state}），本节点不再运行。")
        return
    click.echo(f"{today} 的每日任务已完成（节点 {run.node}）：{run.summary}")


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


search_index_cli = AppGroup("search-index", help="Build and inspect this node's search index.")


@search_index_cli.command("rebuild")
@click.option(
    "--procs",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="the number of cores",
    help="Processes that read and index the documents, each a run of them.",
)
def rebuild(procs):
    """Build a new index from the database and swap it in; search keeps answering meanwhile."""
    started = time.monotonic()
    with click.progressbar(length=documents.count_documents(), label="重建搜索索引") as bar:
        count = search_index.rebuild(progress=bar.update, procs=procs)
    seconds = time.monotonic() - started
    click.echo(f"已重建搜索索引：{count} 条记录，用时 {seconds:.1f} 秒。")


@search_index_cli.command("status")
def status():
    """Documents, last sync and lag of this node's index."""
    info = search_index.status()
    click.echo(f"索引目录：{info['folder'] or '（无）'}")
    if info.get("problem"):
        reason = "不存在或由旧版本建立" if info["problem"] == "missing" else "已损坏"
        click.echo(f"索引{reason}，搜索暂用数据库简单匹配。请运行 flask search-index rebuild。")
        return
    if info["diverged"]:
        click.echo(
            "索引与数据库不一致（数据库已从备份恢复或已更换）：同步时将自动重建，"
            "也可立即运行 flask search-index rebuild。"
        )
    click.echo(f"索引记录：{info['documents']}（数据库应有 {info['expected']}）")
    synced = info["synced_at"]
    when = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(synced)) if synced else "从未"
    click.echo(f"最近同步：{when}")
    click.echo(f"待同步变更：{info['pending']} 条，延迟 {info['seconds']:.1f} 秒")
