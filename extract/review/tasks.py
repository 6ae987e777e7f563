"""Records <-> Label Studio tasks: what `review push` imports and `review pull` checks.

A task is one record, i.e. one report: `data` holds the document text (the text record
spans index), the record itself, the path, the document id and, for one of several
reports in a file, the part and `offset`: its text is that report's alone (the record's
`document.span` in the file's text) and the record in the task has its spans moved by
-offset to match (`task_key` = (document id, part) is what `push` matches on to replace a
report's task instead of duplicating it). Its one prediction holds a region per field,
per indicator attribute and per entity, each with the item's confidence as `score`, and
a task-level `score` = the lowest confidence in the record, because Label Studio's Data
Manager orders the queue on the task-level prediction score only.

Region ids are those of `spans.record_spans` (`f<n>`, `i<n>-<attribute>`, `e<n>`), so a
reviewed region can be traced back to the record; regions a reviewer draws get Label
Studio's random ids.

Label Studio validates nothing of what it stores, so `validate_task` checks every
reviewed region against the document text and the schema before it becomes training data.

Offsets are Python code points, as in the record. Label Studio's browser side counts
UTF-16 units, which differ only after a character outside the Basic Multilingual Plane
(none in the corpus); a region a reviewer draws after one fails the text check and is
listed rather than imported at a wrong place.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Iterable

from extract.learn.nlp.labelconfig import (ALLOWED, ATTRIBUTE, ENTITY, FIELD_LABEL, INDICATOR_LABEL, ITEM,
                                           SLOT, TEXT, TYPES, VALUE)
from extract.read.parts import rebase
from extract.review.spans import FIELD, INDICATOR, Item, record_spans
from extract.store.sqlite import part_key

_OPS = {"=": "", ">=": "≥", "<=": "≤", ">": ">", "<": "<", "approx": "约"}


@dataclass(frozen=True)
class Problem:
    """Why one region (or a whole task, when `region` is empty) cannot be used."""
    task: Any
    region: str
    message: str

    def __str__(self) -> str:
        where = f"task {self.task}" + (f" region {self.region}" if self.region else "")
        return f"{where}: {self.message}"


# --- record -> task ----------------------------------------------------------------------

def format_value(value: Any) -> str:
    """A record value as the text a reviewer sees and edits in the `value` box.

    Written so that `extract.slots.normalize.parse_value` reads it back to the same value:
    `{"op": ">=", "value": 40, "unit": "个"}` -> `≥40 个`; text values are the text.
    """
    if value is None:
        return ""
    if not isinstance(value, dict):
        return _number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value)
    v = value.get("value")
    if v is None:
        return str(value.get("raw") or "")
    if isinstance(v, str):
        return v
    op = value.get("op") or "="
    text = _number(v)
    if op == "range" and value.get("high") is not None:
        text = f"{text}~{_number(value['high'])}"
    else:
        text = _OPS.get(op, "") + text
    unit = value.get("unit")
    return f"{text} {unit}" if unit else text


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def _region(item: Item, text: str, controls: list[tuple[str, dict]]) -> list[dict]:
    """Label Studio results for one region: one result per control, sharing the id."""
    out = []
    for name, extra in controls:
        result = {"id": item.id, "from_name": name, "to_name": TEXT, "type": TYPES[name],
                  "value": {"start": item.start, "end": item.end, "text": text[item.start:item.end], **extra}}
        if item.confidence is not None:
            result["score"] = round(float(item.confidence), 4)
        out.append(result)
    return out


def _controls(item: Item) -> list[tuple[str, dict]]:
    """What a region of this kind says: its label, its slot or attribute, its value."""
    if item.kind == FIELD:
        return [(ITEM, {"labels": [FIELD_LABEL]}), (SLOT, {"choices": [item.name]}),
                (VALUE, {"text": [format_value(item.source.get("value"))]})]
    if item.kind == INDICATOR:
        return [(ITEM, {"labels": [INDICATOR_LABEL]}), (ATTRIBUTE, {"choices": [item.name]}),
                (VALUE, {"text": [format_value(item.source.get(item.name))]})]
    return [(ENTITY, {"labels": [item.name]})]


def prediction_results(record: dict, text: str) -> tuple[list[dict], list[str]]:
    """The regions of a record, and a note for every item whose span cannot be shown."""
    items, skipped = record_spans(record, len(text))
    return [r for item in items for r in _region(item, text, _controls(item))], skipped


def lowest_confidence(record: dict) -> float:
    """The task-level score: the least confident field or indicator of the record.

    A record with nothing extracted scores 0: finding nothing is the least trustworthy
    outcome, so such documents come first in the review queue.
    """
    scores = [float(x["confidence"]) for x in (record.get("fields") or []) + (record.get("indicators") or [])
              if x.get("confidence") is not None]
    return round(min(scores), 4) if scores else 0.0


def record_to_task(record: dict, text: str, model_version: str) -> tuple[dict, list[str]]:
    """One Label Studio import task (data + one prediction) for a record and its text."""
    doc = record.get("document") or {}
    offset = 0
    span = doc.get("span") or {}
    if doc.get("part") and isinstance(span.get("start"), int) and isinstance(span.get("end"), int) \
            and 0 <= span["start"] <= span["end"] <= len(text):
        # one of several reports in the file: the task is that report's text alone, so a
        # review (and what is trained on it) never sees the other reports' values unlabelled
        offset, text = span["start"], text[span["start"]:span["end"]]
        record = rebase(copy.deepcopy(record), -offset)
    results, skipped = prediction_results(record, text)
    data = {"text": text, "document_id": doc.get("id", ""), "path": doc.get("path", ""), "record": record}
    if doc.get("part"):
        data["part"] = doc["part"]
        data["offset"] = offset         # where data.text starts in the file's text
    task = {
        "data": data,
        "predictions": [{"model_version": model_version, "score": lowest_confidence(record), "result": results}],
    }
    return task, skipped


def task_key(data: dict) -> tuple[str, str]:
    """What names a task's report: (document id, part) — a file that holds several reports
    has a task per report (SCHEMA.md `document.part`); a task made before parts existed, or
    of a file with one report, has no part."""
    part = data.get("part") or (data.get("record") or {}).get("document", {}).get("part")
    return data.get("document_id", ""), part_key(part)


# --- exported task -> checked training data -------------------------------------------------

def reviewed(task: dict) -> list[dict]:
    """The task's submitted annotations (skipped/cancelled ones are not reviews)."""
    return [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]


def validate_task(task: dict) -> list[Problem]:
    """Everything wrong with a task's annotations; an empty list means it can be imported."""
    tid = task.get("id", "?")
    text = (task.get("data") or {}).get("text")
    if not isinstance(text, str):
        return [Problem(tid, "", "data.text is missing: the task was not made by `jixiao review push`")]
    problems: list[Problem] = []
    for ann in reviewed(task):
        for r in ann.get("result") or []:
            problems += _check_result(tid, r, text)
    return problems


def _check_result(tid: Any, r: dict, text: str) -> list[Problem]:
    rid = str(r.get("id", "?"))
    name = r.get("from_name")
    if name not in TYPES:
        return [Problem(tid, rid, f"unknown control {name!r}; known: {sorted(TYPES)}")]
    value = r.get("value") or {}
    start, end = value.get("start"), value.get("end")
    if not (isinstance(start, int) and isinstance(end, int)):
        return [Problem(tid, rid, f"{name}: offsets {start!r}-{end!r} are not integers")]
    if not 0 <= start < end <= len(text):
        return [Problem(tid, rid, f"{name}: offsets {start}-{end} are outside the text (0-{len(text)})")]
    problems = []
    region_text = value.get("text")
    if isinstance(region_text, str) and region_text != text[start:end]:
        problems.append(Problem(tid, rid, f"{name}: region text {region_text!r} is not the document text "
                                          f"{text[start:end]!r} at {start}-{end}"))
    key = {"labels": "labels", "choices": "choices"}.get(TYPES[name])
    if key:
        chosen = value.get(key)
        if not isinstance(chosen, list) or not chosen:
            problems.append(Problem(tid, rid, f"{name}: no {key}"))
        else:
            unknown = [c for c in chosen if c not in ALLOWED[name]]
            if unknown:
                problems.append(Problem(tid, rid, f"{name}: unknown {key} {unknown} (not in extract/schema.py)"))
    return problems


def split_reviewed(tasks: Iterable[dict]) -> tuple[list[dict], list[Problem], int]:
    """(reviewed tasks that pass validation, the problems of those that don't, unreviewed count).

    A task with any bad region is left out whole: training on the rest of it would teach
    the model that the bad region's place holds nothing.
    """
    good: list[dict] = []
    problems: list[Problem] = []
    unreviewed = 0
    for task in tasks:
        if not reviewed(task):
            unreviewed += 1
            continue
        found = validate_task(task)
        if found:
            problems += found
        else:
            good.append(task)
    return good, problems, unreviewed
