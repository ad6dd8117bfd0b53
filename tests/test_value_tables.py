"""The tables of values are the record's models (flows/value_tables.py): every scalar field of
a target, budget, responsibility and deadline is a column, and a stored plan's values are its
rows, amounts in đồng past 2^31 included, on SQLite and PostgreSQL."""

from __future__ import annotations

import typing

from sqlalchemy import select

from conftest import ROOT

CANG_LONG = "samples/cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.txt"


def test_every_scalar_field_of_a_value_is_a_column_and_nothing_else():
    from flows.store import VALUE_TABLES
    from flows.value_tables import VALUES, column_type
    from schemas import Evidence, PlanRecord

    for name, model in VALUES.items():
        assert typing.get_args(PlanRecord.model_fields[name].annotation)[0] is model  # the record's list of that kind
        scalar = [f for f, info in model.model_fields.items() if column_type(info.annotation) is not None or f == "match"]
        assert list(VALUE_TABLES[name].c.keys()) == ["doc_id", "position", *scalar, *Evidence.model_fields], name


def test_a_stored_plan_gives_a_row_per_value_of_each_kind(db):
    from extractors.record import extract_file
    from flows.store import VALUE_TABLES, Store

    record = extract_file(ROOT / CANG_LONG)
    big = record.budgets[0].model_copy(update={"amount_vnd": 75_000_000_000})  # 75 tỷ đồng: past 2^31
    record = record.model_copy(update={"budgets": [big, *record.budgets[1:]]})
    store = Store(db)
    assert store.save(record, "test") == "new"
    with store.engine.connect() as conn:
        for name, table in VALUE_TABLES.items():
            stored = conn.execute(select(table).where(table.c.doc_id == record.doc_id).order_by(table.c.position)).all()
            assert len(stored) == len(getattr(record, name)) > 0, name
        (amount,) = conn.execute(select(VALUE_TABLES["budgets"].c.amount_vnd).where(VALUE_TABLES["budgets"].c.position == 0)).one()
        roles = {(r.agency, r.role) for r in conn.execute(select(VALUE_TABLES["responsibilities"]))}
        deadline = conn.execute(select(VALUE_TABLES["deadlines"]).order_by(VALUE_TABLES["deadlines"].c.position)).first()
    assert amount == 75_000_000_000
    assert roles == {(r.agency, r.role) for r in record.responsibilities}
    first = record.deadlines[0]
    assert (deadline.year, deadline.recurrence, deadline.agency, deadline.quote) == (first.year, first.recurrence, first.agency, first.evidence.quote)
