"""Command-line tools for staff work: ``flask deactivate-user``, ``flask import-workshops``."""

import click
from flask.cli import with_appcontext

from .services import accounts


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
