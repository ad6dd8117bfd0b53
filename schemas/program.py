"""National programs as data: the program files in ``schemas/programs/``.

A program file (YAML) describes one national program (for Quyết định 112/QĐ-TTg,
``qd112.yaml``): its number, date and phases, how plans name it, and its indicators with
their cue phrases and national targets. Adding a program is adding a file; no code names
an indicator. Extra folders or files can be given in ``$KEHOACH_PROGRAMS``
(``os.pathsep``-separated), for example to try a draft program without installing it.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.phase import Phase
from schemas.record import Comparator

SourceStatus = Literal["verbatim", "summary", "unverified"]
UnitKind = Literal["percent", "count"]


def unit_kind(unit: str) -> UnitKind:
    """What a target's unit counts in: '%' is a percentage, a noun ('người') a count."""
    return "percent" if unit == "%" else "count"
Per = Literal["year", "unit", "commune"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NationalTarget(_Model):
    """The national value of an indicator for one phase, and how sure we are of it."""

    phase: str = Field(description="'2021-2025'")
    value: int | float
    value_max: int | float | None = None
    comparator: Comparator
    baseline_year: int | None = None
    unit: str = Field(default="%", description="'%' or the counted noun ('người').")
    status: SourceStatus
    quote: str
    sources: list[str] = Field(default_factory=list)

    @field_validator("phase", mode="before")
    @classmethod
    def _phase(cls, v: str | int) -> str:
        return Phase.parse(v).label

    @property
    def years(self) -> Phase:
        return Phase.parse(self.phase)


class Indicator(_Model):
    id: str
    label_vi: str
    label_en: str
    unit: UnitKind
    per: Per | None = None
    comparators: list[Comparator] | None = None
    population: list[str] = Field(default_factory=list)
    cues: list[str]
    direction: Literal["higher", "lower"] = "higher"
    national: list[NationalTarget] = Field(default_factory=list)

    def national_for(self, phase: str) -> NationalTarget | None:
        return next((n for n in self.national if n.phase == phase), None)


class Program(_Model):
    id: str
    number: str = Field(description="The decision's number, normalised as in references: '112/QĐ-TTg'.")
    document_type: str = Field(default="Quyết định", description="What the national document is ('Quyết định', 'Nghị quyết').")
    short_name: str | None = Field(default=None, description="How the report names it in a column or a label: 'QĐ 112' (default: its number).")
    plans_of: str | None = Field(
        default=None,
        description="What the local plans that implement it are plans of, for the report's title: 'công tác xã hội' (default: its title).",
    )
    date: dt.date
    issuer: str
    title: str
    name_cues: list[str] = Field(default_factory=list)
    phases: list[Phase]
    indicators: list[Indicator]

    @property
    def label(self) -> str:
        """The program in a column header or a chart label ("QĐ 112")."""
        return self.short_name or self.number

    @property
    def subject(self) -> str:
        """What the plans implementing it are plans of ("công tác xã hội")."""
        return self.plans_of or self.title

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((i for i in self.indicators if i.id == indicator_id), None)


class Population(_Model):
    id: str
    label_en: str
    cues: list[str]


def program_files() -> list[Path]:
    """The program files in use: the bundled ones, then those of ``$KEHOACH_PROGRAMS``."""
    bundled = resources.files("schemas").joinpath("programs")
    files = sorted(Path(str(bundled)).glob("*.yaml"))
    for entry in filter(None, os.environ.get("KEHOACH_PROGRAMS", "").split(os.pathsep)):
        path = Path(entry)
        files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
    return files


@cache
def _load(files: tuple[Path, ...]) -> tuple[Program, ...]:
    programs = []
    for path in files:
        try:
            programs.append(Program.model_validate(yaml.safe_load(path.read_text("utf-8"))))
        except Exception as exc:  # name the file: a researcher edited it by hand
            raise ValueError(f"program file {path}: {exc}") from exc
    ids = [p.id for p in programs]
    if len(set(ids)) != len(ids):
        raise ValueError(f"two program files share an id: {sorted(ids)}")
    return tuple(programs)


def programs() -> tuple[Program, ...]:
    """Every known national program: the bundled files and those of ``$KEHOACH_PROGRAMS``."""
    return _load(tuple(program_files()))


def program(program_id: str) -> Program | None:
    return next((p for p in programs() if p.id == program_id), None)


@cache
def populations() -> tuple[Population, ...]:
    data = yaml.safe_load(resources.files("schemas").joinpath("populations.yaml").read_text("utf-8"))
    return tuple(Population(id=k, **v) for k, v in data.items())
