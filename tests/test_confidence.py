"""Confidence and the review state: features that carry to unseen layouts, and a document-
level reason where the reader understood little of a report, so a reviewer starts there."""
import json

from extract.calibration import document_features, features
from extract.config import Config
from extract.document import Document
from extract.pipeline import extract_document
from extract.readers import read_path
from extract.record import to_record

from tests.conftest import POOL, POOL_GOLD, SEEDS


def _record(text: str) -> dict:
    return to_record(extract_document(Document(text=text, path="t.txt"), Config()))


def test_a_well_read_form_needs_no_document_level_review():
    ex = extract_document(read_path(SEEDS / "000_a14a1736b6f849a3.txt"))
    rec = to_record(ex)
    assert not {"indicators_unread", "funding_unread", "tables_unread", "kind_unknown"} & set(rec["review"]["reasons"])
    doc = document_features(ex)
    assert doc["doc_cover"] > 0.5 and doc["doc_tables"] == 1.0


def test_an_indicator_form_nothing_was_read_from_is_flagged_as_a_whole():
    text = ("2023年度项目支出绩效自评表\n一级指标\t二级指标\t三级指标\n"
            "产出指标 数量指标 质量指标 时效指标 效益指标 满意度指标\n")
    rec = _record(text)
    assert rec["review"]["needs_review"]
    assert rec["review"]["reasons"][0] == "indicators_unread"


def test_a_table_of_figures_with_nothing_read_from_it_is_flagged():
    rows = "\n".join(f"甲乙{i}\t{i}1.5\t{i}2\t{i}3%" for i in range(1, 5))
    rec = _record("2023年度部门整体支出绩效自评表\n\n" + rows + "\n")
    assert "tables_unread" in rec["review"]["reasons"]


def test_the_document_reasons_point_at_pool_reports_whose_indicators_were_missed():
    """Of the pool reports whose gold has indicator rows and where none were read, the
    document-level reason names at least half (the rest print no level words)."""
    missed = flagged = 0
    for path in sorted(POOL.glob("p*.txt")):
        gold = json.loads((POOL_GOLD / f"{path.stem}.json").read_text(encoding="utf-8"))
        rec = to_record(extract_document(read_path(path)))
        if gold.get("indicators") and not rec["indicators"]:
            missed += 1
            flagged += "indicators_unread" in rec["review"]["reasons"]
    assert missed == 0 or flagged >= missed / 2, (flagged, missed)


def test_item_features_carry_the_document_features():
    ex = extract_document(read_path(SEEDS / "000_a14a1736b6f849a3.txt"))
    doc = document_features(ex)
    f = features(ex.fields[0], doc)
    assert f["doc_cover"] == doc["doc_cover"] and any(k.startswith("family=") for k in f)
