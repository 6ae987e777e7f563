"""The slot linker: context features, calibrated probabilities, and held-out accuracy of the shipped one."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.learn.linker import Example, SlotLinker, examples_from, features
from extract.learn.nlp.annotations import NONE

ROOT = Path(__file__).resolve().parents[2]
TABLE = ("\t资金来源\t年初预算数\t全年预算数\t全年执行数\n"
         "资金情况\t年度资金总额\t100.5\t200.25\t180.75\n"
         "\t财政拨款\t90.5\t150.25\t140.75\n")


def test_features_read_row_and_column_headers():
    start = TABLE.index("180.75")
    f = features(TABLE, start, start + 6, "AMOUNT")
    assert f["label=AMOUNT"] == 1.0
    assert "col:执行数" in f and "row:资金情" in f
    assert f["in_table"] == 1.0


def _synthetic() -> list[Example]:
    """Funding tables whose cells the linker must tell apart by row and column."""
    out = []
    cols = ("funding.{}.initial_budget", "funding.{}.full_year_budget", "funding.{}.executed")
    for k in range(8):
        text = TABLE.replace("100.5", f"{100 + k}.5").replace("180.75", f"{180 + k}.75")
        text += f"本年度自评得分{90 + k}.5分，基本情况{k + 3}项。\n"
        for line, row in ((1, "total"), (2, "fiscal")):
            cells = text.split("\n")[line].split("\t")
            offset = sum(len(x) + 1 for x in text.split("\n")[:line])
            pos = offset + len(cells[0]) + 1 + len(cells[1]) + 1
            for i, slot in enumerate(cols):
                cell = cells[2 + i]
                out.append(Example(text, pos, pos + len(cell), "AMOUNT", slot.format(row)))
                pos += len(cell) + 1
        s = text.index("分，") - 4
        out.append(Example(text, s, s + 5, "SCORE", "evaluation.self_score"))
        q = text.index("项。") - 1
        out.append(Example(text, q, q + 2, "QUANTITY", NONE))
    return out


def test_trained_linker_separates_rows_and_columns(tmp_path):
    examples = _synthetic()
    linker = SlotLinker.train(examples)
    held = TABLE.replace("200.25", "999.25")
    s = held.index("999.25")
    p = linker.predict(held, [(s, s + 6, "AMOUNT")])[0]
    assert max(p, key=p.get) == "funding.total.full_year_budget"
    assert abs(sum(p.values()) - 1.0) < 1e-6
    path = linker.save(tmp_path / "linker.npz")
    again = SlotLinker.load(path)
    assert again.predict(held, [(s, s + 6, "AMOUNT")])[0] == pytest.approx(p)
    assert SlotLinker.load(tmp_path / "missing.npz") is None


def test_a_file_that_is_not_a_linker_is_refused_with_what_to_do(tmp_path):
    old = tmp_path / "linker.joblib"
    old.write_bytes(b"\x80\x04not a numpy archive")
    with pytest.raises(ValueError, match="retrain with `jixiao train`"):
        SlotLinker.load(old)


@pytest.mark.parametrize("binary", [False, True])
def test_exported_weights_give_scikit_learns_probabilities(binary):
    """Run time multiplies exported arrays instead of loading scikit-learn: it must give
    the probabilities CalibratedClassifierCV itself gives, for many classes and for two."""
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from extract.learn.linker import LinkerWeights
    examples = _synthetic()
    if binary:
        examples = [e for e in examples if e.target in ("evaluation.self_score", NONE)]
    X = [features(e.text, e.start, e.end, e.label) for e in examples]
    y = [e.target for e in examples]
    model = make_pipeline(DictVectorizer(), CalibratedClassifierCV(LogisticRegression(max_iter=2000), method="sigmoid",
                                                                   cv=3, ensemble=False)).fit(X, y)
    unseen = [dict(x, **{"row:未见过": 1.0}) for x in X[:7]]
    ours = LinkerWeights.of(model).predict_proba(X + unseen)
    assert ours == pytest.approx(model.predict_proba(X + unseen), abs=1e-9)
    assert ours.shape == (len(X) + 7, len(set(y)))


def test_examples_from_annotations_mark_unlinked_figures_none():
    from extract.learn.nlp.annotations import AnnotatedText, Mark
    t = AnnotatedText("x", "得分95分，共3项", entities=[Mark(2, 5, "SCORE"), Mark(7, 9, "QUANTITY")],
                      links=[Mark(2, 5, "evaluation.self_score")])
    ex = examples_from([t])
    assert {(e.label, e.target) for e in ex} == {("SCORE", "evaluation.self_score"), ("QUANTITY", NONE)}


def test_text_slot_regions_are_no_linker_examples():
    from extract.learn.nlp.annotations import AnnotatedText, Mark
    text = "项目名称：13宗水库除险加固工程 得分95分"
    t = AnnotatedText("x", text, entities=[Mark(5, 8, "QUANTITY"), Mark(19, 22, "SCORE")],
                      links=[Mark(5, 16, "report.project_name"), Mark(19, 22, "evaluation.self_score")])
    ex = examples_from([t])
    assert {(e.label, e.target) for e in ex} == {("SCORE", "evaluation.self_score"), ("QUANTITY", NONE)}


@pytest.mark.slow
def test_shipped_linker_on_documents_it_was_not_trained_on():
    """The shipped linker never saw the dev documents (extract.learn.nlp.training.is_dev)."""
    from extract.learn.nlp.training import is_dev, load_annotations
    linker = SlotLinker.load(ROOT / "models" / "linker.npz")
    assert linker is not None, "models/linker.npz is missing: run `jixiao train`"
    held = [t for t in load_annotations(ROOT / "annotations") if is_dev(t.name)]
    examples = [e for e in examples_from(held) if e.target != NONE]
    assert len(examples) >= 10
    right = 0
    for e in examples:
        p = linker.predict(e.text, [(e.start, e.end, e.label)])[0]
        right += max(p, key=p.get) == e.target
    assert right / len(examples) >= 0.5, f"{right}/{len(examples)}"
