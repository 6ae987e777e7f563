"""Records become Label Studio tasks whose regions sit exactly on the text the record
points into; exported reviews are checked before they become training data."""
import copy

import pytest

from extract.slots.normalize import parse_value
from extract.review.tasks import (format_value, lowest_confidence, record_to_task, split_reviewed,
                                  validate_task)
from extract.read.formats import read_path


def _task(record):
    text = read_path(record["document"]["path"]).text
    task, skipped = record_to_task(record, text, "jixiao-test")
    return task, skipped, text


def _reviewed(task, result=None):
    """The task as Label Studio exports it after a reviewer accepted the prediction."""
    out = copy.deepcopy(task)
    out["id"] = 7
    out["annotations"] = [{"id": 1, "was_cancelled": False,
                           "result": copy.deepcopy(result if result is not None else task["predictions"][0]["result"])}]
    return out


def test_task_data_holds_text_record_path_and_document_id(record):
    task, skipped, text = _task(record)
    assert skipped == []
    assert task["data"]["text"] == text
    assert task["data"]["record"] == record
    assert task["data"]["document_id"] == record["document"]["id"]
    assert task["data"]["path"] == record["document"]["path"]


def test_every_region_text_is_the_document_text_at_its_offsets(record):
    task, _, text = _task(record)
    results = task["predictions"][0]["result"]
    assert results
    for r in results:
        v = r["value"]
        assert 0 <= v["start"] < v["end"] <= len(text) and r["to_name"] == "text"
        if r["type"] != "textarea":         # a text area's `text` is the value box, not the region
            assert v["text"] == text[v["start"]:v["end"]]


def test_one_region_per_field_indicator_attribute_and_entity(record):
    task, _, _ = _task(record)
    ids = {r["id"] for r in task["predictions"][0]["result"]}
    n_attrs = sum(len(i["attribute_spans"]) for i in record["indicators"])
    assert len(ids) == len(record["fields"]) + n_attrs + len(record["entities"])
    assert {f"f{n}" for n in range(len(record["fields"]))} <= ids
    assert "i0-name" in ids and "e0" in ids


def test_a_field_region_carries_its_slot_value_and_confidence(record):
    task, _, _ = _task(record)
    f0 = [r for r in task["predictions"][0]["result"] if r["id"] == "f0"]
    by_control = {r["from_name"]: r for r in f0}
    assert by_control["item"]["value"]["labels"] == ["FIELD"]
    assert by_control["slot"]["value"]["choices"] == [record["fields"][0]["slot"]]
    assert by_control["value"]["value"]["text"] == [format_value(record["fields"][0]["value"])]
    assert {r["score"] for r in f0} == {record["fields"][0]["confidence"]}


def test_the_task_score_is_the_lowest_confidence_so_the_queue_starts_there(record):
    task, _, _ = _task(record)
    assert task["predictions"][0]["score"] == min(f["confidence"] for f in record["fields"]) == 0.3
    assert task["predictions"][0]["model_version"] == "jixiao-test"


def test_a_record_with_nothing_extracted_comes_first():
    assert lowest_confidence({"fields": [], "indicators": []}) == 0.0


def test_items_whose_span_is_not_in_the_text_are_left_out_and_named(record):
    record["fields"][0]["span"] = {"start": 10**7, "end": 10**7 + 3, "page": None}
    task, skipped, _ = _task(record)
    assert len(skipped) == 1 and record["fields"][0]["slot"] in skipped[0]
    assert not [r for r in task["predictions"][0]["result"] if r["id"] == "f0"]


@pytest.mark.parametrize("value", [
    {"raw": "≧50 个", "op": ">=", "value": 50, "unit": "个"},
    {"raw": "9412.7", "op": "=", "value": 9412.7, "unit": "万元"},
    {"raw": "101.85%", "op": "=", "value": 101.85, "unit": "%"},
    {"raw": "1-3 天", "op": "range", "value": 1, "unit": "天", "high": 3},
    {"raw": "约5天", "op": "approx", "value": 5, "unit": "天"},
])
def test_the_value_box_reads_back_to_the_same_value(value):
    back = parse_value(format_value(value)).to_json()
    assert {k: back.get(k) for k in ("op", "value", "unit")} == {k: value[k] for k in ("op", "value", "unit")}
    assert back.get("high") == value.get("high")


def test_text_values_and_plain_numbers_show_as_themselves():
    assert format_value({"raw": "长沙市望城区科学技术局", "op": "=", "value": "长沙市望城区科学技术局", "unit": None}) \
        == "长沙市望城区科学技术局"
    assert format_value(4) == "4" and format_value(9.82) == "9.82" and format_value(None) == ""


def test_an_accepted_prediction_is_a_valid_review(record):
    task, _, _ = _task(record)
    assert validate_task(_reviewed(task)) == []


def test_a_region_whose_text_does_not_match_its_offsets_is_named(record):
    task, _, _ = _task(record)
    bad = _reviewed(task)
    bad["annotations"][0]["result"][0]["value"]["text"] = "not the text"
    problems = validate_task(bad)
    assert len(problems) == 1
    assert problems[0].task == 7 and problems[0].region == "f0"
    assert "not the document text" in problems[0].message


@pytest.mark.parametrize("change, expected", [
    (lambda r: r["value"].update(start=-1), "outside the text"),
    (lambda r: r["value"].update(end=10**7), "outside the text"),
    (lambda r: r["value"].update(start="3"), "not integers"),
    (lambda r: r.update(from_name="mystery"), "unknown control"),
])
def test_offsets_and_controls_are_checked(record, change, expected):
    task, _, _ = _task(record)
    bad = _reviewed(task)
    change(bad["annotations"][0]["result"][0])
    assert expected in str(validate_task(bad)[0])


def test_unknown_slots_and_labels_are_named(record):
    task, _, _ = _task(record)
    bad = _reviewed(task)
    for r in bad["annotations"][0]["result"]:
        if r["id"] == "f0" and r["from_name"] == "slot":
            r["value"]["choices"] = ["funding.imaginary"]
        if r["id"] == "e0":
            r["value"]["labels"] = ["PERSON"]
    messages = [str(p) for p in validate_task(bad)]
    assert any("region f0" in m and "funding.imaginary" in m for m in messages)
    assert any("region e0" in m and "PERSON" in m for m in messages)


def test_cancelled_and_missing_reviews_are_not_training_data(record):
    task, _, _ = _task(record)
    good = _reviewed(task)
    skipped = _reviewed(task)
    skipped["annotations"][0]["was_cancelled"] = True
    bad = _reviewed(task)
    bad["id"] = 8
    bad["annotations"][0]["result"][0]["value"]["start"] += 1
    kept, problems, unreviewed = split_reviewed([good, skipped, dict(task, id=9), bad])
    assert kept == [good]
    assert unreviewed == 2
    assert {p.task for p in problems} == {8}
