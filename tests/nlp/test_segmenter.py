"""The tokenizer: pkuseg from the installed package, figures split from units, nothing serialised."""
from __future__ import annotations

import contextlib
import io

import pytest

from extract.nlp.segmenter import assemble, inference_model_dir, pkuseg_model_dir, split_figure_runs
from tests.conftest import POOL, SEEDS


def test_model_dir_is_the_installed_package():
    d = pkuseg_model_dir()
    assert (d / "features.pkl").exists()
    assert "site-packages" in str(d) or "dist-packages" in str(d)


def test_split_figure_runs():
    assert split_figure_runs("95.32分") == ["95.32", "分"]
    assert split_figure_runs("≧40") == ["≧", "40"]
    assert split_figure_runs("52,878.93万元") == ["52,878.93", "万元"]
    assert split_figure_runs("2023年度") == ["2023", "年度"]
    assert split_figure_runs("科技局") == ["科技局"]


def test_figures_are_tokens(nlp):
    text = "自评得分95.32分，技术交易额30亿元以上\t≧40 个"
    doc = nlp.make_doc(text)
    assert doc.text == text
    for fig in ("95.32", "30", "40"):
        start = text.index(fig)
        assert doc.char_span(start, start + len(fig)) is not None, fig
    score = text.index("95.32分")
    assert doc.char_span(score, score + 6).text == "95.32分"


def test_tokenizer_serialises_nothing(nlp):
    assert nlp.tokenizer.to_bytes() == b""


def test_whitespace_and_empty_text(nlp):
    assert len(nlp.make_doc("")) == 0
    doc = nlp.make_doc("  部门\t\t名称\n")
    assert doc.text == "  部门\t\t名称\n"


@pytest.mark.slow
def test_inference_copy_segments_exactly_as_the_installed_model(tmp_path):
    """The slimmed, memory-mapped copy drops only what pkuseg's trainer reads: every seed
    and pool text is cut into the same words by it and by pkuseg's own loader."""
    import spacy_pkuseg
    source = pkuseg_model_dir()
    slim = inference_model_dir(source, cache=tmp_path)
    assert slim != source and {p.name for p in slim.iterdir()} == {"features.pkl", "weights.npy", "model.json"}
    assert inference_model_dir(source, cache=tmp_path) == slim         # built once, then reused
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        full = spacy_pkuseg.pkuseg(str(source))
    small = assemble(slim)
    assert len(small.feature_extractor.bigram) == 0 < len(full.feature_extractor.bigram)
    assert small.model.w.shape == full.model.w.shape and small.n_feature == full.n_feature
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted(POOL.glob("*.txt"))]
    assert len(texts) >= 49
    for text in texts:
        assert small.cut(text) == full.cut(text)


def test_inference_copy_falls_back_to_the_source_when_the_cache_is_unwritable(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    source = pkuseg_model_dir()
    assert inference_model_dir(source, cache=blocked / "cache") == source
