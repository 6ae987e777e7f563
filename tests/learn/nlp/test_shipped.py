"""The shipped pipeline (models/) on annotated documents it was not trained on.

`jixiao train` holds out the dev documents (`extract.learn.nlp.training.is_dev`); their
annotations are the reference, so these figures can fail when a retrained model or a
changed tokenizer gets worse.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.config import Config
from extract.learn.models import load_models
from extract.learn.nlp.training import is_dev

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def shipped():
    models = load_models(str(ROOT / Config().models.pipeline), str(ROOT / Config().models.linker))
    assert models is not None, "models/pipeline is missing: run `jixiao train`"
    return models


@pytest.mark.slow
def test_entities_on_held_out_documents(shipped, annotated):
    held = [t for t in annotated if is_dev(t.name)]
    assert held
    tp = fp = fn = 0
    for t in held:
        gold = {(m.start, m.end, m.label) for m in t.entities}
        pred = {(e.start, e.end, e.label) for e in shipped.entities(t.text)}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    assert precision >= 0.6 and f1 >= 0.4, (precision, recall, f1)


@pytest.mark.slow
def test_money_and_rates_in_a_narrative_sentence(shipped):
    text = "2023年度我局部门整体支出规模为52,878.93万元，全年预算执行率为92.33%，自评得分95.32分。"
    got = {(e.label, e.text) for e in shipped.entities(text)}
    assert ("AMOUNT", "52,878.93万元") in got
    assert ("RATE", "92.33%") in got
    assert all(0.0 < e.score <= 1.0 for e in shipped.entities(text))
