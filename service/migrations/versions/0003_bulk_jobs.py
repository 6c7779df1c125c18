"""Bulk jobs: a register uploaded by a school, kept while its documents are made.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08

One row per upload (service/bulk/jobs.py): the browser it belongs to (the digest of its
device key), when it is deleted, how far making its documents has got, and the register with
its settings and the finished ZIP, both encrypted with the drafts' key.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "bulk_jobs",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("message", sa.String(length=200), nullable=True),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("result", sa.LargeBinary(), nullable=True),
        sa.Column("result_name", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_bulk_jobs_owner", "bulk_jobs", ["owner"])
    op.create_index("ix_bulk_jobs_expires_at", "bulk_jobs", ["expires_at"])


def downgrade():
    op.drop_index("ix_bulk_jobs_expires_at", table_name="bulk_jobs")
    op.drop_index("ix_bulk_jobs_owner", table_name="bulk_jobs")
    op.drop_table("bulk_jobs")
