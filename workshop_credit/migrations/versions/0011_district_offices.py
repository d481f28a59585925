"""Each district's market-regulation office, with address and phone, for the landing page

Revision ID: 0011_district_offices
Revises: 0010_daily_runs
"""
from alembic import op
import sqlalchemy as sa

revision = "0011_district_offices"
down_revision = "0010_daily_runs"
branch_labels = None
depends_on = None

# REFERENCE DATA TO VERIFY BEFORE GO-LIVE.
# The office names follow the national naming of county market-regulation bureaus; the
# addresses (seat town of each county) and the telephone numbers (Ji'an's area code 0796)
# are plausible placeholders, NOT checked against the offices' own publications. Before the
# site goes live, each county confirms its entry (name, street address, complaint phone) and a
# later migration corrects what differs. The landing page shows these to consumers who want
# to complain by phone, so a wrong number here misdirects them.
OFFICES = {
    "吉州区": ("吉安市吉州区市场监督管理局", "吉安市吉州区井冈山大道", "0796-8221315"),
    "青原区": ("吉安市青原区市场监督管理局", "吉安市青原区河东街道青原大道", "0796-8101315"),
    "吉安县": ("吉安县市场监督管理局", "吉安县敦厚镇", "0796-8411315"),
    "吉水县": ("吉水县市场监督管理局", "吉水县文峰镇", "0796-3521315"),
    "峡江县": ("峡江县市场监督管理局", "峡江县水边镇", "0796-3611315"),
    "新干县": ("新干县市场监督管理局", "新干县金川镇", "0796-2611315"),
    "永丰县": ("永丰县市场监督管理局", "永丰县恩江镇", "0796-2521315"),
    "泰和县": ("泰和县市场监督管理局", "泰和县澄江镇", "0796-5331315"),
    "遂川县": ("遂川县市场监督管理局", "遂川县泉江镇", "0796-6331315"),
    "万安县": ("万安县市场监督管理局", "万安县芙蓉镇", "0796-5711315"),
    "安福县": ("安福县市场监督管理局", "安福县平都镇", "0796-7621315"),
    "永新县": ("永新县市场监督管理局", "永新县禾川镇", "0796-7711315"),
    "井冈山市": ("井冈山市市场监督管理局", "井冈山市厦坪镇", "0796-7151315"),
    "井冈山经开区": ("井冈山经济技术开发区市场监督管理局", "吉安市井冈山经济技术开发区", "0796-8401315"),
    "庐陵新区": ("吉安市市场监督管理局庐陵新区分局", "吉安市庐陵新区", "0796-8291315"),
}

districts = sa.table(
    "districts", sa.column("name", sa.String), sa.column("office_name", sa.String),
    sa.column("office_address", sa.String), sa.column("office_phone", sa.String),
)


def upgrade():
    with op.batch_alter_table("districts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("office_name", sa.String(60), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("office_address", sa.String(200), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("office_phone", sa.String(30), nullable=False, server_default=""))
    for name, (office, address, phone) in OFFICES.items():
        op.execute(
            districts.update()
            .where(districts.c.name == name)
            .values(office_name=office, office_address=address, office_phone=phone)
        )


def downgrade():
    with op.batch_alter_table("districts", schema=None) as batch_op:
        batch_op.drop_column("office_phone")
        batch_op.drop_column("office_address")
        batch_op.drop_column("office_name")
