"""Staff accounts from the server's shell: ``create-admin``, ``create-user``, ``deactivate-user``.

Run by the operator who installs the site; moderators need no second person here, since
whoever is at the server's shell could change the database anyway.
"""

import click
from flask.cli import with_appcontext

from workshop_credit.accounts import operations as accounts
from workshop_credit.models import RecordInvalid, Role


@click.command("create-admin")
@click.option("--username", default="admin", show_default=True)
@click.option("--if-none", is_flag=True, help="Do nothing when a superadmin already exists.")
@with_appcontext
def create_admin(username, if_none):
    """Create a superadmin account with a generated password, printed once."""
    if if_none and accounts.any_superadmin():
        click.echo("已存在系统管理员账号，未创建新账号。")
        return
    _create(username, Role.SUPERADMIN, None)


@click.command("create-user")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option(
    "--district", default=None, help="District name or division code; omit for city-wide."
)
@with_appcontext
def create_user(username, role, district):
    """Create a staff account with a generated password, printed once."""
    try:
        scope = accounts.find_district(district)
    except RecordInvalid as error:
        raise click.ClickException(str(error)) from error
    _create(username, Role(role), scope)


def _create(username, role, district):
    try:
        user, password = accounts.create_user(username, role, district=district)
    except RecordInvalid as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"已创建账号 {user.username}（{role.label}）。")
    click.echo(f"初始密码（只显示这一次，请立即保存并在首次登录后修改）：{password}")


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
