"""extract/learn/row_shapes.py: a row's line shape, the layout without its words, and the
learning curve's ceiling counters built on it (scripts/learning_curve.py shape_*)."""
from __future__ import annotations

import importlib.util

import pytest

from extract.learn.row_shapes import cell_class, loose, row_signatures, separator, signature

from tests.conftest import ROOT

PIPE = ("三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分\n"
        "数量指标 | 培训人数 | ≥500人 | 520人 | 10 | 10\n"
        "质量指标 | 合格率 | ≥95% | 96% | 10 | 9\n")
TAB = "培训人数\t≥500人\t520人\t10\t10\n合格率\t≥95%\t96%\t10\t9\n"
CELLS = "培训人数\n\n≥500人\n\n520人\n\n10\n\n合格率\n\n≥95%\n"


def at(text: str, name: str) -> tuple[int, int]:
    i = text.index(name)
    return i, i + len(name)


@pytest.mark.parametrize("cell, shape", [("≥95%", "No%"), ("96%", "N%"), ("520人", "Nw"), ("10", "N"),
                                         ("不低于90%", "No%"), ("数量指标", "L"), ("  ", "E"), ("合格率", "T")])
def test_a_cell_is_its_value_shape(cell, shape):
    assert cell_class(cell) == shape


def test_separators_of_the_flattenings():
    assert [separator(s) for s in ("a\tb", "a | b | c", "培训人数   500人", "培训人数500人")] == \
        ["tab", "pipe", "spaces", "glued"]


def test_rows_of_one_table_share_a_shape_and_it_holds_no_words():
    a, b = signature(PIPE, *at(PIPE, "培训人数")), signature(PIPE, *at(PIPE, "合格率"))
    assert a[0] == "pipe" and a[2] == ("L",)
    assert a[3][:4] == ("Now", "Nw", "N", "N") and b[3][:4] == ("No%", "N%", "N", "N")
    assert loose(a) != loose(b)                  # a count and a rate: other value shapes
    other = PIPE.replace("培训人数", "发放补贴户数").replace("500人", "800户").replace("520人", "812户")
    assert signature(other, *at(other, "发放补贴户数")) == a          # other words, same layout
    assert not any(ch in str(a) for ch in "培训人数")


def test_one_cell_per_line_reads_the_cells_down_to_the_next_name():
    s = signature(CELLS, *at(CELLS, "培训人数"))
    assert s == ("line", True, (), ("Now", "Nw", "N"))


def test_the_layouts_differ():
    assert signature(TAB, *at(TAB, "合格率")) != signature(PIPE, *at(PIPE, "合格率"))


def test_a_name_not_printed_has_no_shape():
    assert row_signatures(TAB, [{"name": "培训人数"}, {"name": "验收合格率"}])[1] is None


@pytest.fixture(scope="module")
def curve():
    spec = importlib.util.spec_from_file_location("learning_curve", ROOT / "scripts" / "learning_curve.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_ceiling_counts_a_missed_row_whose_shape_a_reviewed_table_has(curve):
    reviewed = curve.gold_shapes([(TAB, {"indicators": [{"name": "培训人数"}, {"name": "合格率"}]})])
    held = "发放户数\t≥800户\t812户\t10\t10\n验收合格率\t≥90%\t95%\t10\t10\n"
    rows = [{"name": "发放户数"}, {"name": "验收合格率"}]
    curve.SHAPES_REVIEWED.clear()
    curve.SHAPES_REVIEWED.update(reviewed)
    try:
        c = {}
        curve.shape_counts(held, rows, [(1, 0)], c)          # the second row was read, the first missed
        assert c == {"shape_docs_with_rows": 1, "shape_doc_sibling_reviewed": 1, "shape_doc_sibling_reviewed_rows_missing": 1,
                     "shape_missed": 1, "shape_missed_tab": 1, "shape_reviewed": 1, "shape_either": 1,
                     "shape_either_table": 1, "shape_loose_reviewed": 1, "shape_loose_either": 1,
                     "shape_loose_either_table": 1}
        c = {}
        curve.shape_candidates(held, rows, c)
        assert c == {"shape_cand_right": 2}
    finally:
        curve.SHAPES_REVIEWED.clear()
