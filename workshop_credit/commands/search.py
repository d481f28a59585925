"""``flask search-index rebuild`` and ``flask search-index status``."""

import os
import time

import click
from flask.cli import AppGroup

from workshop_credit import search_index
from workshop_credit.search_index import documents

search_index_cli = AppGroup("search-index", help="Build and inspect this node's search index.")


@search_index_cli.command("rebuild")
@click.option(
    "--procs",
    type=click.IntRange(1, 64),
    default=os.cpu_count() or 1,
    show_default="the number of cores",
    help="Worker processes that analyse the documents.",
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
