"""Indicators stated in sentences, and targets paired with actuals stated elsewhere.

Narrative reports list their targets in one section (（二）2023年度部门绩效目标 …
1、数量指标。培育高新技术企业5家，新增8家；…) and the results in another (1、数量指标。
培育高新技术企业20家 …). Each list line is cut into items, one figure each; an item's
name is its words around the figure. Targets and actuals are then paired greedily by
name similarity, preferring the same 二级指标. Reports of the 部门整体支出 framework
instead state rates per dimension (（1）运行成本方面 … 在职人员控制率为86.76%): those
are read as actual-only items with the dimension as 一级指标.

Reports with neither level lines nor level headings state indicators in prose (see
"indicators in prose" below): sections are read by their headings and inline labels
(…绩效目标… -> targets, …完成情况… -> actuals; funding, 基本情况 and 问题/措施 sections hold
none), each clause gives its figures with their names, a sentence that says 目标为/计划 or
实际完成 overrides its section, a numbered heading with a short title names the figure under
it, '目标值…实际完成值…得分' lines are read as one item, and outside any results section only
a rate stated as reached (…率达到100%) is an actual.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Optional

from extract.read.document import Document, Span
from extract.read.layout import lines_of, unwrapped
from extract.schema import canonical_level2
from extract.slots.normalize import Value, parse_value
from extract.slots.record import Extraction, Indicator, doubt
from extract.slots.report import view

_LEVEL_LINE = re.compile(
    r"^\s*[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．]\s*"
    r"(数量指标|质量指标|时效指标|成本指标|产出指标|效益指标|经济效益指标|社会效益指标|生态效益指标|可持续影响指标|"
    r"可持续影响|满意度指标|[^。：:]{0,12}满意度)\s*[。.:：]?\s*(.*)$")
_FIG = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = (r"(?:%|％|‰|元/[人亩年天次户个件吨]|个亿|亿元|亿|万元|万人次|万人|万亩|万|元|人次|场次|批次|户次|小时|学时|课时|"
         r"公里|公顷|平方米|立方米|千米|家|个|项|名|人|次|场|件|条|户|所|座|台|套|辆|天|期|篇|份|处|批|亩|架|粒|起|吨|册|卷|株|只|头)")
_COMP = r"(?:大于等于|大于或等于|不低于|不少于|不超过|≥|≧|≤|≦|高于|超过|低于|小于|大于|约|近)"
_X_UNIT = (r"(?:hm²|hm|km|kg/人|kg|m³|m²|m(?![a-zA-Z])|t(?![a-zA-Z])|册次|台套|千瓦|斤|公斤|千克|盏|处|宗|栋|间|辆次|架次|床|例|人天|部|"
           r"平方公里|延米|米|棵|眼|口|张|本|羽|匹|箱|袋|根|孔|台次|家次|个百分点|百分点|倍)")
_VALUE = re.compile(rf"({_COMP}?\s*-?{_FIG}\s*万?(?:{_X_UNIT}|{_UNIT})(?:以上|以下|以内|左右)?)")
_DEADLINE = re.compile(r"((?:19|20)\d{2}年(?:\d{1,2}月)?(?:内|底前|底|前)[^，,。；;\s]*|\d{1,2}月底前[^，,。；;\s]*|年底前[^，,。；;\s]*)")
_FILLER = re.compile(r"^(?:(?:19|20)\d{2}年(?:度)?|全年|今年|全县|全市|全区|基本完成|完成了?|实现了?|带动|达成|已|共|累计|先后|其中)+")
_TAIL = re.compile(r"(?:已?达到?|为|是|已|共|均|达成|完成)$")
_FRAMEWORK = re.compile(r"^\s*[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．]?\s*"
                        r"(运行成本|管理效率|履职效能|社会效应|可持续发展能力|服务对象满意度)(?:和[^方]*)?(?:等)?方面")
_GLUED_RATE = re.compile(rf"[ \t\u3000]*(-?{_FIG}\s*%)")
_RATE_ITEM = re.compile(rf"([\u4e00-\u9fff“”\"]{{2,24}}?(?:率|满意度))\s*(?:为|达到|达|是)?\s*(-?{_FIG}\s*%)")


@dataclass
class _Item:
    name: str
    value: Value
    level2: Optional[str]
    start: int
    end: int
    name_start: int
    level1: Optional[str] = None


def level1_of(level2: Optional[str], name: str) -> Optional[str]:
    """The 一级 a 二级 belongs to when the table or text did not print it (TEMPLATES.md level
    names): 经济/社会/生态环境成本指标 sit under 成本指标 (财预〔2021〕101号)."""
    if level2 in ("经济成本指标", "社会成本指标", "生态环境成本指标"):
        return "成本指标"
    if "满意度" in (level2 or "") or "满意度" in name:
        return "满意度指标"
    if level2 in ("数量指标", "质量指标", "时效指标", "成本指标"):
        return "产出指标"
    if level2 and ("效益" in level2 or "可持续" in level2):
        return "效益指标"
    return None


def _section_of(lines, i: int) -> Optional[str]:
    """target or actual, from the nearest heading above the list line."""
    for j in range(i - 1, max(-1, i - 40), -1):
        t = lines[j].text.strip()
        if not t or _LEVEL_LINE.match(t):
            continue
        if len(t) > 40:
            continue
        if re.search(r"完成情况|绩效情况|实施情况|完成", t):
            return "actual"
        if re.search(r"目标", t):
            return "target"
    return None


def _pieces(body: str) -> list[tuple[int, str]]:
    """Items of a list line: split at ；。 then at ，、 where each side has a figure."""
    out = []
    for m in re.finditer(r"[^；;。]+", body):
        parts = [(m.start() + p.start(), p.group()) for p in re.finditer(r"[^，,、]+", m.group())]
        buf_off, buf = None, ""
        for off, p in parts:
            if buf_off is None:
                buf_off = off
            buf = body[buf_off:off + len(p)]
            if _VALUE.search(p) or _DEADLINE.search(p):
                out.append((buf_off, buf))
                buf_off, buf = None, ""
        if buf_off is not None and out and not (_VALUE.search(buf) or _DEADLINE.search(buf)):
            continue
    return out


def _item(text: str, off: int, level2: Optional[str], prev: Optional[_Item]) -> Optional[_Item]:
    m = None
    for m in _VALUE.finditer(text):
        pass
    if m is None:
        d = _DEADLINE.search(text)
        if not d or level2 != "时效指标":
            return None
        raw = d.group(1).rstrip("。.")
        value = Value(raw=raw, op="=", value=None, unit=None)
        before, after, v_start, v_end = text[:d.start()], "", d.start(), d.start() + len(raw)
    else:
        raw = m.group(1).strip()
        value = _measure(raw)
        before, after, v_start, v_end = text[:m.start()], text[m.end():], m.start(), m.end()
        if not value.is_number:
            return None
    after = after if len(after) <= 8 and not re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", after) else ""   # '…100%10': the next cell's figure
    last = re.split(r"[，,]", before)[-1]
    if len(_TAIL.sub("", _FILLER.sub("", last.strip()))) >= 2:       # '全部完成,慰问对象120人': the last clause names it
        before = before[len(before) - len(last):]
    whole = re.sub(r"\s+", "", before + after).strip("，,、;；：:")
    name = _TAIL.sub("", _FILLER.sub("", whole))
    if len(name) <= 2 and 3 <= len(_TAIL.sub("", whole)) <= 6 and not re.search(r"[率度]$", name):
        name = _TAIL.sub("", whole)                    # '完成时限,2025年10月底前': 完成 is part of the name
    name = re.sub(r"(满意度)+", "满意度", name)
    name = re.sub(r"^[（(]?\d+[)）]", "", name)
    if len(name) <= 2 and prev is not None:            # 新增8家 after 培育高新技术企业5家
        name = name + prev.name[2:]
    if len(name) < 2:
        return None
    lead = len(before) - len(before.lstrip())
    return _Item(name=name, value=value, level2=level2, start=off + v_start, end=off + v_end,
                 name_start=off + lead)


def _list_items(doc: Document) -> tuple[list[_Item], list[_Item]]:
    lines = lines_of(doc.text)
    targets, actuals = [], []
    for i, ln in enumerate(lines):
        m = _LEVEL_LINE.match(ln.text)
        if not m:
            continue
        section = _section_of(lines, i)
        if section is None:
            continue
        level2 = canonical_level2(m.group(1))
        level1 = None
        if "满意度" in level2:
            level2 = "服务对象满意度指标"
        elif m.group(1) in ("产出指标", "效益指标"):   # a 一级 line: '1.产出指标：培训农民500人次…'
            level1, level2 = m.group(1), None
        body_off = ln.start + m.start(2)
        prev = None
        for off, piece in _pieces(m.group(2)):
            it = _item(piece, body_off + off, level2, prev)
            if it:
                it.level1 = level1
                (targets if section == "target" else actuals).append(it)
                prev = it
    return targets, actuals


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b).ratio()


def _pair(targets: list[_Item], actuals: list[_Item]) -> dict[int, int]:
    cands = []
    for ti, t in enumerate(targets):
        for ai, a in enumerate(actuals):
            s = _similar(t.name, a.name)
            if t.level2 and a.level2 and t.level2 == a.level2:
                s += 0.1
            if s >= 0.55:
                cands.append((s, ti, ai))
    return _best_first(cands)


def _best_first(cands: list[tuple[float, int, int]]) -> dict[int, int]:
    """{i: j} from (score, i, j) candidates, the best first, each i and each j taken once."""
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(cands, reverse=True):
        if i in out or j in used:
            continue
        out[i] = j
        used.add(j)
    return out


def extract(doc: Document, ex: Extraction) -> None:
    """Read the indicators of the sentences on the reading view (simplified script, ASCII
    figures, glosses out), so a report in traditional script or full-width figures reads like
    its simplified twin; names, raws and spans are then cut from the original text."""
    if ex.indicators:                   # a table gave the indicators; sentences restate them
        return
    v = unwrapped(view(doc))            # a text hard-wrapped at its page width: sentences read whole
    if v.text == doc.text:
        _extract(doc, ex)
    else:
        reading = Document(text=v.text, path=doc.path, format=doc.format, id=doc.id,
                           meta={k: m for k, m in doc.meta.items() if k != "_view"})
        n = len(ex.indicators)
        _extract(reading, ex)
        for ind in ex.indicators[n:]:
            _to_original(doc, v, ind)
    ex.indicators[:] = [i for i in ex.indicators if not budget_line(i) and not _fragment(i)]
    _drop_restated(ex)


_PLACE_END = re.compile(r"(?:[县省旗]|(?<![超城集门都])市|(?<![小园社景校城片库灌护街辖新老发营矿])区)$")


_PREPOSITION = re.compile(r"(?:为(?!民)|通过|按照|根据|对于|经过|对(?!外|口|象)|在(?![职校岗册建库编读园])|向|把|将)")


def _fragment(ind: Indicator) -> bool:
    """A name of two characters that is no rate or degree (率, 度) is what was left of a clause
    cut at the wrong place (其中, 全县, 新增), a name across a clause break is the sentence, and a
    name ending in a place (…西平县 15个乡镇) is the scope the figure counts in, and a name opening
    with a preposition (为, 通过, 对, 在 …) is a phrase of the sentence: none is an indicator's name."""
    name = re.sub(r"\s+", "", ind.name or "")
    if ind.evidence != "text":
        return False
    if re.search(r"[，,；;。]", name):
        return True                       # words of two clauses: the sentence, not a name
    if ind.target is not None and ind.actual is not None and len(name) == 2:
        return False                      # '年初计划造林1000亩,实际造林1050亩': a name both statements give
    if _PLACE_END.search(name):
        return True                       # '解决西平县15个乡镇': the place the figure counts in, not a name
    if _PREPOSITION.match(name):
        return True                       # '为全县…', '通过…', '对…': a phrase of the sentence, not a name
    return len(name) <= 2 and not re.search(r"[率度]$", name)


def _restates(first: str, later: str) -> bool:
    """Two names of one figure that name one item: the same, or beginning with the same five
    characters or more that make most of the shorter ('带动贫困户' / '带动贫困户采取托管经营')."""
    if first == later:
        return True
    k = 0
    while k < min(len(first), len(later)) and first[k] == later[k]:
        k += 1
    return k >= 5 and k >= 0.6 * min(len(first), len(later))


def _drop_restated(ex: Extraction) -> None:
    """A report restating an indicator with the same figures (in its summary and in its
    analysis) states one indicator: the first statement is kept."""
    seen: dict[tuple, list[str]] = {}
    keep = []
    for ind in ex.indicators:
        if ind.evidence == "text":
            name = re.sub(r"\s+", "", ind.name or "")
            key = tuple((v.value, v.unit, v.raw if v.value is None else None) if v is not None else None
                        for v in (ind.target, ind.actual))
            names = seen.setdefault(key, [])
            if any(_restates(n, name) for n in names):
                continue                  # '带动14户贫困户' … '项目已带动14户贫困户采取托管经营': the same item
            names.append(name)
        keep.append(ind)
    ex.indicators[:] = keep


# a sum of money is the funding block's business (预算, 拨付, 工程尾款): in sentences it is an
# indicator only where its name says the money is what the project produced or costs per unit
_MONEY_MEASURE = re.compile(r"成本|收入|产值|增加值|总值|(?:交易|销售|营业|成交|出口|贸易)额|税收|利润|效益|增收|全社会|社会资本|带动|撬动|拉动|吸引|研发|贴息|补助|补贴|标准|[亩人户]?均|每|单价|奖励|分红")
_MONEY = re.compile(r"(?:万|亿)?元$|[万亿]$")


def budget_line(ind: Indicator) -> bool:
    """A sentence's sum of money (区级年初预算200万元, 支付工程尾款43.96万元) is a budget line, not
    an indicator: every figure it has is a bare amount of money (not a standard per head or per
    mu: 300元/人 stays) and its name does not say the money is an output, an income or a cost
    (医疗收入5亿元, 贷款贴息30万元, 亩均投入财政资金1500元 stay). Under a 成本指标 heading the
    sum is the cost target and stays."""
    vals = [v for v in (ind.target, ind.actual) if v is not None]
    if not vals or re.search(r"成本", ind.level2 or ""):
        return False
    for v in vals:
        if not v.is_number or not v.raw or "/" in v.raw or not _MONEY.search(re.sub(r"(?:以上|以下|以内|左右)$", "", v.raw.strip())):
            return False
    return not _MONEY_MEASURE.search(ind.name or "")


def _to_original(doc: Document, v, ind: Indicator) -> None:
    """An indicator read on the view, its spans, name and raws put back on the original."""
    def back(sp: Span) -> Span:
        if sp.end <= sp.start:
            start = v.pos(sp.start)
            return doc.span(start, start)
        return doc.span(v.pos(sp.start), v.pos(sp.end - 1) + 1)

    def cut(text: Optional[str], lo: int, hi: int) -> Optional[str]:
        if not text:
            return text
        at = v.text.find(text, max(0, lo), hi + len(text))
        if at >= 0:
            return v.original(at, at + len(text))
        # a name put together from pieces: each character as the report writes it nearby
        near = {v.text[i]: doc.text[v.pos(i)] for i in range(max(0, lo - 40), min(len(v.text), hi + 40))
                if v.text[i] != doc.text[v.pos(i)] and not doc.text[v.pos(i)].isspace()}
        return "".join(near.get(c, c) for c in text)

    whole = ind.span
    name_sp = ind.spans.get("name", whole)
    ind.name = cut(ind.name, name_sp.start - 2, max(name_sp.end, whole.end))
    for attr in ("target", "actual"):
        val = getattr(ind, attr)
        if val is not None and val.raw:
            sp = ind.spans.get(attr, whole)
            val.raw = cut(val.raw, sp.start - 2, max(sp.end, whole.end))
    ind.span = back(whole)
    ind.spans = {k: back(sp) for k, sp in ind.spans.items()}


def _extract(doc: Document, ex: Extraction) -> None:
    targets, actuals = _list_items(doc)
    if targets:
        pairs = _pair(targets, actuals)
        for ti, t in enumerate(targets):
            a = actuals[pairs[ti]] if ti in pairs else None
            level2 = t.level2 or (a.level2 if a else None)
            spans = {"target": doc.span(t.start, t.end), "name": doc.span(t.name_start, t.start)}
            if a:
                spans["actual"] = doc.span(a.start, a.end)
            level1 = level1_of(level2, t.name)
            if t.level1 and level1 != "满意度指标":   # a satisfaction stated on the 效益 line is still one
                level1 = t.level1
            ex.indicators.append(Indicator(
                name=t.name, level1=level1, level2=level2, target=t.value,
                actual=a.value if a else None, span=doc.span(t.name_start, t.end), evidence="text",
                source="narrative_pair" if a else "narrative_target", spans=spans))
        return
    n = len(ex.indicators)
    if _outline(doc, ex):
        _targets_for(doc, ex.indicators[n:])
        return
    n = len(ex.indicators)
    _framework_rates(doc, ex)
    if len(ex.indicators) == n:
        ex.indicators.extend(_prose(doc))


# --- an outline of level headings with the indicators under them --------------------------
_LEVEL_WORD = (r"(产出指标|效益指标|满意度指标|数量指标|质量指标|时效指标|成本指标|经济效益指标|社会效益指标|"
               r"生态效益指标|可持续影响指标|可持续性影响指标|服务对象满意度指标|满意度|经济效益|社会效益|生态效益|可持续影响)")
_HEAD = re.compile(r"^\s*(?:[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．]\s*)?" + _LEVEL_WORD +
                   r"\s*(?:完成情况(?:分析)?)?\s*[。.:：]?\s*(.*)$")
_OTHER_HEAD = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十]+\s*、|\d+\s*[.．、])")
_TARGET_ACTUAL = re.compile(rf"(?P<name>[^，,。；;]{{2,40}}?)(?:指标|目标)值?(?:为|是)?\s*(?P<t>{_COMP}?\s*-?{_FIG}\s*{_UNIT})"
                            rf"\s*[，,]?\s*实际(?:完成)?值?(?:为|是|达到?)?\s*(?P<a>{_COMP}?\s*-?{_FIG}\s*{_UNIT})")


def _outline(doc: Document, ex: Extraction) -> bool:
    """Indicators under level headings (一、产出指标 / (一)数量指标 / 社会效益指标。), one
    per line or per clause: 'name: … 4次', 'name≧300人', 'name指标为100%实际完成值为100%',
    'name≥6架,实际6架'. Whether a figure is a target or an actual comes from the section
    (…完成情况 -> actual, …目标 -> target; a declaration states targets)."""
    kind = doc.meta.get("kind") or ""
    default = "target" if kind == "target_declaration" else "actual"
    lines = lines_of(doc.text)
    l1 = l2 = None
    section = None
    active = False
    found: list[Indicator] = []
    for i, ln in enumerate(lines):
        t = ln.text.strip()
        if not t:
            continue
        task = _TASK_HEAD.match(ln.text)
        if task:                                 # 1.项目任务。… / 5.任务完成。…: targets, then actuals
            active = False
            sec = "actual" if "完成" in task.group(1) else "target"
            found.extend(_outline_items(doc, task.group(2), ln.start + task.start(2), None, None, sec))
            continue
        m = _HEAD.match(ln.text)
        if m and m.group(1) in ("经济效益", "社会效益", "生态效益", "可持续影响") and not found and not active:
            m = None                             # '(2)社会效益' names a level only inside an outline already begun
        if m and len(t) - len(m.group(2).strip()) <= 24:
            word = canonical_level2(m.group(1))
            if m.group(1) in ("产出指标", "效益指标", "满意度指标", "满意度"):
                l1, l2 = ("满意度指标" if "满意度" in m.group(1) else m.group(1)), None
            else:
                l2 = word
                l1 = level1_of(l2, "") or l1
            section = "actual" if "完成" in t else (_section_of(lines, i) or default)
            if kind == "target_declaration":
                section = "target"
            active = True
            body = m.group(2)
            if body:
                found.extend(_outline_items(doc, body, ln.start + m.start(2), l1, l2, section))
            continue
        if not active:
            continue
        if _OTHER_HEAD.match(t) and not _VALUE.search(t):
            active = False
            continue
        found.extend(_outline_items(doc, ln.text, ln.start, l1, l2, section))
    found = [f for f in _merge_results(found) if not _share_of_nothing(f)]
    ex.indicators.extend(found)
    return bool(found)


_RATE_WORD = re.compile(r"率|度|比例|比重|占比|增长|增幅|增速|提高|提升|下降|降低|减少|覆盖|/")


def _share_of_nothing(ind: Indicator) -> bool:
    """A result in per cent whose name says no rate ('建设工程100%', '完成全年任务100%'): how far a
    piece of work went, not an indicator (a rate is named by what it measures: …率, …度, 比例, 增长)."""
    a = ind.actual
    return ind.target is None and a is not None and a.unit == "%" and not _RATE_WORD.search(ind.name or "")


_TASK_HEAD = re.compile(r"^\s*(?:[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．])\s*"
                        r"(项目任务|工作任务|目标任务|年度任务|任务完成(?:情况)?)\s*[。.:：]\s*(.+)$")


def _merge_results(items: list[Indicator]) -> list[Indicator]:
    """An actual stated apart from its target (任务 1850人 … 已完成 1850人): an actual-only item
    joins the target-only item of the same figure and unit, when exactly one has it."""
    out = []
    for it in items:
        if it.target is None and it.actual is not None and it.actual.is_number:
            same = [t for t in out if t.actual is None and t.target is not None and t.target.is_number
                    and t.target.value == it.actual.value and t.target.unit == it.actual.unit]
            if len(same) == 1 and re.search(r"完成", it.name):
                same[0].actual = it.actual
                if "actual" in it.spans:
                    same[0].spans["actual"] = it.spans["actual"]
                continue
        out.append(it)
    return out


_PIECE_LEVEL = re.compile(r"^[\s，,、]*(?:[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．]|[一二三四五六七八九十]是)?\s*"
                          r"(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续(?:性)?影响)指标"
                          r"\s*(?:方面|完成情况)?\s*[:：。.，,]\s*")


def _outline_items(doc: Document, text: str, off: int, l1, l2, section) -> list[Indicator]:
    out: list[Indicator] = []
    taken = []
    for m in _TARGET_ACTUAL.finditer(text):
        name = _clean_name(m.group("name"))
        if len(name) < 2:
            continue
        out.append(_indicator(doc, name, l1, l2, parse_value(m.group("t")), parse_value(m.group("a")),
                              off + m.start("name"), off + m.start("t"), off + m.end("t"),
                              off + m.start("a"), off + m.end("a")))
        taken.append((m.start(), m.end()))
    rest = text
    for a, b in taken:
        rest = rest[:a] + " " * (b - a) + rest[b:]
    prev: Optional[Indicator] = None
    pending: Optional[Indicator] = None            # a figure said to be the target, its result to come
    prev_item: Optional[_Item] = None
    inline_cost = False                            # a 成本指标 word on the line, not a heading
    pieces = [sub for p_off, piece in _pieces(rest) for sub in _split_at_values(p_off, piece)]
    for p_off, piece in pieces:
        lv = _PIECE_LEVEL.match(piece)
        if lv and _VALUE.search(piece[lv.end():]):  # '数量指标:name 5个;质量指标:name 100%' on one line:
            l2 = canonical_level2(lv.group(1))     # the level opens the item (产出 > 数量 … as the form nests them)
            inline_cost = l2 == "成本指标"
            l1 = level1_of(l2, "") or l1
            piece = " " * lv.end() + piece[lv.end():]
        stripped = piece.strip(" ，,、")
        if prev is not None and re.match(r"^实际", stripped) and not re.search(_COMP, stripped):
            it = _item(piece, off + p_off, l2, prev_item)
            if it and prev.target is None:          # 'name≥6架, 实际6架': the first figure was the target
                prev.target, prev.actual = prev.actual, it.value
                prev.spans["target"] = prev.spans.pop("actual", None) or prev.span
                prev.spans["actual"] = doc.span(it.start, it.end)
                prev = None
                continue
        if prev is not None and _TARGET_LABEL.match(stripped):
            m = _VALUE.search(stripped)
            if m and prev.target is None:          # '完成培训1200人次,目标值1000人次': the item's target
                at = off + p_off + piece.find(m.group(1))
                prev.target = _measure(m.group(1).strip())
                prev.spans["target"] = doc.span(at, at + len(m.group(1)))
            continue
        if (prev is not None or pending is not None) and re.match(r"^(?:完成率|完成比例|实现率|完成比)", stripped):
            continue                               # '…目标值1000人次,完成率120%': the ratio of the two
        half = _restatement(stripped, prev.actual) if prev is not None and prev.target is None \
            and prev.actual is not None else None
        if half:
            at_m = _VALUE.search(stripped)
            at = off + p_off + piece.find(at_m.group(1))
            value = _measure(at_m.group(1).strip())
            if half == "target":                   # '培训5人，完成年初目标任务5人': the target
                prev.target = value
                prev.spans["target"] = doc.span(at, at + len(at_m.group(1)))
            else:                                  # '公用经费1000元/生，均完成达到1000元/生': the figure
                prev.target, prev.actual = prev.actual, value      # said with the name was the target
                prev.spans["target"] = prev.spans.pop("actual", None) or prev.span
                prev.spans["actual"] = doc.span(at, at + len(at_m.group(1)))
            prev = None
            continue
        vm = _VALUE.search(stripped)
        said = None
        if vm and section != "target":             # the words before the figure say which it is
            head = stripped[:vm.start()]
            said = _said(head)
            bare = _strip(_PLAN_WORDS.sub("", head))
            at = off + p_off + piece.find(vm.group(1))
            value = _measure(vm.group(1).strip())
            if value.is_number:
                if len(bare) < 2 and said == "target" and prev is not None and prev.target is None \
                        and prev.actual is not None:
                    prev.target = value             # '培训人数达到520人,超过目标值500人': that item's target
                    prev.spans["target"] = doc.span(at, at + len(vm.group(1)))
                    continue
                if pending is not None and pending.actual is None and (len(bare) < 2 or bare in pending.name) and \
                        (said == "actual" or re.match(r"(?:全年|年末|年度)?(?:实际|完成|实现|达到|已)", head)):
                    pending.actual = value          # '培训人数计划500人,完成520人': that target's result
                    pending.spans["actual"] = doc.span(at, at + len(vm.group(1)))
                    prev, pending = pending, None
                    continue
        pair = _glued_pair(piece) if (doc.meta.get("kind") or "") != "target_declaration" else None
        if pair:                                   # '培训人数500人480人': a form's row run together,
            t_m, a_m = pair                        # the 年度指标值 cell then the 实际完成值 cell
            it = _item(piece[:t_m.end()], off + p_off, l2, prev_item)
            name = _unlabel(_clean_name(it.name)) if it else ""
            if len(name) >= 2:
                out.append(_indicator(doc, name, l1, l2, it.value, _measure(a_m.group(1).strip()), it.name_start,
                                      it.start, it.end, off + p_off + a_m.start(1), off + p_off + a_m.end(1)))
                prev, pending, prev_item = None, None, it
                continue
        it = _item(piece, off + p_off, l2 if l2 else "时效指标" if "时限" in piece else l2, prev_item)
        if it is None:
            continue
        name = _unlabel(_clean_name(it.name))
        if len(name) < 2 or name.endswith(("的", "占")):
            continue                               # 完成全年任务数的100%: a share restating the figures
        both = re.fullmatch(r"(.{2,20}?)(?:及|和|与)(.{2,20}?)均", name)
        if both:                                   # 覆盖率及资金到位率均为100%: two indicators, one figure
            for nm in both.groups():
                out.append(_indicator(doc, nm, l1, l2, it.value if section == "target" else None,
                                      None if section == "target" else it.value, it.name_start,
                                      it.start, it.end, it.start, it.end))
            continue
        if inline_cost and budget_line(Indicator(name=name, target=it.value)):
            continue                               # '成本指标:项目资金500万元' inline: the budget restated
        if section == "target" or said == "target":
            ind = _indicator(doc, name, l1, l2, it.value, None, it.name_start, it.start, it.end, None, None)
            prev = None
            pending = ind if said == "target" else None
        else:
            ind = _indicator(doc, name, l1, l2, None, it.value, it.name_start, None, None, it.start, it.end)
            prev = ind
            if section != "actual":
                prev = None
        out.append(ind)
        prev_item = it
    return out


_ROW_LEVEL = re.compile(r"(?<![\u4e00-\u9fff])(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续(?:性)?影响|(?:服务对象)?满意度)"
                        r"(?:指标)?(?=[ \t\u3000])")


def _row_level(before: str) -> Optional[re.Match]:
    """The last 二级 cell of a form row run together on one line before a row ('数量 指标 …
    培训人数500人480人'): a level name standing alone between spaces, carried down as a merged cell is."""
    last = None
    for last in _ROW_LEVEL.finditer(before):
        pass
    return last


_DONE_FILLER = re.compile(r"全部|均|已经?|按时|足额|全面|顺利|共|累计|都|的")


def _restatement(clause: str, first: Value) -> Optional[str]:
    """A clause after an item's figure that names nothing of its own and states a figure of the
    same measure, labelled as the year's target ('，完成年初目标任务5人' -> 'target') or as done
    ('，均完成达到1000元' -> 'actual'): the other half of that item."""
    vm = _VALUE.search(clause)
    if vm is None or not first.is_number:
        return None
    value = _measure(vm.group(1).strip())
    head = re.sub(r"\s+", "", clause[:vm.start()])
    if not value.is_number or value.unit != first.unit or re.search(r"率|比例|比重", head):
        return None
    if len(_DONE_FILLER.sub("", _PLAN_WORDS.sub("", head)).strip("，,、:：")) >= 2:
        return None                                 # words of its own: another item
    if re.search(r"目标|任务|计划|指标值|预期", head):
        return "target"
    if re.search(r"完成|实现|达到|实际", head):
        return "actual"
    return None


def _glued_pair(piece: str):
    """The last two figures of a piece when nothing but spaces stands between them and they
    have one unit ('…覆盖率95%96%'): a form's 指标值 and 完成值 cells run together."""
    vals = [m for m in _VALUE.finditer(piece)]
    if len(vals) < 2:
        return None
    t, a = vals[-2], vals[-1]
    if piece[t.end():a.start()].strip() or piece[a.end():].strip(" ，,、;；。."):
        return None
    tv, av = _measure(t.group(1).strip()), _measure(a.group(1).strip())
    if not (tv.is_number and av.is_number) or tv.unit != av.unit:
        return None
    return t, a


# the words that label a figure as the target or the result ('年度目标', '实际完成', '超过目标值'),
# which leave no name when taken out of a clause that only labels
_PLAN_WORDS = re.compile(r"(?:年初|年度|全年)?(?:设定|设置|确定)?的?(?:绩效)?(?:目标值?|计划值?|指标值|预期值?|任务数?)(?:为|是|[:：])?|"
                         r"实际完成值?|实际|已完成|完成了?|实现了?|达到了?|超过|高于|低于")
_LABEL_END = re.compile(r"(?:[（(](?:年初|年度|全年)?(?:目标值?|指标值|计划值?)[)）]|"
                        r"(?:年初|年度|全年)?(?:设定|设置|确定)?的?(?:绩效)?(?:目标值?|计划值?|指标值|预期值?))$")


def _unlabel(name: str) -> str:
    """'培训人数年度目标' / '培训人数(目标值)': the label after the name is no part of it."""
    bare = _LABEL_END.sub("", name)
    return bare if len(bare) >= 2 else name


_TARGET_LABEL = re.compile(r"^(?:年初|年度|全年)?(?:目标值|指标值|计划值|预期值|目标|计划)(?:为|是|：|:)?\s*" + _COMP + r"?\s*\d")


def _split_at_values(off: int, piece: str) -> list[tuple[int, str]]:
    """A clause stating several indicators back to back (经费发放率为98%覆盖率…为100%), cut
    after each figure that words follow."""
    out, start = [], 0
    for m in _VALUE.finditer(piece):
        after = piece[m.end():m.end() + 2]
        head = re.sub(r"\s+", "", piece[start:m.start()]).strip("，,、;；：:")
        if len(head) <= 6 and _VERB_END.search(head) and re.match(r"[\u4e00-\u9fff]{2}", after) \
                and len(_TAIL.sub("", _FILLER.sub("", head[:-2] if len(head) > 2 else ""))) < 2:
            continue                      # '带动120户农户增收': the verb's object follows the figure
        if re.match(r"[\u4e00-\u9fff]", after) and not re.match(r"以上|以下|以内|左右|的|及|和|、|之", after):
            out.append((off + start, piece[start:m.end()]))
            start = m.end()
    if start < len(piece):
        out.append((off + start, piece[start:]))
    return [(o, p) for o, p in out if p.strip()]


# the words that say a figure is the year's target or its result ('年初目标：', '年初设定目标为',
# '计划完成', '实际完成：'): the label of the figure, not part of the indicator's name
_PLAN_LABEL = r"(?:(?:年初|年度|全年)(?:设定|设置|确定)?的?(?:绩效)?(?:目标|计划|任务)值?|目标值?|计划值?|指标值|预期值?|实际完成值?|实际)"
_PLAN_HEAD = re.compile(rf"^(?:{_PLAN_LABEL}(?:为|是)|(?:年初|年度|全年)(?:设定|设置|确定)?的?(?:目标|计划|任务)值?(?!完成率|实现率|达成率)|"
                        rf"计划(?:完成)?(?!率|内|外|生育))")
_PLAN_TAIL = re.compile(r"(?<=..)(?:(?:年初|年度|全年)(?:设定|设置|确定)?的?(?:目标|计划|任务)?值?(?:为|是)?|"
                        r"达到(?:预计|预期|目标|计划)值?)$")


def without_target_label(name: str) -> str:
    """'资金支出率达到目标值' / '培训人数年度目标': words after a name that only point at its target
    (a sentence's label, or a 指标说明 cell glued to a table's name) are no part of it."""
    bare = _PLAN_TAIL.sub("", name)
    return bare if len(bare) >= 2 else name


def _clean_name(name: str) -> str:
    if re.search(r"[:：]", name):
        head, tail = re.split(r"[:：]", name, 1)
        label = re.fullmatch(rf"\s*(?:[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．])?\s*{_PLAN_LABEL}\s*", head)
        name = tail if label and len(tail.strip(" ，,、;；。.")) >= 2 else head
    name = re.sub(r"^[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．]", "", name).strip(" ，,、;；。.")
    bare = _PLAN_TAIL.sub("", _PLAN_HEAD.sub("", name))
    if len(bare) >= 2:                    # '培训农民年初' / '年初设定目标为新建村道' / '计划完成改造'
        name = bare
    return _after(name).strip(" ，,、;；。.")


_AFTER = re.compile(r"^[^，,。；;]{0,12}?(?:实施|治理|建成|完工|改造|竣工|投入使用|运行|投产)后")


def _after(name: str) -> str:
    """'项目区综合治理后年保土量': the condition the figure holds after is no part of the name."""
    bare = _AFTER.sub("", name)
    return bare if len(bare) >= 3 else name


def _indicator(doc, name, l1, l2, target, actual, n_start, t_start, t_end, a_start, a_end) -> Indicator:
    spans = {"name": doc.span(n_start, n_start + len(name))}
    if target is not None and t_start is not None:
        spans["target"] = doc.span(t_start, t_end)
    if actual is not None and a_start is not None:
        spans["actual"] = doc.span(a_start, a_end)
    ends = [x for x in (t_end, a_end) if x is not None]
    return Indicator(name=name, level1=l1 or level1_of(l2, name), level2=l2, target=target, actual=actual,
                     span=doc.span(n_start, max(ends) if ends else n_start + len(name)), evidence="text",
                     source="narrative_outline", spans=spans)


def _framework_rates(doc: Document, ex: Extraction) -> None:
    """部门整体支出 framework: rates stated under 运行成本/管理效率/… headings."""
    level1 = None
    seen = set()
    for ln in lines_of(doc.text):
        h = _FRAMEWORK.match(ln.text)
        if h:
            level1 = h.group(1) if h.group(1) not in ("履职效能", "社会效应") else None
            continue
        if level1 is None or len(ln.text.strip()) < 4:
            continue
        if re.match(r"^\s*(?:[一二三四五六七八九十]+|\d+)[、.．]\s*\S{0,20}$", ln.text) is None and \
                re.match(r"^\s*[一二三四五六七八九十]+、", ln.text):
            level1 = None
            continue
        for m in _RATE_ITEM.finditer(ln.text):
            name = re.sub(r"^年度?", "", _FILLER.sub("", m.group(1)))
            if name in seen:
                continue
            seen.add(name)
            start, end = ln.start + m.start(2), ln.start + m.end(2)
            nxt = _GLUED_RATE.match(ln.text, m.end())
            if nxt:                              # '在职人员控制率100%98%': the form's 指标值 and 实际值 run together
                a_start, a_end = ln.start + nxt.start(1), ln.start + nxt.end(1)
                ex.indicators.append(Indicator(
                    name=name, level1=level1, target=parse_value(doc.text[start:end]),
                    actual=parse_value(doc.text[a_start:a_end]), span=doc.span(ln.start + m.start(1), a_end),
                    evidence="text", source="narrative_rate",
                    spans={"target": doc.span(start, end), "actual": doc.span(a_start, a_end)}))
                continue
            ex.indicators.append(Indicator(
                name=name, level1=level1, actual=parse_value(doc.text[start:end]),
                span=doc.span(ln.start + m.start(1), end), evidence="text", source="narrative_rate",
                spans={"actual": doc.span(start, end)}))


# --- indicators in prose: sections, clauses, labelled target/actual pairs -------------------------
# A narrative report without level headings states its indicators as clauses of sentences and
# list lines: '确保全年县道养护路况好路率达95%' (a name, a verb, a figure), '新建文化礼堂67家',
# '购置1辆垃圾压缩车辆' (the figure before the noun), '…比例年初指标值为不低于85%,全年实际完成值100%'
# (both stated, labelled). Whether a clause states a target or an actual comes from the section
# it sits in: the numbered heading (一、 (一) 1. (1)) or the inline label ('绩效目标情况:') above it,
# read by the words of the forms (目标/任务 -> target; 完成情况/实施情况 -> actual; 资金/预算 and
# 基本情况/问题/措施 sections hold no indicators). Targets are then joined to actuals by name, else
# by the same figure.

_MARK = r"(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]+)\s*[)）]|\d{1,2}\s*[、.．](?![\d.．])|第[一二三四五六七八九十]+[,，、]?)"
_HEADING = re.compile(rf"(?:(?:^|(?<=[。；;：:\n]))[ \t\u3000]*({_MARK})|(?<=[，,])\s*([（(]\s*[一二三四五六七八九十]+\s*[)）]))[ \t\u3000]*",
                      re.M)
_OTHER_WORDS = re.compile(r"自评工作|工作开展|开展情况|组织实施|组织情况|基本情况|概况|简介|职能|机构|人员|问题|措施|建议|经验|做法|"
                          r"依据|结论|得分|分数|应用|公开|下一步|佐证|方法|范围|目的|原因|偏离|整改|评价工作")
_FUND_WORDS = re.compile(r"资金|预算|经费|财务|收支|支出|收入|资产|采购|投资|三公|管理情况")
_ACTUAL_WORDS = re.compile(r"完成情况|实施情况|实施效果|绩效情况|实现情况|指标完成|完成值|成效|实施项目情况|任务完成|目标完成")
_TARGET_WORDS = re.compile(r"目标|任务|计划")
_LEVEL_IN_TITLE = re.compile(r"^(?:项目)?(产出|效益|满意度|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续(?:性)?影响)|"
                             r"(产出|效益|满意度|数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续(?:性)?影响)(?=指标)")
_INLINE_LABEL = re.compile(r"(目标完成情况|指标完成情况|完成情况|实施情况|实施效果|目标设定|绩效目标情况|目标情况|目标任务|"
                           r"绩效目标|年度目标|总体目标|建设目标|工作目标|预期目标|目标|任务)(?:为|如下|是)?[:：]")
_PV = (rf"(?:{_COMP}|逾|超)?\s*-?{_FIG}\s*(?:多|余)?\s*(?:(?:万|亿)?\s*(?:{_X_UNIT}|{_UNIT})|[（(]\s*(?:万|亿)?\s*(?:{_X_UNIT}|{_UNIT})\s*[)）])"
       r"(?:以上|以下|以内|左右)?")
_PVALUE = re.compile(rf"({_PV})")
_FUND_NAME = re.compile(r"资金|预算|经费|支出|投资|拨付|下达|安排|补助|补贴金额|金额|结余|结转|执行率|支付率|到位率|拨付率|"
                        r"兑现率|预算完成率|自评|得分|分值|权重|编制|在职|实有|退休|占比|比例为|项目数|涉及|指标|^包括|^其余|^其他|下设|目标值|完成值|实际|以下$|如下$|^(?:最后|首先|其次|同时|此外|另外|目前|现已|截至)")
_LEAD = re.compile(r"^(?:[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．]|[一二三四五六七八九十]是|第[一二三四五六七八九十]+|其中|"
                   r"(?:19|20)\d{2}\s*年(?:度|末|底)?|全年|当年|年内|本年度?|今年|全县|全市|全区|全乡|全镇|全省|我县|我区|我市|我镇|我乡|我局|我单位|"
                   r"确保|力争|保证|通过|使|共计|累计|合计|总计|共|已经|已|完成了|实现了?|实际|顺利|有效|能|可|年均|均|并|约|及(?!时)|和|与|、|\s)+")
_TRAIL = re.compile(r"(?:已?达到了?|达|为|是|共计|共|累计|合计|均|保持在?|保持|逾|超过|约|近|达成|提高到|提升至|提高至|增至|控制在|常年|在|了|\s)+$")
_GROWTH = re.compile(r"^(?:增|增长|增加|提高|提升)$")
_LABELLED = re.compile(
    r"(?P<t>(?:年初|年度|全年|初)?(?:目标值|指标值|计划值|预期值)(?:为|是|：|:)?)\s*(?P<tv>[^，,；;。]{1,30}?)\s*[，,；;]?\s*"
    r"(?P<a>(?:全年)?(?:实际完成值|实际完成|实际值|完成值|实际)(?:为|是|达到|达|：|:)?)\s*(?P<av>[^，,；;。]{1,30})"
    r"(?:\s*[，,]\s*(?:自评)?得分(?:为)?\s*(?P<s>\d+(?:\.\d+)?)\s*分)?")
_LABELLED_FIGURES = re.compile(        # '培训人数年初目标500人,实际完成520人': plain labels, figures only
    rf"(?P<t>(?:年初|年度|全年)?(?:目标|计划|预期)(?:目标|任务|数|值)?(?:为|是|：|:)?)\s*(?P<tv>{_PV})\s*[，,；;]?\s*"
    rf"(?P<a>(?:全年|年末)?(?:实际完成|实际|已完成)(?:值|数)?(?:为|是|达到|达|了|：|:)?)\s*(?P<av>{_PV})"
    r"(?:\s*[，,]\s*(?:自评)?得分(?:为)?\s*(?P<s>\d+(?:\.\d+)?)\s*分)?")


@dataclass
class _Context:
    mode: Optional[str]          # target | actual | None (no indicators)
    level1: Optional[str] = None
    level2: Optional[str] = None
    named: Optional[str] = None  # '(1)项目完成数量。…1个': the heading names the figure below it
    other: bool = False          # a section about something else (基本情况, 问题, 措施 …)


def _title_context(title: str, parent: Optional[_Context], rank: int, title_line: str = "") -> _Context:
    """What a heading's title says: the section's mode (target/actual/none) and level."""
    inherit = parent if parent is not None and rank > 0 else _Context(None)
    level1, level2 = inherit.level1, inherit.level2
    lv = _LEVEL_IN_TITLE.search(title)
    if lv:
        word = lv.group(1) or lv.group(2)
        if word in ("产出", "效益", "满意度"):
            level1, level2 = {"产出": "产出指标", "效益": "效益指标", "满意度": "满意度指标"}[word], None
            sub = re.search(r"(数量|质量|时效|成本)", title[lv.end():])
            if word == "产出" and sub:
                level2 = canonical_level2(sub.group(1))
        else:
            level2 = canonical_level2(word)
            level1 = level1_of(level2, "") or ("效益指标" if "效益" in word or "可持续" in word else level1)
    if _OTHER_WORDS.search(title) and not _ACTUAL_WORDS.search(title) and not lv:
        return _Context(None, other=True)
    if _FUND_WORDS.search(title) and not re.search(r"指标|目标|项目情况", title):
        return _Context(None)
    if _ACTUAL_WORDS.search(title):
        return _Context("actual", level1, level2)
    if _TARGET_WORDS.search(title) and not re.search(r"完成", title):
        return _Context("target", level1, level2)
    if lv and inherit.mode is None and not inherit.other:
        return _Context("actual", level1, level2)   # '(一)项目产出' under '二、绩效评价情况': its results
    named = None
    if rank >= 2 and rank != 9 and not lv and re.fullmatch(r"[^，,]{2,14}[，,][^，,]{2,14}", title_line.strip()):
        return _Context(None)                     # '1、兑现政策，提升创新动能': a work summary's slogan
    if rank >= 2 and rank != 9 and not lv and 4 <= len(title.strip()) <= 14 and not re.search(r"指标|情况|分析|方面", title):
        named = title.strip()
    return _Context(inherit.mode, level1, level2, named)


def _rank(mark: str) -> int:
    m = mark.strip()
    if m.startswith("第"):
        return 4
    if m[0] in "（(":
        return 1 if re.search(r"[一二三四五六七八九十]", m) else 3
    return 0 if re.match(r"[一二三四五六七八九十]", m) else 2


def _segments(text: str) -> list[tuple[int, int, _Context]]:
    """The text cut at headings and inline labels: (start, end, context)."""
    cuts = []                                     # (pos_of_body, pos_of_mark, rank, title)
    lines = lines_of(text)
    for i, ln in enumerate(lines):                # '2.164个农家书屋' after '1.确保171个…': item 2, not 2.164
        m = re.match(r"^\s*(\d{1,2})[.．](?=\d)", ln.text)
        if not m:
            continue
        n = int(m.group(1))
        near = [x.text.strip() for x in lines[max(0, i - 3):i + 4] if x is not ln and x.text.strip()]
        if any(re.match(rf"^{k}[.．、]", t) for t in near for k in (n - 1, n + 1) if k > 0):
            cuts.append((ln.start + m.end(), ln.start + m.start(1), 2, ""))
    line_of: dict[int, str] = {}
    for m in _HEADING.finditer(text):
        body = m.end()
        line_of[body] = re.match(r"[^。；;\n]{0,40}", text[body:]).group()
        tm = re.match(r"[^。；;：:，,\n]{0,30}", text[body:])
        title = tm.group()
        if _PVALUE.search(title) or _VALUE.search(title):
            title = ""                            # a list item, not a heading
        g = 1 if m.group(1) else 2
        cuts.append((body, m.start(g), _rank(m.group(g)), title))
    for m in _INLINE_LABEL.finditer(text):
        cuts.append((m.end(), m.start(1), 9, m.group(1)))
    cuts.sort()
    out = []
    stack: dict[int, _Context] = {}
    ctx = _Context(None)
    prev_pos = 0
    for body, mark_at, rank, title in cuts:
        if mark_at > prev_pos:
            out.append((prev_pos, mark_at, ctx))
        if title:
            parent = None
            for r in sorted(stack, reverse=True):
                if r < rank:
                    parent = stack[r]
                    break
            if rank == 9:
                parent = ctx
            new = _title_context(title, parent, rank, line_of.get(body, ""))
            if rank != 9:
                for r in [r for r in stack if r >= rank]:
                    del stack[r]
                stack[rank] = new
            ctx = new
        out.append((mark_at, body, _Context(None)))    # the heading itself
        prev_pos = body
    out.append((prev_pos, len(text), ctx))
    return [s for s in out if s[1] > s[0]]


@dataclass
class _Clause:
    name: str
    value: Value
    start: int
    end: int
    name_start: int
    ctx: _Context
    said: Optional[str] = None   # the sentence says target (目标为/计划) or actual (实际完成) itself
    glued: bool = False          # one of two figures run together ('覆盖率95%96%': 指标值, 完成值)


def _measure(raw: str) -> Value:
    """parse_value, plus the measure words it does not know (hm, t, 斤, 册次 …): 万 multiplies;
    a unit in brackets ('4.52(万人)', as a table's header prints it) is the figure's unit."""
    if re.search(r"\d\s*[（(][^（()）]+[)）]", raw):
        value = _measure(re.sub(r"[（()）]", "", raw))
        return Value(raw=raw, op=value.op, value=value.value, unit=value.unit, high=value.high)
    value = parse_value(raw)
    m = re.search(rf"(-?{_FIG})\s*(多|余)?\s*(万|亿)?\s*({_X_UNIT})", raw)
    if m and (value.unit in (None, "万元") or value.unit != m.group(4)) and not re.search(r"元|%|％", raw):
        n = Decimal(m.group(1).replace(",", ""))
        if m.group(3):
            n *= Decimal(10000 if m.group(3) == "万" else 100000000)
        num = int(n) if n == n.to_integral_value() else float(n)
        op = value.op if value.op != "=" else (">=" if m.group(2) else "=")
        return Value(raw=raw, op=op, value=num, unit=m.group(4))
    return value


def _clean(name: str) -> str:
    """A name as the clause gives it: after a colon ('县道公路日常养护费:确保…好路率达'), unless
    what follows the colon is no name ('资助学生人数：实际资助'); filler words off both ends."""
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"^.*?(?:目标|任务)(?:是|为)", "", name)
    if re.search(r"[:：]", name):
        parts = [p for p in re.split(r"[:：]", name)]
        after = _strip(parts[-1])
        return after if len(after) >= 3 or len(parts) < 2 else (_strip(parts[-2]) or after)
    return _strip(name)


def _strip(name: str) -> str:
    name = re.sub(r"[“”\"‘’「」]", "", name)
    for _ in range(2):
        name = _TRAIL.sub("", _LEAD.sub("", _after(name)))
    return name.strip("，,、;；。.()（）:：")


_VERB_END = re.compile(r"(购置|新建|新增|建设|建成|配套|开展|举办|组织|培训|发放|慰问|创建|改造|维修|安装|修建|硬化|铺设|种植|培育|"
                       r"引进|覆盖|惠及|带动|资助|救助|帮扶|服务|完成|送|更新|维护|新改建|改建|扩建|治理|整治|打造|建立|设立)$")


_RATE_ZERO = re.compile(r"([\u4e00-\u9fff“”]{2,20}?率)\s*(?:为|是|控制在|保持在?|达到)\s*(零)(?![\u4e00-\u9fff])")
_LEVEL_IN_CLAUSE = re.compile(r"(?:^|[:：])\s*(?:[一二三四五六七八九十]是|[（(]?\d+[)）.．、])?\s*(产出|效益|满意度|数量|质量|时效|成本|"
                              r"经济效益|社会效益|生态效益|可持续影响)指标(?:方面|全部完成|完成情况)?")


def _said(prefix: str) -> Optional[str]:
    """What the sentence before a figure says it is: '总体绩效目标为…' / '计划…' (target) or
    '实际完成…' / '已完成…' (actual); the later word wins."""
    t = [m.end() for m in re.finditer(r"(?:目标|计划|预期)(?:值|数)?(?:为|是|[:：]|\s*$)|(?:计划|预期)(?=[^，,]{0,10}$)", prefix)]
    a = [m.end() for m in re.finditer(r"实际|已完成|完成了|实现了|已经?" + _VERB_END.pattern.rstrip("$"), prefix)]
    if not t and not a:
        return None
    return "target" if (t and (not a or max(t) > max(a))) else "actual"


def _clause_items(text: str, off: int, ctx: _Context, fiscal_year, glued: bool = True) -> list[_Clause]:
    """Each clause's figures with their names: the words before the figure ('新建文化礼堂67家'),
    or a verb and the noun after it ('购置1辆垃圾压缩车辆及2个配套压缩箱')."""
    out: list[_Clause] = []
    prev: Optional[_Clause] = None
    for sm in re.finditer(r"[^。；;\n]+", text):
        sent, s_off = sm.group(), off + sm.start()
        if re.search(r"到\s*(?:19|20)\d{2}\s*年(?!底|末|\d)", sent):
            continue                              # 到2025年,力争建成…: a long-range goal, not the year's
        parts = [(m.start(), m.group()) for m in re.finditer(r"[^，,]+", sent)]
        context_name = ""
        for p_off, part in parts:
            lv = _LEVEL_IN_CLAUSE.search(part)
            if lv:                                # '一是产出指标方面,开展…' / '1.产出指标全部完成,…'
                ctx = _title_context(lv.group(1) + "指标", ctx, 9)
            vals = list(_PVALUE.finditer(part))
            if not vals:
                for z in _RATE_ZERO.finditer(part):     # '确保漏评率为零': a rate of 0
                    name = _clean(z.group(1))
                    if 2 <= len(name) <= 20 and not _FUND_NAME.search(name):
                        at = s_off + p_off + z.start(2)
                        out.append(_Clause(name=name, value=Value(raw=z.group(2), op="=", value=0, unit="%"),
                                           start=at, end=at + 1, name_start=s_off + p_off + z.start(1), ctx=ctx))
                context_name = part
                continue
            if re.search(r"较|同比|比上年|上年|去年|下降|减少", part):
                continue
            years = re.findall(r"((?:19|20)\d{2})\s*年", part)
            if fiscal_year and years and any(int(y) != fiscal_year for y in years):
                continue
            if prev is not None and prev.start >= s_off and _TARGET_LABEL.match(part.strip()):
                vm = vals[0]                      # '完成培训1200人次,目标值1000人次': that item's target
                value = _measure(vm.group(1).strip())
                if value.is_number:
                    out.append(_Clause(name=prev.name, value=value, start=s_off + p_off + vm.start(1),
                                       end=s_off + p_off + vm.end(1), name_start=prev.name_start, ctx=ctx,
                                       said="target"))
                continue
            if prev is not None and prev.start >= s_off and re.match(r"^(?:完成率|完成比例|实现率|完成比)", part.strip()):
                continue                          # the ratio of the two
            if prev is not None and prev.start >= s_off and len(vals) == 1 and (
                    re.match(r"^实际", part.strip()) or prev.said == "target" and re.fullmatch(
                        r"(?:全年|年末|年底)?(?:实际|已经?)?(?:完成|实现|达到)了?(?:值|数)?(?:为|是|[:：])?",
                        re.sub(r"\s+", "", part[:vals[0].start()]))):
                vm = vals[0]                      # '布防飞机数量≥6架,实际布防6架': that item's actual,
                value = _measure(vm.group(1).strip())     # and the figure before it was the target
                if value.is_number:
                    if prev.said is None:
                        prev.said = "target"
                    out.append(_Clause(name=prev.name, value=value, start=s_off + p_off + vm.start(1),
                                       end=s_off + p_off + vm.end(1), name_start=prev.name_start, ctx=ctx,
                                       said="actual"))
                continue
            found: list[tuple[_Clause, bool]] = []
            start = 0
            last: Optional[tuple[int, _Clause]] = None   # the clause of the figure before, by its index
            for i, vm in enumerate(vals):
                seg_end = vals[i + 1].start() if i + 1 < len(vals) else len(part)
                before = part[start:vm.start()]
                after = part[vm.end():seg_end]
                raw = vm.group(1).strip()
                value = _measure(raw)
                at = start
                start = vm.end()
                if not value.is_number or re.match(r"(?:工作日|个?月|小时|年|季度|自然日|天内)", after):
                    continue
                if glued and last is not None and last[0] == i - 1 and not before.strip() \
                        and value.unit == last[1].value.unit:
                    t = last[1]                   # '培训人数500人480人': a form's row run together, the
                    t.said, t.glued = "target", True   # 年度指标值 cell then the 实际完成值 cell
                    lv = _row_level(sent[:t.start - s_off])
                    if lv and lv.end() > t.name_start - s_off and len(_clean(sent[lv.end():t.start - s_off])) >= 2:
                        t.name = _clean(sent[lv.end():t.start - s_off])      # '质量 合格率95%96%': the level
                        t.name_start = s_off + len(sent) - len(sent[lv.end():].lstrip())   # cell is no part of it
                    if lv:                        # its 二级 cell printed before it on the line, carried down
                        l2 = canonical_level2(lv.group(1))
                        t.ctx = _Context(ctx.mode, level1_of(l2, "") or ctx.level1, l2, ctx.named, ctx.other)
                    it = _Clause(name=t.name, value=value, start=s_off + p_off + vm.start(1),
                                 end=s_off + p_off + vm.end(1), name_start=t.name_start, ctx=t.ctx, said="actual",
                                 glued=True)
                    found.append((it, False))
                    prev, last = it, None
                    continue
                b = _clean(before)
                nxt = re.match(r"[\u4e00-\u9fffA-Za-z&（）()“”]+", after)
                noun = re.split(r"(?:及|和|与|、|的|进行|以上|以下|左右|分红)", nxt.group())[0] if nxt else ""
                noun = re.sub(r"[“”]", "", noun)
                verb = _VERB_END.search(re.sub(r"\s+", "", before))
                joined = bool(re.search(r"(?:及|和|与|、)\s*$", before)) and i > 0
                figure_first = len(noun) >= 2 and value.unit not in ("%", "‰", "万元") and (not b or verb or joined)
                if figure_first:
                    name = ("" if joined or not verb else verb.group(1)) + noun
                    n_start = s_off + p_off + vm.end()
                elif b:
                    if i > 0 and len(b) <= 3:     # '12个乡镇164个村': a scope, not a name
                        continue
                    name = b
                    n_start = s_off + p_off + at + (len(before) - len(before.lstrip()))
                elif context_name and 2 <= len(_clean(context_name)) <= 14:
                    name = _clean(context_name)
                    n_start = s_off
                else:
                    continue
                name = re.sub(r"(满意度)+", "满意度", name)
                if len(name) <= 2 and not figure_first and prev is not None and prev.start >= s_off \
                        and re.match(r"新增|新建|新认定|引进|培育", name) and len(prev.name) > 4:
                    name = name + prev.name[2:]            # '培育高新技术企业5家,新增8家'
                if _GROWTH.match(b or "x"):      # 农业总产值299亿元以上,增6%以上: the growth of the last item
                    if prev is None or value.unit != "%" or figure_first:
                        continue
                    name = prev.name + "增长"
                per = re.match(r"^([亩人户])均", name)
                paid_out = value.unit == "%" and re.search(r"(?:发放|兑付|兑现|拨付)(?:及时)?率$", name) \
                    and not re.search(r"到位|执行|支付|预算", name)     # 补贴资金兑付率: paid to the people it is for
                if len(name) < 2 or len(name) > 26 or (_FUND_NAME.search(name) and not per and not paid_out) \
                        or name.endswith(("的", "占", "第", "达", "约")):
                    continue
                if value.unit == "万元":
                    if per and re.search(r"\d\s*元$", raw):     # 亩均投入1500元: money per measure
                        value = Value(raw=raw, op=value.op, value=parse_value(raw.replace("元", "")).value,
                                      unit="元/" + per.group(1))
                    elif not re.search(r"(?:值|额|收入|利润|贴息|效益)$", name):
                        continue
                it = _Clause(name=name, value=value, start=s_off + p_off + vm.start(1), end=s_off + p_off + vm.end(1),
                             name_start=n_start, ctx=ctx, said=_said(sent[:p_off + vm.start()]))
                found.append((it, figure_first))
                prev = it
                last = (i, it)
            if len(found) > 1 and not found[-1][1]:   # '164个农家书屋和7个社区书屋进行图书更新1920册'
                found = [f for f in found if not f[1]]
            out.extend(it for it, _ in found)
            context_name = ""
    return out


def _labelled(doc: Document, text: str, off: int, ctx: _Context) -> list[Indicator]:
    """'name,年初目标值≥90%,实际完成值≥90%,自评得分20分': target, actual (and score) labelled."""
    out = []
    for sm in re.finditer(r"[^。；;\n]+", text):
        sent, s_off = sm.group(), off + sm.start()
        m = _LABELLED.search(sent) or _LABELLED_FIGURES.search(sent)
        if not m or re.search(r"[|\t]", sent):
            continue
        head = sent[:m.start()]
        name = _clean(re.split(r"[，,]", head.rstrip("，, "))[-1] if head.strip("，, ") else "")
        tv_raw, av_raw = m.group("tv").strip(), m.group("av").strip()
        if len(name) < 2 or len(name) > 30 or re.search(r"指标|目标|完成|实际", tv_raw) or re.search(r"目标值|指标值", name):
            continue
        target = _measure(tv_raw)
        if not target.is_number:
            target = Value(raw=tv_raw, op="=", value=None, unit=None)
        actual = _measure(av_raw)
        a_start = s_off + m.start("av")
        if not actual.is_number:                  # '实际在规定时间内完成': the statement is the value
            av_raw = (m.group("a") + av_raw).strip()
            actual = Value(raw=av_raw, op="=", value=None, unit=None)
            a_start = s_off + m.start("a")
        l2 = ctx.level2
        ind = _indicator(doc, name, ctx.level1, l2, target, actual,
                         s_off + head.rfind(name) if name in head else s_off,
                         s_off + m.start("tv"), s_off + m.start("tv") + len(tv_raw),
                         a_start, a_start + len(av_raw))
        if m.group("s"):
            ind.score = parse_value(m.group("s")).value
        ind.source = "narrative_labelled"
        _name_span(doc, ind, s_off, s_off + m.start())
        out.append(ind)
    return out


def _prose(doc: Document) -> list[Indicator]:
    """Indicators stated in prose, by section (see the comment above _MARK)."""
    found, targets, actuals = _prose_items(doc)
    pairs = _pair_clauses(targets, actuals)
    used = set(pairs.values())
    unsure_t, unsure_a = _unsure_pairs(targets, actuals, pairs)
    for ti, t in enumerate(targets):
        a = actuals[pairs[ti]] if ti in pairs else None
        found.append(_from_clauses(doc, t, a))
        if ti in unsure_t:
            doubt(found[-1], "pair_uncertain")
    for ai, a in enumerate(actuals):
        if ai not in used:
            found.append(_from_clauses(doc, None, a))
            if ai in unsure_a:
                doubt(found[-1], "pair_uncertain")
    for ind in found:
        if _cut_in_bracket(ind.name):
            doubt(ind, "name_cut")
    return found


def _cut_in_bracket(name: str) -> bool:
    """A name cut out of its sentence inside a bracket ('国家级非物质文化遗产代表性项目(含'): the
    clause ended at a figure or a comma within the bracket, so where the indicator's name ends
    is the reader's guess, for review."""
    return name.count("（") + name.count("(") != name.count("）") + name.count(")")


def _prose_items(doc: Document) -> tuple[list[Indicator], list[_Clause], list[_Clause]]:
    """The labelled items, and the target and actual clauses of the prose."""
    fiscal_year = doc.meta.get("fiscal_year")
    kind = doc.meta.get("kind") or ""
    text = doc.text
    found: list[Indicator] = []
    targets: list[_Clause] = []
    actuals: list[_Clause] = []
    for start, end, ctx in _segments(text):
        seg = text[start:end]
        labelled = _labelled(doc, seg, start, ctx)
        if labelled:
            found.extend(labelled)
            continue
        mode = ctx.mode
        if kind == "target_declaration" and mode:
            mode = "target"
        if mode is None:
            if not ctx.other:
                rates = _rate_statements(seg, start, ctx, fiscal_year)   # a declaration states targets only
                for it in rates:
                    (targets if kind == "target_declaration" or it.said == "target" and it.glued
                     else actuals).append(it)
            continue
        items = _clause_items(seg, start, ctx, fiscal_year, glued=kind != "target_declaration")
        if ctx.named and items:                   # the heading names the first figure (a target and an actual
            keep = [items[0]]                     # when the text says both: '目标500人,实际完成520人')
            other = "actual" if (items[0].said or mode) == "target" else "target"
            keep += [it for it in items[1:] if it.said == other][:1]
            at = seg.find(ctx.named) + start if ctx.named in seg else keep[0].name_start
            items = [_Clause(name=ctx.named, value=k.value, start=k.start, end=k.end, name_start=at, ctx=ctx,
                             said=k.said) for k in keep]
        for it in items:
            (targets if (it.said or mode) == "target" else actuals).append(it)
    if found:                                     # a restatement of a labelled item is not another item
        def restated(c: _Clause) -> bool:
            return any((_similar(c.name, i.name) >= 0.5 or c.name in i.name or i.name in c.name) and any(
                v is not None and v.value == c.value.value and v.unit == c.value.unit for v in (i.target, i.actual))
                for i in found)
        targets = [c for c in targets if not restated(c)]
        actuals = [c for c in actuals if not restated(c)]
    return found, targets, actuals


def _targets_for(doc: Document, items: list[Indicator]) -> None:
    """Results read under level headings take the target stated in another section's prose
    ('本项目总体绩效目标为治理水土流失面积1429.39hm' … '(1)数量指标。基本完成治理水土流失面积1429.39hm'),
    by name and unit."""
    _, targets, _ = _prose_items(doc)
    cands = []
    for ii, it in enumerate(items):
        if it.target is not None or it.actual is None:
            continue
        for ti, t in enumerate(targets):
            s = _similar(it.name, t.name)
            if s >= 0.6 and t.value.unit == it.actual.unit:
                cands.append((s, ii, ti))
    pairs = _best_first(cands)
    for ii, it in enumerate(items):              # what is left, by the same figure and unit when only one
        if ii in pairs or it.target is not None or it.actual is None or not it.actual.is_number \
                or it.actual.unit in ("%", "‰"):  # has it (100% is said of many things)
            continue
        same = [ti for ti, t in enumerate(targets) if ti not in pairs.values() and _same_figure(t.value, it.actual)]
        twins = [x for x in items if x.actual is not None and x.target is None and _same_figure(it.actual, x.actual)]
        if len(same) == 1 and len(twins) == 1:
            pairs[ii] = same[0]
    for ii, ti in pairs.items():
        t = targets[ti]
        items[ii].target = t.value
        items[ii].spans["target"] = doc.span(t.start, t.end)
        if _similar(items[ii].name, t.name) < 0.6:   # paired by the figure: the target names the indicator
            items[ii].name = t.name                 # ('实现新建村内道路32.63公里' … '已完成建设工程32.63公里')
            items[ii].spans["name"] = doc.span(t.name_start, t.name_start + len(t.name))


def _same_figure(a: Value, b: Value) -> bool:
    return a.value is not None and a.value == b.value and a.unit == b.unit


def _rate_statements(text: str, off: int, ctx: _Context, fiscal_year) -> list[_Clause]:
    """Outside a target or results section, only a rate stated as reached ('政策落实率达到100%',
    '牧民满意度达到95%以上') is read as an actual."""
    out = []
    sents = [m.span() for m in re.finditer(r"[^。；;\n]+", text)]
    for it in _clause_items(text, off, ctx, fiscal_year):
        span = next(((a, b) for a, b in sents if a <= it.start - off < b), None)
        if span and (re.search(r"确保|力争", text[span[0]:it.start - off].replace(it.name, ""))
                     or re.search(r"要求|为目标", text[it.end - off:span[1]])):
            continue                              # '严格落实漏评率为零…的要求': a goal, not a result
        if it.value.unit != "%" or not re.search(r"(?:率|满意度)$", it.name) or len(it.name) < 4:
            continue
        if it.glued:
            out.append(it)                        # '…覆盖率95%96%': a form's row, its 指标值 and 完成值
            continue
        at = text.find(it.name, max(0, it.name_start - off))
        between = text[at + len(it.name):it.start - off] if 0 <= at < it.start - off else ""
        if re.search(r"达到|达|为|保持", between) or not between.strip():
            out.append(it)
    return out


def _unsure_pairs(targets: list[_Clause], actuals: list[_Clause], pairs: dict[int, int]) -> tuple[set, set]:
    """The targets and the unpaired actuals whose pairing the names could not settle: a target
    paired with one actual while another pairing sharing the target or the actual scored within
    0.05 of it, or a target and an actual left apart although their names came close to the bar
    (0.45 of 0.6) with the same unit; which figure is whose is then the reader's guess."""
    score = {(ti, ai): _pair_score(t, a) for ti, t in enumerate(targets) for ai, a in enumerate(actuals)}
    used = set(pairs.values())
    unsure_t, unsure_a = set(), set()
    for ti, ai in pairs.items():
        s = score[(ti, ai)]
        if any(x >= max(0.6, s - 0.05) for (i, j), x in score.items() if (i == ti) != (j == ai)):
            unsure_t.add(ti)
    for (ti, ai), x in score.items():
        if ti not in pairs and ai not in used and 0.45 <= x < 0.6 and targets[ti].value.unit == actuals[ai].value.unit:
            unsure_t.add(ti)
            unsure_a.add(ai)
    return unsure_t, unsure_a


def _pair_score(t: _Clause, a: _Clause) -> float:
    """How alike a target's and an actual's names are, a little more under the same 二级指标 and
    with the same unit (the score _pair_clauses pairs by)."""
    s = _similar(t.name, a.name)
    if t.ctx.level2 and t.ctx.level2 == a.ctx.level2:
        s += 0.05
    if t.value.unit == a.value.unit:
        s += 0.05
    return s


def _pair_clauses(targets: list[_Clause], actuals: list[_Clause]) -> dict[int, int]:
    """By name (as _pair), then what is left by the same figure and unit when only one has it."""
    cands = []
    for ti, t in enumerate(targets):
        for ai, a in enumerate(actuals):
            s = _pair_score(t, a)
            if s >= 0.6:
                cands.append((s, ti, ai))
    out = _best_first(cands)
    used_a = set(out.values())
    for ti, t in enumerate(targets):
        if ti in out:
            continue
        if t.value.unit in ("%", "‰"):
            continue                              # 100% is said of many things: not a pairing by itself
        same = [ai for ai, a in enumerate(actuals) if ai not in used_a and a.value.value == t.value.value
                and a.value.unit == t.value.unit]
        twins = [x for x in targets if x.value.value == t.value.value and x.value.unit == t.value.unit]
        if len(same) == 1 and len(twins) == 1:
            out[ti] = same[0]
            used_a.add(same[0])
    return out


def _from_clauses(doc: Document, t: Optional[_Clause], a: Optional[_Clause]) -> Indicator:
    first = t or a
    ctx = first.ctx
    l1, l2 = ctx.level1, ctx.level2
    if a is not None and (a.ctx.level1 or a.ctx.level2):
        l1, l2 = a.ctx.level1 or l1, a.ctx.level2 or l2
    ind = _indicator(doc, first.name, l1, l2, t.value if t else None, a.value if a else None,
                     first.name_start, t.start if t else None, t.end if t else None,
                     a.start if a else None, a.end if a else None)
    if ind.level1 is None and "满意" in first.name:
        ind.level1 = "满意度指标"
    ind.source = "narrative_prose"
    _name_span(doc, ind, first.name_start, first.start)
    return ind


def _name_span(doc: Document, ind: Indicator, start: int, value_start: int) -> None:
    """The name's own place: where its text stands between the clause start and the figure
    (or after the figure: '购置1辆垃圾压缩车辆'); a name put together from words around the
    figure ('…增长', '新增…') points at the whole clause before the figure."""
    lo, hi = (start, value_start) if start < value_start else (start, start + 40)
    for k in range(0, min(4, len(ind.name) - 1)):        # '购置'+'垃圾压缩车辆': the noun after the figure
        at = doc.text.find(ind.name[k:], lo, hi + len(ind.name))
        if at >= 0:
            ind.spans["name"] = doc.span(at, at + len(ind.name) - k)
            return
    if start < value_start:
        ind.spans["name"] = doc.span(start, value_start)
