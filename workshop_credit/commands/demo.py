"""``flask seed-demo``: realistic demo data for development, refused in production."""

import click
from flask import current_app
from flask.cli import with_appcontext

from workshop_credit import demo
from workshop_credit.reports import workflow


@click.command("seed-demo")
@click.option(
    "--size",
    type=click.IntRange(1, demo.MAX_SIZE),
    default=demo.DEFAULT_SIZE,
    show_default=True,
    help="Number of workshops to generate.",
)
@click.option(
    "--seed",
    type=int,
    default=demo.DEFAULT_SEED,
    show_default=True,
    help="Random seed: the same seed gives the same data.",
)
@click.option("--if-empty", is_flag=True, help="Quietly do nothing when data exists.")
@click.option("--force", is_flag=True, help="Add the demo data even when data exists.")
@with_appcontext
def seed_demo(size, seed, if_empty, force):
    """Load a deterministic, realistic demo data set for Ji'an (development only)."""
    if current_app.config.get("ENV_NAME") == "production":
        raise click.ClickException(
            "生产环境（WORKSHOP_CREDIT_ENV=production）不能载入演示数据，未做任何修改。"
        )
    if not demo.database_is_empty() and not force:
        if if_empty:
            click.echo("数据库中已有数据，跳过演示数据。")
            return
        raise click.ClickException(
            "数据库中已有小作坊数据，未做任何修改。如确需追加演示数据，请加 --force。"
        )
    receipts = []
    with click.progressbar(length=size, label="生成演示数据") as bar:
        counts = demo.load_demo_data(size=size, seed=seed, progress=bar.update, receipts=receipts)
    click.echo("已载入演示数据：" + "，".join(f"{k} {v}" for k, v in counts.items()))
    _show_demo_receipt(receipts)


def _show_demo_receipt(receipts):
    """Print one demo report's code and key, once, so that a newcomer can follow it."""
    # The report with the longest history: its timeline shows the most.
    routes = workflow.routes()
    code, key, _status = max(receipts, key=lambda r: len(routes[r[2]][0]))
    click.echo(
        "试一试举报查询（演示数据，只显示这一次）：打开 /report/status，"
        f"举报编号 {code}，查询密钥 {key}"
    )
