"""The round trip against a real Label Studio 1.23.2, through label_studio_sdk 2.1.2: push
records, a reviewer corrects a region through the API, pull brings the correction back into
annotations/ in Label Studio's export format. One server for the module; each test uses its own project."""
import json

import pytest

from extract.cli import main
from extract.learn.nlp.labelconfig import label_config
from extract.review.client import LabelStudio, LabelStudioError

from tests.review.conftest import gold_record

pytestmark = [pytest.mark.server, pytest.mark.slow]


@pytest.fixture
def client(label_studio, monkeypatch):
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", label_studio.token)
    monkeypatch.delenv("LABEL_STUDIO_USER_TOKEN", raising=False)
    return LabelStudio.from_env(label_studio.url)


def _push(label_studio, records_file, project):
    return main(["review", "push", str(records_file), "--project", project, "--url", label_studio.url])


def _project_tasks(client, project):
    return list(client.tasks(client.find_project(project)["id"]))


def test_the_start_script_reports_the_port_the_server_really_took(label_studio):
    assert label_studio.url.startswith("http://127.0.0.1:")
    assert int(label_studio.url.rsplit(":", 1)[1]) != label_studio.asked_port
    assert (label_studio.data_dir / "server.url").read_text().strip() == label_studio.url


def test_push_creates_a_project_with_the_schema_config_and_one_task_per_document(
        label_studio, client, records_file, record):
    assert _push(label_studio, records_file, "push creates") == 0
    project = client.find_project("push creates")
    assert project["label_config"] == label_config()
    (task,) = client.tasks(project["id"])
    assert task["data"]["document_id"] == record["document"]["id"]
    full = client.task(task["id"])
    (prediction,) = full["predictions"]
    assert prediction["score"] == 0.3 and prediction["model_version"].startswith("jixiao-")
    assert {r["id"] for r in prediction["result"]} >= {"f0", "i0-name", "e0"}


def test_pushing_again_replaces_a_documents_task(label_studio, client, records_file, record):
    assert _push(label_studio, records_file, "push twice") == 0
    record["fields"][1]["confidence"] = 0.12            # a new extraction of the same document
    records_file.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _push(label_studio, records_file, "push twice") == 0
    (task,) = _project_tasks(client, "push twice")
    (prediction,) = client.task(task["id"])["predictions"]
    assert prediction["score"] == 0.12


def test_the_queue_starts_with_the_least_confident_document(label_studio, client, tmp_path):
    confident, doubtful = gold_record("000_a14a1736b6f849a3"), gold_record("004_6f163e2949542c61")
    for item in confident["fields"] + confident["indicators"]:
        item["confidence"] = 0.97
    records = tmp_path / "two.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in (confident, doubtful)),
                       encoding="utf-8")
    assert _push(label_studio, records, "queue order") == 0
    pid = client.find_project("queue order")["id"]
    (tab,) = [v for v in client.views(pid) if v["data"]["title"] == "lowest confidence first"]
    listed = list(client.sdk.tasks.list(project=pid, view=tab["id"], fields="all"))
    assert [t.data["document_id"] for t in listed] == [doubtful["document"]["id"], confident["document"]["id"]]
    assert [t.predictions_score for t in listed] == [0.3, 0.97]
    assert client.get_json(f"api/projects/{pid}/next/")["data"]["document_id"] == doubtful["document"]["id"]


def test_a_reviewers_correction_comes_back_in_annotations_format(label_studio, client, records_file, tmp_path):
    assert _push(label_studio, records_file, "correction") == 0
    (task,) = _project_tasks(client, "correction")
    result = client.task(task["id"])["predictions"][0]["result"]
    corrected = []
    for r in result:                       # the reviewer: f0 is the wrong slot and value
        r = {k: v for k, v in r.items() if k != "score"}
        if r["id"] == "f0" and r["from_name"] == "slot":
            r["value"] = {**r["value"], "choices": ["report.project_name"]}
        if r["id"] == "f0" and r["from_name"] == "value":
            r["value"] = {**r["value"], "text": ["望城区科学技术局"]}
        corrected.append(r)
    client.create_annotation(task["id"], corrected)

    out = tmp_path / "annotations" / "reviewed.json"
    assert main(["review", "pull", "--project", "correction", "--url", label_studio.url, "-o", str(out)]) == 0
    (pulled,) = json.loads(out.read_text(encoding="utf-8"))
    assert pulled["data"]["text"][:20] == task["data"]["text"][:20]
    (annotation,) = pulled["annotations"]
    f0 = {r["from_name"]: r["value"] for r in annotation["result"] if r["id"] == "f0"}
    assert f0["slot"]["choices"] == ["report.project_name"]
    assert f0["value"]["text"] == ["望城区科学技术局"]
    assert f0["item"]["labels"] == ["FIELD"]
    assert pulled["predictions"][0]["result"], "the export keeps the predictions beside the review"


def test_a_bad_review_on_the_server_is_listed_and_not_imported(label_studio, client, records_file, tmp_path, capsys):
    assert _push(label_studio, records_file, "bad review") == 0
    (task,) = _project_tasks(client, "bad review")
    result = client.task(task["id"])["predictions"][0]["result"]
    result[0]["value"] = {**result[0]["value"], "end": result[0]["value"]["end"] + 2}   # text no longer matches
    client.create_annotation(task["id"], result)
    out = tmp_path / "bad.json"
    assert main(["review", "pull", "--project", "bad review", "--url", label_studio.url, "-o", str(out)]) == 1
    assert f"task {task['id']} region {result[0]['id']}" in capsys.readouterr().err
    assert json.loads(out.read_text(encoding="utf-8")) == []


def test_a_wrong_token_is_refused_without_showing_it(label_studio, monkeypatch):
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "wrong-token-123")
    with pytest.raises(LabelStudioError) as caught:
        LabelStudio.from_env(label_studio.url).projects()
    assert "401" in str(caught.value) and "wrong-token-123" not in str(caught.value)


def test_push_refused_by_the_server_says_why_in_words(label_studio, records_file, monkeypatch, capsys):
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "wrong-token-123")
    assert _push(label_studio, records_file, "refused push") == 2
    (err,) = [line for line in capsys.readouterr().err.splitlines() if line.startswith("jixiao review:")]
    assert err.startswith("jixiao review: Label Studio could not list the projects")
    assert "Invalid token" in err and "LABEL_STUDIO_API_KEY" in err
    assert "{" not in err and "status_code" not in err and "wrong-token-123" not in err


def test_pull_with_nothing_reviewed_writes_nothing_and_says_so(label_studio, client, records_file, tmp_path, capsys):
    assert _push(label_studio, records_file, "nothing reviewed") == 0
    out = tmp_path / "nothing.json"
    assert main(["review", "pull", "--project", "nothing reviewed", "--url", label_studio.url, "-o", str(out)]) == 0
    assert not out.exists()
    assert "nothing reviewed yet" in capsys.readouterr().err


def test_a_personal_access_token_is_exchanged_for_a_bearer_token(label_studio, client, monkeypatch):
    """Label Studio's newer tokens are JWT refresh tokens: the SDK trades one for an
    access token at /api/token/refresh/ and sends that as Bearer."""
    pat = client.sdk.tokens.create().token                     # made with the legacy token
    assert pat.count(".") == 2 and client.token_kind == "legacy"
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", pat)
    pat_client = LabelStudio.from_env(label_studio.url)
    assert isinstance(pat_client.projects(), list)
    assert pat_client.token_kind == "personal access token"
    sent = pat_client.sdk._client_wrapper.get_headers()["Authorization"]
    assert sent.startswith("Bearer ") and pat not in sent
