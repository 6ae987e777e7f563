"""The tokenizer: pkuseg from the installed package, figures split from units, nothing serialised."""
from __future__ import annotations

from extract.nlp.segmenter import pkuseg_model_dir, split_figure_runs


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
