"""Each document's reading (the reader's raw text and page map, ``schemas.SourceText``), kept
beside its record so that a record extracted under older rules is extracted again without its
file (no re-reading, no OCR).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_texts",
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("source_text", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("document_texts")
