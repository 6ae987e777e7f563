"""The learned label lexicon: phrases from annotations, slots filled only where the rules left them empty."""
from __future__ import annotations

from dataclasses import replace

from extract.config import Config, Models
from extract.learn import lexicon
from extract.learn.evaluate import load_gold
from extract.learn.nlp.annotations import AnnotatedText, Mark
from extract.learn.nlp.training import load_annotations
from extract.pipeline import extract_document
from extract.read.document import Document
from extract.read.formats import read_path
from extract.slots.record import Extraction
from tests.conftest import GOLD, ROOT, SEEDS


def _doc(name: str, text: str, links: list[tuple[str, str]]) -> AnnotatedText:
    marks = []
    for figure, slot in links:
        i = text.index(figure)
        marks.append(Mark(i, i + len(figure), slot))
    return AnnotatedText(name, text, [], marks)


TRAIN = [
    _doc("a.txt", "一、基本情况\n2023年本单位资金到账总额为120.5万元，项目完成率95%。\n", [("120.5万元", "funding.total.full_year_budget")]),
    _doc("b.txt", "本年资金到账总额达88万元，其余资金另行安排30万元。\n", [("88万元", "funding.total.full_year_budget")]),
]


def _extraction(text: str, year: int | None = 2023) -> tuple[Document, Extraction]:
    doc = Document(text=text, path="x.txt")
    doc.meta["fiscal_year"] = year
    return doc, Extraction(document=doc)


def test_learned_phrase_fills_an_empty_slot_with_raw_text_and_span():
    lex = lexicon.learn(TRAIN)
    assert lex.entries["资金到账总额"]["slot"] == "funding.total.full_year_budget"
    assert lex.entries["资金到账总额"]["docs"] == 2
    text = "2023年，我局资金到账总额为1,234.56万元，已全部使用。"
    doc, ex = _extraction(text)
    added = lexicon.apply(doc, ex, lex)
    assert [f.slot for f in added] == ["funding.total.full_year_budget"]
    f = added[0]
    assert f.value.raw == "1,234.56万元" and str(f.value.value) == "1234.56" and f.value.unit == "万元"
    assert text[f.span.start:f.span.end] == "1,234.56万元" and f.source == "model"


def test_phrase_never_learned_or_seen_as_no_slot_adds_nothing():
    lex = lexicon.learn(TRAIN)
    doc, ex = _extraction("其余资金另行安排45万元。")        # 另行安排 was a `none` figure in b.txt
    assert lexicon.apply(doc, ex, lex) == []
    doc, ex = _extraction("项目完成率95%。")
    assert lexicon.apply(doc, ex, lex) == []


def test_a_phrase_also_seen_as_none_is_dropped_with_its_shorter_forms():
    train = TRAIN + [_doc("c.txt", "其他项目资金到账总额为7万元。\n", [])]
    lex = lexicon.learn(train)
    assert lex.entries.get("资金到账总额", {}).get("slot") is None     # seen both ways: ambiguous
    assert lex.entries.get("到账总额", {}).get("slot") is None
    doc, ex = _extraction("资金到账总额为50万元。")
    assert lexicon.apply(doc, ex, lex) == []


def test_rules_win_and_parts_other_years_and_wrong_units_are_skipped():
    lex = lexicon.learn(TRAIN)
    for text in ("资金到账总额为12人。",                                   # a count is no money
                 "资金到账总额为12。",                                     # bare figure, no 万元 stated
                 "资金总计100万元，其中：资金到账总额为60万元。",            # a part of a total
                 "2022年资金到账总额为60万元。"):                           # another year
        doc, ex = _extraction(text)
        assert lexicon.apply(doc, ex, lex) == [], text
    doc, ex = _extraction("资金情况（万元）资金到账总额为12。")               # bare figure under a 万元 header
    assert [str(f.value.value) for f in lexicon.apply(doc, ex, lex)] == ["12"]
    from extract.slots.assign import add_field
    from extract.slots.normalize import parse_value
    doc, ex = _extraction("资金到账总额为50万元。全年预算数60万元。")
    add_field(ex, doc, "funding.total.full_year_budget", parse_value("60万元"), 20, 24, "text", "sentence")
    assert lexicon.apply(doc, ex, lex) == []
    assert ex.field("funding.total.full_year_budget").value.raw == "60万元"


def test_table_cells_are_keyed_by_row_and_column_header_and_match_run_together_text():
    table = "\t资金来源\t全年预算数（A）\t全年执行数（B）\n资金情况（万元）\t年度资金总额\t2369.3\t9412.7\n"
    lex = lexicon.learn([_doc("t.txt", table, [("2369.3", "funding.total.full_year_budget")])])
    assert lex.entries["年度资金总额全年预算数(A)"]["slot"] == "funding.total.full_year_budget"
    doc, ex = _extraction("项目名称乡村道路资金情况(万元)年度资金总额全年预算数(A)300全年执行数(B)")
    assert [(f.slot, f.value.raw) for f in lexicon.apply(doc, ex, lex)] == [("funding.total.full_year_budget", "300")]


def test_save_load_round_trip(tmp_path):
    lex = lexicon.learn(TRAIN)
    back = lexicon.Lexicon.load(lex.save(tmp_path / "lexicon.json"))
    assert back.entries == lex.entries and back.min_docs == lex.min_docs
    assert lexicon.Lexicon.load(tmp_path / "missing.json") is None


def test_held_out_seed_gains_the_rate_its_sentence_names(tmp_path):
    """Learned from the other seeds and pool p001–p044, the lexicon reads 全年预算执行率为92.33%
    in seed 003, which the rules skip (the sentence mentions 项目); the gold has it. (Since the
    pool grew, p048 prints 预算执行率 as an old-framework indicator name, so with all 111 the
    phrase is ambiguous and rightly not learned: the lexicon keeps only unanimous phrases.)"""
    held = "003_a0527484f83c9cee"
    train = [t for t in load_annotations(ROOT / "annotations") if not t.name.startswith(held)
             and not (t.name.startswith("p") and int(t.name[1:4]) > 44)]
    path = lexicon.learn(train).save(tmp_path / "lexicon.json")
    doc_path = SEEDS / f"{held}.txt"
    rules = extract_document(read_path(doc_path), Config(models=Models(use_models=False)))
    assert rules.field("funding.total.execution_rate") is None
    cfg = Config(models=replace(Models(), pipeline=str(tmp_path / "none"), lexicon=str(path)))
    ex = extract_document(read_path(doc_path), cfg)
    f = ex.field("funding.total.execution_rate")
    assert f is not None and f.source == "model" and f.value.raw == "92.33%"
    assert float(f.value.value) == load_gold(GOLD)[held]["fields"]["funding.total.execution_rate"]
    before = {x.slot: x.value.raw for x in rules.fields}
    assert {x.slot: x.value.raw for x in ex.fields if x.slot in before} == before, "rule fields unchanged"


def test_a_figure_that_is_a_slot_and_an_indicator_attribute_counts_as_the_slot():
    text = "全年预算执行率为92.33%。\n"
    i, j = text.index("92.33%"), text.index("92.33%") + len("92.33%")
    both = AnnotatedText("c.txt", text, [], [Mark(i, j, "indicator.actual"), Mark(i, j, "funding.total.execution_rate")])
    only = AnnotatedText("d.txt", text, [], [Mark(i, j, "indicator.actual")])
    assert lexicon.learn([both]).entries["全年预算执行率"]["slot"] == "funding.total.execution_rate"
    assert "全年预算执行率" not in lexicon.learn([only]).entries
    # a name's region (a text slot) makes the figures inside it neither a slot nor `none`
    named = AnnotatedText("e.txt", "项目名称：13宗水库除险加固工程\n", [],
                          [Mark(5, 17, "report.project_name")])
    assert lexicon.learn([named]).entries == {}


def test_a_two_character_phrase_needs_two_documents():
    one = AnnotatedText("f.txt", "自评总分：95分\n", [], [Mark(5, 8, "evaluation.self_score")])
    two = AnnotatedText("g.txt", "本项目自评总分为88分\n", [], [Mark(8, 11, "evaluation.self_score")])
    assert one.text[5:8] == "95分" and two.text[8:11] == "88分"
    alone = lexicon.learn([one]).entries
    assert alone["自评总分"]["slot"] == "evaluation.self_score" and "总分" not in alone
    both = lexicon.learn([one, two]).entries
    assert both["总分"] == {"slot": "evaluation.self_score", "docs": 2}


# --- layouts the rules do not read: what one reviewed report teaches the next of its form -------------

ONE_CELL_PER_LINE = ("项目资金（万元） |\n年初预算数 |\n全年预算数 |\n全年执行数 |\n执行率 |\n"
                     "资金总计 |\n{a} |\n{b} |\n{c} |\n{r} |\n其中：财政资金 |\n{a} |\n/ |\n/ |\n/ |\n")


def test_a_form_flattened_one_cell_per_line_is_learned_by_row_label_and_position():
    text = ONE_CELL_PER_LINE.format(a="120", b="130", c="117", r="90%")
    figs = {f.number: f for f in lexicon.figures(text)}
    assert lexicon.cell_phrases(text, figs["117"].start) == ["执行率>资金总计#2", "资金总计#2"]
    lex = lexicon.learn([_doc("a.txt", text, [("130", "funding.total.full_year_budget"),
                                              ("117", "funding.total.executed")])])
    assert lex.entries["资金总计#2"]["slot"] == "funding.total.executed"
    other = ONE_CELL_PER_LINE.format(a="55.5", b="60", c="48.25", r="80.42%")
    doc, ex = _extraction(other)
    got = {f.slot: (f.value.raw, other[f.span.start:f.span.end]) for f in lexicon.apply(doc, ex, lex)}
    assert got == {"funding.total.full_year_budget": ("60", "60"), "funding.total.executed": ("48.25", "48.25")}


def test_a_row_word_and_a_column_word_learned_apart_name_a_cell_never_seen():
    """年度资金总额 × 全年执行数 and 财政拨款 × 全年预算数 teach 财政拨款 × 全年执行数."""
    head = "（万元）\t资金来源\t全年预算数\t全年执行数\n"
    a = head + "\t年度资金总额\t300\t280\n\t财政拨款\t200\t\n"
    lex = lexicon.learn([_doc("a.txt", a, [("280", "funding.total.executed"), ("200", "funding.fiscal.full_year_budget")])])
    assert lex.entries[lexicon.ROW + "财政拨款"]["slot"] == "funding.fiscal"
    assert lex.entries[lexicon.COL + "全年执行数"]["slot"] == "executed"
    doc, ex = _extraction(head + "\t财政拨款\t500\t450\n")
    got = {f.slot: f.value.raw for f in lexicon.apply(doc, ex, lex)}
    assert got == {"funding.fiscal.full_year_budget": "500",      # the cell seen: its row × column phrase
                   "funding.fiscal.executed": "450"}              # never seen: its row word and column word
    # the cell itself seen without a value linked: the back-off does not name it
    lex = lexicon.learn([_doc("a.txt", a, [("280", "funding.total.executed"), ("200", "funding.fiscal.full_year_budget")]),
                         _doc("b.txt", head + "\t财政拨款\t9\t8\n", [])])
    doc, ex = _extraction(head + "\t财政拨款\t500\t450\n")
    assert "funding.fiscal.executed" not in {f.slot for f in lexicon.apply(doc, ex, lex)}


def test_a_label_cell_teaches_the_text_slot_of_the_cell_after_it_when_two_reports_agree():
    def form(dept: str) -> str:
        return f"绩效自评表 |\n承办机构 |\n{dept} |\n资金（万元） |\n"
    a, b = form("某某县水利局"), form("某某市农业农村局")
    docs = [_doc("a.txt", a, [("某某县水利局", "report.department")]),
            _doc("b.txt", b, [("某某市农业农村局", "report.department")])]
    assert lexicon.TEXT + "承办机构" not in lexicon.learn(docs[:1]).entries        # one report is no evidence
    lex = lexicon.learn(docs)
    assert lex.entries[lexicon.TEXT + "承办机构"] == {"slot": "report.department", "docs": 2}
    text = form("某某区交通运输局")
    doc, ex = _extraction(text)
    [f] = lexicon.apply(doc, ex, lex)
    assert (f.slot, f.value.raw, text[f.span.start:f.span.end]) == ("report.department", "某某区交通运输局", "某某区交通运输局")
    # a value cell left empty (the next cell is another label) gives nothing
    doc, ex = _extraction("承办机构 |\n项目名称 |\n")
    assert lexicon.apply(doc, ex, lex) == []
    # a label once followed by something else than the slot's value is not kept
    c = _doc("c.txt", "承办机构 |\n见附件 |\n", [])
    assert lexicon.TEXT + "承办机构" not in lexicon.learn(docs + [c]).entries


def test_a_phrase_learned_in_simplified_script_reads_the_traditional_and_full_width_twin():
    lex = lexicon.learn(TRAIN)
    text = "2023年，我局資金到賬總額為１２０．５萬元。"          # 資金到賬總額 is 资金到账总额 in the reading view
    doc, ex = _extraction(text)
    added = lexicon.apply(doc, ex, lex)
    assert [f.slot for f in added] == ["funding.total.full_year_budget"]
    f = added[0]
    assert f.value.raw == "１２０．５萬元" and str(f.value.value) == "120.5"     # raw as printed, value read
    assert text[f.span.start:f.span.end] == f.value.raw


def test_a_head_count_label_names_a_bare_whole_number_but_not_a_decimal():
    train = [_doc(n, f"单位基本情况：核定编制人数{v}人。\n", [(f"{v}人", "staff.authorized")])
             for n, v in (("s1.txt", 23), ("s2.txt", 40))]
    lex = lexicon.learn(train)
    doc, ex = _extraction("单位基本情况：核定编制人数 17，实有人数 15。")
    assert [(f.slot, f.value.raw) for f in lexicon.apply(doc, ex, lex)] == [("staff.authorized", "17")]
    doc, ex = _extraction("单位基本情况：核定编制人数 17.5。")
    assert lexicon.apply(doc, ex, lex) == []


# --- indicator header words: what a reviewer's rows teach the table reader --------------------

_FORM_HEAD = "一级指标\t二级指标\t三级指标\t本年计划数\t本年实现数\t满分\t评定分\n"
_FORM_ROWS = [("产出指标", "数量指标", "培训农户人数", "≥200人", "230人", "10", "10"),
              ("", "质量指标", "培训合格率", "≥90%", "95%", "10", "9"),
              ("满意度指标", "服务对象满意度指标", "农户满意度", "≥85%", "92%", "10", "10")]


def _form(rows) -> str:
    return "2023年度项目支出绩效自评表\n绩效指标\n" + _FORM_HEAD + "".join("\t".join(r) + "\n" for r in rows) \
        + "总分\t\t\t\t\t30\t29\n"


def _reviewed_form(name: str, rows) -> AnnotatedText:
    """A form whose value columns carry words the forms' vocabulary does not know, with the
    reviewer's rows: each name an INDICATOR, each value linked to its attribute."""
    text = _form(rows)
    ents, links, pos = [], [], 0
    for line in text.split("\n"):
        cells = line.split("\t")
        if len(cells) == 7 and cells[2] and cells[2] != "三级指标":
            off = pos + len("\t".join(cells[:2])) + 1
            ents.append(Mark(off, off + len(cells[2]), "INDICATOR"))
            off += len(cells[2]) + 1
            for cell, attr in zip(cells[3:], ("target", "actual", "weight", "score")):
                links.append(Mark(off, off + len(cell), "indicator." + attr))
                off += len(cell) + 1
        pos += len(line) + 1
    return AnnotatedText(name, text, ents, links)


def test_header_words_under_reviewed_rows_are_learned_as_their_columns():
    lex = lexicon.learn([_reviewed_form("f1.txt", _FORM_ROWS)])
    # the forms' own words (三级指标) are the rules' already: only the others are learned
    assert lexicon.learned_headers(lex) == {"本年计划数": "target", "本年实现数": "actual",
                                            "满分": "weight", "评定分": "score"}


def test_a_form_with_learned_header_words_is_read_and_without_them_is_not(tmp_path):
    lex_path = lexicon.learn([_reviewed_form("f1.txt", _FORM_ROWS)]).save(tmp_path / "lexicon.json")
    other = [("产出指标", "数量指标", "发放补贴户数", "≥500户", "520户", "20", "20"),
             ("效益指标", "社会效益指标", "带动增收", "≥5%", "6%", "20", "18")]
    path = tmp_path / "form.txt"
    path.write_text(_form(other), encoding="utf-8")
    doc = read_path(str(path))
    with_lex = Config(models=Models(lexicon=str(lex_path), pipeline=str(tmp_path / "none"),
                                    linker=str(tmp_path / "none.npz"), calibrator=str(tmp_path / "none.json")))
    rows = extract_document(doc, with_lex).indicators
    got = sorted((r.name, r.target.raw, r.actual.raw, r.weight, r.score) for r in rows)
    assert got == [("发放补贴户数", "≥500户", "520户", 20, 20), ("带动增收", "≥5%", "6%", 20, 18)]
    plain = extract_document(read_path(str(path)), replace(with_lex, models=replace(with_lex.models, use_models=False)))
    assert not any(r.weight is not None and r.target is not None and r.actual is not None for r in plain.indicators)


def test_header_words_are_learned_from_pipe_rows_as_from_tab_rows():
    tabbed = _reviewed_form("f1.txt", _FORM_ROWS)
    text = "\n".join("| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line
                     for line in tabbed.text.split("\n"))
    piped = _reviewed_form("f2.txt", _FORM_ROWS)
    # the same reviewer marks, moved to where each cell sits in the piped text
    old_cells = [(a, a + len(c)) for a, c in _cells_at(tabbed.text)]
    new_cells = [(a, a + len(c)) for a, c in _cells_at(text, "|")]
    move = dict(zip(old_cells, new_cells))
    piped = AnnotatedText("f2.txt", text, [Mark(*move[(m.start, m.end)], m.label) for m in tabbed.entities],
                          [Mark(*move[(m.start, m.end)], m.label) for m in tabbed.links])
    assert lexicon.learned_headers(lexicon.learn([piped])) == lexicon.learned_headers(lexicon.learn([tabbed]))


def _cells_at(text: str, sep: str = "\t") -> list[tuple[int, str]]:
    """(offset, text) of every non-empty cell of the lines holding `sep`, stripped."""
    out, pos = [], 0
    for line in text.split("\n"):
        if sep in line:
            off = pos
            for cell in line.split(sep):
                core = cell.strip()
                if core:
                    out.append((off + cell.index(core), core))
                off += len(cell) + 1
        pos += len(line) + 1
    return out


_TEMPLATE_ROW = ("", "", "示例指标名称", "≥1个", "1个", "5", "5")      # a template's sample row, left in


def _with_template_row(name: str) -> AnnotatedText:
    """A reviewed form whose last row the rules read and the reviewer deleted (nothing marked)."""
    d = _reviewed_form(name, _FORM_ROWS)
    text = d.text.replace("总分", "\t".join(_TEMPLATE_ROW) + "\n总分")
    return AnnotatedText(name, text, d.entities, d.links)


def test_a_row_reviewers_deleted_in_two_reports_is_dropped_from_the_next():
    names = [squash for squash, kept in lexicon.reviewed_rows(_with_template_row("t1.txt")) if not kept]
    assert names == ["示例指标名称"]
    once = lexicon.learn([_with_template_row("t1.txt")])
    twice = lexicon.learn([_with_template_row("t1.txt"), _with_template_row("t2.txt")])
    doc = Document(text=_form(_FORM_ROWS + [_TEMPLATE_ROW]), path="x.txt")
    from extract.pipeline import rule_extraction
    ex = rule_extraction(doc)
    assert "示例指标名称" in [i.name for i in ex.indicators]
    assert lexicon.drop_deleted_rows(ex, once) == []                  # one report is no evidence
    gone = lexicon.drop_deleted_rows(ex, twice)
    assert [i.name for i in gone] == ["示例指标名称"]
    assert sorted(i.name for i in ex.indicators) == sorted(r[2] for r in _FORM_ROWS)


def _one_cell_per_line(d: AnnotatedText, blank: bool = False) -> AnnotatedText:
    """The reviewed tab form flattened one cell per line (empty cells dropped; with `blank`, a
    blank line after every cell), the reviewer's marks moved to where each cell now sits."""
    lines, move, pos, at = [], {}, 0, 0
    for line in d.text.split("\n"):
        if "\t" not in line:
            lines.append(line)
            pos, at = pos + len(line) + 1, at + len(line) + 1
            continue
        for cell in line.split("\t"):
            if cell:
                move[(at, at + len(cell))] = (pos, pos + len(cell))
                lines.append(cell)
                pos += len(cell) + 1
                if blank:
                    lines.append("")
                    pos += 1
            at += len(cell) + 1
    text = "\n".join(lines)
    return AnnotatedText(d.name, text, [Mark(*move[(m.start, m.end)], m.label) for m in d.entities],
                         [Mark(*move[(m.start, m.end)], m.label) for m in d.links])


def test_header_words_are_learned_from_a_table_printed_one_cell_per_line():
    # the header cells over the first reviewed row name its columns in the row's order
    flat = _one_cell_per_line(_reviewed_form("f1.txt", _FORM_ROWS))
    assert "\t" not in flat.text
    assert lexicon.learned_headers(lexicon.learn([flat])) == {"本年计划数": "target", "本年实现数": "actual",
                                                              "满分": "weight", "评定分": "score"}
    blank = _one_cell_per_line(_reviewed_form("f2.txt", _FORM_ROWS), blank=True)
    assert lexicon.learned_headers(lexicon.learn([blank])) == lexicon.learned_headers(lexicon.learn([flat]))


def test_a_stream_header_word_is_learned_only_where_the_counts_agree():
    # two unknown words between 三级指标 and 得分 over rows holding target, actual, weight, score:
    # three attributes for two words, nothing sure
    header = [("本年计划数", None), ("评定值", None), ("得分", "score")]
    assert lexicon._aligned(header, ["target", "actual", "weight", "score"]) == []
    assert lexicon._aligned(header, ["target", "actual", "score"]) == [("本年计划数", "target"), ("评定值", "actual")]
    # a known non-value column (单位) takes no attribute; a header out of the rows' order teaches nothing
    assert lexicon._aligned([("计量单位", "unit"), ("计划数", None), ("实际值", "actual")], ["target", "actual"]) \
        == [("计划数", "target")]
    assert lexicon._aligned([("得分", "score"), ("计划数", None)], ["target", "score"]) == []


def test_a_form_one_cell_per_line_is_read_with_header_words_learned_from_another(tmp_path):
    lex_path = lexicon.learn([_one_cell_per_line(_reviewed_form("f1.txt", _FORM_ROWS))]).save(tmp_path / "lex.json")
    other = [("产出指标", "数量指标", "发放补贴户数", "≥500户", "520户", "20", "20"),
             ("效益指标", "社会效益指标", "带动增收", "≥5%", "6%", "20", "18")]
    held = _one_cell_per_line(_reviewed_form("g.txt", other))
    path = tmp_path / "form.txt"
    path.write_text(held.text, encoding="utf-8")
    cfg = Config(models=Models(lexicon=str(lex_path), pipeline=str(tmp_path / "none"),
                               linker=str(tmp_path / "none.npz"), calibrator=str(tmp_path / "none.json")))
    got = sorted((r.name, r.target.raw if r.target else None, r.actual.raw if r.actual else None)
                 for r in extract_document(read_path(str(path)), cfg).indicators)
    assert got == [("发放补贴户数", "≥500户", "520户"), ("带动增收", "≥5%", "6%")]


_TASK_ROWS = [("履职成效指标", "重点任务指标", "完成调研课题数", "≥6个", "7个", "10", "10"),
              ("", "工作成效指标", "课题成果采纳率", "≥80%", "85%", "10", "9")]


def _with_levels(d: AnnotatedText, rows) -> AnnotatedText:
    """The reviewer also marks each 一级/二级 name as its row's level (an attribute choice)."""
    links = list(d.links)
    for row in rows:
        for word, attr in ((row[0], "level1"), (row[1], "level2")):
            i = d.text.find(word)
            if word and i >= 0:
                links.append(Mark(i, i + len(word), "indicator." + attr))
    return AnnotatedText(d.name, d.text, d.entities, links)


def test_level_names_the_closed_lists_lack_are_learned_from_the_reviewers_marks():
    lex = lexicon.learn([_with_levels(_one_cell_per_line(_reviewed_form("t.txt", _TASK_ROWS)), _TASK_ROWS)])
    assert lex.levels == {"履职成效指标": ("履职成效指标", None), "重点任务指标": (None, "重点任务指标"),
                          "工作成效指标": (None, "工作成效指标")}
    # the forms' own level names (产出指标, 数量指标) are the rules' already: nothing learned
    assert lexicon.learn([_with_levels(_reviewed_form("f.txt", _FORM_ROWS), _FORM_ROWS)]).levels == {}


def test_a_table_with_learned_level_names_is_read_with_its_levels(tmp_path):
    lex_path = lexicon.learn([_with_levels(_one_cell_per_line(_reviewed_form("t.txt", _TASK_ROWS)), _TASK_ROWS)]
                             + [_one_cell_per_line(_reviewed_form("f1.txt", _FORM_ROWS))]).save(tmp_path / "lex.json")
    other = [("履职成效指标", "重点任务指标", "出版专著数", "≥2部", "3部", "20", "20"),
             ("", "工作成效指标", "领导批示数", "≥5件", "6件", "20", "18")]
    path = tmp_path / "form.txt"
    path.write_text(_one_cell_per_line(_reviewed_form("g.txt", other)).text, encoding="utf-8")
    cfg = Config(models=Models(lexicon=str(lex_path), pipeline=str(tmp_path / "none"),
                               linker=str(tmp_path / "none.npz"), calibrator=str(tmp_path / "none.json")))

    def rows(config):
        return sorted((r.level2, r.name, r.target.raw if r.target else None, r.actual.raw if r.actual else None)
                      for r in extract_document(read_path(str(path)), config).indicators)
    assert rows(cfg) == [("工作成效指标", "领导批示数", "≥5件", "6件"), ("重点任务指标", "出版专著数", "≥2部", "3部")]
    assert rows(replace(cfg, models=replace(cfg.models, use_models=False))) != rows(cfg)


def test_header_words_are_learned_over_a_first_row_whose_level_names_the_lists_lack():
    # 履职成效指标 | 重点任务指标 head the first row: the reviewer's level marks step over them
    marked = _with_levels(_one_cell_per_line(_reviewed_form("t.txt", _TASK_ROWS)), _TASK_ROWS)
    assert lexicon.learned_headers(lexicon.learn([marked])) == {"本年计划数": "target", "本年实现数": "actual",
                                                                "满分": "weight", "评定分": "score"}
    unmarked = _one_cell_per_line(_reviewed_form("t.txt", _TASK_ROWS))
    assert lexicon.learned_headers(lexicon.learn([unmarked])) == {}
