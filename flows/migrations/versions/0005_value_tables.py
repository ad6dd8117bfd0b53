"""Tables of values generated from the record's models (``flows/value_tables.py``): targets and
budgets gain the fields they lacked (a target's population; a budget's amount in words and
activity) and 64-bit whole numbers (an amount in đồng passes 2^31 at 2.2 tỷ); responsibilities
and deadlines get tables of their own, filled from the stored records; a document keeps its
corrected record beside the one extracted (the one place corrections are applied writes it;
a document with corrections is left null here and corrected on its next read).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

WORD = sa.String(32)
EVIDENCE = ("quote", "page", "start", "end")


def _evidence() -> list[sa.Column]:
    return [
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("page", sa.BigInteger, nullable=False),
        sa.Column("start", sa.BigInteger, nullable=False),
        sa.Column("end", sa.BigInteger, nullable=False),
    ]


def _keys() -> list[sa.Column]:
    return [
        sa.Column("doc_id", sa.String(64), sa.ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.BigInteger, primary_key=True),
    ]


def upgrade() -> None:
    with op.batch_alter_table("targets") as t:
        t.alter_column("position", type_=sa.BigInteger, existing_nullable=False)
        t.alter_column("unit", type_=sa.Text, existing_nullable=False)
        t.alter_column("per", type_=sa.Text, existing_nullable=True)
        t.alter_column("comparator", type_=WORD, existing_nullable=False)
        for name in ("year_start", "year_end", "baseline_year"):
            t.alter_column(name, type_=sa.BigInteger, existing_nullable=True)
        t.alter_column("indicator", type_=sa.Text, existing_nullable=True)
        t.add_column(sa.Column("population", sa.Text, nullable=True))
        for name in ("page", "start", "end"):
            t.alter_column(name, type_=sa.BigInteger, existing_nullable=False)
    with op.batch_alter_table("budgets") as b:
        b.alter_column("position", type_=sa.BigInteger, existing_nullable=False)
        for name in ("amount_vnd", "period_start", "period_end"):
            b.alter_column(name, type_=sa.BigInteger, existing_nullable=True)
        b.alter_column("scope", type_=WORD, existing_nullable=False)
        b.add_column(sa.Column("amount_in_words", sa.BigInteger, nullable=True))
        b.add_column(sa.Column("activity", sa.Text, nullable=True))
        for name in ("page", "start", "end"):
            b.alter_column(name, type_=sa.BigInteger, existing_nullable=False)
    with op.batch_alter_table("documents") as d:
        d.add_column(sa.Column("corrected", sa.Text, nullable=True))
    op.execute(
        "UPDATE documents SET corrected = record WHERE doc_id NOT IN (SELECT DISTINCT doc_id FROM corrections)"
    )
    responsibilities = op.create_table(
        "responsibilities",
        *_keys(),
        sa.Column("agency", sa.Text, nullable=False),
        sa.Column("as_written", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("role", WORD, nullable=False),
        sa.Column("successor", sa.Text, nullable=True),
        *_evidence(),
    )
    deadlines = op.create_table(
        "deadlines",
        *_keys(),
        sa.Column("what", sa.Text, nullable=False),
        sa.Column("due", sa.Date, nullable=True),
        sa.Column("year", sa.BigInteger, nullable=True),
        sa.Column("quarter", sa.BigInteger, nullable=True),
        sa.Column("day", sa.BigInteger, nullable=True),
        sa.Column("month", sa.BigInteger, nullable=True),
        sa.Column("recurrence", WORD, nullable=True),
        sa.Column("agency", sa.Text, nullable=True),
        *_evidence(),
    )
    _fill(responsibilities, deadlines)


def _fill(responsibilities: sa.Table, deadlines: sa.Table) -> None:
    """The rows of the new tables, and the new columns of the old ones, from the records as
    stored (as extracted: the next ingest writes them again with corrections applied)."""
    import datetime as dt

    conn = op.get_bind()
    for doc_id, text in conn.execute(sa.text("SELECT doc_id, record FROM documents")).all():
        record = json.loads(text)
        for position, r in enumerate(record.get("responsibilities") or []):
            conn.execute(responsibilities.insert().values(
                doc_id=doc_id, position=position, agency=r["agency"], as_written=r["as_written"], kind=r["kind"],
                role=r["role"], successor=r.get("successor"), **{k: r["evidence"][k] for k in EVIDENCE},
            ))
        for position, d in enumerate(record.get("deadlines") or []):
            conn.execute(deadlines.insert().values(
                doc_id=doc_id, position=position, what=d["what"], due=dt.date.fromisoformat(d["due"]) if d.get("due") else None,
                year=d.get("year"), quarter=d.get("quarter"), day=d.get("day"), month=d.get("month"),
                recurrence=d.get("recurrence"), agency=d.get("agency"), **{k: d["evidence"][k] for k in EVIDENCE},
            ))
        for position, t in enumerate(record.get("targets") or []):
            conn.execute(
                sa.text("UPDATE targets SET population = :p WHERE doc_id = :d AND position = :i"),
                {"p": t.get("population"), "d": doc_id, "i": position},
            )
        for position, b in enumerate(record.get("budgets") or []):
            conn.execute(
                sa.text("UPDATE budgets SET amount_in_words = :w, activity = :a WHERE doc_id = :d AND position = :i"),
                {"w": b.get("amount_in_words"), "a": b.get("activity"), "d": doc_id, "i": position},
            )


def downgrade() -> None:
    with op.batch_alter_table("documents") as d:
        d.drop_column("corrected")
    op.drop_table("deadlines")
    op.drop_table("responsibilities")
    with op.batch_alter_table("budgets") as b:
        b.drop_column("activity")
        b.drop_column("amount_in_words")
    with op.batch_alter_table("targets") as t:
        t.drop_column("population")
