"""The review round trip: records -> Label Studio tasks -> reviewed, checked annotations.

`build_tasks` turns records into import tasks (reading each document's text again, since
records hold offsets, not text); `push` creates or updates the project and replaces the
tasks of the pushed documents; `pull` takes a snapshot export; `keep_reviewed` checks it
and `write_json` stores it in annotations/ in Label Studio's own export format, which
`jixiao train` reads.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from extract import __version__
from extract.config import Limits
from extract.learn.nlp.labelconfig import label_config
from extract.read.errors import ReadError
from extract.read.formats import read_path
from extract.review.client import LabelStudio, LabelStudioError
from extract.review.tasks import Problem, record_to_task, split_reviewed, task_key

MODEL_VERSION = f"jixiao-{__version__}"
IMPORT_BATCH = 50               # tasks per import request: documents can be long
UNCERTAINTY_SAMPLING = "Uncertainty sampling"   # Label Studio's "lowest prediction score first"
QUEUE_VIEW = {                                  # the Data Manager tab push adds to a project
    "title": "lowest confidence first",
    "ordering": ["tasks:predictions_score"],
    "hiddenColumns": {"explore": ["tasks:data.record"], "labeling": ["tasks:data.record"]},
}


@dataclass
class Built:
    tasks: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # documents or items left out, and why


def read_records(path: str | Path) -> list[dict]:
    """Records from a JSON Lines file as `jixiao extract` writes it."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise ValueError(f"{path}:{n}: not a JSON record ({e.msg}); pass the output of "
                                     "`jixiao extract`") from None
    return out


def document_text(record: dict, limits: Optional[Limits] = None) -> tuple[Optional[str], str]:
    """The text the record's spans index, read again from its file, or None and why not.

    Records hold offsets, not text. A record with `error`, a file that cannot be read,
    and a file whose bytes changed since extraction (its spans would point at the wrong
    text) give None.
    """
    doc = record.get("document") or {}
    path = doc.get("path") or ""
    if record.get("error"):
        return None, f"{path}: the record has an error ({record['error']})"
    try:
        document = read_path(path, limits)
    except ReadError as e:
        return None, f"{path}: cannot read the document again ({e}); run this where the extracted files are"
    if doc.get("id") and document.id and doc["id"] != document.id:
        return None, f"{path}: the file changed since it was extracted; run `jixiao extract` on it again"
    return document.text, ""


def build_tasks(records: Iterable[dict], limits: Optional[Limits] = None,
                model_version: str = MODEL_VERSION) -> Built:
    """One task per record whose document text can be read again; a note for the others.
    The reports of one file (adjacent records with the same path and id) share one reading."""
    built = Built()
    last_key, last = None, (None, "")
    for rec in records:
        doc = rec.get("document") or {}
        key = None if rec.get("error") else (doc.get("path") or "", doc.get("id"))
        if key is None or key != last_key:
            last_key, last = key, document_text(rec, limits)
        text, why = last
        if text is None:
            built.notes.append(f"skipped {why}")
            continue
        task, skipped = record_to_task(rec, text, model_version)
        built.tasks.append(task)
        built.notes += [f"{doc.get('path', '')}: {s}" for s in skipped]
    return built


def check_project_name(name: str) -> str:
    if not 3 <= len(name) <= 50:
        raise ValueError(f"project name {name!r} must be 3 to 50 characters long (a Label Studio rule)")
    return name


@dataclass
class Pushed:
    project_id: int
    created: bool
    imported: int
    replaced: int


def push(client: LabelStudio, project: str, tasks: list[dict], model_version: str = MODEL_VERSION) -> Pushed:
    """Create or update the project and make its tasks for these documents exactly `tasks`.

    Tasks already in the project for the same reports (document id and part) are deleted once the new ones
    are in, so pushing again after a new extraction replaces a document's task instead of
    adding a second one.
    The project's model version is set to ours, because Label Studio only counts
    predictions of the project's model version in the task score it sorts the queue by;
    the labeling queue uses uncertainty sampling (lowest score first), and the Data
    Manager gets a tab sorted the same way.
    """
    check_project_name(project)
    found = client.find_project(project)
    config = label_config()
    if found is None:
        found = client.create_project(project, config,
                                      description="jixiao extraction records to review (lowest confidence first)")
        created = True
    else:
        created = False
        if found.get("label_config") != config:
            client.update_project(found["id"], label_config=config)
    pid = found["id"]
    pushed = {task_key(t["data"]) for t in tasks}
    old = [t["id"] for t in client.tasks(pid) if task_key(t.get("data") or {}) in pushed]
    for i in range(0, len(tasks), IMPORT_BATCH):     # import first: a failed import loses no old task
        client.import_tasks(pid, tasks[i:i + IMPORT_BATCH])
    for task_id in old:
        client.delete_task(task_id)
    if tasks:
        client.update_project(pid, model_version=model_version, sampling=UNCERTAINTY_SAMPLING)
    if not any((v.get("data") or {}).get("title") == QUEUE_VIEW["title"] for v in client.views(pid)):
        client.create_view(pid, QUEUE_VIEW)
    return Pushed(pid, created, len(tasks), len(old))


def pull(client: LabelStudio, project: str) -> tuple[list[dict], int]:
    """The project's reviewed tasks (a snapshot export with annotations and predictions),
    and how many tasks the project has."""
    found = client.find_project(project)
    if found is None:
        raise LabelStudioError(f"no project named {project!r} on {client.url}; "
                               "push records to it first with `jixiao review push`")
    return client.export_snapshot(found["id"]), int(found.get("task_number") or 0)


@dataclass
class Pulled:
    tasks: list[dict]            # reviewed and valid: what goes into annotations/
    problems: list[Problem]      # why the others were left out
    rejected: int                # number of reviewed tasks left out
    unreviewed: int


def keep_reviewed(exported: list[dict], total: Optional[int] = None) -> Pulled:
    """The valid reviewed tasks of an export. `total` is the project's task count when the
    export holds only reviewed tasks (as `pull` asks the server for)."""
    if not isinstance(exported, list):
        raise ValueError("not a Label Studio JSON export: expected a list of tasks")
    good, problems, unreviewed = split_reviewed(exported)
    rejected = len({p.task for p in problems})
    if total is not None:
        unreviewed += max(total - len(exported), 0)
    return Pulled(good, problems, rejected, unreviewed)


def default_output(project: str) -> Path:
    slug = re.sub(r"[^\w.-]+", "-", project, flags=re.UNICODE).strip("-") or "project"
    return Path("annotations") / f"reviewed-{slug}.json"


def write_json(path: str | Path, data: object) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(p)
    return p
