"""scripts/learning_curve.py in corpus mode: how a corpus is split, how errors are counted,
and the simulated reviewer it trains on (scripts/bootstrap_annotations.simulated_review).
The training rounds themselves are measured by the script, not here (minutes each)."""
from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

from extract.config import Config, Models
from extract.learn.evaluate import load_gold, prf, score, stem
from extract.pipeline import extract_document
from extract.read.formats import read_path
from extract.slots.record import to_record

from tests.conftest import POOL, POOL_GOLD, ROOT, SHARED


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def curve():
    return _script("learning_curve")


@pytest.fixture(scope="module")
def reviewer():
    return _script("bootstrap_annotations")


NAMES = [f"d{i:02d}" for i in range(58)]


def test_the_held_out_set_is_the_same_for_every_k_of_a_repeat(curve):
    reviewable, held = curve.split(NAMES, 12, 0, 13)
    assert len(reviewable) == 12 and len(held) == 46
    assert not set(reviewable) & set(held) and set(reviewable) | set(held) == set(NAMES)
    # the K reviewed documents are the first K reviewable ones: K=4 is inside K=8 is inside K=12
    assert reviewable[:4] == curve.split(NAMES, 12, 0, 13)[0][:4]


def test_splits_are_seeded_and_differ_between_repeats(curve):
    assert curve.split(NAMES, 12, 1, 13) == curve.split(list(reversed(NAMES)), 12, 1, 13)
    assert curve.split(NAMES, 12, 0, 13)[1] != curve.split(NAMES, 12, 1, 13)[1]
    assert curve.split(NAMES, 12, 0, 13) != curve.split(NAMES, 12, 0, 14)


def test_error_counts_are_the_reference_scorers_counts(curve, tmp_path, shared):
    """errors = field FP + FN + indicator rows missing + extra + not exact, counted so that
    P/R/F1 rebuilt from them are the reference scorer's (../shared/eval/score.py) figures."""
    paths = sorted(POOL.glob("p*.txt"))[40:52]
    gold = {n: g for n, g in load_gold(POOL_GOLD).items() if n in {stem(p.name) for p in paths}}
    rules = Config(models=Models(use_models=False))
    preds = {stem(p.name): json.loads(json.dumps(to_record(extract_document(read_path(p), rules)))) for p in paths}
    records = tmp_path / "r.jsonl"
    records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in preds.values()), encoding="utf-8")
    c = curve.error_counts(gold, preds)
    n_fields = sum(len(g["fields"]) for g in gold.values())
    n_rows = sum(len(g.get("indicators") or []) for g in gold.values())
    n_pred = sum(len(r.get("indicators") or []) for r in preds.values())
    matched = n_rows - c["rows_missing"]
    exact = matched - c["rows_not_exact"]
    assert matched == n_pred - c["rows_extra"]
    assert c["errors"] == c["field_fp"] + c["field_fn"] + c["rows_missing"] + c["rows_extra"] + c["rows_not_exact"]
    res = score(gold, preds)
    assert res["fields"]["f1"] == prf(n_fields - c["field_fn"], c["field_fp"], c["field_fn"])[2]
    assert res["indicators"]["f1"] == prf(matched, c["rows_extra"], c["rows_missing"])[2]
    assert res["indicator_rows_exact"]["f1"] == prf(exact, n_pred - exact, n_rows - exact)[2]
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    for n, g in gold.items():
        (gold_dir / f"{n}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
    ref = json.loads(subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold_dir), str(records),
                                     "--json"], capture_output=True, text=True, check=True).stdout)
    for k in ("fields", "indicators", "indicator_rows_exact"):
        assert ref[k] == res[k]


def test_the_simulated_reviewer_links_gold_values_where_the_report_states_them(reviewer, shared):
    """One document reviewed as learning_curve.py reviews corpus documents: every field link
    region reads as the gold value of its slot, and most numeric gold values get one."""
    from extract import schema
    from extract.learn.evaluate import same_value
    from extract.slots.normalize import parse_value
    path = POOL / "p048.txt"
    gold = load_gold(POOL_GOLD)["p048"]
    d = reviewer.simulated_review(path, gold)
    assert d.name == "p048.txt" and d.text == read_path(path).text
    numeric = [s for s in gold["fields"] if s in schema.SLOTS and s not in schema.TEXT_SLOTS
               and s not in ("report.kind", "report.fiscal_year")]
    linked = {m.label for m in d.links}
    assert len(linked & set(numeric)) >= len(numeric) // 2
    for m in d.links:
        if m.label in numeric:
            v = parse_value(d.text[m.start:m.end], default_unit="万元" if schema.SLOTS[m.label].kind == schema.MONEY
                            else None)
            assert same_value(gold["fields"][m.label], {"value": v.value, "unit": v.unit}) or \
                same_value(gold["fields"][m.label], {"value": float(v.value) / 10000, "unit": "万元"}), m


def test_hand_corrections_are_read_like_the_shipped_ones(reviewer):
    corrections = reviewer.load_corrections(ROOT / "annotations" / "corrections")
    assert corrections and all({"document", "start", "end", "text"} <= set(c) for c in corrections)


def test_corpus_mode_prints_figures_only_and_its_last_line_is_the_json_object(curve, tmp_path, capsys,
                                                                             monkeypatch, shared):
    """A whole run on six pool reports (K = 0 and 2, two repeats), the training cut down to the
    label lexicon so that it takes seconds: the last line is the JSON object, means per K over
    the repeats, and nothing of the corpus (file names, text) is printed."""
    import shutil
    raw, gold_dir, ann = tmp_path / "raw", tmp_path / "gold", tmp_path / "annotations"
    for d in (raw, gold_dir, ann):
        d.mkdir()
    names = [f"p{i:03d}" for i in range(46, 52)]
    for n in names:
        shutil.copy(POOL / f"{n}.txt", raw / f"{n}.txt")
        shutil.copy(POOL_GOLD / f"{n}.json", gold_dir / f"{n}.json")
    shutil.copy(ROOT / "annotations" / "bootstrap-seeds.json", ann / "seeds.json")
    real = curve.train_all
    trained = []

    def lexicon_only(texts, *a, **kw):
        trained.append(sorted(t.name for t in texts))
        return real(texts, *a, **{**kw, "spacy": False, "linker": False})
    monkeypatch.setattr(curve, "train_all", lexicon_only)
    monkeypatch.setattr(sys, "argv", ["learning_curve.py", "--corpus", str(raw), "--gold", str(gold_dir),
                                      "--annotations", str(ann), "--ks", "0,2", "--repeats", "2",
                                      "--no-calibrate", "--json"])
    assert curve.main() == 0
    out = capsys.readouterr().out
    res = json.loads(out.strip().splitlines()[-1])
    assert res["ks"] == [0, 2] and res["held_out"] == 4 and res["repeats"] == 2
    for key in ("fields_f1", "indicators_f1", "rows_exact_f1", "errors"):
        assert len(res[key]) == 2 and all(isinstance(x, (int, float)) for x in res[key])
    assert isinstance(res["minutes"], (int, float))
    # K = 0 trained once for both repeats, each repeat's K = 2 once: three trainings
    assert len(trained) == 3 and trained[0] == sorted(t for t in trained[0] if not t.startswith("reviewed-"))
    assert all(sum(t.startswith("reviewed-") for t in names_) == 2 for names_ in trained[1:])
    assert not any(n in out for n in names)
    text = (raw / "p046.txt").read_text(encoding="utf-8")
    assert not any(line.strip() and line.strip() in out for line in text.splitlines() if len(line.strip()) > 8)


def test_why_missed_counts_a_missing_printed_value_by_what_the_lexicon_knows_of_its_place(curve, reviewer):
    from extract.learn.lexicon import Lexicon
    text = "2023年项目资金到账总额为120.5万元。\n"
    gold = {"fields": {"funding.total.full_year_budget": 120.5, "funding.total.executed": 99.0}, "indicators": []}
    empty = {"fields": [], "indicators": []}
    lex = Lexicon({"资金到账总额": {"slot": "funding.total.full_year_budget", "docs": 2}})
    c = curve.why_missed(reviewer, text, gold, empty, lex)
    assert (c["missed_printed"], c["missed_unprinted"], c["missed_key_known"]) == (1, 1, 1)
    c = curve.why_missed(reviewer, text, gold, empty, Lexicon({}))
    assert (c["missed_key_known"], c["missed_key_unknown"]) == (0, 1)


def test_why_missed_says_where_a_missing_rows_name_stands(curve, reviewer):
    """A gold row no predicted row matched is counted by the line its name stands on: alone on
    it (one cell per line) with a bar line after it, in a document with no row read at all;
    a predicted row no gold row matched is an extra row by its evidence."""
    text = "三级指标\n|\n指标说明\n|\n分值\n|\n新建村道\n|\n完成新建村道硬化12公里\n|\n10\n"
    gold = {"fields": {}, "indicators": [{"name": "新建村道", "weight": 10}]}
    c = curve.why_missed(reviewer, text, gold, {"fields": [], "indicators": []}, None)
    assert (c["rows_missing_name_printed"], c["rows_missing_line_cell"], c["rows_cell_next_bar"],
            c["rows_cell_weighted"], c["rows_cell_doc_without_rows"]) == (1, 1, 1, 1, 1)
    extra = {"fields": [], "indicators": [{"name": "完全另一个指标名称", "evidence": "text"}]}
    c = curve.why_missed(reviewer, text, gold, extra, None)
    assert (c["rows_extra_text"], c["rows_cell_doc_without_rows"]) == (1, 0)


def test_why_missed_counts_what_the_model_saw_of_the_rows_and_judges_the_rows_it_assembled(curve, reviewer):
    """A missed row whose printed name a model INDICATOR entity covers, with a model figure after
    it on its line; model INDICATOR entities whose text is a gold name; the model's own rows
    judged against the gold rows: exact, matched not exact, and unmatched (wrong)."""
    text = "培训农户人数 ≥200人次 215人次\n新建村道硬化里程 12公里\n完全另一个指标名称 5个\n"
    gold = {"fields": {}, "indicators": [
        {"name": "培训农户人数", "target": {"raw": "≥200人次", "op": ">=", "value": 200, "unit": "人次"}},
        {"name": "新建村道硬化里程", "actual": {"raw": "12公里", "op": "=", "value": 12, "unit": "公里"}}]}
    a = text.index("培训农户人数")
    ents = [(a, a + 6, "INDICATOR"), (a + 7, a + 13, "TARGET")]
    c = curve.why_missed(reviewer, text, gold, {"fields": [], "indicators": []}, None, ents, set())
    assert (c["rows_missing_model_indicator"], c["rows_missing_model_indicator_whole"],
            c["rows_missing_model_target_after"], c["model_indicators"], c["model_indicators_gold_name"],
            c["model_indicators_rowless_doc"]) == (1, 1, 1, 1, 1, 1)
    rows = [{"name": "培训农户人数", "target": {"raw": "≥200人次", "op": ">=", "value": 200, "unit": "人次"}},
            {"name": "新建村道硬化里程", "actual": {"raw": "13公里", "op": "=", "value": 13, "unit": "公里"}},
            {"name": "完全另一个指标名称", "actual": {"raw": "5个", "op": "=", "value": 5, "unit": "个"}}]
    c = curve.why_missed(reviewer, text, gold, {"fields": [], "indicators": rows}, None, ents, {0, 1, 2})
    assert (c["model_rows"], c["model_rows_right"], c["model_rows_not_exact"], c["model_rows_wrong"]) == (3, 1, 1, 1)
    assert c["rows_missing_model_indicator"] == 0          # every gold row was found
    c = curve.why_missed(reviewer, text, gold, {"fields": [], "indicators": rows}, None, ents, {2})
    assert (c["model_rows"], c["model_indicators_rowless_doc"]) == (1, 0)   # the rules read rows here


def test_why_missed_asks_the_linker_about_a_missed_rows_printed_figure(curve, reviewer):
    """The gold target printed after a missed row's name, as the linker sees it: the indicator
    classes together (here 0.3: weak) and whether the most probable one is the gold attribute."""
    class Linker:
        def __init__(self):
            self.asked = []

        def predict(self, text, spans):
            self.asked += [text[a:b] for a, b, _ in spans]
            return [{"none": 0.7, "indicator.target": 0.2, "indicator.actual": 0.1} for _ in spans]

    text = "产出指标\n培训农户人数 ≥200人次 215人次\n"
    gold = {"fields": {}, "indicators": [
        {"name": "培训农户人数", "target": {"raw": "≥200人次", "op": ">=", "value": 200, "unit": "人次"}}]}
    linker = Linker()
    c = curve.why_missed(reviewer, text, gold, {"fields": [], "indicators": []}, None, [], set(), linker)
    assert linker.asked == ["≥200人次"]
    assert (c["rows_missing_value_after"], c["rows_missing_linker_weak"], c["rows_missing_linker_indicator"],
            c["rows_missing_linker_attr_right"]) == (1, 1, 0, 1)


def test_the_simulated_reviewer_marks_the_level_names_printed_as_the_gold_gives_them(reviewer):
    text = "一级指标\n二级指标\n三级指标\n产出指标\n数量指标\n培训人数\n≥200人\n产出指标说明\n"
    gold = {"indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "培训人数"}]}
    marks = sorted((text[m.start:m.end], m.label) for m in reviewer.level_marks(text, gold))
    # a level name inside a longer word (产出指标说明) is not the level's cell
    assert marks == [("产出指标", "indicator.level1"), ("数量指标", "indicator.level2")]


def test_what_a_reviewed_table_holds_to_teach_is_counted(curve, reviewer):
    from extract.learn.nlp.annotations import AnnotatedText, Mark
    text = "三级指标\n本年计划数\n本年实现数\n重点任务指标\n调研课题数\n≥6个\n7个\n"
    i, t, a = text.index("调研课题数"), text.index("≥6个"), text.index("7个")
    gold = {"indicators": [{"level2": "重点任务指标", "name": "调研课题数"}]}
    links = [Mark(t, t + 3, "indicator.target"), Mark(a, a + 2, "indicator.actual")] + reviewer.level_marks(text, gold)
    d = AnnotatedText("r.txt", text, [Mark(i, i + 5, "INDICATOR")], links)
    c = curve.teachable(d, gold)
    assert (c["teach_levels_unknown"], c["teach_levels_marked"], c["teach_headers_found"],
            c["teach_header_words_unknown"], c["teach_header_words"]) == (1, 1, 1, 2, 2)
