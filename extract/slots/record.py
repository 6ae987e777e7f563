"""The output record of SCHEMA.md "The record", and the items it is built from.

Extraction stages produce `Field`s, `Indicator`s and `Entity`s; `to_record` turns an
`Extraction` into the one JSON object per document that `extract` writes, the store
keeps and the reviewer sees. `error_record` is the record of a file that could not be
read: it has `error` and no fields, never a traceback.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Optional, Union

from extract.read.document import Document, Span
from extract.schema import SCHEMA_VERSION
from extract.slots.normalize import Number, Value


@dataclass
class Field:
    slot: str
    value: Value
    span: Span
    evidence: str                       # table | text
    confidence: float = 0.0
    needs_review: bool = False
    reasons: list[str] = field(default_factory=list)
    source: str = ""                    # which rule or model found it (for calibration features)
    model_score: Optional[float] = None  # the slot linker's probability for this slot (models.apply)
    others: list["Field"] = field(default_factory=list)   # the same slot stated elsewhere
    passed: list[str] = field(default_factory=list)       # consistency checks it took part in and passed

    def to_json(self) -> dict:
        out = {"slot": self.slot, "value": self.value.to_json(), "span": self.span.to_json(),
               "evidence": self.evidence, "confidence": round(self.confidence, 4),
               "needs_review": self.needs_review, "reasons": list(self.reasons)}
        if self.others:
            out["alternatives"] = [{"value": o.value.to_json(), "span": o.span.to_json(),
                                    "evidence": o.evidence} for o in self.others]
        return out


@dataclass
class Indicator:
    name: str
    level1: Optional[str] = None
    level2: Optional[str] = None
    content: Optional[str] = None
    target: Optional[Value] = None
    actual: Optional[Value] = None
    weight: Optional[Number] = None
    score: Optional[Number] = None
    deviation: Optional[str] = None
    span: Span = field(default_factory=lambda: Span(0, 0))
    evidence: str = "table"
    confidence: float = 0.0
    needs_review: bool = False
    reasons: list[str] = field(default_factory=list)
    source: str = ""
    model_score: Optional[float] = None  # the slot linker's mean probability for its attributes
    spans: dict[str, Span] = field(default_factory=dict)   # per attribute, for review highlights
    passed: list[str] = field(default_factory=list)       # consistency checks it took part in and passed

    def to_json(self) -> dict:
        return {
            "level1": self.level1, "level2": self.level2, "name": self.name, "content": self.content,
            "target": self.target.to_json() if self.target else None,
            "actual": self.actual.to_json() if self.actual else None,
            "weight": self.weight, "score": self.score, "deviation": self.deviation,
            "span": self.span.to_json(), "evidence": self.evidence,
            "confidence": round(self.confidence, 4), "needs_review": self.needs_review,
            "reasons": list(self.reasons),
            "attribute_spans": {k: v.to_json() for k, v in self.spans.items()},
        }


@dataclass
class Entity:
    label: str
    start: int
    end: int
    text: str
    score: float = 1.0
    source: str = "rules"

    def to_json(self) -> dict:
        return {"label": self.label, "start": self.start, "end": self.end, "text": self.text,
                "score": round(self.score, 4)}


@dataclass
class Extraction:
    document: Document
    fields: list[Field] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    review_reasons: list[str] = field(default_factory=list)  # about the document as a whole

    def field(self, slot: str) -> Optional[Field]:
        for f in self.fields:
            if f.slot == slot:
                return f
        return None

    def number(self, slot: str) -> Optional[Number]:
        f = self.field(slot)
        if f is None or not f.value.is_number:
            return None
        return f.value.value


def doubt(item: Union[Field, Indicator], reason: str) -> None:
    """Give `item` a review reason once: a reader's own doubt about its reading (schema.REASONS:
    column_uncertain, row_uncertain …), or a failed check (quality/checks.flag). Any reason sets
    needs_review when confidences are assigned (quality/confidence.py)."""
    if reason not in item.reasons:
        item.reasons.append(reason)


def _document_json(doc: Document) -> dict:
    out = {"id": doc.id, "path": doc.path}
    if doc.meta.get("part"):            # one of several reports in the file (extract.read.parts)
        out["part"] = doc.meta["part"]
    out.update({"format": doc.format, "pages": doc.n_pages, "chars": len(doc.text)})
    return out


def to_record(ex: Extraction) -> dict:
    flagged = [f for f in ex.fields if f.needs_review] + [i for i in ex.indicators if i.needs_review]
    reasons: list[str] = list(ex.review_reasons)       # the document's own first: a reviewer starts there
    for item in flagged:
        for r in item.reasons:
            if r not in reasons:
                reasons.append(r)
    return {
        "schema_version": SCHEMA_VERSION,
        "document": _document_json(ex.document),
        "fields": [f.to_json() for f in ex.fields],
        "indicators": [i.to_json() for i in ex.indicators],
        "entities": [e.to_json() for e in ex.entities],
        "review": {"needs_review": bool(flagged or ex.review_reasons), "fields": len(flagged), "reasons": reasons},
    }


def error_record(path: str, error: Union[str, Exception], doc_id: str = "", fmt: str = "") -> dict:
    code = getattr(error, "code", "error")
    message = getattr(error, "message", str(error))
    return {
        "schema_version": SCHEMA_VERSION,
        "document": {"id": doc_id, "path": path, "format": fmt, "pages": None},
        "error": f"{code}: {message}",
        "error_code": code,
        "fields": [],
        "indicators": [],
        "entities": [],
        "review": {"needs_review": False, "fields": 0, "reasons": []},
    }


def log_decisions(log: logging.Logger, path: str, ex: Extraction) -> None:
    """What `jixiao -v` shows per document: the reader and what it found, the kind and year
    and the text they were read from, and the statements a kept value won over."""
    doc = ex.document
    log.info("%s: read as %s: %d chars, %s pages, %d tables", path, doc.format, len(doc.text),
             doc.n_pages or "no", sum(1 for _ in doc.tables()))
    for slot in ("report.kind", "report.fiscal_year"):
        f = ex.field(slot)
        if f is None:
            log.info("%s: %s not found", path, slot)
        else:
            log.info("%s: %s = %s, from %r", path, slot, f.value.value,
                     doc.text[f.span.start:f.span.end][:80] or f.source)
    for f in ex.fields:
        if f.others:
            log.info("%s: %s = %r (%s) kept over %s", path, f.slot, f.value.raw, f.evidence,
                     "; ".join(f"{o.value.raw!r} ({o.evidence})" for o in f.others))
    log.info("%s: %d fields, %d indicators", path, len(ex.fields), len(ex.indicators))
