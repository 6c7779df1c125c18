"""Organisation usage: how often families use each advice service's documents.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

One row per organisation, document, month ("YYYY-MM") and event (service/organisations/
usage.py), holding only how many times it happened: nothing about any family.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "organisation_usage",
        sa.Column("organisation", sa.String(length=40), nullable=False),
        sa.Column("document", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("organisation", "document", "month", "event"),
    )


def downgrade():
    op.drop_table("organisation_usage")
