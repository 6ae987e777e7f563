"""Indicator rows from the trained parts: a model name, the linker's attribute for each figure
after it, the closed level names before it; only where the rules read no row."""
from __future__ import annotations

from extract.learn import rows
from extract.read.document import Document
from extract.slots.record import Entity, Extraction, Indicator

TEXT = ("产出指标\n数量指标\n培训农户人数\t≥200人次\t215人次\t10\t10\n"
        "质量指标\n培训合格率\t≥95%\t98%\t10\t9\n")


def _ent(text: str, label: str, piece: str, nth: int = 0, score: float = 0.9) -> Entity:
    at = -1
    for _ in range(nth + 1):
        at = text.index(piece, at + 1)
    return Entity(label, at, at + len(piece), piece, score=score, source="model")


def _doc(text: str) -> Document:
    return Document(id="t", path="t.txt", format="txt", text=text)


class FakeLinker:
    """Answers by the figure's text: {figure text: attribute class}; anything else is none."""

    def __init__(self, classes: dict[str, str], p: float = 0.8):
        self.classes, self.p = classes, p
        self.asked: list[str] = []

    def predict(self, text, spans):
        out = []
        for a, b, _ in spans:
            self.asked.append(text[a:b])
            cls = self.classes.get(text[a:b])
            out.append({cls: self.p, "none": 1 - self.p} if cls else {"none": 0.9, "indicator.target": 0.1})
        return out


def _score_nine(text: str) -> Entity:
    at = text.index("\t9\n") + 1
    return Entity("SCORE", at, at + 1, "9", score=0.9, source="model")


def _entities(text: str) -> list[Entity]:
    return [_ent(text, "INDICATOR", "培训农户人数"), _ent(text, "TARGET", "≥200人次"),
            _ent(text, "QUANTITY", "215人次"), _ent(text, "SCORE", "10", 0), _ent(text, "SCORE", "10", 1),
            _ent(text, "INDICATOR", "培训合格率"), _ent(text, "TARGET", "≥95%"), _ent(text, "RATE", "98%"),
            _ent(text, "SCORE", "10", 2), _score_nine(text)]


LINKED = {"≥200人次": "indicator.target", "215人次": "indicator.actual",
          "≥95%": "indicator.target", "98%": "indicator.actual", "9": "indicator.score"}


def test_a_row_takes_each_attribute_from_the_one_figure_the_linker_gives_it():
    doc = _doc(TEXT)
    ex = Extraction(doc)
    rows.add_rows(doc, ex, _entities(TEXT), FakeLinker(LINKED))
    got = {i.name: i for i in ex.indicators}
    assert set(got) == {"培训农户人数", "培训合格率"}
    first, second = got["培训农户人数"], got["培训合格率"]
    assert (first.target.op, first.target.value, first.actual.value) == (">=", 200, 215)
    assert (second.target.value, second.actual.value, second.actual.unit) == (95, 98, "%")
    assert second.score == 9 and second.weight is None      # no figure the linker calls a weight
    assert all(i.source == "model" for i in ex.indicators)
    for i in ex.indicators:                                 # every value keeps its place in the text
        for attr in ("target", "actual"):
            s = i.spans[attr]
            assert TEXT[s.start:s.end].strip() == getattr(i, attr).raw


def test_levels_come_from_the_closed_names_printed_before_the_row_and_carry_down():
    doc = _doc(TEXT)
    ex = Extraction(doc)
    rows.add_rows(doc, ex, _entities(TEXT), FakeLinker(LINKED))
    got = {i.name: (i.level1, i.level2) for i in ex.indicators}
    assert got == {"培训农户人数": ("产出指标", "数量指标"), "培训合格率": ("产出指标", "质量指标")}


def test_two_figures_the_linker_gives_one_attribute_leave_it_empty():
    doc = _doc(TEXT)
    ex = Extraction(doc)
    both = {**LINKED, "215人次": "indicator.target"}        # target twice in the first row: ambiguous
    rows.add_rows(doc, ex, _entities(TEXT), FakeLinker(both))
    assert [i.name for i in ex.indicators] == ["培训合格率"]  # no target, no actual: no row


def test_a_figure_below_the_bar_is_no_value():
    doc = _doc(TEXT)
    ex = Extraction(doc)
    rows.add_rows(doc, ex, _entities(TEXT), FakeLinker(LINKED, p=rows.VALUE_MIN - 0.1))
    assert ex.indicators == []


def test_nothing_is_added_where_the_rules_read_rows():
    doc = _doc(TEXT)
    ex = Extraction(doc, indicators=[Indicator(name="培训农户人数")])
    linker = FakeLinker(LINKED)
    rows.add_rows(doc, ex, _entities(TEXT), linker)
    assert len(ex.indicators) == 1 and linker.asked == []


def test_a_segment_ends_at_the_next_name_level_name_or_words():
    text = "培训人数 200人 资产管理安全好好100% 固定资产利用率90%\n效益指标 满意度 95%"
    ents = [_ent(text, "INDICATOR", "培训人数"), _ent(text, "QUANTITY", "200人"), _ent(text, "RATE", "100%"),
            _ent(text, "RATE", "90%"), _ent(text, "RATE", "95%")]
    (name, end, figs), = rows.candidates(text, ents)
    assert name.text == "培训人数" and [f.text for f in figs] == ["200人"]     # 资产管理安全 starts another row
    ents.append(_ent(text, "INDICATOR", "固定资产利用率"))
    ents.append(_ent(text, "INDICATOR", "满意度"))
    got = {n.text: [f.text for f in figs] for n, _, figs in rows.candidates(text, ents)}
    assert got["固定资产利用率"] == ["90%"]         # the level name 效益指标 closes its segment
    assert got["满意度"] == ["95%"]


def test_level_names_header_words_and_sentences_are_no_names():
    text = "数量指标 指标值 完成培训，效果良好 培训人数"
    ents = [_ent(text, "INDICATOR", w) for w in ("数量指标", "指标值", "完成培训，效果良好", "培训人数")]
    assert [n.text for n, _, _ in rows.candidates(text, ents)] == ["培训人数"]


def test_a_row_with_no_level_name_printed_before_it_stands_in_no_form():
    text = "培训农户人数\t≥200人次\t215人次\n"                # a row of figures, no 一级/二级 above it
    ents = [_ent(text, "INDICATOR", "培训农户人数"), _ent(text, "TARGET", "≥200人次"), _ent(text, "QUANTITY", "215人次")]
    doc = _doc(text)
    ex = Extraction(doc)
    rows.add_rows(doc, ex, ents, FakeLinker(LINKED))
    assert ex.indicators == []
    doc = _doc("数量指标\n" + text)
    ex = Extraction(doc)
    rows.add_rows(doc, ex, [_ent(doc.text, e.label, e.text) for e in ents], FakeLinker(LINKED))
    assert [(i.level1, i.level2, i.target.value) for i in ex.indicators] == [("产出指标", "数量指标", 200)]
