"""Training data in Label Studio's JSON export format, read and written.

The format is the review tool's contract (`extract/learn/nlp/labelconfig.py`): one task per
document, `data.text` the document text, and in `annotations[].result[]`

- `entity` regions (`type: "labels"`, one of `schema.ENTITY_LABELS`): the pipeline's entities;
- `item` regions (FIELD | INDICATOR) with a per-region `slot` choice (FIELD) or `attribute`
  choice (INDICATOR) sharing the region id: what the slot linker learns.

So a reviewer's corrections exported from Label Studio feed `jixiao train` unchanged. Only
the last submitted (not cancelled) annotation of a task counts; a task without one falls
back to its first prediction so that bootstrapped tasks need no fake "annotation".
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from extract import schema
from extract.learn.nlp.labelconfig import ATTRIBUTE, ENTITY, FIELD_LABEL, INDICATOR_LABEL, ITEM, SLOT, TEXT

INDICATOR_PREFIX = "indicator."
NONE = "none"          # the linker's class for an entity that is no slot value


@dataclass(frozen=True)
class Mark:
    """A labelled character span: an entity label, or a link target (slot / indicator.<attr>)."""
    start: int
    end: int
    label: str


@dataclass
class AnnotatedText:
    name: str
    text: str
    entities: list[Mark] = field(default_factory=list)
    links: list[Mark] = field(default_factory=list)
    source: str = ""           # "bootstrap" for machine-made tasks; reviewed tasks win over them


def link_target(slot: Optional[str] = None, attribute: Optional[str] = None) -> str:
    """The linker's class name for a slot or an indicator attribute."""
    if attribute:
        return INDICATOR_PREFIX + attribute
    return slot or NONE


def _results(task: dict) -> list[dict]:
    done = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
    if done:
        return done[-1].get("result") or []
    preds = task.get("predictions") or []
    return (preds[0].get("result") or []) if preds else []


def _task_name(task: dict, fallback: str) -> str:
    data = task.get("data") or {}
    name = data.get("document") or data.get("path") or fallback
    return Path(str(name)).name


def parse_task(task: dict, fallback_name: str = "") -> AnnotatedText:
    """One Label Studio task -> its text, entity marks and link marks."""
    data = task.get("data") or {}
    text = data.get("text") or ""
    out = AnnotatedText(_task_name(task, fallback_name), text, source=str(data.get("source") or ""))
    items: dict[str, dict] = {}
    choices: dict[str, str] = {}
    for r in _results(task):
        value = r.get("value") or {}
        start, end = value.get("start"), value.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            continue
        name, rid = r.get("from_name"), str(r.get("id", ""))
        if name == ENTITY:
            for label in value.get("labels") or []:
                if label in schema.ENTITY_LABELS:
                    out.entities.append(Mark(start, end, label))
        elif name == ITEM:
            items[rid] = value
        elif name == SLOT and value.get("choices"):
            choices[rid] = link_target(slot=value["choices"][0])
        elif name == ATTRIBUTE and value.get("choices"):
            choices[rid] = link_target(attribute=value["choices"][0])
    for rid, value in items.items():
        if rid in choices:
            out.links.append(Mark(value["start"], value["end"], choices[rid]))
    return out


def read_annotations(paths: Iterable[Path]) -> list[AnnotatedText]:
    """The tasks of Label Studio export files (JSON lists of tasks), one per document.

    When a document has a reviewed task and a bootstrapped one, the reviewed one is used:
    a reviewer's correction replaces the machine's labels instead of competing with them.
    """
    by_name: dict[str, AnnotatedText] = {}
    for path in paths:
        tasks = json.loads(Path(path).read_text(encoding="utf-8"))
        if isinstance(tasks, dict):
            tasks = [tasks]
        for i, task in enumerate(tasks):
            t = parse_task(task, f"{Path(path).stem}-{i}")
            old = by_name.get(t.name)
            if old is None or old.source == "bootstrap" or t.source != "bootstrap":
                by_name[t.name] = t
    return list(by_name.values())


def annotation_files(directory: Path) -> list[Path]:
    """The Label Studio export files in an annotations directory, in a stable order."""
    return sorted(p for p in Path(directory).glob("*.json") if p.is_file())


def _region(rid: str, mark: Mark, text: str, name: str, key: str, values: list[str]) -> dict:
    return {"id": rid, "from_name": name, "to_name": TEXT, "type": "choices" if key == "choices" else "labels",
            "value": {"start": mark.start, "end": mark.end, "text": text[mark.start:mark.end], key: values}}


def to_task(doc: AnnotatedText, task_id: int, meta: Optional[dict] = None) -> dict:
    """An AnnotatedText as one Label Studio task with one submitted annotation."""
    result: list[dict] = []
    for n, m in enumerate(sorted(doc.entities, key=lambda m: (m.start, m.end))):
        result.append(_region(f"e{n}", m, doc.text, ENTITY, "labels", [m.label]))
    for n, m in enumerate(sorted(doc.links, key=lambda m: (m.start, m.end))):
        rid = f"l{n}"
        if m.label.startswith(INDICATOR_PREFIX):
            result.append(_region(rid, m, doc.text, ITEM, "labels", [INDICATOR_LABEL]))
            result.append(_region(rid, m, doc.text, ATTRIBUTE, "choices", [m.label[len(INDICATOR_PREFIX):]]))
        elif m.label != NONE:
            result.append(_region(rid, m, doc.text, ITEM, "labels", [FIELD_LABEL]))
            result.append(_region(rid, m, doc.text, SLOT, "choices", [m.label]))
    data = {"text": doc.text, "document": doc.name, **(meta or {})}
    return {"id": task_id, "data": data,
            "annotations": [{"id": task_id, "result": result, "was_cancelled": False}]}
