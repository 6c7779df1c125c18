"""Drafts: answers in progress, encrypted, expiring.

Revision ID: 0001
Revises:
Create Date: 2026-12-01

Databases made before migrations, by `flask drafts init`, already hold this table exactly as
created here (that command made it from the same model), so the upgrade keeps it and only
records the revision.
"""

import sqlalchemy as sa
from alembic import context, op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    if not context.is_offline_mode() and sa.inspect(op.get_bind()).has_table("drafts"):
        return
    op.create_table(
        "drafts",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("document", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_drafts_expires_at", "drafts", ["expires_at"])


def downgrade():
    op.drop_index("ix_drafts_expires_at", table_name="drafts")
    op.drop_table("drafts")
