"""Receipts and followed reports held server-side; photos kept for a corrected form

Revision ID: 0014_report_handles
Revises: 0013_red_listing_end
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import mysql

revision = "0014_report_handles"
down_revision = "0013_red_listing_end"
branch_labels = None
depends_on = None

BLOB = sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")


def upgrade():
    op.create_table(
        "report_handles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("purpose", sa.String(length=10), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("sealed_key", sa.String(length=64), nullable=True),
        sa.Column("repeated", sa.Boolean(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "purpose IN ('receipt', 'follow')", name=op.f("ck_report_handles_purpose")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_handles_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_handles")),
        sa.UniqueConstraint("digest", name=op.f("uq_report_handles_digest")),
    )
    op.create_index(op.f("ix_report_handles_report_id"), "report_handles", ["report_id"])
    op.create_index(op.f("ix_report_handles_expires_at"), "report_handles", ["expires_at"])
    op.create_table(
        "pending_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("image", BLOB, nullable=False),
        sa.Column("thumbnail", BLOB, nullable=False),
        sa.Column("mime_type", sa.String(length=20), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("original_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_photos")),
    )
    op.create_index(op.f("ix_pending_photos_token_digest"), "pending_photos", ["token_digest"])
    op.create_index(op.f("ix_pending_photos_expires_at"), "pending_photos", ["expires_at"])

def downgrade():
    op.drop_table("pending_photos")
    op.drop_table("report_handles")
