"""Metamorphic specifications: the same report flattened another way reads the same
(scripts/perturb.py measures this over the seeds and the pool)."""
from extract import textnorm
from extract.document import Document
from extract.pipeline import extract_document


def test_reading_view_keeps_offsets_and_reads_full_width_figures_and_crlf():
    text = "全年预算数\r\n１２．５％\r\n"
    v = textnorm.view_of(text)
    assert len(v.text) == len(text)
    assert v.text == "全年预算数 \n12.5% \n"
    assert v.original(7, 12) == "１２．５％"          # values keep the report's width


def _fields(text):
    ex = extract_document(Document(text=text, path="x.txt"))
    return {f.slot: f.value.value for f in ex.fields}


SENTENCE = "本部门2023年度预算资金总额为120.5万元，全年执行数为110.2万元，预算执行率91.45%。\n"


def test_full_width_figures_read_as_ascii_ones():
    plain = _fields(SENTENCE)
    wide = _fields(SENTENCE.translate(str.maketrans("0123456789.%", "０１２３４５６７８９．％")))
    assert {k: v for k, v in plain.items() if k.startswith(("funding", "expenditure"))} == \
        {k: v for k, v in wide.items() if k.startswith(("funding", "expenditure"))}


def test_crlf_line_ends_read_as_lf():
    assert _fields(SENTENCE) == _fields(SENTENCE.replace("\n", "\r\n"))
