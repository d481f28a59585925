"""User names in canonical form (NFKC, case-folded), compared in binary; last sign-in address

Revision ID: 0008_canonical_usernames
Revises: 0007_staff_sessions
"""
import unicodedata

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = "0008_canonical_usernames"
down_revision = "0007_staff_sessions"
branch_labels = None
depends_on = None

users = sa.table("users", sa.column("id", sa.Integer), sa.column("username", sa.String))


def canonical(name):
    """The same rule as accounts.operations.canonical_username, frozen for this migration."""
    folded = unicodedata.normalize("NFKC", name or "").casefold()
    return unicodedata.normalize("NFKC", folded).strip()


def normalise_names(conn):
    """Rewrite every name in canonical form; refuse, naming them, names that would collide."""
    rows = conn.execute(sa.select(users.c.id, users.c.username)).all()
    seen = {}
    for _, name in rows:
        seen.setdefault(canonical(name), []).append(name)
    clashes = {key: names for key, names in seen.items() if len(names) > 1}
    if clashes:
        listed = "; ".join(f"{' / '.join(names)} -> {key}" for key, names in clashes.items())
        raise RuntimeError(
            "用户名规范化（全角转半角、不区分大小写）后重复，请先为其中的账号改名后再升级："
            f" {listed}. User names collide once normalised; rename one of each pair first."
        )
    for user_id, name in rows:
        if canonical(name) != name:
            conn.execute(
                users.update().where(users.c.id == user_id).values(username=canonical(name))
            )


def upgrade():
    conn = op.get_bind()
    normalise_names(conn)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_login_address", sa.String(length=64), nullable=True))
    if conn.dialect.name == "mysql":
        op.alter_column(
            "users",
            "username",
            existing_type=sa.String(length=50),
            type_=mysql.VARCHAR(50, collation="utf8mb4_bin"),
            existing_nullable=False,
        )


def downgrade():
    if op.get_bind().dialect.name == "mysql":
        op.alter_column(
            "users",
            "username",
            existing_type=mysql.VARCHAR(50, collation="utf8mb4_bin"),
            type_=mysql.VARCHAR(50, collation="utf8mb4_unicode_ci"),
            existing_nullable=False,
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("last_login_address")
