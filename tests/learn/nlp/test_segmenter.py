"""The tokenizer: pkuseg from the installed package, figures split from units, nothing serialised."""
from __future__ import annotations

import contextlib
import io

import pytest

from extract.learn.nlp.segmenter import (assemble, inference_copy_path, inference_model_dir,
                                         pkuseg_model_dir, split_figure_runs)
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


@pytest.fixture(scope="module")
def full_and_derived(tmp_path_factory):
    """pkuseg as its own loader reads the installed model, and our derived copy of it
    (built here from scratch, as on a new machine)."""
    import spacy_pkuseg
    cache = tmp_path_factory.mktemp("pkuseg-cache")
    source = pkuseg_model_dir()
    derived = inference_model_dir(source, cache=cache)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        full = spacy_pkuseg.pkuseg(str(source))
    return full, derived, cache


@pytest.mark.slow
def test_inference_copy_segments_exactly_as_the_installed_model(full_and_derived):
    """The derived copy drops only what pkuseg's trainer reads and loads feature names as
    texts need them: every seed and pool text is cut into the same words by it and by
    pkuseg's own loader."""
    full, derived, cache = full_and_derived
    assert derived != pkuseg_model_dir() and {p.name for p in derived.iterdir()} == {
        "features.pkl", "weights.npy", "model.json", "feature_names.bin", "feature_ids.npy", "feature_buckets.npy"}
    assert inference_model_dir(pkuseg_model_dir(), cache=cache) == derived      # built once, then reused
    small = assemble(derived)
    assert len(small.feature_extractor.bigram) == 0 < len(full.feature_extractor.bigram)
    assert small.model.w.shape == full.model.w.shape and small.n_feature == full.n_feature
    assert len(small.index) == len(full.feature_extractor.feature_to_idx)
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")) + sorted(POOL.glob("*.txt"))]
    assert len(texts) >= 49
    for text in texts:
        assert small.cut(text) == full.cut(text)
    # a text loads a small part of the 2.6 million features, not all of them
    assert 0 < len(small.feature_extractor.feature_to_idx) < len(small.index) / 3


@pytest.mark.slow
def test_inference_copy_segments_scrambled_text_as_the_installed_model(full_and_derived):
    """Texts no report holds: characters of the reports shuffled with digits, full-width
    letters, pkuseg's renamed separators (-._,|/*:) and the letters of its own tokens
    (**Num, **noWord), so that figures, words and separators meet in every order."""
    import random
    full, derived, _ = full_and_derived
    small = assemble(derived)
    rng = random.Random(20261122)
    alphabet = sorted(SEEDS.glob("*.txt"))[1].read_text(encoding="utf-8")[:3000] + \
        "0123456789.-_,|/*:ＡＢａｂ／・－１２％几十万亿 \t\nabcXYZ**NumLetternoWord"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        assert small.cut(text) == full.cut(text), text


def test_inference_copy_falls_back_to_the_source_when_the_cache_is_unwritable(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    source = pkuseg_model_dir()
    assert inference_model_dir(source, cache=blocked / "cache") == source


def test_a_worker_waits_for_the_copy_another_is_building_instead_of_building_it_too(tmp_path):
    """While one process holds the build lock, another asks for the copy: it waits, then
    takes what the first one put in place (here a stand-in, which building would replace)."""
    import fcntl
    import threading
    source = pkuseg_model_dir()
    target = inference_copy_path(source, cache=tmp_path)
    got = []
    with open(tmp_path / f"{target.name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        waiter = threading.Thread(target=lambda: got.append(inference_model_dir(source, cache=tmp_path)))
        waiter.start()
        waiter.join(0.5)
        assert waiter.is_alive()                                # waiting, and not building:
        assert [p.name for p in tmp_path.iterdir()] == [f"{target.name}.lock"]     # no temporary copy begun
        target.mkdir()
        (target / "model.json").write_text("{}")                 # "the other process" finishes
        fcntl.flock(lock, fcntl.LOCK_UN)
    waiter.join(10)
    assert got == [target]
    assert [p.name for p in target.iterdir()] == ["model.json"]  # taken as it was, not rebuilt
    assert not [p for p in tmp_path.iterdir() if p.is_dir() and p != target]   # no half-built copy left
