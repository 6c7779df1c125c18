"""Cases: drafts held by a browser's device key, each with a ref for its address; and
emailed links to come back to them on another device.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01

A browser now holds several drafts through one random key in its cookie (service/device.py):
each row records a digest of that key (`owner`) and a short random `ref`, which is in the
address of every page about it. Rows made before have neither: each is given a ref here, and
its browser adopts it (sets the owner) the next time it visits, from the draft id its old
cookie names.

A link to come back is stored as the digest of its random token only, with the drafts it
opens (encrypted) and when it stops working.
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("drafts") as table:
        table.add_column(sa.Column("owner", sa.String(length=64), nullable=True))
        table.add_column(sa.Column("ref", sa.String(length=32), nullable=True))
    drafts = sa.table("drafts", sa.column("id", sa.String), sa.column("ref", sa.String))
    bind = op.get_bind()
    for (draft_id,) in bind.execute(sa.select(drafts.c.id)).all():
        bind.execute(
            drafts.update().where(drafts.c.id == draft_id).values(ref=secrets.token_urlsafe(9))
        )
    op.create_index("ix_drafts_owner", "drafts", ["owner"])
    op.create_index("ix_drafts_ref", "drafts", ["ref"], unique=True)
    op.create_table(
        "return_links",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("payload", sa.LargeBinary(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest"),
    )
    op.create_index("ix_return_links_expires_at", "return_links", ["expires_at"])


def downgrade():
    op.drop_index("ix_return_links_expires_at", table_name="return_links")
    op.drop_table("return_links")
    op.drop_index("ix_drafts_ref", table_name="drafts")
    op.drop_index("ix_drafts_owner", table_name="drafts")
    with op.batch_alter_table("drafts") as table:
        table.drop_column("ref")
        table.drop_column("owner")
