"""The review bar, measured honestly: each document's confidences come from a calibrator
fitted without it. Seeds + pool: recall_of_wrong ≥ 0.9 with load ≤ 0.3, ECE ≤ 0.1 at the
configured threshold."""
from extract.config import Config, load_config, replace_models
from extract.crossval import judged_documents, leave_one_out, review_scores
from extract.evaluate import load_gold

from tests.conftest import GOLD, POOL, POOL_GOLD, ROOT, SEEDS


def test_review_sends_the_wrong_values_and_few_others(shared):
    sets = [("seeds", SEEDS, GOLD), ("pool", POOL, POOL_GOLD)]
    docs = judged_documents(sets, replace_models(Config(), use_models=False))
    leave_one_out(docs)
    threshold = load_config(ROOT / "jixiao.toml").review.threshold
    res = review_scores(docs, {n: load_gold(g) for n, _, g in sets}, threshold)["pool+seeds"]
    assert res["review"]["recall_of_wrong"] >= 0.9, res["review"]
    assert res["review"]["load"] <= 0.3, res["review"]
    assert res["calibration_ece"] <= 0.1
