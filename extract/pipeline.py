"""The one extraction function: a file in, its records out.

`extract_records` is what the CLI, the batch ingester and the Dask workers all call, so
there is exactly one implementation of the stages, one subpackage each:

1. `read`: the file into a Document, the reports it holds, their layout;
2. `slots`: the rules read the report, its tables and its prose into slots and indicators;
3. `learn`: the trained parts add their entities, second opinions and fill-ins;
4. `quality`: the checks, then calibrated confidence and the review flags;

and the record (SCHEMA.md) of each report. A file holds one report, or several (`parts`):
one record each. It never raises for a bad file: it returns a record with `error` set.
`extract_path` is the same for callers that want one record (the first report's).
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

from extract import learn, quality, read, slots
from extract.config import Config
from extract.learn import models
from extract.read import parts
from extract.read.document import Document
from extract.read.errors import ReadError
from extract.slots.record import Extraction, error_record, log_decisions, to_record

log = logging.getLogger(__name__)


def extract_document(doc: Document, config: Optional[Config] = None) -> Extraction:
    """Every stage after reading the file, on one Document."""
    config = config or Config()
    with models.vocabularies(config):          # what reviewers taught the rules' readers
        ex = rule_extraction(doc)
    return complete(doc, ex, config)


def rule_extraction(doc: Document) -> Extraction:
    """Stages 1–2: the layout, then the rules."""
    read.lay_out(doc)
    return slots.fill(doc)


def complete(doc: Document, ex: Extraction, config: Config) -> Extraction:
    """Stages 3–4: the trained parts, then the checks and confidence. Apart from
    `rule_extraction` so that an evaluation can see what the trained parts make of a
    document on their own (scripts/learning_curve.py)."""
    learn.apply(doc, ex, config)
    quality.assess(ex, config)
    return ex


def extract_records(path: str | Path, config: Optional[Config] = None) -> list[dict]:
    """Read one file and extract every report in it: one record per report (SCHEMA.md).

    A file with one report gives one record with no `document.part`; a workbook with a
    form per sheet, or a text with a project's form appended after another report, gives
    one record per report (`extract.read.parts`), each with `document.part`, its spans in
    the file's text. Never raises for a bad file: one record with `error`.
    """
    config = config or Config()
    path = str(path)
    try:
        doc = read.read_file(path, config.limits)
    except ReadError as e:
        log.info("%s: %s", path, e)           # the caller reports the error record: one line per bad file
        return [error_record(path, e, doc_id=read.file_id(path))]
    found = read.reports_in(doc)
    if len(found) < 2:
        return [_extract_one(path, doc, config)]
    log.info("%s: %d reports: %s", path, len(found), "; ".join(str(p.where) for p in found))
    return [parts.in_file(_extract_one(path, parts.view(doc, part), config), part, doc) for part in found]


def extract_path(path: str | Path, config: Optional[Config] = None) -> dict:
    """Read and extract one file: its record, or the first report's when it holds several
    (`extract_records` gives them all); a record with `error` for a file that cannot be read."""
    return extract_records(path, config)[0]


def _extract_one(path: str, doc: Document, config: Config) -> dict:
    try:
        ex = extract_document(doc, config)
        if log.isEnabledFor(logging.INFO):
            log_decisions(log, path, ex)
        rec = to_record(ex)
        rec["extractor"] = {"models": models.status(config)}   # which trained parts this record had
        return rec
    except Exception as e:  # a bug on one document must not stop a batch of thousands
        log.info("%s: extraction failed", path, exc_info=True)     # the traceback with -v
        err = ReadError("extraction_failed", f"{type(e).__name__}: {e}; please report this file")
        return error_record(path, err, doc_id=doc.id, fmt=doc.format)
