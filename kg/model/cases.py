"""The pydantic models of a case report: a patient (or a series), biomarker tests, metastases, and the treatment
lines of its history with what was observed at each site."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BeforeValidator, Discriminator, Field, Tag, field_validator, model_validator

from kg.model.base import Name, Record, Ref, Text, curie_id
from kg.model.dose import check_dose
from kg.model.vocab import NOT_REPORTED, Label, Response

Basis = Literal["RANO-BM", "RANO-LM", "RECIST", "clinical", "not reported"]
Modality = Literal["radiosurgery", "stereotactic radiotherapy", "whole-brain radiotherapy", "craniospinal irradiation",
                   "radiotherapy", "surgery", "surgical resection", "intrathecal chemotherapy"]


def _months(value: object) -> object:
    """`months_after_start: not reported` is the same as leaving it out."""
    return None if value == NOT_REPORTED else value


class Observation(Record):
    site: Ref
    response: Response
    months_after_start: Annotated[float | None, BeforeValidator(_months)] = Field(
        default=None, ge=0, le=600, description="months after the line started, as reported (`not reported`: leave out)")
    method: Name | None = None
    basis: Basis | None = Field(default=None, description="the response criteria the report used, when it says")
    patients: int | None = Field(default=None, ge=0, le=100_000,
                                 description="series only: how many patients this was seen in (with `of`)")
    of: int | None = Field(default=None, ge=1, le=100_000, description="series only: out of how many patients")
    note: Text | None = None

    @model_validator(mode="after")
    def _count(self) -> Observation:
        if (self.patients is None) != (self.of is None):
            raise ValueError("a series-level count needs both 'patients' and 'of' (3 of 4: patients: 3, of: 4)")
        if self.patients is not None and self.of is not None and self.patients > self.of:
            raise ValueError(f"patients {self.patients} is more than of {self.of}")
        return self


class LineFields(Record):
    """What every step of a history says; a member of an unordered group is just this (it shares the group's order)."""

    kind: Literal["systemic", "local", "prior therapy"] = Field(
        description="systemic (drugs), local (a modality), or prior therapy written as a count of lines")
    name: Name = Field(description="e.g. 'carboplatin + paclitaxel + bevacizumab', 'gamma knife radiosurgery'")
    therapy_line: int | None = Field(default=None, ge=1, le=20, description="systemic line number as reported")
    count: int | None = Field(default=None, ge=1, le=20, description="prior therapy: how many lines it stands for")
    drugs: list[Ref] = []
    modality: Modality | None = None
    target_sites: list[Ref] = []
    concurrent_with: int | None = Field(
        default=None, ge=1, le=100, description="local therapy given during a systemic line: that line's order")
    dose: Text | None = Field(default=None, description="dose as reported, or `not reported`")
    cycles: int | None = Field(default=None, ge=1, le=1000)
    duration: Text | None = None
    end_reason: Text | None = None
    observations: list[Observation] = []
    note: Text | None = None

    @model_validator(mode="after")
    def _kind_matches(self) -> LineFields:
        if self.dose and self.dose != NOT_REPORTED and (problem := check_dose(self.dose)):
            raise ValueError(problem)
        if self.kind == "systemic" and not self.drugs:
            raise ValueError("a systemic line needs at least one drug")
        if self.kind == "local" and self.modality is None:
            raise ValueError("a local line needs a modality")
        if self.kind == "local" and self.drugs and self.modality != "intrathecal chemotherapy":
            raise ValueError("a local line names drugs only for intrathecal chemotherapy")
        if self.kind == "prior therapy" and self.count is None:
            raise ValueError("a prior therapy needs a count of lines (count: 3)")
        if self.kind != "prior therapy" and self.count is not None:
            raise ValueError("only a prior therapy has a count")
        if self.kind == "prior therapy" and (self.observations or self.therapy_line):
            raise ValueError("a prior therapy has no observations and no therapy_line")
        if self.kind != "local" and self.concurrent_with is not None:
            raise ValueError("only a local therapy is given during (concurrent_with) a systemic line")
        return self


class TreatmentLine(LineFields):
    order: int = Field(ge=1, le=100, description="position in the case's history, 1 = first")


class LineGroup(Record):
    """Lines given at one point of the history whose order among themselves the report does not give."""

    order: int = Field(ge=1, le=100, description="position of the group in the case's history")
    sequence: Literal["not reported"] = Field(description="always `not reported`: what makes this entry a group")
    lines: list[LineFields] = Field(min_length=2, description="the lines, in any order; each systemic")
    note: Text | None = None

    @model_validator(mode="after")
    def _systemic(self) -> LineGroup:
        if any(line.kind != "systemic" for line in self.lines):
            raise ValueError("a group of lines in unknown order holds systemic lines only")
        return self


def _line_kind(raw: object) -> str:
    return "group" if isinstance(raw, dict) and "sequence" in raw else "line"


Step = Annotated[Annotated[TreatmentLine, Tag("line")] | Annotated[LineGroup, Tag("group")],
                 Discriminator(_line_kind)]


# Specimen and time point are kept inside the test's text ('... (specimen: plasma; time point: at progression)').
BiomarkerText = Annotated[str, Field(min_length=1, max_length=200, pattern=r"^[^;()]+$")]


class BiomarkerTest(Record):
    gene: Ref
    method: Literal["IHC", "FISH", "NGS", "PCR", "not reported"] = "not reported"
    result: Literal["positive", "negative", "inconclusive", "not reported"]
    specimen: BiomarkerText | None = Field(default=None, description="e.g. tissue, plasma, CSF")
    time_point: BiomarkerText | None = Field(default=None, description="e.g. at diagnosis, at progression on alectinib")
    alteration: Ref | None = Field(default=None, description="an alteration the test found (e.g. ALK G1202R)")


class Metastasis(Record):
    site: Ref
    found: Literal["at diagnosis", "during treatment", "not reported"]
    after_line: int | None = Field(
        default=None, ge=1, description="order of the line during or after which it was first seen"
    )
    patients: int | None = Field(default=None, ge=0, le=100_000, description="series only: patients with it")
    note: Text | None = None


AGE_TEXT = re.compile(r"(\d{1,3})\s*-\s*(\d{1,3})|(≥|≤|>|<)\s*(\d{1,3})|not reported")


def _age(value: object) -> object:
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        match = AGE_TEXT.fullmatch(text)
        if not match or any(int(n) > 120 for n in re.findall(r"\d+", text)):
            raise ValueError("age must be years (0-120), a range as written ('60-69'), a bound ('≥ 60') "
                             "or 'not reported'")
        return text
    return value


class Case(Record):
    id: str
    name: Name
    age: Annotated[int | str, BeforeValidator(_age)] = Field(
        description="years; or a range ('60-69') or bound ('≥ 60') as written; or `not reported`")
    sex: Literal["female", "male", "not reported"]
    ethnicity: Name | None = None
    smoking: Literal["never", "former", "current", "not reported"]
    histology: Name
    differentiation: Name | None = None
    stage: Name
    tnm: Name | None = None
    presentation: Text | None = None
    diagnosis: Ref
    patients: int | None = Field(default=None, ge=2, le=100_000,
                                 description="a case series: how many patients this record stands for")
    series: Ref | None = Field(default=None, description="the series (a case with `patients`) this patient is from")
    biomarkers: list[BiomarkerTest] = []
    metastases: list[Metastasis] = []
    lines: list[Step] = Field(min_length=1)
    sources: list[Ref] = Field(min_length=1)
    note: Text | None = None

    _id = curie_id(Label.CASE)

    @field_validator("age")
    @classmethod
    def _age_range(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 0 <= value <= 120:
            raise ValueError("Input should be less than or equal to 120" if value > 120 else
                             "Input should be greater than or equal to 0")
        return value

    @model_validator(mode="after")
    def _lines_in_order(self) -> Case:
        orders = [line.order for line in self.lines]
        if orders != list(range(1, len(orders) + 1)):
            raise ValueError(f"lines must be numbered 1, 2, 3, ... in order, got {orders}")
        for m in self.metastases:
            if m.after_line is not None and m.after_line > len(self.lines):
                raise ValueError(f"metastasis at {m.site} is after line {m.after_line}, but the case has {len(self.lines)} lines")
        systemic = {s.order for s in self.lines if isinstance(s, TreatmentLine) and s.kind == "systemic"}
        for s in self.lines:
            if isinstance(s, TreatmentLine) and s.concurrent_with is not None and s.concurrent_with not in systemic:
                raise ValueError(f"line {s.order} is concurrent with line {s.concurrent_with}, which is not a "
                                 "single systemic line of this case")
        counted = [(s, o) for s in self.lines for line in (s.lines if isinstance(s, LineGroup) else [s])
                   for o in line.observations if o.patients is not None]
        if counted and self.patients is None:
            raise ValueError("observations with patient counts belong to a series (give the case 'patients: N')")
        for _, o in counted:
            if self.patients is not None and o.of is not None and o.of > self.patients:
                raise ValueError(f"an observation counts {o.of} patients, but the series has {self.patients}")
        if self.patients is None and any(m.patients is not None for m in self.metastases):
            raise ValueError("metastases with patient counts belong to a series (give the case 'patients: N')")
        if self.patients is not None and self.series is not None:
            raise ValueError("a series is not itself part of a series")
        return self


def line_entries(case: Case) -> list[tuple[str, LineFields, int]]:
    """Every line of a case with its id suffix and order: 'line-3' for a single line, 'line-2a', 'line-2b' for the
    members of an unordered group (in the order the file lists them)."""
    out: list[tuple[str, LineFields, int]] = []
    for step in case.lines:
        if isinstance(step, LineGroup):
            out += [(f"line-{step.order}{chr(ord('a') + i)}", member, step.order) for i, member in enumerate(step.lines)]
        else:
            out.append((f"line-{step.order}", step, step.order))
    return out
