"""Command-line tools of the public site: ``flask refresh-grades``."""

import click
from flask.cli import with_appcontext

from .services import grades


@click.command("refresh-grades")
@with_appcontext
def refresh_grades():
    """Re-grade every workshop as of today; run once a day (records leave the window)."""
    changed = grades.refresh_all()
    click.echo(f"已重新评级，{changed} 家小作坊的信用等级有变化。")
