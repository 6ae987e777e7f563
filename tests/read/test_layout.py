"""Table recovery from flattened text, one layout per real report shape."""
from extract.read.formats import read_path
from extract.read.layout import blocks_from_text

from tests.conftest import POOL, SEEDS


def _tables(path):
    doc = read_path(path)
    return doc, [b.table for b in blocks_from_text(doc.text) if b.table is not None]


def _rows(table):
    return [[c.text for c in r.cells] for r in table.rows]


def test_tab_separated_rows_seed_000():
    doc, tables = _tables(SEEDS / "000_a14a1736b6f849a3.txt")
    rows = _rows(tables[0])
    assert ["资金情况（万元）", "年度资金总额", "2369.3", "9412.7", "6999.67", "10", "101.85%", "9.82"] == rows[2]
    header = next(r for r in rows if "一级指标" in r)
    assert header[1:9] == ["一级指标", "二级指标", "三级指标", "目标内容", "目标值", "完成值", "分值", "得分"]
    assert any(r[5:9] == ["≧125 家", "≧125 家", "4", "4"] for r in rows)


def test_one_cell_per_line_rows_seed_001():
    doc, tables = _tables(SEEDS / "001_8d2ed8e02b6fd233.txt")
    rows = _rows(tables[0])
    assert ["人员编制", "11", "实有人数", "12"] in rows
    assert ["", "上年结转资金", "", "822.82", "746.82", "—", "", "—"] in rows
    # a cell continued on the next line is one cell: 年度 + 指标值
    header = next(r for r in rows if "一级指标" in r)
    assert "年度指标值" in header and "实际完成值" in header


def test_a_title_glued_after_a_numeric_cell_ends_the_table():
    doc, tables = _tables(SEEDS / "001_8d2ed8e02b6fd233.txt")
    assert _rows(tables[0])[-1] == ["总分", "100"]


def test_cell_offsets_point_into_the_document_text():
    for name in ("000_a14a1736b6f849a3", "001_8d2ed8e02b6fd233", "004_6f163e2949542c61"):
        doc, tables = _tables(SEEDS / f"{name}.txt")
        for t in tables:
            for r in t.rows:
                for c in r.cells:
                    if c.text:
                        raw = doc.text[c.start:c.end]
                        assert "".join(raw.split()) == "".join(c.text.split()), (name, c.text)


def test_pipe_rows_from_a_web_page_p016():
    doc, tables = _tables(POOL / "p016.txt")
    rows = [r for t in tables for r in _rows(t)]
    assert ["年度资金总额:", "808.1", "692.98", "86%"] == [c for c in next(r for r in rows if r and r[0].startswith("年度资金总额")) if c]


def test_paragraphs_stay_paragraphs_seed_002():
    doc, tables = _tables(SEEDS / "002_70434b0b5ae2a5f1.txt")
    assert tables == []
