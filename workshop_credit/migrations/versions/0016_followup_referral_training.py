"""Referrals of suspected crimes to the police; training sessions and their attendees

Revision ID: 0016_followup_referral_training
Revises: 0015_risk_and_draws
"""
from alembic import op
import sqlalchemy as sa

revision = "0016_followup_referral_training"
down_revision = "0015_risk_and_draws"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("penalty_id", sa.Integer(), nullable=True),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("receiving_office", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["penalty_id"],
            ["penalties.id"],
            name=op.f("fk_referrals_penalty_id_penalties"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_referrals_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["district_id"], ["districts.id"], name=op.f("fk_referrals_district_id_districts")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
        sa.UniqueConstraint("penalty_id", name=op.f("uq_referrals_penalty_id")),
        sa.UniqueConstraint("report_id", name=op.f("uq_referrals_report_id")),
    )
    op.create_index(
        "ix_referrals_district_date", "referrals", ["district_id", "referred_on"]
    )
    op.create_table(
        "training_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("district_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("organiser", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["district_id"],
            ["districts.id"],
            name=op.f("fk_training_sessions_district_id_districts"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training_sessions")),
    )
    op.create_index(
        "ix_training_sessions_district_date", "training_sessions", ["district_id", "held_on"]
    )
    op.create_table(
        "training_attendances",
        sa.Column("training_id", sa.Integer(), nullable=False),
        sa.Column("workshop_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["training_id"],
            ["training_sessions.id"],
            name=op.f("fk_training_attendances_training_id_training_sessions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_training_attendances_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "training_id", "workshop_id", name=op.f("pk_training_attendances")
        ),
    )
    op.create_index(
        op.f("ix_training_attendances_workshop_id"), "training_attendances", ["workshop_id"]
    )


def downgrade():
    op.drop_table("training_attendances")
    op.drop_table("training_sessions")
    op.drop_table("referrals")
