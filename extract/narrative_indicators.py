"""Indicators stated in sentences, and targets paired with actuals stated elsewhere.

Narrative reports list their targets in one section (（二）2023年度部门绩效目标 …
1、数量指标。培育高新技术企业5家，新增8家；…) and the results in another (1、数量指标。
培育高新技术企业20家 …). Each list line is cut into items, one figure each; an item's
name is its words around the figure. Targets and actuals are then paired greedily by
name similarity, preferring the same 二级指标. Reports of the 部门整体支出 framework
instead state rates per dimension (（1）运行成本方面 … 在职人员控制率为86.76%): those
are read as actual-only items with the dimension as 一级指标.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Optional

from .document import Document
from .layout import lines_of
from .normalize import Value, parse_value
from .record import Extraction, Indicator
from .schema import canonical_level2

_LEVEL_LINE = re.compile(
    r"^\s*[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．]\s*"
    r"(数量指标|质量指标|时效指标|成本指标|效益指标|经济效益指标|社会效益指标|生态效益指标|可持续影响指标|"
    r"可持续影响|满意度指标|[^。：:]{0,12}满意度)\s*[。.:：]?\s*(.*)$")
_FIG = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_UNIT = (r"(?:%|％|‰|元/[人亩年天次户个件吨]|个亿|亿元|亿|万元|万人次|万人|万亩|万|元|人次|场次|批次|户次|小时|学时|课时|"
         r"公里|公顷|平方米|立方米|千米|家|个|项|名|人|次|场|件|条|户|所|座|台|套|辆|天|期|篇|份|处|批|亩|架|粒|起|吨|册|卷|株|只|头)")
_COMP = r"(?:大于等于|大于或等于|不低于|不少于|不超过|≥|≧|≤|≦|高于|超过|低于|小于|大于|约|近)"
_VALUE = re.compile(rf"({_COMP}?\s*-?{_FIG}\s*{_UNIT}(?:以上|以下|以内|左右)?)")
_DEADLINE = re.compile(r"((?:19|20)\d{2}年(?:\d{1,2}月)?(?:内|底前|底|前)[^，,。；;\s]*|\d{1,2}月底前[^，,。；;\s]*|年底前[^，,。；;\s]*)")
_FILLER = re.compile(r"^(?:(?:19|20)\d{2}年(?:度)?|全年|今年|全县|全市|全区|完成了?|实现了?|带动|达成|已|共|累计|先后)+")
_TAIL = re.compile(r"(?:已?达到?|为|是|已|共|均|达成|完成)$")
_FRAMEWORK = re.compile(r"^\s*[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．]?\s*"
                        r"(运行成本|管理效率|履职效能|社会效应|可持续发展能力|服务对象满意度)(?:和[^方]*)?(?:等)?方面")
_RATE_ITEM = re.compile(rf"([\u4e00-\u9fff“”\"]{{2,24}}?(?:率|满意度))\s*(?:为|达到|达|是)?\s*(-?{_FIG}\s*%)")


@dataclass
class _Item:
    name: str
    value: Value
    level2: Optional[str]
    start: int
    end: int
    name_start: int


def level1_of(level2: Optional[str], name: str) -> Optional[str]:
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
        value = parse_value(raw)
        before, after, v_start, v_end = text[:m.start()], text[m.end():], m.start(), m.end()
        if not value.is_number:
            return None
    after = after if len(after) <= 8 else ""
    name = re.sub(r"\s+", "", before + after)
    name = _TAIL.sub("", _FILLER.sub("", name))
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
        if "满意度" in level2:
            level2 = "服务对象满意度指标"
        elif level2 == "效益指标":
            level2 = None
        body_off = ln.start + m.start(2)
        prev = None
        for off, piece in _pieces(m.group(2)):
            it = _item(piece, body_off + off, level2, prev)
            if it:
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
    cands.sort(reverse=True)
    used_t, used_a, out = set(), set(), {}
    for s, ti, ai in cands:
        if ti in used_t or ai in used_a:
            continue
        used_t.add(ti)
        used_a.add(ai)
        out[ti] = ai
    return out


def extract(doc: Document, ex: Extraction) -> None:
    if ex.indicators:                   # a table gave the indicators; sentences restate them
        return
    targets, actuals = _list_items(doc)
    if targets:
        pairs = _pair(targets, actuals)
        for ti, t in enumerate(targets):
            a = actuals[pairs[ti]] if ti in pairs else None
            level2 = t.level2 or (a.level2 if a else None)
            spans = {"target": doc.span(t.start, t.end), "name": doc.span(t.name_start, t.start)}
            if a:
                spans["actual"] = doc.span(a.start, a.end)
            ex.indicators.append(Indicator(
                name=t.name, level1=level1_of(level2, t.name), level2=level2, target=t.value,
                actual=a.value if a else None, span=doc.span(t.name_start, t.end), evidence="text",
                source="narrative_pair" if a else "narrative_target", spans=spans))
        return
    if _outline(doc, ex):
        return
    _framework_rates(doc, ex)


# --- an outline of level headings with the indicators under them --------------------------
_LEVEL_WORD = (r"(产出指标|效益指标|满意度指标|数量指标|质量指标|时效指标|成本指标|经济效益指标|社会效益指标|"
               r"生态效益指标|可持续影响指标|可持续性影响指标|服务对象满意度指标|满意度)")
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
    ex.indicators.extend(_merge_results(found))
    return bool(found)


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
    prev_item: Optional[_Item] = None
    pieces = [sub for p_off, piece in _pieces(rest) for sub in _split_at_values(p_off, piece)]
    for p_off, piece in pieces:
        stripped = piece.strip(" ，,、")
        if prev is not None and re.match(r"^实际", stripped) and not re.search(_COMP, stripped):
            it = _item(piece, off + p_off, l2, prev_item)
            if it and prev.target is None:          # 'name≥6架, 实际6架': the first figure was the target
                prev.target, prev.actual = prev.actual, it.value
                prev.spans["target"] = prev.spans.pop("actual", None) or prev.span
                prev.spans["actual"] = doc.span(it.start, it.end)
                prev = None
                continue
        it = _item(piece, off + p_off, l2 if l2 else "时效指标" if "时限" in piece else l2, prev_item)
        if it is None:
            continue
        name = _clean_name(it.name)
        if len(name) < 2 or name.endswith(("的", "占")):
            continue                               # 完成全年任务数的100%: a share restating the figures
        both = re.fullmatch(r"(.{2,20}?)(?:及|和|与)(.{2,20}?)均", name)
        if both:                                   # 覆盖率及资金到位率均为100%: two indicators, one figure
            for nm in both.groups():
                out.append(_indicator(doc, nm, l1, l2, it.value if section == "target" else None,
                                      None if section == "target" else it.value, it.name_start,
                                      it.start, it.end, it.start, it.end))
            continue
        if section == "target":
            ind = _indicator(doc, name, l1, l2, it.value, None, it.name_start, it.start, it.end, None, None)
            prev = None
        else:
            ind = _indicator(doc, name, l1, l2, None, it.value, it.name_start, None, None, it.start, it.end)
            prev = ind
            if section != "actual":
                prev = None
        out.append(ind)
        prev_item = it
    return out


def _split_at_values(off: int, piece: str) -> list[tuple[int, str]]:
    """A clause stating several indicators back to back (经费发放率为98%覆盖率…为100%), cut
    after each figure that words follow."""
    out, start = [], 0
    for m in _VALUE.finditer(piece):
        after = piece[m.end():m.end() + 2]
        if re.match(r"[\u4e00-\u9fff]", after) and not re.match(r"以上|以下|以内|左右|的|及|和|、|之", after):
            out.append((off + start, piece[start:m.end()]))
            start = m.end()
    if start < len(piece):
        out.append((off + start, piece[start:]))
    return [(o, p) for o, p in out if p.strip()]


def _clean_name(name: str) -> str:
    name = re.split(r"[:：]", name)[0] if re.search(r"[:：]", name) else name
    name = re.sub(r"^[（(]?\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）、.．]", "", name)
    return name.strip(" ，,、;；。.")


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
            ex.indicators.append(Indicator(
                name=name, level1=level1, actual=parse_value(doc.text[start:end]),
                span=doc.span(ln.start + m.start(1), end), evidence="text", source="narrative_rate",
                spans={"actual": doc.span(start, end)}))
