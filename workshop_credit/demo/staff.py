"""The demo's staff accounts, made by the accounts service like any other account.

They only author the demo records: their passwords are generated, hashed and never shown.
"""

import sqlalchemy as sa

from workshop_credit.accounts import operations as accounts
from workshop_credit.extensions import db
from workshop_credit.models import Role, User

DEMO_USERS = (
    ("demo-editor", "演示宣传编辑", Role.EDITOR),
    ("demo-approver", "演示审核发布人", Role.APPROVER),
    ("demo-moderator", "演示举报处理员", Role.MODERATOR),
    # Pays approved rewards: neither the one who decided nor the one who approved them.
    ("demo-reward-payer", "演示奖励发放人", Role.MODERATOR),
)


def add_demo_users(run):
    """An editor, an approver and two moderators, reused when an earlier load made them."""
    for username, display_name, role in DEMO_USERS:
        found = db.session.scalar(sa.select(User.id).where(User.username == username))
        if found is None:
            user, _password = accounts.create_user(username, role, display_name=display_name)
            found = user.id
        run.users[username] = found
        run.users.setdefault(role, found)
