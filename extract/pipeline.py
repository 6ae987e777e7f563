"""The one extraction function: a file in, its records out.

`extract_records` is what the CLI, the batch ingester and the Dask workers all call, so
there is exactly one implementation of the path read -> (reports in the file) -> layout
-> values -> slots and indicators -> checks -> confidence -> record. A file holds one
report, or several (`parts`): one record each. It never raises for a bad file: it
returns a record with `error` set. `extract_path` is the same for callers that want one
record (the first report's).
"""
from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Optional

from . import checks, confidence, entities, layout, models, narrative, parts, report, tables
from .config import Config
from .document import Document
from .errors import ReadError
from .readers import read_path
from .record import Extraction, error_record, to_record

log = logging.getLogger(__name__)


def extract_document(doc: Document, config: Optional[Config] = None) -> Extraction:
    """Run every stage after reading on one Document."""
    config = config or Config()
    return complete(doc, rule_extraction(doc), config)


def rule_extraction(doc: Document) -> Extraction:
    """The rule stages: layout, report kind and year, tables, narrative, names."""
    layout.analyse(doc)
    ex = Extraction(document=doc)
    report.classify(doc, ex)
    tables.extract(doc, ex)
    narrative.extract(doc, ex)
    report.extract(doc, ex)
    return ex


def complete(doc: Document, ex: Extraction, config: Config) -> Extraction:
    """The stages after the rules: entities, the trained components, checks, confidence.
    Apart from `rule_extraction` so that an evaluation can see what the trained components
    make of a document on their own (scripts/learning_curve.py)."""
    entities.from_items(ex)
    models.apply(doc, ex, config)
    checks.run(ex)
    confidence.assign(ex, config)
    return ex


def extract_records(path: str | Path, config: Optional[Config] = None) -> list[dict]:
    """Read one file and extract every report in it: one record per report (SCHEMA.md).

    A file with one report gives one record with no `document.part`; a workbook with a
    form per sheet, or a text with a project's form appended after another report, gives
    one record per report (`extract.parts`), each with `document.part`, its spans in the
    file's text. Never raises for a bad file: one record with `error`.
    """
    config = config or Config()
    path = str(path)
    try:
        doc = read_path(path, config.limits)
    except ReadError as e:
        log.info("%s: %s", path, e)           # the caller reports the error record: one line per bad file
        return [error_record(path, e, doc_id=_file_hash(path))]
    try:
        found = parts.split(doc)
    except Exception:  # the split is a refinement: a bug in it must not lose the file
        log.info("%s: splitting into reports failed", path, exc_info=True)
        found = []
    if len(found) < 2:
        return [_extract_one(path, doc, config)]
    log.info("%s: %d reports: %s", path, len(found), "; ".join(str(p.where) for p in found))
    records = []
    for part in found:
        rec = _extract_one(path, parts.view(doc, part), config)
        parts.rebase(rec, part.start)
        document = rec["document"]
        document["part"] = part.where
        document["span"] = {"start": part.start, "end": part.end}     # the report's text in the file's
        if "chars" in document:             # the file's, as for a file with one report
            document.update(pages=doc.n_pages, chars=len(doc.text))
        records.append(rec)
    return records


def extract_path(path: str | Path, config: Optional[Config] = None) -> dict:
    """Read and extract one file: its record, or the first report's when it holds several
    (`extract_records` gives them all); a record with `error` for a file that cannot be read."""
    return extract_records(path, config)[0]


def _extract_one(path: str, doc: Document, config: Config) -> dict:
    try:
        ex = extract_document(doc, config)
        if log.isEnabledFor(logging.INFO):
            _log_decisions(path, doc, ex)
        rec = to_record(ex)
        rec["extractor"] = {"models": models.status(config)}   # which trained parts this record had
        return rec
    except Exception as e:  # a bug on one document must not stop a batch of thousands
        log.info("%s: extraction failed", path, exc_info=True)     # the traceback with -v
        err = ReadError("extraction_failed", f"{type(e).__name__}: {e}; please report this file")
        return error_record(path, err, doc_id=doc.id, fmt=doc.format)


def _log_decisions(path: str, doc: Document, ex: Extraction) -> None:
    """What `jixiao -v` shows per document: the reader and what it found, the kind and year
    and the text they were read from, and the statements a kept value won over."""
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


def _file_hash(path: str) -> str:
    try:
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return ""
