"""Slots stated in sentences: 基本支出295.09万元, 执行率92.33%, 自评得分95.32分, 三公.

Each sentence is cut into clauses; a clause holding a slot label followed closely by
a figure gives a candidate. Candidates about budgets when the slot is an actual (年初
预算支出…其中：基本支出293.75万元), about another year (较2022年项目支出…), or about a
sub-item (部门项目支出, 政府采购执行率) are dropped. A table statement of the same slot
wins over a sentence (see slots.add_field); the sentence is kept as a second place.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal
from typing import Callable, Iterator, Optional

from extract.read.document import PARAGRAPH, Document
from extract.read.textnorm import join_wrapped, open_bracket, strip_pinyin
from extract.slots import prose_indicators
from extract.slots.assign import add_field, budget_document, same_number
from extract.slots.normalize import Value, parse_value
from extract.slots.record import Extraction
from extract.slots.vocabulary import (FUNDING_ROWS, STAFF_ACTUAL, STAFF_AUTHORIZED, THREE_PUBLIC_PARTS,
                                      THREE_PUBLIC_ROWS, THREE_PUBLIC_WORD)
from extract.slots.report import view

_FIG = r"(?:[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?)"
_MONEY = rf"({_FIG})\s*(万元|亿元|元|个亿|亿|万)"
_CN_COUNT = r"[一二三四五六七八九十两][一二三四五六七八九十百零〇两]{0,5}"   # 二十五人 (SCHEMA: 三家 → 3)
_FILL = r"(?:总额|总计|合计|共计|金额|数|额|值)?\s*(?:为|是|达到|达|共|约)?\s*[：:]?\s*"


@dataclass(frozen=True)
class Rule:
    slot: str
    label: str                         # regex for the label right before the figure
    figure: str = _MONEY               # regex for the figure (group 1 number)
    not_before: str = ""               # regex: the clause text before the label must not match
    budget_ok: bool = False            # may the sentence talk about 预算? (budget slots)


RULES: tuple[Rule, ...] = (
    Rule("expenditure.total", r"(?:部门决算支出|整体支出规模|(?<!收入)支出合计|(?<!收入)支出总计|决算支出|总支出|部门整体支出)", not_before=r"年初预算"),
    # 部门决算 wording: '2023年度支出决算1234.56万元' (not a part's: 基本支出决算, a 三公 sentence's 支出决算)
    Rule("expenditure.total", r"(?<![\u4e00-\u9fff])(?:(?:19|20)\d{2}年度?|本年度?|全年|部门|单位)?支出决算(?:数|总额)?",
         budget_ok=True, not_before=r"预算|三公|接待|公务用车|出国|基本支出|项目支出|经费"),
    Rule("expenditure.basic", r"基本支出(?:决算(?:数)?)?", not_before=r"预算|较上年|项目"),
    Rule("expenditure.personnel", r"人员经费(?:支出)?(?:决算(?:数)?)?|(?<![^\s，,：:；;（(其中])人员支出", not_before=r"预算"),
    Rule("expenditure.public", r"公用经费(?:支出)?(?:决算(?:数)?)?", not_before=r"预算|压减|较"),
    Rule("expenditure.project", r"(?<!部门)(?<!公共)(?<!本级)项目支出(?:决算(?:数)?)?", not_before=r"预算|较"),
    Rule("funding.total.initial_budget", r"年初(?:财政|部门)?预算(?:安排(?:资金)?|收入|批复数|批复|数|资金|总额)?", budget_ok=True,
         not_before=r"基本支出|项目支出|公用|三公|接待|项目|专项|采购"),
    Rule("funding.total.full_year_budget", r"(?:全年预算数|全年可执行预算|调整后预算数?|年中调整预算为?|全年预算(?:调整为|总额)?|全年应执行数"
         r"|(?:本年度?|年度)预算(?:资金|总额)|预算调整为)",
         budget_ok=True,
         not_before=r"基本支出|项目支出|公用|三公|项目|专项|采购"),
    Rule("funding.total.executed", r"(?:预算执行数|全年执行数|决算收入|全年支出数|(?<=[，,])\s*执行数)", budget_ok=True,
         not_before=r"基本支出|项目支出|公用|三公|项目|专项|采购"),
    Rule("funding.total.execution_rate", r"(?:预算执行率|预算完成率|(?<!规定)(?<!标准)(?<!制度)(?<!政策)执行率|完成预算的)", figure=rf"({_FIG})\s*(%|％)", budget_ok=True,
         not_before=r"采购|项目|资金使用|专项"),
    Rule("evaluation.self_score", r"(?:自评得分|自评分数|自评分|自评总分|自评结果|自评结论|评价结果|评分结果|绩效得分|自评(?:共|合计)?得|自评评分|综合得分|综合评分|评价得分|评价分|绩效评分|总得分|(?<!平均)得分)",
         figure=rf"({_FIG})\s*(分)", budget_ok=True),
    Rule("evaluation.self_score", r"(?:综合评分|综合得分|最终得分|评价得分|总得分|自评总分|自评得分|自评打分)(?:\s*[(（](?:分|满分\s*\d+\s*分)[)）])?",
         figure=rf"({_FIG})\s*(分)?(?=[，,。；;、\s（(]|$|(?![年月日个项人次名家条件处万元亿])[\u4e00-\u9fff])", budget_ok=True),
    Rule("staff.authorized", r"(?:人员编制数|编制人数|编制数|核定编制(?:在职人员|人员|人数)?|编制核定(?:数|人数)?|核定人数|共有编制|现有编制|行政事业编制数|人员编制|编制总数|编制总额|总编制数?|(?<!在)编制内人数)",
         figure=rf"({_FIG}|{_CN_COUNT})\s*(人|名|个)", budget_ok=True),
    Rule("staff.actual", r"(?<!编制)(?:实有在职人数|实有在职人员|实有在编人员|实有人数|实有(?:行政|事业|参公)人员(?![^。；;]*(?:行政|事业|参公|工勤)(?:人员|编制))|在职人数|在岗在编人员|在编在岗(?:人员|人数)?|在编人员|在编人数|实有人员|在职人员|在职职工(?:人数)?"
         r"|在职在编(?:人员|人数)?|在编职工|现有职工|现有在职(?:人员|职工|干部职工)?|实有在编|在岗人数|在岗人员|在职在岗(?:人员|人数)?"
         r"|(?:在职|现有|共有)干部职工(?:人数)?|在职人员总数|编制内实有人数)",
         figure=rf"({_FIG}|{_CN_COUNT})\s*(人|名)", budget_ok=True, not_before=r"离退休"),
    # the bare word right before its figure: 编制15个, 实有7名 (not 行政编制 / 事业编制: a part)
    Rule("staff.authorized", r"(?<![行政事业工勤参公内机关])(?<!编外)编制(?=\s*(?:为|是|：|:)?\s*(?:\d|[一二三四五六七八九十两]))",
         figure=rf"({_FIG}|{_CN_COUNT})\s*(人|名|个(?![\u4e00-\u9fff]))", budget_ok=True),
    Rule("staff.actual", r"(?<![在])实有(?=\s*(?:为|是|：|:)?\s*(?:\d|[一二三四五六七八九十两]))",
         figure=rf"({_FIG}|{_CN_COUNT})\s*(人|名)", budget_ok=True, not_before=r"离退休"),
    # a form's label cell run on with its figure, no unit: 人员编制:11 实有人数:12, 编制人数23实有人数25
    Rule("staff.authorized", r"(?:编制人数|人员编制数?|编制数)",
         figure=r"(\d{1,5})()(?![\d.,%])(?!\s*(?:万|元|个|项|月|日|岁|亿|次|家|户|名|人))(?!年)(?!\s+年(?!度))", budget_ok=True),
    Rule("staff.actual", r"(?:实有人数|在职人数|实有在职人数|实际在职人数)",
         figure=r"(\d{1,5})()(?![\d.,%])(?!\s*(?:万|元|个|项|月|日|岁|亿|次|家|户|名|人))(?!年)(?!\s+年(?!度))", budget_ok=True,
         not_before=r"离退休"),
    # a label that carries its unit: 编制人数（人）：25
    Rule("staff.authorized", r"(?:编制人数|编制数|人员编制|核定编制)\s*[(（](?:人|名)[)）]",
         figure=rf"({_FIG})()(?![\d.%])", budget_ok=True),
    Rule("staff.actual", r"(?:实有人数|在职人数|实有人员|在职人员)\s*[(（](?:人|名)[)）]",
         figure=rf"({_FIG})()(?![\d.%])", budget_ok=True),
)

# each rule's label, filler and figure as one pattern, compiled once (they run over every sentence)
_RULE_PATTERNS = tuple(re.compile(rf"({rule.label}){_FILL}{rule.figure}") for rule in RULES)

_GRADE = re.compile(r"(?:绩效|评价结果|自评结果|绩效结果|自评结论|评价结论|总体评价|综合评价|整体评价|等级|等次|级别|评级|评定为|评为|(?<=分)[，,]?\s*评价为)(?:评定|认定)?\s*(?:为|是|：|:)?\s*[“\"「]?(优秀|良好|优|良|中|差)[”\"」]?"
                    r"|[“\"「](优秀|良好|优|良|中|差)[”\"」]\s*(?:等级|等次|档次|档)|(?:属于|为|是|属)(优秀|良好|优|良)(?:等级|等次|档次|档)"
                    r"|\d分\s*[（(]\s*(优秀|良好|优|良)\s*[)）]")


_FUND_SOURCE = re.compile(r"一般公共预算")
_FALLBACK_SLOTS = ("expenditure.basic", "expenditure.project")
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff“”\"])[ \u3000]+(?=[\u4e00-\u9fff“”\"])")


_COLON_BREAK = re.compile(r"(?<=[：:])[ \t\u3000]*\n(?=[ \t\u3000]*\d)")


def _without(text: str, *patterns: re.Pattern) -> tuple[str, list[int]]:
    """`text` with what the patterns match in it removed; with, for each character left, its
    offset in `text`."""
    keep = [True] * len(text)
    for pattern in patterns:
        for m in pattern.finditer(text):
            keep[m.start():m.end()] = [False] * (m.end() - m.start())
    offs = [i for i, k in enumerate(keep) if k]
    return "".join(text[i] for i in offs), offs


def _reading(text: str) -> tuple[str, list[int]]:
    """A view's text as sentences are read (full-width digits are digits there already):
    wrapped lines joined, the spaces of a letter-spaced PDF line removed between characters
    ('自 评 得 分' is 自评得分), and the line break after a label's colon ('编制人数：\n25人': a
    label and its figure on the next line); with, for each character, its offset in `text`."""
    flat, offs = join_wrapped(text)
    read, kept = _without(flat, _SPACED, _COLON_BREAK)
    return read, [offs[i] for i in kept]


def sentences(doc: Document) -> Iterator[tuple[Callable[[int], int], str]]:
    """(pos, sentence) over paragraph blocks (or the whole text when there are none), read
    on the report's view (simplified script, no pinyin glosses) with the line breaks that
    wrap a sentence removed ('自评得分\n90分' is one sentence); pos(i) is the offset in
    doc.text of the sentence's character i."""
    v = view(doc)
    spans: list[list[int]] = []
    for blk in doc.blocks:
        if blk.kind != PARAGRAPH:
            continue
        if spans and doc.text[spans[-1][1]:blk.start] == "\n":
            spans[-1][1] = blk.end              # a paragraph line-wrapped into the next one
        else:
            spans.append([blk.start, blk.end])
    for start, end in spans or [(0, len(doc.text))]:
        a, b = bisect_left(v.offsets, start), bisect_left(v.offsets, end)
        flat, offs = _reading(v.text[a:b])
        for m in re.finditer(r"[^。；;\n]+[。；;]?", flat):
            yield (lambda i, k=m.start(), a=a, offs=offs: v.pos(a + offs[k + i])), m.group()


def _clauses(sentence: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[^，,]+[，,]?", sentence)]


_TOTAL_WITH_PARTS = re.compile(rf"支出[^，,。；;\d]{{0,8}}?{_FILL}{_MONEY}(?:[，,]?\s*其中|\s*[（(]\s*(?=基本支出))")


# --- a funding figure and its 其中 parts (财政拨款 / 上年结转 / 其他资金) in a sentence ------------------
_FP_TOTAL = re.compile(r"(年初预算(?:数|资金)?|全年预算(?:数|资金)?|调整后预算(?:数)?|(?<![\u4e00-\u9fff])预算数|年度资金总额|(?<!年度)资金总额"
                       r"|全年执行数|(?<![\u4e00-\u9fff])执行数|(?:部门)?预算收入(?:总额|合计|总计)?)"
                       r"\s*(?:为|是|共|合计|共计)?\s*[:：]?\s*" + _MONEY)
_FP_PART = re.compile(r"[，,、；;。]?\s*(?:其中\s*[:：，,]?\s*)?((?:当年|本年)?(?:(?:一般)?公共预算)?财政(?:经费)?拨款(?:资金|收入)?|上年结转(?:资金)?|其他资金)"
                      r"\s*(?:为|是)?\s*[:：]?\s*" + _MONEY)
_FP_KEY = (("上年结转", "carryover"), ("其他资金", "other"), ("拨款", "fiscal"))


def _funding_parts(doc: Document, ex: Extraction, sent: str, pos, fiscal_year: Optional[int], kind: str) -> None:
    """'全年预算数1300万元，其中：财政拨款1100万元，上年结转200万元': the form's funding rows stated in
    a sentence — the total in its column (年初 → initial_budget, 全年/调整后 → full_year_budget, a bare
    资金总额 → the declaration's initial or the evaluation's full-year budget) and each named part in the
    same column, where the parts add up to the total (the arithmetic is the evidence). Only empty slots."""
    for m in _FP_TOTAL.finditer(sent):
        clause = re.split(r"[，,；;。]", sent[:m.start()])[-1]
        if re.search(r"基本支出|项目支出|公用|人员|三公|专项|中央|省级|市级|县级", clause) or _other_year(sent[:m.start()], fiscal_year):
            continue
        rest = sent[m.end():]
        if not re.match(r"\s*[，,、：:（(。]?\s*其中", rest):
            continue
        parts, at = [], m.end()
        while True:
            pm = _FP_PART.match(sent, at)
            if not pm:
                break
            parts.append(pm)
            at = pm.end()
        if not parts:
            continue
        label = m.group(1)
        col = ("executed" if "执行" in label else "initial_budget" if "年初" in label or "收入" in label
               else "full_year_budget" if re.search(r"全年|调整|预算数", label)
               else "initial_budget" if kind == "target_declaration" else "full_year_budget")
        if col == "executed" and kind == "target_declaration":
            continue                                  # a declaration states no spending
        total = parse_value(sent[m.start(2):m.end(3)], allow_text=False)
        vals = [parse_value(sent[pm.start(2):pm.end(3)], allow_text=False) for pm in parts]
        if not total.is_number or not all(v.is_number for v in vals):
            continue
        if abs(sum(Decimal(str(v.value)) for v in vals) - Decimal(str(total.value))) > Decimal("0.011"):
            continue                                  # the parts must add up to the total
        keys = [next(k for w, k in _FP_KEY if w in pm.group(1)) for pm in parts]
        if len(set(keys)) != len(keys):
            continue
        found = [(f"funding.total.{col}", m, total)] + [(f"funding.{k}.{col}", pm, v) for k, pm, v in zip(keys, parts, vals)]
        if any(ex.field(slot) is not None and not same_number(ex.field(slot).value, v) for slot, _, v in found):
            continue                                  # a table or a sentence read other figures: theirs stand
        for slot, mm, v in found:
            if ex.field(slot) is None:
                add_field(ex, doc, slot, v, pos(mm.start(2)), pos(mm.end(3) - 1) + 1, "text", "funding_parts")
        # and on: '年初预算数…，其中：…；全年预算数…，其中：…' states each column's parts in turn


def _spending_with_parts(doc: Document, ex: Extraction, sent: str, pos, fiscal_year: Optional[int]) -> None:
    """'全年支出1000万元，其中：基本支出700万元，项目支出300万元': a spending figure whose 其中 list
    names 基本支出 and 项目支出 adding up to it is the department's expenditure.total."""
    if ex.field("expenditure.total") is not None or "预算" in sent:
        return
    for m in _TOTAL_WITH_PARTS.finditer(sent):
        if _other_year(sent[:m.start()], fiscal_year):
            continue
        rest = sent[m.end():]
        parts = [re.search(rf"{w}\s*{_FILL}{_MONEY}", rest) for w in ("基本支出", "项目支出")]
        if not all(parts):
            continue
        total = parse_value(sent[m.start(1):m.end(2)], allow_text=False)
        a, b = (parse_value(p.group(1) + p.group(2), allow_text=False) for p in parts)
        if not (total.is_number and a.is_number and b.is_number) or abs(float(a.value) + float(b.value) - float(total.value)) > 0.011:
            continue
        start, end = pos(m.start(1)), pos(m.end(2) - 1) + 1
        add_field(ex, doc, "expenditure.total", parse_value(strip_pinyin(doc.text[start:end]), allow_text=False),
                  start, end, "text", "spending_with_parts")
        return


_BUDGET_SPENDING = re.compile(rf"预算支出[^，,。；;\d]{{0,4}}?{_FILL}{_MONEY}\s*[。，,；;]?\s*(?:其中|[（(]\s*(?=基本支出))")


def _budgeted_spending(doc: Document, ex: Extraction, flat: str, offs, v, fiscal_year: Optional[int]) -> None:
    """'2023年部门预算支出为1000万元。其中，基本支出700万元，项目支出300万元': where no reader found the
    department's spending otherwise (a 部门预算, whose 支出 are budgets, or a report that states its
    spending only as budgeted, as the basic/project fallback takes it), the budgeted spending is
    expenditure.total — where the 基本支出 and 项目支出 of its 其中 list, in this sentence or the
    next, add up to it."""
    if ex.field("expenditure.total") is not None:
        return
    for m in _BUDGET_SPENDING.finditer(flat):
        if _other_year(flat[max(0, m.start() - 20):m.start()], fiscal_year):
            continue
        rest = flat[m.end():m.end() + 120]
        rest = rest[:rest.find("。") + 1 or None]
        parts = [re.search(rf"{w}\s*{_FILL}{_MONEY}", rest) for w in ("基本支出", "项目支出")]
        if not all(parts):
            continue
        total = parse_value(m.group(1) + m.group(2), allow_text=False)
        a, b = (parse_value(p.group(1) + p.group(2), allow_text=False) for p in parts)
        if not (total.is_number and a.is_number and b.is_number) or abs(float(a.value) + float(b.value) - float(total.value)) > 0.011:
            continue
        start, end = v.pos(offs[m.start(1)]), v.pos(offs[m.end(2) - 1]) + 1
        add_field(ex, doc, "expenditure.total", parse_value(strip_pinyin(doc.text[start:end]), allow_text=False),
                  start, end, "text", "budgeted_spending")
        return


def _other_year(prefix: str, fiscal_year: Optional[int]) -> bool:
    years = re.findall(r"((?:19|20)\d{2})\s*年", prefix[-14:])
    if "上年" in prefix[-8:] or "去年" in prefix[-8:]:
        return True
    return bool(fiscal_year and years and int(years[-1]) != fiscal_year)


_LISTED_PART = re.compile(r"[二三四五六七八九十]是")     # a later item of a sentence listing items: …，二是…
_SECTION_MARK = re.compile(r"(?<![第统唯])[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,2}[)）]|(?<![\d.])\d{1,2}[、．.](?![\d%])|[ \t\u3000]{2,}")
CONTEXT = 60            # characters of a sentence before a funding figure that may name whose figure it is


def _context(prefix: str) -> str:
    """What a funding figure's sentence says before it about whose figure it is: the sentence
    from its last section mark (一、 (二) 3.) or cell gap (a run of spaces) on, and no more than
    CONTEXT characters — a text whose lines ran together (a PDF copied as one line, headings
    without a stop) is one long 'sentence', and a 项目支出 in the title far before is not this
    figure's subject."""
    cut = 0
    for m in _SECTION_MARK.finditer(prefix):
        cut = m.start()
    return prefix[max(cut, len(prefix) - CONTEXT):]


def _figure_span(pos, m: re.Match) -> tuple[int, int]:
    """Where a rule's figure (group 2) and its unit (group 3, when printed) stand in doc.text."""
    return pos(m.start(2)), pos((m.end(3) if m.group(3) else m.end(2)) - 1) + 1


def extract(doc: Document, ex: Extraction) -> None:
    fiscal_year = doc.meta.get("fiscal_year")
    kind = doc.meta.get("kind") or ""
    doc_mode = "budget" if kind == "target_declaration" or budget_document(doc) else None
    fallback: dict = {}
    sents = list(sentences(doc))                     # read again by _staff_pair
    for pos, sent in sents:
        budget_sentence = bool(re.search(r"预算", sent))
        indicator_line = bool(re.search(r"目标值|指标值|完成值", sent))
        one_of_several = bool(re.match(r"\s*项目[一二三四五六七八九十\d]+\s*[:：]", sent))
        for rule, pattern in zip(RULES, _RULE_PATTERNS):
            if rule.slot == "evaluation.self_score" and indicator_line:
                continue                        # '…实际完成值≥90%,自评得分20分': one indicator's score
            if rule.slot.startswith("funding.total") and one_of_several:
                continue                        # '项目一:…完成预算的100%': one project's, not the report's
            if rule.slot == "expenditure.total" and kind.startswith("project"):
                continue                        # a project's 实际总支出 is what its funds executed, not a department's total
            for m in pattern.finditer(sent):
                prefix = sent[:m.start()]
                clause_prefix = re.split(r"[，,]", prefix)[-1]
                not_before = rule.not_before
                if kind.startswith("project") and rule.slot.startswith("funding.total") and not_before:
                    # in a project's report the project is the whole: 该项目年初预算, 项目资金执行率
                    not_before = "|".join(w for w in not_before.split("|") if w not in ("项目", "专项", "资金使用"))
                near = _context(prefix) if rule.slot.startswith("funding.") else prefix
                if rule.slot.startswith("funding.") and _LISTED_PART.search(prefix):
                    continue                    # '…一是…，二是…合计3624.71万元，…预算完成率100%': one item's
                where = near if rule.budget_ok else clause_prefix + _subject(prefix)
                where = _FUND_SOURCE.sub("", where)  # 一般公共预算财政拨款基本支出: a source of funds, not a budget
                budget_part = rule.slot in _FALLBACK_SLOTS and re.search(r"预算", where) and not _other_year(prefix, fiscal_year)
                if not_before and re.search(not_before, where):
                    rest = "|".join(w for w in not_before.split("|") if w != "预算")
                    if budget_part and not (rest and re.search(rest, where)):
                        fallback.setdefault(rule.slot, (pos, m))
                    continue
                if not rule.budget_ok and budget_sentence and re.search(r"预算", _FUND_SOURCE.sub("", _subject(prefix) + clause_prefix)) \
                        and kind != "target_declaration":
                    if budget_part:
                        fallback.setdefault(rule.slot, (pos, m))
                    continue
                if _other_year(prefix, fiscal_year):
                    continue
                if re.search(_THREE_PUBLIC_WORDS, near if rule.slot.startswith("funding.") else clause_prefix) \
                        and rule.slot.split(".")[0] in ("funding", "expenditure"):
                    continue                    # '三公经费支出合计2.5万元', '…支出决算为4.9万元，完成预算的96%': 三公's
                if rule.slot.startswith("staff.") and open_bracket(prefix):
                    continue                    # '局本级187人(在职在编139人、…': a sub-unit's count
                start, end = _figure_span(pos, m)
                raw = strip_pinyin(doc.text[start:end])
                value = parse_value(raw, allow_text=False)
                if not value.is_number:
                    continue
                add_field(ex, doc, rule.slot, value, start, end, "text", "sentence")
        m = _GRADE.search(sent)
        if m and kind.startswith("dept") and re.search(r"\d+\s*个(?:预算|专项)?项目", sent[:m.start()]):
            m = None                                 # '有14个预算项目…自评等级为“优”': the projects' grade
        if m and re.match(r"[”\"」]?\s*的?(?:项目|单位)", sent[m.end():]):
            m = None                                 # '绩效评级为“优”的项目4个': a count of projects by grade
        if m and ex.field("evaluation.grade") is None and re.search(r"自评|评价|绩效", sent):
            g = next(i for i in (1, 2, 3, 4) if m.group(i))
            grade = m.group(g)                       # as written: 优秀 stays 优秀
            add_field(ex, doc, "evaluation.grade", Value.text(grade), pos(m.start(g)), pos(m.end(g) - 1) + 1,
                      "text", "sentence")
    for slot, (pos, m) in fallback.items():
        # '部门预算总金额803.74万元，其中：基本支出757.49万元，项目支出46.25万元' and no 决算 statement of
        # them anywhere: the report states its basic / project spending only as budgeted, and that is it
        if ex.field(slot) is None:
            start, end = _figure_span(pos, m)
            value = parse_value(strip_pinyin(doc.text[start:end]), allow_text=False)
            if value.is_number:
                add_field(ex, doc, slot, value, start, end, "text", "budget_sentence")
    # 三公 sentences over the text with wrapped lines joined: a PDF breaks '支出决\n算为0.39万元'
    v = view(doc)
    flat, offs = _reading(v.text)
    carry = None                                    # the mode of a 三公 total whose 其中 list goes on
    prev = None
    for m in re.finditer(r"[^。\n]+。?", flat):      # a 其中 list goes on over '；'
        pos = lambda i, b=m.start(): v.pos(offs[b + i])      # the sentence's offsets in doc.text
        sent = m.group()
        if prev is not None and prev.group().endswith("。") and re.match(r"\s*其中", sent) \
                and not re.search(_THREE_PUBLIC_WORDS, prev.group() + sent):
            # '…预算收入100万元。其中，一般公共预算财政拨款100万元': the total's 其中 list after its full stop
            _funding_parts(doc, ex, flat[prev.start():m.end()], lambda i, b=prev.start(): v.pos(offs[b + i]),
                           fiscal_year, kind)
        prev = m
        if re.fullmatch(r"\s*其中\s*[:：]?\s*", sent):
            continue                                # '其中：' on its own line: the list follows
        listed = carry if re.match(r"\s*(?:其中|\d+\s*[.、．]|[（(]\d+[)）]|[一二三四五六七八九]\s*[是、])", sent) else None
        if re.search(_THREE_PUBLIC_WORDS, sent):       # a 三公 sentence gives no funding or spending slot
            carry = _three_public(doc, ex, sent, pos, fiscal_year, doc_mode or listed)
        else:
            carry = None
            _funding_parts(doc, ex, sent, pos, fiscal_year, kind)
            _spending_with_parts(doc, ex, sent, pos, fiscal_year)
    if not kind.startswith("project"):                 # a department's declaration states its staff too
        cells = _cell_text(v)                          # 人員編制 in traditional script reads as 人员编制
        _staff_pair(doc, ex, fiscal_year, sents)
        _label_grid(doc, ex, fiscal_year, cells)       # before the one-label-one-figure readers: '编制人数\n实有人数\n25\n23'
        _staff_cells(doc, ex, cells)
        _staff_label_line(doc, ex, fiscal_year)
    if not kind.startswith("project") and kind != "target_declaration":
        _final_accounts(doc, ex, fiscal_year)
        _basic_data_table(doc, ex)
        _three_public_cells(doc, ex, fiscal_year)
    if not kind.startswith("project"):
        _budgeted_spending(doc, ex, flat, offs, v, fiscal_year)   # after every reader of the spent figures
    if kind != "target_declaration":
        _evaluation_cells(doc, ex)
    if kind.startswith("project") or kind == "target_declaration":
        _project_funding(doc, ex, kind, fiscal_year)
    if kind != "target_declaration" and kind != "other":
        _rate_arithmetic(doc, ex, fiscal_year)
    prose_indicators.extract(doc, ex)


_STAFF_CELL = re.compile(rf"^[ \t\u3000]*(?:\d{{4}}年)?(?:年末)?({STAFF_AUTHORIZED}|{STAFF_ACTUAL})[ \t\u3000]*"
                         r"(?:[（(]人[)）])?[ \t\u3000]*\n(?:[ \t\u3000]*\n){0,2}[ \t\u3000]*(\d{1,5})[ \t\u3000]*(?:人|名)?[ \t\u3000]*$", re.M)


def _cell_text(v) -> tuple[str, Callable[[int], int]]:
    """The view's text with a cell's letter-spacing removed ('编制    人数' is 编制人数: a DOCX cell
    padded to its width) and the pipes that open a line ('| 23') made spaces; lines stay lines.
    With pos(i): the offset in doc.text of character i."""
    text, offs = _without(v.text, _SPACED)
    text = re.sub(r"(?m)^[ \t\u3000]*\|", lambda m: " " * len(m.group()), text)
    return text, lambda i: v.pos(offs[i])


_PAIR_AUTH = re.compile(r"(?:核定|共有|现有)?(?:人员)?(?:(行政|事业|参公)?编制)(?:数|人数|总数)?\s*(?:为|是|共)?\s*[：:]?\s*"
                        r"(\d{1,5}|[一二三四五六七八九十两][一二三四五六七八九十百零〇两]{0,5})\s*(?:人|名|个(?![\u4e00-\u9fff]))")
_PAIR_ACTUAL = re.compile(r"(?:现有|实有|在职|在岗|在编|实际在岗|实际在职|实际在编)(?:在职|在编|在岗)?(?:干部职工|干部|职工|人员)?(?:人数)?"
                          r"\s*(?:为|是|共)?\s*[：:]?\s*(\d{1,5}|[一二三四五六七八九十两][一二三四五六七八九十百零〇两]{0,5})\s*(?:人|名)")


def _staff_pair(doc: Document, ex: Extraction, fiscal_year: Optional[int], sents: list) -> None:
    """A sentence that states the unit's 编制 and then its head-count in loose words ('人员编制25名，
    现有人员23名', '编制25人，在职23人', '单位核定编制数25人，实际在岗23人'): the head-count after the
    编制 figure is staff.actual. Retired, temporary and 编外 staff are not the head-count.
    `sents`: the report's sentences(doc)."""
    for pos, sent in sents:
        if "编制" not in sent:
            continue
        auths = list(_PAIR_AUTH.finditer(sent))
        if not auths or ex.field("staff.actual") is not None:
            continue
        for m in _PAIR_ACTUAL.finditer(sent, auths[0].end()):
            clause = re.split(r"[，,；;。]", sent[:m.start()])[-1]
            if re.search(r"退休|临聘|编外|聘用|其中|离休", clause) or open_bracket(sent[:m.start()]):
                continue
            if _other_year(sent[:m.start()], fiscal_year):
                continue
            start, end = pos(m.start(1)), pos(m.end(1) - 1) + 1
            add_field(ex, doc, "staff.actual", parse_value(doc.text[start:end]), start, end, "text", "staff_pair")
            break


def _open_to_cell(ex: Extraction, slot: str) -> bool:
    """A form's cell may fill the slot: it is empty, or only a sentence stated it (the form's own
    cell is what the gold takes when a sentence elsewhere disagrees, as a table does)."""
    f = ex.field(slot)
    return f is None or (f.evidence == "text" and f.source == "sentence")


def _staff_cells(doc: Document, ex: Extraction, cells: tuple[str, Callable[[int], int]]) -> None:
    """A form flattened one cell per line: '人员编制' on one line, '21' on the next (`cells`: the
    view's _cell_text)."""
    text, pos = cells
    for m in _STAFF_CELL.finditer(text):
        slot = "staff.actual" if re.search(r"实有|在职", m.group(1)) else "staff.authorized"
        if _open_to_cell(ex, slot):
            start, end = pos(m.start(2)), pos(m.end(2) - 1) + 1
            add_field(ex, doc, slot, parse_value(doc.text[start:end]), start, end, "table", "label_cell")


# a form's foot or head cell and the cell after it, however the grid was flattened (tab, pipe, line,
# a run of spaces): '自评得分 | 95.5 | 自评等级 | 优', '评价等级\n优秀'
_CELL_SEP = r"(?:[ \t\u3000]*[|\t\n][ \t\u3000|\t\n]*|[ \t\u3000]{2,}|[ \t\u3000]*[：:][ \t\u3000]*\n?[ \t\u3000]*)"
_CELL_START = r"(?:^|(?<=[|\t\n])|(?<=[ \u3000]{2}))[ \t\u3000]*"
_SCORE_CELL = re.compile(_CELL_START + r"(?:(?:项目|部门整体支出|整体支出|部门)?(?:绩效)?(?:自评得分|自评总分|自评分数?|综合得分|综合评分|总得分|评价得分|综合自评得分|自评得分合计|自评总得分|自评分值|综合评价得分|评价分数|最终得分|自评结果)"
                         r"(?:[(（]分[)）])?|总分[(（](?:满分)?100分?[)）])" + _CELL_SEP + r"(\d{1,3}(?:\.\d+)?)[ \t\u3000]*分?(?=[ \t\u3000]*(?:[|\t\n]|$)|[ \u3000]{2})", re.M)
_GRADE_CELL = re.compile(_CELL_START + r"(?:自评|评价|绩效|综合)?(?:等级|等次|结论|结果|评定等级|评价等级)" + _CELL_SEP +
                         r"[“\"「]?(优秀|良好|合格|不合格|优|良|中|差)[”\"」]?(?:等级|等次|级)?(?=[ \t\u3000]*(?:[|\t\n]|$)|[ \u3000]{2})", re.M)


# the indicator table's foot: 总分 | 100 | 95.5 — the weights' total, then the score, and no third figure
_TOTAL_ROW = re.compile(r"(?:^|(?<=[\s|]))(?:总分|总计|得分合计)[\s|]+100(?:\.0+)?[\s|]+(\d{1,3}(?:\.\d+)?)(?![\d.%])(?![\s|]*\d)")


def _evaluation_cells(doc: Document, ex: Extraction) -> None:
    """The form's own total and grade as label and value cells (自评得分 | 95.5, 自评等级 | 优),
    where no sentence or table stated them; a score above 100 is not a total of 100 points."""
    v = view(doc)
    for pattern, source in ((_SCORE_CELL, "label_cell"), (_TOTAL_ROW, "total_row")):
        m = pattern.search(v.text)
        if m and ex.field("evaluation.self_score") is None:
            value = parse_value(m.group(1), allow_text=False)
            if value.is_number and 0 < value.value <= 100:
                start, end = v.pos(m.start(1)), v.pos(m.end(1) - 1) + 1
                add_field(ex, doc, "evaluation.self_score", value, start, end, "table", source)
    m = _GRADE_CELL.search(v.text)
    if m and ex.field("evaluation.grade") is None:
        start, end = v.pos(m.start(1)), v.pos(m.end(1) - 1) + 1
        add_field(ex, doc, "evaluation.grade", Value.text(m.group(1)), start, end, "table", "label_cell")


_STAFF_LABEL = re.compile(rf"^(?:((?:19|20)\d{{2}})年)?(?:年末)?(?:({STAFF_AUTHORIZED})|({STAFF_ACTUAL}))(?:[(（]人[)）])?$")


def _staff_label_line(doc: Document, ex: Extraction, fiscal_year: Optional[int]) -> None:
    """A form flattened one row per line, its cells apart by spaces: '财政供养人员情况 编制数
    2023年实际在职人数 控制率' over '45 42 93.33%' — the figures under the labels, from the right."""
    lines = list(re.finditer(r"[^\n]+", doc.text))
    for a, b in zip(lines, lines[1:]):
        labels = re.split(r"[ \t\u3000|]+", a.group().strip(" \t\u3000|"))
        figs = list(re.finditer(r"[^ \t\u3000|]+", b.group()))
        if not figs or not all(re.fullmatch(r"\d+(?:\.\d+)?(?:%|人|名)?", f.group()) for f in figs):
            continue
        if len(labels) not in (len(figs), len(figs) + 1):
            continue
        for lab, f in zip(labels[len(labels) - len(figs):], figs):
            m = _STAFF_LABEL.match(lab)
            if not m or f.group().endswith("%") or "." in f.group():
                continue
            if m.group(1) and fiscal_year and int(m.group(1)) != fiscal_year:
                continue
            slot = "staff.authorized" if m.group(2) else "staff.actual"
            if ex.field(slot) is None:
                start = b.start() + f.start()
                digits = re.match(r"\d+", f.group()).group()
                add_field(ex, doc, slot, parse_value(digits), start, start + len(digits), "table", "label_line")


# --- 部门整体支出绩效评价基础数据表, flattened one row per line ------------------------------------
_BD_COLS = re.compile(r"((?:19|20)\d{2})\s*年\s*(预算|[决決]算)数?")
_BD_ROWS = ((r"^三公经费", "three_public.total"), (r"^\d?[、.]?\s*公务用车", "three_public.vehicle"),
            (r"^\d?[、.]?\s*出国", "three_public.overseas"), (r"^\d?[、.]?\s*公务接待", "three_public.reception"),
            (r"^项目支出", "expenditure.project"), (r"^公用经费", "expenditure.public"))
_NUMBER = r"(?:0|[1-9]\d*)(?:\.\d+)?"


def _cuts(body: str, parts: int) -> list[list[str]]:
    """Every way to read a run of digits as `parts` numbers (no leading zeros)."""
    if parts == 1:
        return [[body]] if re.fullmatch(_NUMBER, body) else []
    out = []
    for i in range(1, len(body)):
        if re.fullmatch(_NUMBER, body[:i]):
            out += [[body[:i]] + rest for rest in _cuts(body[i:], parts - 1)]
    return out


def _basic_data_table(doc: Document, ex: Extraction) -> None:
    """The Hunan 基础数据表 as a mirror flattens it: '经费控制情况 2020年决算数 2021年预算数 2021年决算数'
    then one line per row ('2、出国经费 0 0 0', or run together '000'). The year's 预算数 column is
    the budget, the 决算数 of the same year the actual; figures run together are read only where
    one reading alone exists (000 is 0 | 0 | 0) — and the staff row (编制数 | 实际在职人数 | 控制率,
    '877383.91%') where one cut alone makes 实际在职 ÷ 编制 the printed rate."""
    v = view(doc)
    text = v.text
    at = text.find("经费控制情况")
    staff_at = text.find("财政供养人员")
    if staff_at >= 0:
        _staff_glued(doc, ex, v, at if at > staff_at else min(len(text), staff_at + 200))
    if at < 0:
        return
    first_row = re.search(r"三公", text[at:at + 200])
    head = text[at:at + (first_row.start() if first_row else text.find("\n", at) - at)]
    cols = _BD_COLS.findall(head)
    if len(cols) < 2:
        return
    years = [int(y) for y, _ in cols]
    budget_i = next((i for i, (y, k) in enumerate(cols) if k == "预算" and int(y) == max(years)), None)
    actual_i = next((i for i, (y, k) in enumerate(cols) if k != "预算" and int(y) == max(years)), None)
    body_at = at + len(head)
    stop = re.search(r"楼堂馆所|厉行节约|说明[:：]", text[body_at:body_at + 1500])
    body_end = body_at + (stop.start() if stop else 1500)
    # rows one after another, on their own lines or run on: a label, then its figures
    for m in re.finditer(r"((?:\d[、.．])?[^\d\n]*?[\u4e00-\u9fff)）:：])[ \t\u3000]*((?:\d+(?:\.\d+)*(?![\d、．])[ \t\u3000]*)+)",
                         text[body_at:body_end]):
        if re.match(r"\s*其中", m.group(1)):
            continue
        slot = next((sl for pat, sl in _BD_ROWS if re.search(pat, m.group(1).strip())), None)
        if slot is None:
            continue
        start = body_at + m.start(2)
        figs = m.group(2).split()
        offs = [start + f.start() for f in re.finditer(r"\S+", m.group(2))]
        if len(figs) == 1 and len(cols) > 1:
            cuts = _cuts(figs[0], len(cols))
            if len(cuts) != 1:
                continue                        # '3.816343.7640': more than one reading, none is taken
            figs = cuts[0]
            offs = [offs[0] + sum(len(f) for f in figs[:k]) for k in range(len(figs))]
        if len(figs) != len(cols):
            continue
        for i, md in ((budget_i, "budget"), (actual_i, "actual")):
            if i is None or (slot.startswith("expenditure") and md == "budget"):
                continue
            name = f"{slot}.{md}" if slot.startswith("three_public") else slot
            a, b = v.pos(offs[i]), v.pos(offs[i] + len(figs[i]) - 1) + 1
            add_field(ex, doc, name, parse_value(doc.text[a:b], default_unit="万元", allow_text=False), a, b,
                      "table", "basic_data_row")


_TP_COL = re.compile(r"^(?:((?:19|20)\d{2})年度?)?(?:年初|全年|本年)?(预算|[决決]算|实际|执行)(?:数|支出|金额|发生数)?(?:[(（]万元[)）])?$")
_TP_ROW = THREE_PUBLIC_ROWS


def _three_public_cells(doc: Document, ex: Extraction, fiscal_year: Optional[int]) -> None:
    """A 三公 table flattened one cell per line: the column cells (预算数 / 决算数, a year before
    them), then each part's label and its figures in the columns' order."""
    v = view(doc)
    cells = [(m.start(), re.sub(r"\s+", "", m.group())) for m in re.finditer(r"[^\n]+", v.text) if m.group().strip()]
    _three_public_in_cells(doc, ex, v, cells, fiscal_year)
    # the same table run on into lines of cells apart by spaces or pipes ('项目 预算数 决算数 合计 5.00 4.20 …')
    tokens = [(m.start(), m.group()) for m in re.finditer(r"[^\s|]+", v.text)]
    _three_public_in_cells(doc, ex, v, tokens, fiscal_year)


def _three_public_in_cells(doc: Document, ex: Extraction, v, cells: list, fiscal_year: Optional[int]) -> None:
    i = 0
    while i < len(cells):
        j = i
        cols = []
        while j < len(cells) and (col := _TP_COL.match(cells[j][1])):
            y, k = col.groups()
            mode = "budget" if k == "预算" else "actual"
            cols.append(mode if not (y and fiscal_year and int(y) != fiscal_year) else None)
            j += 1
        if len(cols) < 2 or {"budget", "actual"} - set(cols) or not any(
                re.search(r"三公|接待|公务用车|出国", c[1]) for c in cells[max(0, i - 2):j + 2]):
            i = max(j, i + 1)
            continue
        k = j
        while k < len(cells):
            part = next((p for pat, p in _TP_ROW if re.search(pat, cells[k][1])), None)
            figs = cells[k + 1:k + 1 + len(cols)]
            if part is None or len(figs) < len(cols) or not all(re.fullmatch(r"-?\d+(?:\.\d+)?", f[1]) for f in figs):
                break
            for mode, (off, text) in zip(cols, figs):
                if mode is None:
                    continue
                at = v.text.index(text[0], off)
                start, end = v.pos(at), v.pos(at + len(text) - 1) + 1
                add_field(ex, doc, f"three_public.{part}.{mode}",
                          parse_value(doc.text[start:end], default_unit="万元", allow_text=False), start, end,
                          "table", "three_public_cells")
            k += 1 + len(cols)
        i = k


# --- a row of labels over a row of figures (or label cells, then as many figure cells) --------------
_GRID_STAFF = re.compile(rf"^(?:((?:19|20)\d{{2}})年)?(?:年末|年底)?(?:({STAFF_AUTHORIZED})|({STAFF_ACTUAL}))(?:[(（](?:人|名)[)）])?$")
_GRID_TP_PART = THREE_PUBLIC_PARTS
_GRID_TP = re.compile(r"^(?:((?:19|20)\d{2})年度?)?(?:(?:全年|本年|年初)?[“\"]?三公[”\"]?经费|公务接待费?|公务用车(?:购置及)?运行(?:维护|维修)?费|"
                      r"公务用车购置费?|因公出国[(（]境[)）]费?|因公出国费?)(?:年初|全年|本年)?(预算|决算|实际支出|支出|执行)(?:数|金额|额)?"
                      r"(?:[(（]万元[)）])?$")


def _grid_slot(label: str, fiscal_year: Optional[int]) -> Optional[str]:
    label = re.sub(r"\s+", "", label)
    staff = _GRID_STAFF.match(label)
    m = staff or (_GRID_TP.match(label) if "购置费" not in label else None)
    if m is None or (m.group(1) and fiscal_year and int(m.group(1)) != fiscal_year):
        return None                                 # no slot's label, or another year's
    if staff:
        return "staff.authorized" if m.group(2) else "staff.actual"
    part = next(p for pat, p in _GRID_TP_PART if re.search(pat, label))
    return f"three_public.{part}.{'budget' if m.group(2) == '预算' else 'actual'}"


def _label_grid(doc: Document, ex: Extraction, fiscal_year: Optional[int],
                cells: tuple[str, Callable[[int], int]]) -> None:
    """'编制人数 | 实有人数' over '25 | 23', '“三公”经费预算数 | “三公”经费决算数' over '5.00 | 4.20', or the
    same flattened one cell per line (the label cells, then as many figure cells): each figure is
    the slot its label names, in order. Every label of the row must name a slot (a row with an
    unknown column is another table), and the figures must be as many as the labels. `cells`: the
    view's _cell_text."""
    v = view(doc)
    # the text as printed (cells apart by runs of spaces), then with a padded cell's spacing removed
    for text, pos in ((v.text, v.pos), cells):
        _label_grid_in(doc, ex, fiscal_year, text, pos)


def _label_grid_in(doc: Document, ex: Extraction, fiscal_year: Optional[int], text: str, pos) -> None:
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip(" \t\u3000|")]
    fig = re.compile(r"\d+(?:\.\d+)?")
    # each line's cells: (offset, text)
    rows = [[(at + m.start(), m.group()) for m in re.finditer(r"[^ \t\u3000|]+", line)] for at, line in lines]

    def take(labels: list[str], figs: list[tuple[int, str]]) -> None:  # noqa: C901
        slots = [_grid_slot(lab, fiscal_year) for lab in labels]
        if not all(slots) or len(set(slots)) != len(slots):
            return
        for slot, (off, raw) in zip(slots, figs):
            old = ex.field(slot)
            # a label | value reading of a grid takes the next label's figure (实有人数 | 25 in
            # '编制数 实有人数 25 23'): the grid's reading replaces it, the old one kept beside it
            replaced = old if old is not None and old.source == "label_value" else None
            if not replaced and not _open_to_cell(ex, slot):
                continue
            if slot.startswith("staff.") and "." in raw:
                continue
            start, end = pos(off), pos(off + len(raw) - 1) + 1
            value = parse_value(doc.text[start:end], default_unit="万元" if slot.startswith("three_public") else None,
                                allow_text=False)
            if value.is_number:
                if replaced is not None:
                    if same_number(replaced.value, value):
                        continue
                    ex.fields.remove(replaced)
                new = add_field(ex, doc, slot, value, start, end, "table", "label_grid")
                if replaced is not None:
                    new.others = [replaced] + replaced.others

    i = 0
    while i < len(lines):
        row = rows[i]
        if len(row) >= 2 and i + 1 < len(lines):         # a row of labels over a row of figures
            figs = rows[i + 1]
            if figs and len(figs) == len(row) and all(fig.fullmatch(t) for _, t in figs):
                take([t for _, t in row], figs)
        if len(row) >= 4:                                  # run on: 'label label … fig fig …' in one line
            k = 0
            while k < len(row):
                n = 0
                while k + n < len(row) and _grid_slot(row[k + n][1], fiscal_year):
                    n += 1
                figs = row[k + n:k + 2 * n]
                if n >= 2 and len(figs) == n and all(fig.fullmatch(t) for _, t in figs) and (
                        k + 2 * n == len(row) or not fig.fullmatch(row[k + 2 * n][1])):
                    take([t for _, t in row[k:k + n]], figs)
                    k += 2 * n
                else:
                    k += max(n, 1)
        j = i                                              # label cells, one per line, then their figures
        while j < len(lines) and len(rows[j]) == 1 and _grid_slot(lines[j][1], fiscal_year):
            j += 1
        n = j - i
        if n >= 2 and j + n <= len(lines):
            figs = [c[0] for c in rows[j:j + n] if len(c) == 1]
            if len(figs) == n and all(fig.fullmatch(t) for _, t in figs):
                take([lines[k][1] for k in range(i, j)], figs)
        i = max(j, i + 1)


def _staff_glued(doc: Document, ex: Extraction, v, end: int) -> None:
    at = v.text.rfind("财政供养人员", 0, end)
    if at < 0 or ex.field("staff.authorized") is not None:
        return
    m = re.search(r"(?<![\d.])(\d+(?:[ \t]+\d+){0,2}(?:\.\d+)?)[ \t]*%", v.text[at:end])
    words = v.text[max(0, at - 40):at + m.start()] if m else ""
    if not m or not re.search(r"编制", words) or not re.search(r"在职", words):
        return                                   # the row's own column words: 编制数 | 实际在职人数 | 控制率
    toks = list(re.finditer(r"[\d.]+", m.group(1)))
    if len(toks) == 3:
        readings = [tuple((t.group(), at + m.start(1) + t.start()) for t in toks)]
    elif len(toks) == 1:                         # '877383.91%': 编制 | 在职 | 率 run together
        base = at + m.start(1)
        readings = [((a, base), (b, base + len(a)), (r, base + len(a) + len(b))) for a, b, r in _cuts(toks[0].group(), 3)]
    else:
        return
    good = [rd for rd in readings
            if "." not in rd[0][0] + rd[1][0] and int(rd[0][0]) > 0 and int(rd[1][0]) > 0
            and abs(int(rd[1][0]) / int(rd[0][0]) * 100 - float(rd[2][0])) < 0.006]
    if len(good) != 1:
        return
    for slot, (fig, off) in zip(("staff.authorized", "staff.actual"), good[0][:2]):
        start, stop = v.pos(off), v.pos(off + len(fig) - 1) + 1
        if ex.field(slot) is None:
            add_field(ex, doc, slot, parse_value(doc.text[start:stop], allow_text=False), start, stop,
                      "table", "basic_data_row")


_ACCOUNTS_LINE = re.compile(rf"^[ \t\u3000]*(?:(?:\d+|[一二三四五六七八九十]+)\s*[、.．]|[（(]\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）])?\s*"
                            rf"(?:总支出|支出合计|支出)\s*[:：]\s*{_MONEY}", re.M)


def _final_accounts(doc: Document, ex: Extraction, fiscal_year: Optional[int]) -> None:
    """'2021年部门决算收支完成情况。1、收入:792.22万元… 2、支出:799.12万元。': the 支出 line of a
    决算 收支 list is the department's expenditure (and what it executed)."""
    for m in _ACCOUNTS_LINE.finditer(doc.text):
        before = doc.text[max(0, m.start() - 300):m.start()]
        if "决算" not in before or _other_year(before[-60:], fiscal_year):
            continue
        start, end = m.start(1), m.end(2)
        value = parse_value(doc.text[start:end], allow_text=False)
        if value.is_number:
            add_field(ex, doc, "expenditure.total", value, start, end, "text", "accounts_line")
            if ex.field("funding.total.executed") is None:
                add_field(ex, doc, "funding.total.executed", value, start, end, "text", "accounts_line")
        return


# --- a project's funds in sentences ----------------------------------------------------------
_M = r"([-+]?\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|亿|万)"
_TOTAL_MARK = re.compile(r"共计|合计|总计|总额|总投入|共$|共\s*$")
_ALLOC = re.compile(r"(?:下达|安排|下拨|收到|总投入|投入|给予)[^，。；,;:：]{0,40}?(?:资金|经费|补助|补贴|护理费|款|(?<!公共)预算)"
                    r"(预算)?\s*(?:共计|合计|总计|总额|为|共|计)?\s*" + _M + r"|安排[,，]\s*(?:共计|合计|总计)\s*" + _M +
                    r"|(?:计划投资|总投资|下达预算)(?:额|资金)?\s*(?:为|共计|共)?\s*" + _M)
_USED = re.compile(r"(?:实际使用|已使用)[^，。；,;\d]{0,12}?(?:资金|经费)\s*(?:共计|合计|为|共)?\s*" + _M)
_ALLOC_TOTAL = re.compile(r"[,，]\s*(?:共计|合计|总计)\s*(?:下达|安排|拨付|投入)?\s*(?:资金)?\s*" + _M)
_SPENT = re.compile(r"(?:(?<!基本)(?<!项目)(?<!人员)(?<!公用)(?<!三公)(?<!转移)(?:实际支出|已使用|已支出|支付|发放(?:补助|补贴|奖补)?(?:资金|经费)|支出)"
                    r"|执行金额)"
                    r"\s*(?:资金)?\s*(?:共计|合计|总计|为|共|了)?\s*" + _M)
_ALL_DONE = re.compile(r"(?:资金|经费)\s*" + _M + r"\s*(?:已)?全部(?:执行|支出|使用)(?:到位|完毕)?")


_BY_DOCUMENT = re.compile(r"〔\s*\d{4}\s*〕|\d{4}\s*〕|\d+\s*号\s*[)）]|号文|文件")
_PART_BESIDE = re.compile(r"(?:上年|上年度|以前年度)(?:结转|结余)[^，,。；;\d]{0,10}?\d[\d.,]*\s*(?:万元|元)|结转结余[^，,。；;\d]{0,8}?\d")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*年?\s*(?:至|到|[-—~－–])\s*(?:19|20)\d{2}\s*年")


# a sum of the year's money stated with its parts: '…资金总计100万元，其中中央资金60万元，省级资金40万元',
# '年度预算资金总额）：100 其中：中央补助 60 市级资金 40' — the parts adding up to it are the evidence
_SUM_TOTAL = re.compile(r"(?:资金|经费|预算)[^，,。；;:：\d]{0,4}?(?:总计|合计|共计|总额|共)\s*[)）]?\s*(?:为|是)?\s*[:：]?\s*"
                        r"([-+]?\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|亿|万|)(?=\s*[，,（(：:]?\s*其中)")
_SUM_PART = re.compile(r"[\s，,、；;：:]*([^，,、；;。\d\s]{1,20}?)[\s:：]*(?:为|是)?\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|亿|万)?"
                       r"(?![\d.%％])")


# an allocation with its carryover part in brackets: '预算计划安排120万元（含上年度结转20万元）'
_WITH_CARRYOVER = re.compile(r"(?:安排|下达|预算|资金)[^，,。；;\d（(]{0,6}?\s*" + r"([-+]?\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|亿|万)"
                             r"\s*[（(]\s*(?:含|其中[:：]?|包括)\s*(?:上年度?|以前年度)?结转(?:结余)?(?:资金)?\s*(?:为|是)?\s*"
                             r"([-+]?\d[\d,]*(?:\.\d+)?)\s*(万元|亿元|元|亿|万)\s*[)）]")


def _listed_parts(flat: str, at: int, total: Decimal, unit: str) -> Optional[list]:
    """The list of labelled amounts starting at `at` (each a label and an amount; no unit: `unit`) up
    to the first two or more that add up to `total`: [(label, Value, start, end)], or None."""
    parts = []
    while len(parts) < 8:
        pm = _SUM_PART.match(flat, at)
        if not pm or re.search(r"其中|合计|总计|共计|小计", pm.group(1)):
            return None
        v = parse_value(pm.group(2) + (pm.group(3) or unit), allow_text=False)
        if not v.is_number:
            return None
        parts.append((pm.group(1), v, pm.start(2), pm.end(3) if pm.group(3) else pm.end(2)))
        at = pm.end()
        if len(parts) >= 2 and abs(sum(Decimal(str(p[1].value)) for p in parts) - total) <= Decimal("0.011"):
            return parts                              # the list may go on past its parts (…，实际支出90万元)
    return None


def _parts_add_up(flat: str, m: re.Match) -> Optional[list]:
    """The 其中 list after a sum (m: figure group 1, unit group 2) when it begins with two or more
    parts, each a label and an amount (no unit: the sum's), that add up to it; None otherwise."""
    unit = m.group(2)
    if not unit and "万元" not in flat[max(0, m.start() - 20):m.start(1)]:
        return None                                   # a bare figure is a sum of money only under a (万元) label
    unit = unit or "万元"
    total = parse_value(m.group(1) + unit, allow_text=False)
    if not total.is_number:
        return None
    return _listed_parts(flat, flat.index("其中", m.end()) + 2, Decimal(str(total.value)), unit)




def _named_parts(doc: Document, ex: Extraction, v, offs, parts: list, col: str) -> None:
    """The parts of a listed sum that the form names as its rows (其他资金, 财政拨款, 上年结转: not a
    level of government) are those rows of the sum's column. Only empty slots."""
    for label, val, a, b in parts:
        key = next((k for pat, k in FUNDING_ROWS if re.search(pat, label.strip())), None)
        if key in ("fiscal", "carryover", "other") and ex.field(f"funding.{key}.{col}") is None:
            add_field(ex, doc, f"funding.{key}.{col}", val, v.pos(offs[a]), v.pos(offs[b - 1]) + 1, "text",
                      "project_sentence")


_SOURCES = re.compile(r"(?:来源|构成)\s*(?:为|是|包括)?\s*[:：]")
_SPENT_WITH_PARTS = re.compile(r"(?:实际使用|实际支出|已支出|已使用|实际执行)[^，,。；;\d]{0,8}?" + _M + r"\s*[，,]?\s*其中\s*[:：]?")


def _several_years(sentence: str) -> bool:
    """A sentence about money over several years: a span of years (2019至2021年) or two different
    years named outside document titles and numbers (《…2022年…》, 〔2022〕) and dates (2022年10月)."""
    bare = re.sub(r"《[^》]*》|〔[^〕]*〕|\[[^\]]*\]|[(（][^()（）]*号[)）]", "", sentence)
    if _YEAR_RANGE.search(bare):
        return True
    return len(set(re.findall(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)", bare))) >= 2


def _project_funding(doc: Document, ex: Extraction, kind: str, fiscal_year: Optional[int]) -> None:
    """The year's allocation (下达/安排 … 资金 N万元) and spending (实际支出/已使用/支付 N万元)
    of a project report, stated in sentences. An allocation is the project's full-year
    budget (its initial budget in a declaration); among several, a sum whose 其中 parts add up to it
    wins, then the one stated as a total (共计, 合计), else the first — and none when two stated as totals differ (two funds'
    allocations, 土壤…资金共1737万元 and 大气…资金共24047万元: neither is the report's).
    Only slots no table or labelled sentence filled."""
    v = view(doc)
    flat, offs = join_wrapped(v.text)
    budget_slot = "funding.total.initial_budget" if kind == "target_declaration" else "funding.total.full_year_budget"
    initial_context = "年初预算" in flat and kind != "target_declaration"
    cands: dict[str, list[tuple[int, int, int, str]]] = {}

    def add(slot: str, m: re.Match, g: int, sure: bool = False) -> None:
        if _other_year(flat[max(0, m.start() - 30):m.start(g)], fiscal_year):
            return
        clause = re.split(r"[，,。；;]", flat[max(0, m.start() - 60):m.start(g)])[-1]
        if re.search(r"其中", clause) or re.search(r"较|比|同比|减少|增加|节约|结余|亩均|人均|户均|每|标准", clause):
            return                                    # a difference, a part, a per-head standard (亩均…1500元)
        total = 2 if sure else 1 if _TOTAL_MARK.search(flat[max(0, m.start() - 6):m.start(g)]) or _TOTAL_MARK.search(m.group()) else 0
        sentence = flat[max(flat.rfind("。", 0, m.start(g)), flat.rfind("\n", 0, m.start(g))) + 1:m.end(g + 1) + 40]
        sentence = sentence[:sentence.find("。") + 1 or None]
        if _several_years(sentence):
            return                                    # '2019至2021年期间项目预算总额…', '2021年、2022年…资金共计…'
        if slot != "funding.total.executed" and "其中" in \
                flat[max(flat.rfind("。", 0, m.start(g)), flat.rfind("\n", 0, m.start(g))) + 1:m.start(g)]:
            return                                    # '…合计671037万元。其中，…，安排指导性任务资金合计95819万元': a part
        if not total and slot != "funding.total.executed" and _PART_BESIDE.search(sentence):
            return                                    # '上年结转结余资金2万元，中央下达…资金3万元': one part of the year's money
        cands.setdefault(slot, []).append((total, -m.start(g), m.start(g), flat[m.start(g):m.end(g + 1)]))

    for m in _ALLOC.finditer(flat):
        g = next(i for i in (2, 4, 6) if m.group(i))
        slot = "funding.total.initial_budget" if (m.group(1) and initial_context) else budget_slot
        add(slot, m, g)
    for sent in re.finditer(r"[^。；;]+", flat):   # '…中央拨付16万元,上年结余6.47万元,共计84.47万元': the sum
        if not re.search(r"下达|安排|下拨|拨付|投入", sent.group()):
            continue
        for m in _ALLOC_TOTAL.finditer(flat, sent.start(), sent.end()):
            add(budget_slot, m, 1)
    # a declaration states what is to be spent: its 支出 / 使用 figures are budget lines, never executed
    declared = kind == "target_declaration"
    for m in () if declared else _SPENT.finditer(flat):
        add("funding.total.executed", m, 1)
    for m in () if declared else _USED.finditer(flat):
        add("funding.total.executed", m, 1)
    for m in _ALL_DONE.finditer(flat):
        add(budget_slot, m, 1)
        if not declared:
            add("funding.total.executed", m, 1)
    listed = []
    for m in _SUM_TOTAL.finditer(flat):               # '专项资金总计100万元，其中中央资金60万元，省级资金40万元'
        parts = _parts_add_up(flat, m)
        if parts:
            add(budget_slot, m, 1, sure=True)
            listed.append((m, parts))
    carried = None
    for m in _WITH_CARRYOVER.finditer(flat):          # '预算计划安排120万元（含上年度结转20万元）'
        total, part = (parse_value(m.group(i) + m.group(i + 1), allow_text=False) for i in (1, 3))
        if total.is_number and part.is_number and 0 <= part.value < total.value:
            n = len(cands.get(budget_slot, []))
            add(budget_slot, m, 1, sure=True)
            if len(cands.get(budget_slot, [])) > n and carried is None:
                carried = (m, part)
    for slot, found in cands.items():
        if ex.field(slot) is not None or (slot != "funding.total.executed" and any(
                ex.field(f"funding.total.{c}") for c in ("initial_budget", "full_year_budget"))):
            continue
        total, _, at, raw = max(found)
        batches = {parse_value(r, allow_text=False).value for t, _, a, r in found if t == total and _BY_DOCUMENT.search(
            flat[max(flat.rfind("。", 0, a), flat.rfind("；", 0, a), flat.rfind(";", 0, a), a - 80, 0):a])}
        if not total and len(batches) > 1:
            continue                                  # allocated in batches by several documents: no one is the year's
        if total and len({parse_value(c[3], allow_text=False).value for c in found if c[0] == total}) > 1:
            continue                                  # two totals: two funds' (土壤污染防治资金共1737万元 … 大气…共24047万元)
        value = parse_value(raw, default_unit="万元", allow_text=False)   # a bare sum only under a (万元) label
        if not value.is_number:
            continue
        start = v.pos(offs[at])
        end = v.pos(offs[at + len(raw) - 1]) + 1
        add_field(ex, doc, slot, value, start, end, "text", "project_sentence")
    col = budget_slot.rsplit(".", 1)[1]
    budget = ex.field(budget_slot)
    for m, parts in listed:                           # the named parts of the sum read as the budget
        if budget is not None and budget.span.start == v.pos(offs[m.start(1)]):
            _named_parts(doc, ex, v, offs, parts, col)
    if budget is not None and budget.value.is_number:
        for m in _SOURCES.finditer(flat):             # '资金的来源为：中央财政补助60万元，…，其他资金40万元'
            parts = _listed_parts(flat, m.end(), Decimal(str(budget.value.value)), "万元")
            if parts:
                _named_parts(doc, ex, v, offs, parts, col)
    for m in () if declared else _SPENT_WITH_PARTS.finditer(flat):   # '实际使用资金90万元，其中：…，其他资金10万元'
        spent = parse_value(m.group(1) + m.group(2), allow_text=False)
        got = ex.field("funding.total.executed")
        if spent.is_number and (got is None or same_number(got.value, spent)):
            parts = _listed_parts(flat, m.end(), Decimal(str(spent.value)), m.group(2))
            if parts:                                 # the parts adding up to it say it is the whole spending
                if got is None:
                    add_field(ex, doc, "funding.total.executed", spent, v.pos(offs[m.start(1)]),
                              v.pos(offs[m.end(2) - 1]) + 1, "text", "project_sentence")
                _named_parts(doc, ex, v, offs, parts, "executed")
    if carried is not None:                          # the carryover part of the budget read from it
        m, part = carried
        slot = ex.field(budget_slot)
        col = budget_slot.rsplit(".", 1)[1]
        if slot is not None and slot.span.start == v.pos(offs[m.start(1)]) and ex.field(f"funding.carryover.{col}") is None:
            add_field(ex, doc, f"funding.carryover.{col}", part, v.pos(offs[m.start(3)]), v.pos(offs[m.end(4) - 1]) + 1,
                      "text", "project_sentence")


# --- a spending rate and the amounts it relates ------------------------------------------------------
_SPEND_RATE = re.compile(r"(?:预算|资金|项目)?(?:执行|使用|支出|支付)(?:进度|比例|率)\s*(?:为|是|达到|达|约)?\s*[:：]?\s*"
                         rf"({_FIG})\s*[%％]|预算完成率\s*(?:为|是|达到|达)?\s*[:：]?\s*({_FIG})\s*[%％]")
RATE_WINDOW = 120        # characters before a rate where the amounts it relates are stated


def _rate_arithmetic(doc: Document, ex: Extraction, fiscal_year: Optional[int]) -> None:
    """'项目资金100万元…实际使用资金90万元，资金使用率90%': a spending rate is the spending over the
    budget (TEMPLATES.md: 执行率 = 全年执行数 ÷ 全年预算数), so where the amounts before it in its
    sentence relate by it, they are the spending and the budget whatever words name them: with
    neither read, exactly one pair (budget first) must relate by the rate; with both read and the
    spending stated before it, the rate is theirs. Only empty slots; a rate 100% relates an amount
    to itself and decides nothing. (One amount alone that is the rate of a budget read elsewhere
    is not enough: on the blind set that gave two wrong spendings and no right one.)"""
    def number(slot):
        f = ex.field(slot)
        return Decimal(str(f.value.value)) if f is not None and f.value.is_number else None

    v = view(doc)
    flat, offs = join_wrapped(v.text)
    for m in _SPEND_RATE.finditer(flat):
        g = 1 if m.group(1) else 2
        rate = Decimal(m.group(g).replace(",", ""))
        if not 0 < rate < 100:
            continue
        start = max(0, m.start() - RATE_WINDOW, flat.rfind("。", 0, m.start()) + 1, flat.rfind("\n\n", 0, m.start()) + 1)
        window = flat[start:m.start()]
        if _other_year(window, fiscal_year) or re.search(_THREE_PUBLIC_WORDS, window) or _several_years(window):
            continue
        amounts = []
        for am in re.finditer(_M, window):
            val = parse_value(am.group(1) + am.group(2), allow_text=False)
            if val.is_number and val.value > 0:
                amounts.append((Decimal(str(val.value)), start + am.start(1), start + am.end(2), val))

        def relates(executed, budget):
            return budget > 0 and abs(executed / budget * 100 - rate) <= Decimal("0.6")
        budget = number("funding.total.full_year_budget") or number("funding.total.initial_budget")
        executed = number("funding.total.executed")
        found = []
        if executed is None and budget is None:
            pairs = [(b, e) for i, b in enumerate(amounts) for e in amounts[i + 1:] if relates(e[0], b[0])]
            if len(pairs) == 1:
                b, e = pairs[0]
                found = [("funding.total.full_year_budget", b), ("funding.total.executed", e)]
        elif executed is not None and budget is not None and relates(executed, budget) \
                and any(a[0] == executed for a in amounts):
            found = [("funding.total.executed", next(a for a in amounts if a[0] == executed))]
        if len({slot for slot, _ in found}) != len(found) or not found:
            continue                                  # two amounts fit: none is known to be the one
        found.append(("funding.total.execution_rate", (rate, m.start(g), m.end(), parse_value(flat[m.start(g):m.end()], allow_text=False))))
        for slot, (_, a, b, val) in found:
            if ex.field(slot) is None:
                add_field(ex, doc, slot, val, v.pos(offs[a]), v.pos(offs[b - 1]) + 1, "text", "rate_arithmetic")
        return


def _subject(prefix: str) -> str:
    """What a 其中 list is a part of: the clause before the 其中."""
    i = prefix.rfind("其中")
    if i < 0:
        return ""
    return re.split(r"[，,。]", prefix[:i])[-2] if prefix[:i].count("，") else prefix[:i]


# --- 三公 in sentences ----------------------------------------------------------------------------
_THREE_PUBLIC_WORDS = THREE_PUBLIC_WORD
_OTHER_COSTS = r"(会议费|培训费|差旅费|办公费|印刷费|水电费|维修费|物业费|邮电费|劳务费|委托业务费|基本支出|项目支出|人员经费|公用经费)"


def _three_public(doc: Document, ex: Extraction, sent: str, pos, fiscal_year: Optional[int],
                  doc_mode: Optional[str] = None) -> Optional[str]:
    """Each figure in a 三公 sentence takes the nearest part named before it and the mode
    (budget/actual) its clause states, else the sentence's. Returns the mode the sentence ended
    in, for a 其中 list that goes on in the next sentences ('…支出4.2万元，较上年减少0.5万元。其中
    公务接待费1.4万元…', '其中：\n1.因公出国（境）费0万元。'), which the caller passes back as
    `doc_mode` for those."""
    sent_mode = _mode(sent) or doc_mode
    part = None
    last_mode = None
    for c_off, clause in _clauses(sent):
        mode = None
        for m in re.finditer(rf"(?:(三公)|(接待)|(公务用车|公车)|(出国|出境))|{_MONEY}|{_OTHER_COSTS}"
                             r"|(?<=[为是])\s*(0|零)(?![\d.%])(?=\s*(?:[。，,；;）)]|$))", clause):
            if m.group(7):
                part = None                     # '…；会议费支出2万元': not a 三公 part
                continue
            zero = m.group(8) is not None       # '“三公”经费支出为0。': nil, stated without a unit
            if m.group(5) or zero:
                # the mode word nearest before the figure ('支出年初预算为0.95万元，支出决算为0.00万元');
                # a clause naming none takes the mode of the figure before it (其中 … parts of a 决算 total)
                before = clause[:m.start()]
                mode = _mode(before, strong_only=True) or doc_mode or _mode(before, nearest=True) or last_mode or sent_mode
                if mode:
                    last_mode = mode
            if m.group(1):
                part = "total"
            elif m.group(2):
                part = "reception"
            elif m.group(3):
                part = "vehicle"
            elif m.group(4):
                part = "overseas"
            elif part and mode:
                before = clause[:m.start()]
                if _other_year(sent[:c_off + m.start()], fiscal_year) or _a_change(before):
                    continue
                g0, g1 = (8, 8) if zero else (5, 6)
                start, end = pos(c_off + m.start(g0)), pos(c_off + m.end(g1) - 1) + 1
                value = parse_value(strip_pinyin(doc.text[start:end]), default_unit="万元", allow_text=False)
                if not value.is_number:
                    continue
                for md in (("budget", "actual") if mode == "both" else (mode,)):
                    add_field(ex, doc, f"three_public.{part}.{md}", value, start, end, "text", "three_public_sentence")
    return last_mode


def _a_change(before: str) -> bool:
    """'较上年减少1万元', '比预算节约0.3万元': a difference, not a 三公 figure ('较预算数1.5万元节约…':
    the 1.5 is the budget itself)."""
    return bool(re.search(r"节约|节省|下降|增加|减少|降低|增长|上升|持平|结余", before)
                or re.search(r"(?:较|比|同比|与)[^，,]{0,6}(?:上年|去年|上一年|同期|(?:19|20)\d{2}\s*年)", before)
                or re.search(r"同比", before))


_STRONG_MODE = re.compile(r"预[决決]算|预算|[决決]算|实际|执行")


def _mode(text: str, nearest: bool = False, strong_only: bool = False) -> Optional[str]:
    if strong_only or nearest:
        # the last of 预算 / 决算 / 实际 before the figure decides; nearest: 支出/使用 only when none is there
        words = _STRONG_MODE.findall(text)
        if words:
            return {"预决算": "both", "预決算": "both", "预算": "budget"}.get(words[-1], "actual")
        return "actual" if nearest and re.search(r"发生|支出|使用", text) else None
    if re.search("预[决決]算", text):
        return "both"
    budget = re.search(r"预算", text)
    actual = re.search(r"[决決]算|实际|发生|支出|使用", text)
    if budget and (not actual or budget.start() < actual.start()):
        return "budget"
    if actual:
        return "actual"
    return None
