"""The prose reader of indicators reads the reading view (simplified script, ASCII figures):
a report in traditional script or full-width figures gives the rows of its simplified twin,
with names, raws and spans cut from the report's own text."""
import pytest

from extract import textnorm
from extract.document import Document
from extract.pipeline import extract_document

from .conftest import SHARED

_S2T = {}
for _t, _s in zip(textnorm._T, textnorm._S):
    _S2T.setdefault(_s, _t)
_TRADITIONAL = str.maketrans(_S2T)
_FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")


def _rows(text):
    ex = extract_document(Document(text=text, path="x.txt"))
    return text, [i for i in ex.indicators if i.evidence == "text"]


@pytest.mark.parametrize("name", ["p076.txt", "p104.txt", "p108.txt"])   # p108: names put together from pieces
@pytest.mark.parametrize("variant", [_TRADITIONAL, _FULL], ids=["traditional", "fullwidth"])
def test_a_report_in_another_script_reads_like_its_simplified_twin(name, variant):
    plain = (SHARED / "corpus" / "pool" / name).read_text(encoding="utf-8")
    _, twin = _rows(plain)
    assert twin, f"{name} has indicators in its sentences"
    text, rows = _rows(plain.translate(variant))
    assert [(i.target.value if i.target else None, i.actual.value if i.actual else None) for i in rows] == \
        [(i.target.value if i.target else None, i.actual.value if i.actual else None) for i in twin]
    for got, want in zip(rows, twin):
        assert got.name == want.name.translate(variant)     # the name as the report prints it
        if got.target:                                   # the raw is the report's own text, at its span
            sp = got.spans["target"]
            assert got.target.raw in text[sp.start - 2:sp.end + 2] or got.target.raw == text[sp.start:sp.end]
