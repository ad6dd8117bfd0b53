"""The tables of extracted values (targets, budgets, responsibilities, deadlines), generated
from the pydantic models of ``schemas/record.py``: one place defines a record's fields.

A table has the document's id and the value's position, a column per scalar field of the
model (text, number, date, one of a fixed set of words), the text of a span it carries
(``match``), and its evidence (quote, page, start, end). Lists (a responsibility's tasks, a
budget's sources) and notes stay in the whole record (``documents.record``), which the tables
are read from. Whole numbers are 64-bit: an amount in đồng passes 2^31 at 2.2 tỷ.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel
from sqlalchemy import BigInteger, Boolean, Column, Date, Float, ForeignKey, MetaData, String, Table, Text
from sqlalchemy.types import TypeEngine

from schemas import Budget, Deadline, Evidence, MatchSpan, Responsibility, Target

VALUES: dict[str, type[BaseModel]] = {
    "targets": Target, "budgets": Budget, "responsibilities": Responsibility, "deadlines": Deadline,
}
"""Each table of values and the model of its rows (a list of that name in ``PlanRecord``)."""
WORD_CHARS = 32
"""A column of one of a fixed set of words (``Literal``: a comparator, a role, a scope)."""


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type of a field and whether it may be missing (``X | None``)."""
    if typing.get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        optional = len(args) < len(typing.get_args(annotation))
        if set(args) == {int, float}:
            return float, optional
        if len(args) == 1:
            return args[0], optional
        return args, optional
    return annotation, False


def column_type(annotation: Any) -> TypeEngine | None:
    """The SQL type of a scalar field; None for a list or a nested model."""
    kind, _ = _unwrap(annotation)
    if typing.get_origin(kind) is Literal:
        return String(WORD_CHARS)
    sql_types: dict[Any, TypeEngine] = {str: Text(), int: BigInteger(), float: Float(), bool: Boolean(), dt.date: Date()}
    return sql_types.get(kind)


def columns(model: type[BaseModel]) -> list[Column]:
    """The columns of a model's rows, in the order of its fields, then its evidence."""
    out = []
    for name, info in model.model_fields.items():
        kind, optional = _unwrap(info.annotation)
        if kind is MatchSpan:
            out.append(Column(name, Text, nullable=optional))
        elif kind is not Evidence and (sql := column_type(info.annotation)) is not None:
            out.append(Column(name, sql, nullable=optional))
    for name, info in Evidence.model_fields.items():
        out.append(Column(name, column_type(info.annotation), nullable=False))
    return out


def value_table(name: str, metadata: MetaData) -> Table:
    return Table(
        name,
        metadata,
        Column("doc_id", String(64), ForeignKey("documents.doc_id", ondelete="CASCADE"), primary_key=True),
        Column("position", BigInteger, primary_key=True),
        *columns(VALUES[name]),
    )


def rows(doc_id: str, values: list[Target] | list[Budget] | list[Responsibility] | list[Deadline], table: Table) -> list[dict]:
    """The rows of ``table`` for a record's values of its kind."""
    names = set(table.c.keys())
    out = []
    for position, value in enumerate(values):
        row: dict[str, Any] = {"doc_id": doc_id, "position": position}
        for name in names - {"doc_id", "position"} - set(Evidence.model_fields):
            field = getattr(value, name)
            row[name] = field.text if isinstance(field, MatchSpan) else field
        row.update(value.evidence.model_dump())
        out.append(row)
    return out
