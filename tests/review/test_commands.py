"""`jixiao review push --to-file` and `pull --from-file`: the round trip without a server,
and `jixiao review` failing clearly when it cannot do its job."""
import copy
import json

from extract.cli import main
from extract.review.tasks import validate_task

from tests.conftest import SEEDS


def _push_to_file(records_file, tmp_path):
    out = tmp_path / "tasks.json"
    assert main(["review", "push", str(records_file), "--to-file", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _export(tasks):
    """What Label Studio's JSON export looks like after a reviewer accepted each prediction."""
    out = []
    for n, t in enumerate(tasks, 1):
        e = copy.deepcopy(t)
        e["id"] = n
        e["annotations"] = [{"id": n, "completed_by": 1, "was_cancelled": False,
                             "result": copy.deepcopy(t["predictions"][0]["result"])}]
        out.append(e)
    return out


def test_push_to_file_writes_label_studio_import_json(records_file, record, tmp_path):
    tasks = _push_to_file(records_file, tmp_path)
    assert isinstance(tasks, list) and len(tasks) == 1
    assert set(tasks[0]) == {"data", "predictions"}
    assert tasks[0]["data"]["document_id"] == record["document"]["id"]
    assert tasks[0]["predictions"][0]["result"]


def test_pull_from_file_keeps_good_reviews_and_lists_bad_ones(records_file, tmp_path, capsys):
    export = _export(_push_to_file(records_file, tmp_path) * 2)
    export[1]["annotations"][0]["result"][0]["value"]["text"] = "改过的文字"
    (tmp_path / "export.json").write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "annotations" / "reviewed.json"
    code = main(["review", "pull", "--from-file", str(tmp_path / "export.json"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1                                       # something was left out: say so
    assert "task 2 region f0" in err and "not the document text" in err
    kept = json.loads(out.read_text(encoding="utf-8"))
    assert [t["id"] for t in kept] == [1]
    assert kept[0]["annotations"][0]["result"] == export[0]["annotations"][0]["result"]


def test_pull_writes_into_annotations_by_default(records_file, tmp_path, monkeypatch):
    (tmp_path / "export.json").write_text(json.dumps(_export(_push_to_file(records_file, tmp_path))),
                                          encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["review", "pull", "--from-file", "export.json", "--project", "seeds review"]) == 0
    assert len(json.loads((tmp_path / "annotations" / "reviewed-seeds-review.json").read_text())) == 1


def test_records_of_the_real_extractor_make_valid_tasks(tmp_path):
    records = tmp_path / "records.jsonl"
    assert main(["extract", str(SEEDS / "000_a14a1736b6f849a3.txt"), "-o", str(records), "-q"]) == 0
    (task,) = _push_to_file(records, tmp_path)
    assert task["predictions"][0]["result"], "the extractor found nothing to review"
    assert validate_task(_export([task])[0]) == []


def test_records_with_errors_or_changed_files_are_skipped_with_a_note(record, tmp_path, capsys):
    moved = tmp_path / "report.txt"
    moved.write_text("另一份文件", encoding="utf-8")
    changed = dict(record, document=dict(record["document"], path=str(moved)))
    broken = {"document": {"id": "", "path": "gone.pdf"}, "error": "not_found: gone.pdf does not exist",
              "fields": [], "indicators": [], "entities": []}
    records = tmp_path / "records.jsonl"
    records.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (record, changed, broken)) + "\n",
                       encoding="utf-8")
    assert len(_push_to_file(records, tmp_path)) == 1
    err = capsys.readouterr().err
    assert "changed since it was extracted" in err and "gone.pdf" in err


def test_push_needs_a_project_or_a_file(records_file, capsys):
    assert main(["review", "push", str(records_file)]) == 2
    assert "--project" in capsys.readouterr().err


def test_push_without_a_token_says_where_the_token_comes_from(records_file, monkeypatch, capsys):
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_USER_TOKEN", raising=False)
    assert main(["review", "push", str(records_file), "--project", "seeds", "--url", "http://127.0.0.1:9"]) == 2
    assert "LABEL_STUDIO_API_KEY" in capsys.readouterr().err


def test_an_unreachable_server_is_named_not_a_traceback(records_file, monkeypatch, capsys):
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "secret-token-value")
    assert main(["review", "push", str(records_file), "--project", "seeds", "--url", "http://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err
    assert "cannot reach Label Studio at http://127.0.0.1:9" in err
    assert "secret-token-value" not in err


def test_project_names_follow_label_studios_rule(records_file, capsys):
    assert main(["review", "push", str(records_file), "--project", "ab"]) == 2
    assert "3 to 50 characters" in capsys.readouterr().err
