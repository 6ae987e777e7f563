"""A file that holds several reports gives a review task per report (issue 14.6): each
task names its report by (document id, part), and pushing again replaces exactly the tasks
of the reports pushed."""
from __future__ import annotations

from pathlib import Path

from extract.config import Config, Models
from extract.pipeline import extract_records
from extract.read.formats import read_path
from extract.review import roundtrip
from extract.review.tasks import record_to_task, task_key, validate_task

ROOT = Path(__file__).resolve().parents[2]
MULTI = ROOT / "corpus" / "fixtures" / "multi" / "three_projects.xlsx"
RULES = Config(models=Models(use_models=False))


def tasks_of(records):
    text = read_path(MULTI).text
    return [record_to_task(r, text, "test")[0] for r in records]


def test_one_task_per_report_named_by_document_id_and_part():
    records = extract_records(MULTI, RULES)
    tasks = tasks_of(records)
    text = read_path(MULTI).text
    assert len(tasks) == 3
    assert [t["data"]["part"] for t in tasks] == [r["document"]["part"] for r in records]
    keys = [task_key(t["data"]) for t in tasks]
    assert len(set(keys)) == 3 and len({k[0] for k in keys}) == 1
    for task, rec in zip(tasks, records):                 # each task's regions are its report's values
        n, project = next((n, f) for n, f in enumerate(rec["fields"]) if f["slot"] == "report.project_name")
        regions = [r for r in task["predictions"][0]["result"] if r["id"] == f"f{n}" and r["from_name"] == "item"]
        offset = task["data"]["offset"]
        assert offset == rec["document"]["span"]["start"]
        assert regions and all((r["value"]["start"] + offset, r["value"]["text"]) ==
                               (project["span"]["start"], project["value"]["raw"]) for r in regions)
        assert task["data"]["text"] == text[offset:rec["document"]["span"]["end"]]
        assert rec["document"]["part"]["sheet"] in task["data"]["text"]       # the task is that report's text alone
        assert not validate_task({**task, "annotations": [{"result": task["predictions"][0]["result"]}]})


def test_a_task_of_a_file_with_one_report_has_no_part():
    assert task_key({"document_id": "abc", "record": {"document": {"id": "abc"}}}) == ("abc", "")


class FakeClient:
    url = "http://fake"

    def __init__(self, existing):
        self.existing, self.deleted, self.imported = existing, [], []

    def find_project(self, name):
        return {"id": 1, "label_config": None}

    def update_project(self, pid, **kw):
        pass

    def tasks(self, pid):
        return iter(self.existing)

    def import_tasks(self, pid, tasks):
        self.imported += tasks

    def delete_task(self, tid):
        self.deleted.append(tid)

    def views(self, pid):
        return []

    def create_view(self, pid, view):
        pass


def test_pushing_one_report_again_replaces_its_task_only():
    tasks = tasks_of(extract_records(MULTI, RULES))
    existing = [{"id": i + 10, "data": t["data"]} for i, t in enumerate(tasks)]
    client = FakeClient(existing)
    pushed = roundtrip.push(client, "parts project", tasks[1:2])
    assert client.deleted == [11] and pushed.replaced == 1


def test_the_reports_of_one_file_are_pushed_from_one_reading_of_it(monkeypatch):
    records = extract_records(MULTI, RULES)
    reads = []

    def counted(path, limits=None):
        reads.append(path)
        return read_path(path, limits)
    monkeypatch.setattr(roundtrip, "read_path", counted)
    built = roundtrip.build_tasks(records, model_version="test")
    assert len(built.tasks) == 3 and len(reads) == 1
    assert [t["data"] for t in built.tasks] == [t["data"] for t in tasks_of(records)]
