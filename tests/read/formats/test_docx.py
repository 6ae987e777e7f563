"""The DOCX reader: body order, the real merge grid, nested tables, bad zips."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from extract.config import Config, Limits
from extract.pipeline import extract_path
from extract.read.errors import ReadError
from extract.read.formats import read_bytes, read_path

from reader_helpers import (FIXTURES, SEED_000, assert_offsets, cell_with, indicator_rows,
                            indicator_table, seed_000_indicator_rows)


def test_indicator_rows_are_the_seeds(docx_000):
    rows = indicator_rows(indicator_table(docx_000))
    assert rows == seed_000_indicator_rows(join_broken=False)
    assert ("积极开展科技特派员工作、可持续发展实验区建设", "≧40个", "≧40个", "4", "4") in rows


def test_vertical_merges_are_one_cell_not_repeated_text(docx_000):
    """python-docx repeats a merged cell's text in every row it covers; we do not."""
    table = indicator_table(docx_000)
    output = cell_with(table, "产出指标")
    assert output.rowspan == 15      # 数量 5, 质量 3, 时效 3, 成本 3 + the seed's page-broken row
    for r in range(output.row + 1, output.row + output.rowspan):
        covered = table.rows[r].cells[output.col]
        assert covered.text == "" and covered.start == covered.end
    raw = docx.Document(str(FIXTURES / "docx" / f"{SEED_000}.docx")).tables[0]
    assert raw.cell(output.row + 1, output.col).text == "产出指标"     # what we must not do


def test_horizontal_merges_span_columns(docx_000):
    table = indicator_table(docx_000)
    name = cell_with(table, "部门(单位) 名称")
    assert name.colspan == 2 and table.rows[name.row].cells[1].text == ""
    assert docx_000.text.startswith("部门整体自评表\n(2023 年)\n部门(单位) 名称\t\t长沙市望城区科学技术局\t")


def test_paragraphs_and_tables_keep_body_order():
    doc = read_path(FIXTURES / "docx" / "003_a0527484f83c9cee.docx")
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] == "heading" and "table" in kinds
    before = doc.text.index("公务用车购置及运行经费")
    assert doc.text.rindex("三公", 0, before) < before       # the table sits after the text that leads to it


def _docx_bytes(build) -> bytes:
    d = docx.Document()
    build(d)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_nested_tables_come_after_their_parent():
    def build(d):
        d.add_paragraph("封面")
        outer = d.add_table(rows=2, cols=2)
        outer.cell(0, 0).text = "项目名称"
        outer.cell(0, 1).text = "科技创新"
        host = outer.cell(1, 1)
        host.text = "绩效指标见下表"
        inner = host.add_table(rows=2, cols=3)
        for c, t in enumerate(["三级指标", "目标值", "完成值"]):
            inner.cell(0, c).text = t
        for c, t in enumerate(["新增高企", "≥30 家", "45 家"]):
            inner.cell(1, c).text = t
        d.add_paragraph("结尾")
    doc = read_bytes(_docx_bytes(build), "nested.docx")
    tables = list(doc.tables())
    assert [[c.text for c in r.cells] for r in tables[0].rows] == [["项目名称", "科技创新"], ["", "绩效指标见下表"]]
    assert [[c.text for c in r.cells] for r in tables[1].rows] == [["三级指标", "目标值", "完成值"], ["新增高企", "≥30 家", "45 家"]]
    assert doc.text.endswith("新增高企\t≥30 家\t45 家\n结尾")
    assert_offsets(doc)


def test_cell_paragraphs_fold_to_one_line():
    def build(d):
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "年度\n指标值"
        t.cell(0, 1).add_paragraph("第二段")
    doc = read_bytes(_docx_bytes(build), "x.docx")
    assert doc.text == "年度 指标值\t第二段"


def _error(tmp_path, name, data, limits=None) -> str:
    """The ReadError code of the file; extract_path gives a record with that error."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read_path(path, limits)
    record = extract_path(path, Config(limits=limits or Limits()))
    assert record["error_code"] == e.value.code and record["error"].startswith(e.value.code)
    assert record["fields"] == [] and record["indicators"] == []
    return e.value.code


def test_zip_bomb_is_refused_from_the_zip_directory(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * 20_000_000)
    data = buf.getvalue()
    assert len(data) < 100_000
    assert _error(tmp_path, "bomb.docx", data, Limits(max_unzipped_bytes=5_000_000)) == "zip_bomb"


def test_corrupt_docx(tmp_path):
    assert _error(tmp_path, "bad.docx", b"PK\x03\x04" + b"\x00garbage" * 100) == "corrupt"


def test_zip_without_word_document(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    assert _error(tmp_path, "notword.docx", buf.getvalue()) == "corrupt"


def test_zero_byte_docx(tmp_path):
    assert _error(tmp_path, "empty.docx", b"") == "empty"


def test_runs_inside_fields_controls_and_tracked_insertions_are_text():
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def build(d):
        p = d.add_paragraph("全年预算数")
        p._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="NUMPAGES"><w:r><w:t>75,785.97</w:t></w:r></w:fldSimple>'))
        p._p.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtContent><w:r><w:t>万元</w:t></w:r></w:sdtContent></w:sdt>'))
        p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="a"><w:r><w:t>，</w:t></w:r></w:ins>'))
        p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'))
    assert read_bytes(_docx_bytes(build), "x.docx").text == "全年预算数75,785.97万元，"
