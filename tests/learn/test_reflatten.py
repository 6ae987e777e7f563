"""Re-flattened copies keep every word and figure, and only change how cells are separated."""
import re

from extract.learn.reflatten import variants

TABLE = "项目名称\t乡村道路\n年度资金总额\t300\t259.45\t86.5%\n"


def _words(text: str) -> list[str]:
    return re.findall(r"[^\s|]+", text)


def test_each_flattening_keeps_the_cells_in_order():
    got = dict(variants(TABLE))
    assert set(got) == {"pipes", "spaces", "cells", "run_on"}
    for name, text in got.items():
        assert _words(text) == _words(TABLE), name
    assert "年度资金总额 | 300 | 259.45 | 86.5%" in got["pipes"]
    assert "年度资金总额\n300\n259.45\n86.5%\n" in got["cells"]
    assert "\n" not in got["run_on"].strip()


def test_a_text_without_tables_gives_only_the_run_on_copy():
    assert [n for n, _ in variants("一、基本情况\n我局2023年度预算支出100万元。\n")] == ["run_on"]
    assert list(variants("一行")) == []
