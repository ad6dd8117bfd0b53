"""Failures remember the hash of the bytes that failed, so that a file is retried on later
nights up to a limit, and at once when its bytes change.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("failures") as batch:
        batch.add_column(sa.Column("content_id", sa.String(64)))
        batch.add_column(sa.Column("first_attempt", sa.DateTime))


def downgrade() -> None:
    with op.batch_alter_table("failures") as batch:
        batch.drop_column("first_attempt")
        batch.drop_column("content_id")
