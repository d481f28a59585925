"""County offices keep their names only: no address or phone that no county has confirmed

Revision ID: 0017_unconfirmed_offices
Revises: 0016_followup_referral_training
"""
from alembic import op
import sqlalchemy as sa

revision = "0017_unconfirmed_offices"
down_revision = "0016_followup_referral_training"
branch_labels = None
depends_on = None

# The addresses and phones that 0011_district_offices wrote were placeholders that no county
# office has confirmed, and no publication of the offices themselves was found to check them
# against. A wrong number on the landing page misdirects a consumer who wants to complain, so
# the page shows only the office's name and the national 12315 line until a county confirms
# its street address and phone; a later migration then writes the confirmed values.
districts = sa.table(
    "districts", sa.column("name", sa.String),
    sa.column("office_address", sa.String), sa.column("office_phone", sa.String),
)


def upgrade():
    op.execute(districts.update().values(office_address="", office_phone=""))


def downgrade():
    # The placeholders are not written back: they were never known to be right.
    pass
