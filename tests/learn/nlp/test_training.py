"""`jixiao train` end to end on a few documents (tiny run), and run-time use of what it wrote."""
from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from extract.config import Config, Models
from extract.learn.models import load_models
from extract.pipeline import extract_document
from extract.read.document import Document

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def trained(tmp_path_factory, annotated):
    from extract.learn.nlp.training import train_all
    out = tmp_path_factory.mktemp("models")
    docs = [t for t in annotated if t.name in ("p003.txt", "p021.txt", "p016.txt", "p028.txt", "p029.txt")]
    report = train_all(docs, ROOT / "config.cfg", out, out / "build", overrides={"training.max_steps": 12,
                                                                                "training.eval_frequency": 6})
    return out, report


@pytest.mark.slow
def test_train_writes_a_loadable_pipeline_without_segmentation_weights(trained):
    out, report = trained
    assert (out / "pipeline" / "meta.json").exists() and (out / "linker.npz").exists()
    assert report.lexicon == out / "lexicon.json" and report.lexicon.exists()
    size = sum(p.stat().st_size for p in (out / "pipeline").rglob("*") if p.is_file())
    assert size < 20_000_000, "the pipeline must not carry the pkuseg model"
    assert report.alignment.spans > 0 and report.alignment_plain.spans == report.alignment.spans
    assert len(report.alignment.misaligned) <= len(report.alignment_plain.misaligned)


@pytest.mark.slow
def test_models_apply_adds_scored_entities_and_second_opinions(trained):
    out, _ = trained
    cfg = Config(models=replace(Config().models, pipeline=str(out / "pipeline"),
                                linker=str(out / "linker.npz"), link_threshold=1.01))
    text = (ROOT / "corpus" / "seeds" / "000_a14a1736b6f849a3.txt").read_text(encoding="utf-8")
    ex = extract_document(Document(text=text, path="000.txt"), cfg)
    model = [e for e in ex.entities if e.source == "model"]
    assert all(0.0 <= e.score <= 1.0 and e.text == text[e.start:e.end] for e in model)
    numeric = [f for f in ex.fields if f.value.is_number and f.slot != "report.fiscal_year"]
    assert numeric and all(f.model_score is not None and 0.0 <= f.model_score <= 1.0 for f in numeric)
    assert not any(f.source == "model" for f in ex.fields), "threshold above 1 must add nothing"
    assert load_models(cfg.models.pipeline, cfg.models.linker) is load_models(cfg.models.pipeline, cfg.models.linker)


def test_no_trained_pipeline_is_a_fast_no_op(tmp_path):
    cfg = Config(models=Models(pipeline=str(tmp_path / "none"), linker=str(tmp_path / "none.npz")))
    text = (ROOT / "corpus" / "seeds" / "004_6f163e2949542c61.txt").read_text(encoding="utf-8")
    t = time.perf_counter()
    ex = extract_document(Document(text=text, path="004.txt"), cfg)
    assert time.perf_counter() - t < 2.0
    assert not any(e.source == "model" for e in ex.entities)
    assert all(f.model_score is None for f in ex.fields)
