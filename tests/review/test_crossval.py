"""The review bar, measured honestly: each document's confidences come from a calibrator
fitted without it and without the other reports of its publishing site (SOURCES.tsv), so
a sibling of the same template cannot vouch for it. Seeds + pool (116 reports since the
pool grew from 44 to 111), at the configured threshold.

The calibrators are fitted as `jixiao calibrate` fits the shipped one: on the documents and
on their re-flattened copies (reflatten.py), which are never scored themselves.

Re-based twice. On the 44-report pool the bars (recall >= 0.9 at load <= 0.3) were met with
per-document folds; on 116 reports grouped by site this test held recall >= 0.75 at load
<= 0.50 (threshold 0.95). The readers have since fixed most of the pool's wrong values that
a calibrator could tell (44 wrong of 1020 judged are left, most of them read as confidently
as right ones: a department read from the 主管部门 cell, the zeros of a second form), so
with the fit of that time (C 1, threshold 0.95) the same measure gave recall 0.66 at load
0.33. The threshold was 0.92 (C 0.3; the blind set: recall 0.91 at load 0.35): recall
0.69 at load 0.27. With the rows weighed against their siblings and the project name's place
(calibration.row_context, _place) it is 0.94: pool recall 0.70 at load 0.31, ECE 0.050. With a figure
printed twice told from one stated once (calibration._restated) it is 0.945: seeds + pool recall
0.77 at load 0.30, pool 0.75 at 0.31, ECE 0.036. Since the readers say where they guessed (a
funding figure's column, a department past the form's unit cell, a table row another path reads
as well, …: reasons such as column_uncertain, which send the item to review by themselves) it is
0.95: seeds + pool recall 0.97 at load 0.30, pool 0.97 at 0.31, ECE 0.036 — issue 12's bar
(0.9 at load 0.35, ECE <= 0.06 on the pool), held here."""
from extract.config import Config, load_config, replace_models
from extract.learn.evaluate import load_gold
from extract.review.crossval import judged_documents, leave_one_out, review_scores, source_groups

from tests.conftest import GOLD, POOL, POOL_GOLD, ROOT, SEEDS


def test_review_sends_the_wrong_values_and_few_others(shared):
    sets = [("seeds", SEEDS, GOLD), ("pool", POOL, POOL_GOLD)]
    docs = judged_documents(sets, replace_models(Config(), use_models=False), reflattened=True)
    leave_one_out(docs)
    threshold = load_config(ROOT / "jixiao.toml").review.threshold
    scores = review_scores(docs, {n: load_gold(g) for n, _, g in sets}, threshold)
    res = scores["pool+seeds"]
    assert res["review"]["recall_of_wrong"] >= 0.90, res["review"]
    assert res["review"]["load"] <= 0.35, res["review"]
    assert scores["pool"]["calibration_ece"] <= 0.06


def test_reports_of_one_site_fall_in_one_fold(shared):
    docs = judged_documents([("pool", POOL, POOL_GOLD)], replace_models(Config(), use_models=False))
    groups = dict(zip((d.path.name for d in docs), source_groups(docs)))
    assert groups["p001.txt"] == "www.huoqiu.gov.cn"
    by_site: dict[str, int] = {}
    for g in groups.values():
        by_site[g] = by_site.get(g, 0) + 1
    assert max(by_site.values()) >= 2          # several reports share a site: the grouping matters


def test_a_re_flattened_copy_weighs_more_than_the_document_as_published():
    """The copies stand for the layouts met at run time: each of their items weighs
    COPY_WEIGHT in a fit, an item of a document as published 1; a weight is a repetition."""
    from pathlib import Path

    from extract.learn.calibration import fit
    from extract.review.crossval import COPY_WEIGHT, JudgedDocument, weighted
    a = JudgedDocument("pool", Path("p.txt"), None, [({"x": 1.0}, True), ({"x": 0.0}, False)])
    b = JudgedDocument("pool", Path("p.txt"), None, [({"x": 1.0}, False)], variant="pipes")
    assert [w for _, _, w in weighted([a, b])] == [1.0, 1.0, COPY_WEIGHT]
    once = fit(weighted([a, b], 2.0))
    twice = fit([*a.samples, *b.samples, *b.samples])
    assert abs(once.weights["x"] - twice.weights["x"]) < 1e-4 and abs(once.intercept - twice.intercept) < 1e-4
