"""Report-level slots: department, fiscal year, kind, project name.

These come from the title lines, labelled cells (单位名称, 项目名称 … in a table, on a
line, or inside a flattened run-on form), page metadata (来源/发布机构), a signature
line and the narrative, in that order of trust. A slot found in a table by `tables.py`
is kept; this stage only fills what is still missing.

Everything is matched on a reading view of the text (`textnorm.View`: simplified
script, pinyin glosses removed); the values are cut from the original text, so a
report in traditional characters keeps its script.
"""
from __future__ import annotations

import re
from typing import Optional

from extract.read.document import Document
from extract.read.textnorm import View, simplified, strip_pinyin, view_of
from extract.slots.assign import add_field
from extract.slots.normalize import Value
from extract.slots.record import Extraction, doubt

_CJK = r"\u4e00-\u9fff"
_PC = rf"(?:(?![局委厅办院会室站馆校部])[{_CJK}])"          # a character of a place name
_PLACE = (rf"(?:{_PC}{{2,14}}?自治(?:区|州|县|旗)|{_PC}{{2,6}}?(?:省|自治区|市|州|盟|地区|县|区|旗|镇|乡|街道)|{_PC}县)")
_ORG_TAIL = (r"(?:局|委员会|委|办公室|中心|人民政府|政府|医院|卫生院|中学|小学|学校|大学|学院|"
             r"档案馆|馆|站|联合会|联合社|合作社|残联|政协|厅|协会|分局|总队|支队|大队|党校|(?<!事务)所|院|办事处|办|妇联|科协|文联|侨联|工商联|幼儿园|"
             r"(?:组织|宣传|统战|武装)部|林场|农场|电视台|工会|红十字会)")
_COUNTY = rf"(?:{_PC}{{2,14}}?自治(?:区|州|县|旗)|{_PC}{{2,6}}?(?:省|自治区|市|州|盟|地区|县|(?<![小园社景片库矿灾校])区|旗)|{_PC}县)"   # not 小区, 园区
# A unit's name goes on where a longer one holds it: 县委|组织部, 公安局|交通警察大队, 合作社|联合社.
ORG = re.compile(rf"((?:中共|共青团)?{_PLACE}{{1,3}}[{_CJK}（）()]{{0,16}}?{_ORG_TAIL})(?!医院|学校|卫生院|服务中心|中心|办公室|"
                 rf"(?:组织|宣传|统战|武装)部|联合社|员会|党校|监委|[{_CJK}]{{2,6}}(?:大队|支队|分局|派出所)|"
                 rf"(?<=委)[{_CJK}]{{2,8}}委员会办公室)")
_ORG_END = re.compile(_ORG_TAIL + "$")
# Words that make a line a title. Besides the evaluation forms, the budget and final-account
# documents (部门预算, 部门决算) that are not evaluations but arrive among them.
_BUDGET_DOC = r"(?:部门|单位)(?:预算|决算|预决算)(?:公开|报告|说明)?|(?:预算|决算|预决算)公开"
_TITLE_KIND = re.compile(r"自评表|评价表|自评价表|申报表|审批表|目标表|指标表|报告(?!数|期|制度)|总结|说明|自评情况|自评结果|"
                         r"目标设定|绩效自评|绩效评价$|" + _BUDGET_DOC)
_KIND_END = re.compile(r"(?:绩效)?(?:目标)?(?:自评价?表|评价表|目标表|申报表|审批表|指标表|自评价?报告|评价报告|报告(?!数|期|制度)|"
                       r"目标设定|自评|绩效评价(?=\s*$))"
                       r"(?:\s*[（(][^()（）]{0,14}[)）])?")
_META_LINE = re.compile(r"索引号|发布机构|发布日期|发布时间|来源[:：]|浏览|字体|字号|当前位置|首页|下载本文|版权|分享|打印|"
                        r"时效性|有效性|主题分类|文号|所在地区|编稿时间|成文日期|文档简介|全文预览|蒙文版|公告公示")
_ORDINAL = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|[一二三四五六七八九十\d]+\s*[、.．:：])")
_LABELS = (r"项目名称|专项名称|转移支付\(项目\)名称|项目\(专项\)名称|专项\(项目\)名称|单位名称|部门\(单位\)名称|部门名称|填报单位|"
           r"单位\(盖章\)|预算部门单位\(公章\)|项目实施单位|实施单位|资金使用单位|项目单位|主管部门|项目主管单位|"
           r"项目执行单位|项目承担单位|执行单位|预算单位|预算部门|监督管理单位|归口科室|承担单位|申报单位|责任单位|资金名称|资金类型|实施周期|"
           r"填报日期|项目负责人|联系人|联系电话|项目类别|项目属性|项目类型|评价年度|项目起止时间|项目地址|"
           r"预算执行情况|年度资金总额|项目资金|评价类型|报告日期|项目总得分|自评总分|资金来源|专项实施期|"
           r"项目概况|年度总体目标|立项依据|项目性质|资金情况|政策依据|项目分类|建设周期|项目审批")
# The form's cells that name the unit owning the targets, best first: the unit that spends
# (实施/执行/预算单位, 单位名称 of a department form); the 主管部门 only where no such cell is
# filled. A label is a label where it starts a cell: not 组织实施单位 or 监督管理单位.
_NOT_HEAD = r"(?<!组织)(?<!监督)(?<!管理)(?<!主管)(?<!上级)(?<!归口)"


def _brackets(pattern: str) -> str:
    """A pattern's escaped brackets made half- or full-width (部门（单位）名称)."""
    return pattern.replace(r"\(", "[(（]").replace(r"\)", "[)）]")


def _spaced(pattern: str, wrap: bool = False) -> str:
    """A label as PDF text may print it, a space inside (地方主管部 门), with half- or
    full-width brackets (部门（单位）名称); with `wrap`, also wrapped over two lines
    (实施单\n位) as a narrow cell prints it."""
    pattern = _brackets(pattern)
    gap = r"(?:[ \u3000]*\n[ \u3000]*|[ \u3000]?)" if wrap else r"[ \u3000]?"
    pattern = re.sub(r"(?<=[\u4e00-\u9fff])(?=[\u4e00-\u9fff])", lambda _: gap, pattern)
    if wrap:                                    # 部门（单位）\n名称: wrapped after a bracket
        pattern = re.sub(r"(?<=\[\)）\])(?=[\u4e00-\u9fff]|\(\?:[\u4e00-\u9fff])", lambda _: gap, pattern)
    return pattern


def _cell_labels(pat: re.Pattern, text: str):
    """The label matches of `pat` in `text`; a label wrapped over two lines counts only
    where it starts a cell (after a line start, a space, a bar or a colon), not inside a
    wrapped sentence (由项目实\n施单位负责)."""
    for m in pat.finditer(text):
        if "\n" in m.group().rstrip() and m.start() > 0 and text[m.start() - 1] not in " \t\u3000|\n:：":
            continue
        yield m


_DEPT_LABELS = (
    re.compile(_NOT_HEAD + _spaced(r"(?:单位名称(?:[ \u3000]*\(盖章\))?|部门\(单位\)(?:名称)?|部门名称|部门全称|被评价单位)(?!及)", True)
               + r"[ \t\u3000:：|]*"),
    re.compile(_NOT_HEAD + _spaced(r"(?:填报单位(?:[ \u3000]*\(盖章\))?|单位\(盖章\)|预算部门单位\(公章\)|实施单位(?:/项目负责人)?"
                                   r"(?:[ \u3000]*\(盖章\))?|执行单位|资金使用单位|预算单位|项目单位|承担单位|申报单位|责任单位)(?:名称)?"
                                   r"(?:[ \u3000]*\(盖章\))?", True) + r"[ \t\u3000:：|]*"),
    re.compile(r"(?<!中央)(?<!省级)" + _spaced(r"(?:主管部门|主管单位)(?:\(单位\))?(?:名称)?", True)
               + r"[ \t\u3000:：|]*"),
)
_PROJECT_LABEL = re.compile(_spaced(r"(?:项目名称(?:\(全称\)|及(?:编码|代码))?|项目全称|专项名称|转移支付\(项目\)名称|"
                                    r"项目\(专项\)名称|专项\(项目\)名称|(?<![一-龥])资金名称)", True)
                            + r"[ \t\u3000:：|]*")
_LABEL_AHEAD = re.compile(_spaced(_LABELS))
_LABEL_WRAPPED = re.compile(_spaced(_LABELS, True))


def view(doc: Document) -> View:
    v = doc.meta.get("_view")
    if v is None or v.source is not doc.text:
        v = view_of(doc.text)
        doc.meta["_view"] = v
    return v


def classify(doc: Document, ex: Extraction) -> None:
    """Year and kind first: later stages read them (a declaration's figures are budgets;
    a sentence about another year is not about this report)."""
    v = view(doc)
    titles = title_candidates(v)
    title = titles[0][0] if titles else ""
    doc.meta["title"] = title
    doc.meta["titles"] = titles
    year = _fiscal_year(v, title)
    doc.meta["fiscal_year"] = year
    if year and ex.field("report.fiscal_year") is None:
        start, end = _find(doc.text, str(year))
        add_field(ex, doc, "report.fiscal_year", Value(raw=str(year), op="=", value=year, unit=None),
                  start, end, "text", "year")
    kind, idx, how = kind_decision(titles, v)
    t_start, t_end = (v.pos(titles[idx][1]), v.pos(titles[idx][2] - 1) + 1) if idx is not None else (0, 0)
    source = {"title": "kind", "body": "kind_body", "no_evaluation": "kind_other"}[how]
    got = add_field(ex, doc, "report.kind", Value.text(kind), t_start, t_end, "text", source)
    if kind == "other" and how == "title" and got.value.value == "other" and _evaluation_inside(v.text):
        doubt(got, "kind_contested")
    doc.meta["kind"] = kind
    doc.meta["kind_how"] = how


def extract(doc: Document, ex: Extraction) -> None:
    """Department and project name, where no table cell gave them."""
    v = view(doc)
    title = doc.meta.get("title", "")
    titles = doc.meta.get("titles") or []
    kind = doc.meta.get("kind")
    table_dept = ex.field("report.department")
    if table_dept is not None and not _plausible_org(str(table_dept.value.value or "")):
        ex.fields.remove(table_dept)                # a column header read as its value (单位名称 | 备注)
    elif table_dept is not None and isinstance(table_dept.value.value, str):
        code = _UNIT_CODE.match(table_dept.value.value)
        if code and len(table_dept.value.value) - code.end() >= 3:   # [101001]某某局: the unit's code is no part of it
            table_dept.value = Value.text(table_dept.value.value[code.end():])
            at = _UNIT_CODE.match(doc.text, table_dept.span.start) if table_dept.span else None
            if at:
                table_dept.span.start = at.end()
    _earlier_cell(doc, ex, "report.department", _labelled_department(v), "department")
    if ex.field("report.department") is None:
        found = department_of(v, titles)
        if found:
            dept, start, end, how = found
            got = add_field(ex, doc, "report.department", Value.text(dept), start, end, "text", f"department_{how}")
            if how != "label" and got.value.value == dept and _unit_cell_unread(v, dept):
                doubt(got, "unit_cell_unread")           # the form's spending unit, unread: a fallback
    _spell_out(doc, ex, v, titles)
    title_flat = re.sub(r"\s+", "", title)
    wants_project = bool(kind) and (kind.startswith("project") or (
        kind == "target_declaration" and "部门整体" not in title_flat))
    if wants_project:
        _earlier_cell(doc, ex, "report.project_name", _labelled_project(v), "project_name")
        if ex.field("report.project_name") is None:
            found = project_name_of(v, titles, ex)
            if found:
                name, start, end = found
                add_field(ex, doc, "report.project_name", Value.text(name), start, end, "text", "project_name")
    elif ex.field("report.project_name") is not None and kind and (kind.startswith("dept") or kind == "other"):
        ex.fields.remove(ex.field("report.project_name"))


def _abbreviates(short: str, full: str) -> bool:
    """`short` is an abbreviation of `full` (中共寻甸县委编办 of 中共寻甸回族彝族自治县委机构编制
    委员会办公室): it starts the same way and its characters stand in `full` in order."""
    if len(full) < len(short) + 3 or short[:2] != full[:2]:
        return False
    i = 0
    for ch in full:
        if i < len(short) and ch == short[i]:
            i += 1
    return i == len(short)


def _spell_out(doc: Document, ex: Extraction, v: View, titles: list) -> None:
    """A department read in its short form where the report's title writes the unit in full:
    the full name (the title's unit is the same unit, named as a reader would look it up)."""
    f = ex.field("report.department")
    if f is None or not isinstance(f.value.value, str):
        return
    short = simplified(re.sub(r"\s+", "", f.value.value))
    for t, s, e in titles[:3]:
        tt = re.sub(r"^\s*(?:关于)?\s*(?:(?:19|20)\d{2}\s*年度?)?", "", t)
        m = _org_at(tt)
        if m:
            org = _clean_org(m.group(1))
            if _abbreviates(short, org):
                a = s + (len(t) - len(tt)) + m.end(1) - len(org)
                name, start, end = _orig(v, a, s + (len(t) - len(tt)) + m.end(1))
                ex.fields.remove(f)
                add_field(ex, doc, "report.department", Value.text(name), start, end, "text", "department_title")
                return


def _earlier_cell(doc: Document, ex: Extraction, slot: str, found: Optional[tuple[str, int, int]],
                  source: str) -> None:
    """The report's own form comes first: a labelled cell before the table cell that gave
    the slot (a second form further down, the form's less specific cell) replaces it."""
    old = ex.field(slot)
    if old is None or found is None or old.span is None or found[1] >= old.span.start:
        return
    if re.sub(r"\s+", "", str(old.value.value or "")) == found[0]:
        return
    ex.fields.remove(old)
    add_field(ex, doc, slot, Value.text(found[0]), found[1], found[2], "table", source)


def _unit_cell_unread(v: View, dept: str) -> bool:
    """The form prints its spending unit's cell (单位名称, 实施单位, 填报单位 …) with words in it
    that the reader could not take for a unit, and the department it gave instead (the 主管部门,
    the title, the page's publisher) is not among those words: which unit owns the targets is
    the reader's fallback, against the form's own cell."""
    text = v.text
    flat = re.sub(r"\s+", "", dept)
    for pat in _DEPT_LABELS[:2]:
        for m in _cell_labels(pat, text[:20000]):
            if m.start() and text[m.start() - 1] not in " \t\u3000|\n":
                continue                            # words of a sentence (对项目实施单位进行了抽查)
            cell = re.split(r"[\t|\n]|\s{2,}", text[m.end():m.end() + 60])[0]
            cell = re.sub(r"\s+", "", _UNIT_CODE.sub("", cell.strip()))
            if not re.fullmatch(rf"[{_CJK}（）()]{{4,40}}", cell) or not re.search(_ORG_TAIL + r"$|公司$|合作社$", cell):
                continue                            # an empty cell, the next label, a header, a sentence
            if flat not in cell and cell not in flat and not _abbreviates(flat, cell):
                return True
    return False


def _plausible_org(name: str) -> bool:
    """A unit's name: ends like one (局, 中心, 政府, 学校 …) or is longer than a header word."""
    name = simplified(strip_pinyin(name))
    return bool(_ORG_END.search(name) or re.search(_ORG_TAIL, name) or len(name) > 4)


def _find(text: str, needle: str) -> tuple[int, int]:
    i = text.find(needle) if needle else -1
    return (i, i + len(needle)) if i >= 0 else (0, 0)


# --- title -------------------------------------------------------------------------------
def title_candidates(v: View, max_lines: int = 80) -> list[tuple[str, int, int]]:
    """Title lines near the top, best first, as (title in the view, start, end): a short
    line naming a report kind, with page metadata, file extensions, preview page marks
    and labels (标题:, 名称:) taken off; a run-on line is cut after its kind word."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    n = 0
    prev: Optional[tuple[str, int]] = None             # the previous non-blank line and its start
    for raw in v.text.split("\n"):
        line_start, pos = pos, pos + len(raw) + 1
        if not raw.strip(" \t\u3000\xa0|•·-*[]"):
            continue
        n += 1
        if n > max_lines:
            break
        for text, off in _title_pieces(raw):
            cand = _title_from(text)
            if cand is None:
                continue
            t, s, e = cand
            s, e = line_start + off + s, line_start + off + e
            if prev is not None and s == line_start + len(raw) - len(raw.lstrip()) and len(t) <= 20:
                p_text, p_start = prev
                p = p_text.strip(" \t\u3000\xa0")
                if 2 < len(p) < 40 and not _TITLE_KIND.search(p) and not _META_LINE.search(p) \
                        and not _ORDINAL.match(p) and not re.search(r"[，,。；;:：|]", p) \
                        and re.search(r"(?:19|20)\d{2}\s*年|部门$|整体$|支出$|年度$", p):
                    s = p_start + len(p_text) - len(p_text.lstrip(" \t\u3000\xa0"))
                    t = v.text[s:e]
            out.append((t, s, e))
        prev = (raw, line_start)
    # a line that is only a bracketed project name, right under the page head: (中和木材检查站租金项目)
    seen = {s for _, s, _ in out}
    for cand in _declared_titles(v):
        if cand[1] not in seen:
            out.append(cand)
    out.sort(key=lambda c: c[1])
    if len(out) > 1 and len(re.sub(r"\s+", "", out[0][0])) <= 3 and out[1][1] < 500:
        out = out[1:]                           # a bare '自评表' (a sheet's name) over the form's own title
    return out


# The report naming itself in its opening sentence: 现将2022年…项目绩效自评报告如下,
# (单位)开展2021年度专项资金绩效自评, 对…项目开展绩效评价.
_DECLARED = (
    re.compile(r"(?:现将|现就|特将|现把|兹将|现对)\s*([^，,。；;:：\n《》]{4,80}(?:报告|总结|情况|结果))\s*(?:汇报|报|公布|公示)?如下"),
    re.compile(r"(?:开展|进行|组织)了?\s*([^，,。；;:：\n《》]{4,60}?(?:绩效自评|绩效评价|自评))(?:工作)?[，,。]"),
)


# A clause of a sentence, not a name: it starts with a verb or a conjunction.
_CLAUSE = re.compile(r"(?:并|开展|进行|完成|组织|在|通过|已|现已|和|及|此次|本次|涉及|上报|收集|要求|做好|加强|认真)")


def _declared_titles(v: View) -> list[tuple[str, int, int]]:
    head = re.sub(r"《[^》\n]{0,120}》", lambda m: "《" + " " * (len(m.group()) - 2) + "》", v.text[:1500])
    out = []
    for pat, reach in zip(_DECLARED, (1500, 400)):
        m = pat.search(head[:reach])
        if m:
            t = m.group(1)
            lead = len(t) - len(t.lstrip(" \t\u3000"))
            out.append((t.strip(" \t\u3000"), m.start(1) + lead, m.start(1) + lead + len(t.strip(" \t\u3000"))))
    return out


def _title_pieces(raw: str) -> list[tuple[str, int]]:
    """The parts of a line that may hold a title, with their offsets in the line."""
    m = re.search(r"(?:标\s*题|名\s*称|文件名称)\s*[:：]?\s*[|]?\s*", raw)
    if m and _META_LINE.search(raw[:m.start()] + raw[m.end():m.end() + 120]) or (m and m.start() == 0):
        rest = raw[m.end():]
        end = re.search(r"\s*\|\s*|\s{2,}(?=[^\s]{1,6}\s*[:：|])|(?:文号|发布)", rest)
        value = rest[:end.start()] if end else rest
        return [(value, m.end())]
    book = re.search(r"《([^》]{5,80})》", raw)
    if book and _TITLE_KIND.search(book.group(1)) and (book.start() < 4 or len(raw) < 100) \
            and not re.search(r"根据|按照|依据|按|据|关于|印发|转发|贯彻|落实|执行|参照", raw[:book.start()]):
        return [(book.group(1), book.start(1))]   # also a page's lead-in: 以下是…为您整理的《…》
    if _META_LINE.search(raw[:120]):              # a run-on page: its head is what counts
        return []
    return [(raw, 0)]


def _title_from(text: str) -> Optional[tuple[str, int, int]]:
    lead = len(text) - len(text.lstrip(" \t\u3000\xa0|•·-*[]"))
    body = text[lead:]
    m = re.match(r"(?:附件\s*\d*\s*[:：]?\s*|文本内容\s*[:：]\s*|\d+\s*、\s*|"      # page chunks, page marks
                 r"PAGE(?:\s*\d{1,3}(?!\d))?[\s—–\-]*|\d{1,2}(?=[\u4e00-\u9fff])(?![年级月日个项号批期类]))+", body)
    skip = m.end() if m else 0
    body = body[skip:]
    start = lead + skip
    body = re.sub(r"\s*\|.*$", "", body)
    body = re.sub(r"(?:\.(?:pdf|docx?|xlsx?|wps|html?))+\s*$", "", body, flags=re.I)
    body = re.sub(r"_第\s*\d+\s*页\s*$", "", body)
    body = body.rstrip(" \t\u3000\xa0")
    if not body:
        return None
    if _ORDINAL.match(body) and (not re.search(r"(?:19|20)\d{2}\s*年", body) or re.search(r"[:：]", body)):
        return None
    if re.match(r"^[(（][^()（）]{2,40}[)）]$", body) and re.search(r"项目|资金|经费|专项|工程", body):
        return (body, start, start + len(body))        # a bracketed subtitle naming the project
    k = _KIND_END.search(body)
    if not k:
        if _TITLE_KIND.search(body) and len(body) <= 40 and not re.search(r"[，,。；;]", body):
            return (body, start, start + len(body))
        return None
    head = body[:k.start()]
    if re.search(r"[，,。；;]", head):                # a sentence before the title: keep what follows it
        cut = max(m.end() for m in re.finditer(r"[，,。；;)）]", head))
        if len(head) - cut < 4:
            return None
        body, head, start = body[cut:], head[cut:], start + cut
        k = _KIND_END.search(body)
    if len(head) > 60 or re.search(r"^(?:根据|按照|为|现将|经|对|请|将|所有|其中|我|本|该|各|均|共)", head) \
            or _CLAUSE.match(head):
        return None
    end = k.end()
    if len(body) - end > 0 and len(body) > 50:        # a run-on form: the title is its head
        body = body[:end]
    return (body.strip(), start, start + len(body.strip()))


# --- fiscal year ---------------------------------------------------------------------------
_LABEL_YEAR = re.compile(r"(?:评价年度|所属年度|预算年度|年度)\s*[:：]\s*((?:19|20)\d{2})")
_SPAN_YEAR = re.compile(r"(?:起止时间|实施期限?|实施周期|执行期|起止日期)\D{0,8}((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月"
                        r"[^\n]{0,8}?(?:至|-|—|~|－)\s*((?:19|20)\d{2})\s*年")
_DATE_FULL = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")


_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年度?)?\s*[-—–~～至到]\s*((?:19|20)\d{2})\s*年")


def _fiscal_year(v: View, title: str) -> Optional[int]:
    """The year evaluated: the title's year, a labelled year (评价年度: 2023), a project period
    inside one year, else the year the text speaks of most. An evaluation of a period
    (2016-2018年, 2021年、2022年) has no single fiscal year; a date (2020年11月10日) is when
    something happened, not the year evaluated, unless it ends the period (截至2021年12月31日)."""
    t = re.sub(r"\s+", "", title)
    r = _YEAR_RANGE.search(t)
    if r and r.group(1) != r.group(2):
        return None
    m = re.search(r"((?:19|20)\d{2})\s*(?:年度|年)", title)
    if m:
        return int(m.group(1))
    head = v.text[:6000]
    m = _LABEL_YEAR.search(head)
    if m:
        return int(m.group(1))
    m = _SPAN_YEAR.search(head)
    if m and m.group(1) == m.group(2):
        return int(m.group(1))
    r = re.search(r"(?:对|关于)\s*" + _YEAR_RANGE.pattern, v.text[:400])
    if r and r.group(1) != r.group(2):              # 对2019-2021年道路保洁项目开展重点绩效评价
        return None
    body = re.sub(r"《[^》\n]{0,80}》|〔\s*\d{4}\s*〕|\[\s*\d{4}\s*\]|[(（]\s*\d{4}\s*[)）]\s*\d+\s*号", "", v.text)
    y = _year_vote(body)
    if y is not None:
        return y
    for m in _DATE_FULL.finditer(v.text):        # a deadline: 截至2021年12月31日, a cell of its own
        before = v.text[max(0, m.start() - 6):m.start()]
        line_start = v.text.rfind("\n", 0, m.start()) + 1
        line_end = v.text.find("\n", m.end())
        line = v.text[line_start:line_end if line_end >= 0 else len(v.text)]
        if re.search(r"截至|截止|至$|到$", before) or line.strip(" \t\u3000|") == m.group().strip():
            return int(m.group(1))
    return None


_DATE = re.compile(r"((?:19|20)\d{2})\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}")   # a date, not a fiscal year


def _year_vote(body: str) -> Optional[int]:
    """A year in the head lines (not a 发布/日期 line), else the most frequent YYYY年 that is
    not part of a date (a year written YYYY年度 counts 2 more); a tie between two years is no answer."""
    undated = _DATE.sub("", body)
    listed = {int(y) for pair in re.findall(r"((?:19|20)\d{2})\s*年度?\s*[、和及与]\s*((?:19|20)\d{2})\s*年", undated)
              for y in pair if pair[0] != pair[1]}     # 2021年、2022年山东省分别立项: two years evaluated
    for ln in [ln for ln in body.split("\n") if ln.strip()][:6]:
        clean = _DATE.sub("", ln)
        if re.search(r"发布|日期|时间", ln) and not re.search(r"年度", clean):
            continue
        m = re.search(r"((?:19|20)\d{2})\s*年度", clean) or re.search(r"[（(]?\s*((?:19|20)\d{2})\s*年", clean)
        if m:
            return None if int(m.group(1)) in listed else int(m.group(1))
    counts: dict[int, int] = {}
    for y in re.findall(r"((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)", undated):
        counts[int(y)] = counts.get(int(y), 0) + 1
    for y in set(re.findall(r"((?:19|20)\d{2})\s*年度", undated)):
        counts[int(y)] = counts.get(int(y), 0) + 2
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return None if ranked[0][0] in listed else ranked[0][0]


# --- kind ------------------------------------------------------------------------------------
# A text with none of these words is no performance evaluation at all (hello world, news).
_EVAL_SIGN = re.compile(r"自评|绩效评价|绩效目标|评价报告|一级指标|三级指标|指标值|绩效指标|执行率|自评表|申报表|目标表|"
                        r"评价得分|绩效管理")
# Columns and cells that hold what was done: a self-evaluation has them, a declaration never.
_ACTUALS = re.compile(r"实际完成值|全年实际值|实际完成数|全年执行数|执行数\s*[(（]?\s*B|自评得分|实际值|完成值|得分")
# An indicator form in the text: what a notice carries when it passes down targets.
_TARGET_FORM = re.compile(r"一级指标|三级指标|绩效目标表|目标申报表|指标值")
# The tables every published 部门预算/部门决算 carries (收支总表, 财政拨款收支总表 …).
_BUDGET_TABLES = re.compile(r"收支(?:预算|决算)?总表|收入(?:预算|决算)(?:总)?表|支出(?:预算|决算)(?:总)?表|"
                            r"财政拨款收支(?:预算|决算)?总表|政府性基金预算(?:财政拨款)?(?:收入)?支出(?:预算|决算)?表|"
                            r"国有资本经营预算(?:财政拨款)?(?:收入)?支出(?:预算|决算)?表")
_NOTICE = re.compile(r"^(?:[^。；;:：，,]{0,30}?关于[^。；;]{4,80}(?:通知|通报|公告|批复|意见|办法|函)|"
                     r"[^。；;:：]{4,60}(?:管理办法|实施细则|暂行规定|规程)(?:[(（]试行[)）])?)$")   # notices, policy texts
# What a department's report says of the department itself: its bodies, staff, duties and
# basic spending. An untitled report with none of them is about a project or a fund.
_DEPT_SIGNS = re.compile(r"机构设置|内设机构|人员编制|编制数|编制人数|在职人数|实有人数|基本支出|人员经费|部门职能|主要职能|"
                         r"职能职责|部门概况|单位概况|部门基本情况|单位基本情况")
_DECL_TITLE = r"申报表|绩效目标表|目标表|目标设定|目标申报|目标审批表|指标表"
_DEPT_SCOPE = r"整体|部门绩效|部门[(（]单位[)）]|部门决算"
_PROJECT_SCOPE = r"项目|专项|资金|经费|补助|补贴|工程|转移支付"


def _title_kind(t: str, actuals: bool) -> tuple[Optional[str], Optional[str]]:
    """(form, scope) a title names: form `declaration`, `table`, `report` or None; scope
    `dept`, `project` or None. A 目标表 over a form with actual columns is a self-evaluation
    table under its page's name (the page is titled after the form it started from)."""
    form = None
    if re.search(_DECL_TITLE, t) and not re.search(r"自评|评价表|评价报告", t) and not actuals:
        form = "declaration"
    elif re.search(r"自评表|评价表|自评价表|情况表|审批表|[^报]表$|表[(（][^)）]*[)）]$", t):
        form = "table"
    elif re.search(r"报告|总结|说明|情况$", t):
        form = "report"
    dept = bool(re.search(_DEPT_SCOPE, t))
    project = bool(re.search(_PROJECT_SCOPE, t)) and not dept
    scope = "dept" if dept else ("project" if project else None)
    return form, scope


def kind_decision(titles: list, v: View) -> tuple[str, Optional[int], str]:
    """(kind, index of the title it was read from or None, how): `title` when a title
    names the form, or names a document that is no evaluation (部门预算, 部门决算, a notice
    without a form: kind `other`); `body` when the words of the text had to decide;
    `no_evaluation` for a text with no sign of a performance evaluation (kind `other`)."""
    text = v.text
    if not _EVAL_SIGN.search(text):
        return "other", None, "no_evaluation"
    flat = [re.sub(r"\s+", "", t) for t, _, _ in titles]     # cut from the view: simplified already
    first = flat[0] if flat else ""
    if first and re.search(_BUDGET_DOC, first) and not re.search(r"绩效|自评|评价", first) \
            and titles[0][1] < 600:
        return "other", 0, "title"
    notice = _notice_at(v)
    if notice is not None and not _TARGET_FORM.search(text) and not re.search(r"自评得分|自评表|评价报告|自评报告", text) \
            and not any(s < notice for _, s, _ in titles):
        return "other", None, "title"
    actuals = bool(_ACTUALS.search(text))
    form = scope = None
    idx = None
    named = []                                  # the first title, and later lines naming a form
    for i, t in enumerate(flat[:4]):
        if i and titles[i][1] > 1500:
            break
        if i == 0 or re.search(r"自评价?表|评价表|目标表|申报表|审批表|报告", t):
            named.append(i)
    for i in named:
        f, sc = _title_kind(flat[i], actuals)
        if f:
            form, idx, scope = f, i, sc
            break
    if scope is None:
        scope = next((sc for sc in (_title_kind(flat[i], actuals)[1] for i in named) if sc), None)
    if form is None and len(set(_BUDGET_TABLES.findall(text))) >= 2 and not _TARGET_FORM.search(text):
        return "other", None, "body"             # the public budget's tables, no evaluation form
    if form == "declaration":
        return "target_declaration", idx, "title"
    if form is None and not actuals and re.search(r"一级指标|三级指标", text) and re.search(r"指标值|目标值", text):
        return "target_declaration", None, "body"   # an indicator form with targets and no actual column
    how = "title" if form else "body"
    if scope is None:
        head = re.sub(r"《[^》\n]{0,120}》", "", text[:3000])
        if re.search(r"部门整体|整体支出|机关整体|单位整体|部门决算|我部门", head):
            scope = "dept"
        elif re.search(r"项目名称|项目支出绩效|项目概况|项目基本情况|专项资金|项目资金|专项项目|项目绩效|"
                       r"项目全年|转移支付", head):
            scope = "project"
        elif _DEPT_SIGNS.search(text[:6000]):
            scope = "dept"
        else:
            scope = "project"                   # about the money it evaluates, not about a department
        how = "body"
    if form is None:
        form = "table" if (_mostly_table(text) or _run_on_form(text)) else "report"
    return f"{scope}_self_eval_{form}", idx, how


# The head words of the forms (TEMPLATES.md): the indicator table's and the funding table's.
_FORM_HEAD = re.compile(r"一级指标|二级指标|三级指标|指标值|目标值|实际完成值|完成值|年初预算数|全年预算数|全年执行数|自评得分")


def _evaluation_inside(text: str) -> bool:
    """A text the title calls no evaluation (部门决算, a notice) that prints an evaluation's form
    (two of its head words: 一级指标 | 三级指标 | 指标值, 全年执行数, 自评得分 …): title and body
    point at different kinds, and the reader let the title win. A paragraph on 预算绩效管理 or a
    line naming a form (详见单位的项目绩效目标表) is no such sign."""
    return len(set(_FORM_HEAD.findall(text))) >= 2


def _notice_at(v: View) -> Optional[int]:
    """Where the document's notice title (关于下达…的通知) is, among its first lines."""
    pos = 0
    n = 0
    for raw in v.text.split("\n"):
        start, pos = pos, pos + len(raw) + 1
        line = re.sub(r"\s+", "", raw)
        if not line:
            continue
        n += 1
        if n > 15:
            return None
        if _NOTICE.match(line):
            return start
    return None


def _run_on_form(text: str) -> bool:
    """A form whose cells were run together (a flattened page): its head labels and the
    indicator header, and few sentences."""
    return bool(re.search(r"项目名称|单位名称|部门名称", text) and re.search(r"一级指标", text)
                and re.search(r"三级指标|指标值", text) and text.count("。") < 8)


def _mostly_table(text: str) -> bool:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return False
    cells = sum(1 for ln in lines if (ln.strip().count("\t") >= 1 or ln.count("|") >= 2)
                and not re.search(r"[。；;]", ln))
    sentences = sum(1 for ln in lines if len(ln.strip()) > 40 and re.search(r"[。；;，,]", ln)
                    and ln.count("|") < 2)
    return cells > sentences and cells / len(lines) > 0.3


# --- department ----------------------------------------------------------------------------
_NOT_PLACE = re.compile(r"企业|申报|组织|开展|实施|推进|建设|工作|和|与|及|的|了|对|在|各|全|本|我|该|其|等|个|家|年")
_PREAMBLE = re.compile(r"^.*(?:由|在|对|向|为|是|和|与|及|的|将|经|从|给|于|资金|项目|负责人|依据|单位|部门|:|：)")


def _org_at(text: str) -> Optional[re.Match]:
    return ORG.match(text)


def _facility(org: str, after: str) -> bool:
    """A 站/所/馆 at the head of a title that the words after it make the object of the
    project (…垃圾转运站提升改造项目), not the unit that reports: the unit is followed by
    the year, 关于, its scope (部门, 整体, 本级) or the kind of report."""
    return bool(re.search(r"(?:站|所|馆)$", org)) and not re.match(
        r"\s*(?:(?:19|20)\d{2}|关于|部门|整体|单位|[(（]|项目支出|本级|$)|\s*" + _KIND_END.pattern, after)


def _clean_org(org: str) -> str:
    org = re.sub(r"^.*?(?:19|20)\d{2}\s*年度?", "", org)
    m = re.match(rf"((?:中共)?{_PLACE})", org)
    place = m.group(1) if m else ""
    trimmed = _PREAMBLE.sub("", place)
    if trimmed != place:
        org = org[len(place) - len(trimmed):] if trimmed else org
    org = re.sub(r"^(是|为|由|在|对|向|经|即|系|和|与|及|全|本|我|该|况|情况|关于|根据|按照)+", "", org)
    return org


def _labelled_department(v: View) -> Optional[tuple[str, int, int]]:
    text = v.text
    for pat in _DEPT_LABELS[:2]:
        for m in _cell_labels(pat, text[:20000]):
            at = _value_start(text, m.start(), m.end())
            got = _labelled_org(v, at) or _unit_beside(v, m.start(), at)
            if got:
                return got
    return None


def _unit_beside(v: View, label_start: int, at: int) -> Optional[tuple[str, int, int]]:
    """A unit's label whose own cell is empty (another label follows it): the unit printed
    just before the label on its line (values before labels), or the first value after the
    block of labels (the labels' row, then the values'), where that value is a unit's whole
    name (place and kind: 某某县农业农村局)."""
    text = v.text
    before = 0                                  # the labels before this one in the block: its column
    for tok in reversed(re.split(r"[\s|]+", text[max(0, label_start - 80):label_start].strip(" \t\u3000|\n"))):
        if not (_LABEL_AHEAD.fullmatch(tok) or (len(tok) <= 8 and _HEADER_WORD.search(tok))):
            break
        before += 1
    if not before and not _LABEL_WRAPPED.match(text, at):
        return None
    line_start = text.rfind("\n", 0, label_start) + 1
    back = re.search(rf"([{_CJK}（）()]{{4,30}})[ \t\u3000|]*$", text[line_start:label_start])
    if back:
        om = ORG.search(back.group(1))
        if om and om.end(1) == len(back.group(1)) and _clean_org(om.group(1)) == om.group(1):
            a = line_start + back.start(1) + om.start(1)
            return _orig(v, a, a + len(om.group(1)))
    for tm in re.finditer(r"[^\s|]+", text[at:at + 200]):
        tok = tm.group()
        if _LABEL_AHEAD.fullmatch(tok) or len(tok) <= 2 or (len(tok) <= 8 and _HEADER_WORD.search(tok)):
            continue
        if before:
            before -= 1
            continue
        code = _UNIT_CODE.match(tok)
        name = tok[code.end():] if code else tok
        if ORG.fullmatch(name):
            a = at + tm.end() - len(name)
            return _orig(v, a, at + tm.end())
        return None
    return None


def _how(found: Optional[tuple[str, int, int]], how: str) -> Optional[tuple[str, int, int, str]]:
    return (*found, how) if found else None


def department_of(v: View, titles: list) -> Optional[tuple[str, int, int, str]]:
    """(name, start, end, how): `how` names the step that found it (label, addressee, title,
    cover, supervisor, metadata, signature, body), so confidence can tell a form's cell from a guess."""
    text = v.text
    head = text[:20000]
    # 1. a labelled cell or line: 单位名称: X, 项目实施单位 X, 填报单位(盖章): X
    got = _labelled_department(v)
    if got:
        return _how(got, "label")
    # 2. the addressee of a notice that passes the money and the targets down (陈仓区水利局:)
    got = _addressee(v)
    if got:
        return _how(got, "addressee")
    # 3. an organisation at the start of the title, or alone on the line above it (a cover)
    for t, s, e in titles[:3]:
        tt = re.sub(r"^(?:关于)?", "", t)
        tt = re.sub(r"^\s*(?:19|20)\d{2}\s*年度?", "", tt)
        off = s + (len(t) - len(tt))
        m = _org_at(tt)
        if m and not _NOT_PLACE.search(re.sub(r"^中共", "", m.group(1))[:2]):
            org = _clean_org(m.group(1))
            after = tt[m.end(1):]
            if _facility(org, after):
                continue                        # 月牙湖乡…垃圾转运站提升改造项目: a facility the project is about
            if len(org) >= 4 and not re.search(r"关于|印发", org):
                return _how(_orig(v, off + m.end(1) - len(org), off + m.end(1)), "title")
    for t, s, e in titles[:3]:                  # the unit's name on the cover, over the title
        if s > 3000:
            break
        before = text[:s].rstrip(" \t\u3000\n")
        lines = before.split("\n")[-2:]
        for k in (1, 2):
            if len(lines) < k:
                break
            part = "\n".join(lines[-k:])
            line = re.sub(r"\s+", "", part.strip(" \t\u3000|"))
            if ORG.fullmatch(line) and len(line) <= 30:
                a = len(before) - len(part) + (len(part) - len(part.lstrip(" \t\u3000|")))
                return _how(_orig(v, a, len(before)), "cover")
    # 4. the 主管部门 cell, where the form names no spending unit
    for m in _cell_labels(_DEPT_LABELS[2], head):
        got = _labelled_org(v, _value_start(text, m.start(), m.end()))
        if got:
            return _how(got, "supervisor")
    # 5. page metadata: 发布机构 / 来源 / 发文机关, completed from the text when abbreviated (市水利局)
    for m in re.finditer(r"(?:发布机构|发布单位|信息来源|来源|制发机构|发文机关|发文单位|发布部门|所属机构)\s*[\]】]?\s*[:：|]?\s*[|\n]?\s*\[?\s*"
                         rf"([{_CJK}（）()]{{3,30}})", head):
        value = m.group(1)
        full = _complete_org(v, value)
        if full:
            return _how(full, "metadata")
        om = ORG.search(value)
        if om and om.start() == 0:
            return _how(_orig(v, m.start(1), m.start(1) + om.end()), "metadata")
    # 6. a signature line near the end
    lines = [ln for ln in text.split("\n") if ln.strip()]
    for ln in reversed(lines[-12:]):
        s = ln.strip(" \t\u3000\xa0|")
        m = ORG.fullmatch(s)
        if m and len(s) <= 30:
            i = text.rfind(s)
            return _how(_orig(v, i, i + len(s)), "signature")
    # 7. the body: an organisation named as the subject (以下简称) or named repeatedly
    best, best_score = None, 0.0
    body = re.sub(r"《[^》]*》", lambda m: " " * len(m.group()), head)
    counts: dict[str, int] = {}
    found = []
    for m in ORG.finditer(body):
        org = _clean_org(m.group(1))
        if len(org) < 5 or _NOT_PLACE.search(org[:max(2, len(org) - 5)]):
            continue
        after = body[m.end():m.end() + 8]
        if re.match(r"\s*(?:关于|印发|下达|办公室关于|以(?:《|\s{3,})|以[^，,。]{0,12}文件?)", after):   # the issuer of a notice
            continue
        counts[org] = counts.get(org, 0) + 1
        found.append((org, m.end(1), after))
    for org, end, after in found:
        at_line_start = body[:end - len(org)].rstrip(" \t\u3000\xa0").endswith("\n") or end == len(org)
        subject = re.match(r"\s*(?:部门|单位)?(?:开展|组织|完成|认真|积极|对)[^。；;]{0,40}?(?:自评|绩效评价)",
                           body[end:end + 60])     # …人民政府开展并完成了…绩效自评工作: the evaluating unit
        if not subject and (at_line_start or re.search(r"[，,。；;]\s*$", body[max(0, end - len(org) - 2):end - len(org)])):
            subject = _SUBJECT_VERB.match(body, end)   # '…县农业农村局高度重视…': the sentence's subject
        score = counts[org] + (3 if after.startswith(("（以下简称", "(以下简称")) else 0) + (2 if subject else 0) \
            + (2 if at_line_start and after[:1] in ("为", "是", "于", "成", "现") else 0)
        evaluated = re.search(r"对\s*$", body[max(0, end - len(org) - 3):end - len(org)]) and \
            re.match(r"[^。；;]{0,30}?进行了?(?:绩效)?(?:自评|评价)", body[end:end + 50])
        score += 2 if evaluated else 0            # '对方城县动物疫病预防控制中心…经费进行了绩效评价'
        if score == counts[org]:
            continue                              # named often, but never as the one evaluated or evaluating
        if score >= 2 and score > best_score:
            best, best_score = (org, end), score
    if best:
        org, end = best
        return _how(_orig(v, end - len(org), end), "body")
    return None


# How an official report's sentences begin when their subject is the unit that reports.
_SUBJECT_VERB = re.compile(r"\s*(?:部门|单位)?(?:高度重视|严格按照|认真贯彻|坚持|始终|紧紧围绕|牢牢把握|全面落实|作为项目)")


def _addressee(v: View) -> Optional[tuple[str, int, int]]:
    """The unit a notice is addressed to ('陈仓区水利局:' on a line of its own), when the
    notice passes something down to it (下达给你局, 请你单位…): the unit that owns the targets.
    A report addressed up to its superior does not speak to it as 你."""
    text = v.text
    if not re.search(r"你(?:局|单位|们|处|委|中心|办|站|院|所|校|镇|乡|街道|馆|会)", text[:6000]):
        return None
    pos = 0
    for n, raw in enumerate(text[:4000].split("\n")):
        start, pos = pos, pos + len(raw) + 1
        if n > 40:
            break
        m = re.fullmatch(rf"\s*([{_CJK}（）()]{{2,30}}?)\s*[:：]\s*", raw)
        if not m or re.match(r"各|附件|来源|发布|编辑|作者|关于", m.group(1)):
            continue
        org = m.group(1)
        if _ORG_END.search(org) or ORG.fullmatch(org):
            return _orig(v, start + m.start(1), start + m.end(1))
    return None


def _orig(v: View, start: int, end: int) -> tuple[str, int, int]:
    raw = re.sub(r"\s+", "", v.original(start, end))
    return raw, v.pos(start), v.pos(end - 1) + 1


def _value_start(text: str, label_start: int, at: int) -> int:
    """Where a label's value starts: after the label on its line, or on the next non-blank
    line when the label is a cell of its own (one cell per line); a unit code before the
    name ([610001], (433001), 219001-) is not part of it."""
    j = at
    if text[j:j + 1] == "\n":
        line_start = text.rfind("\n", 0, label_start) + 1
        if re.fullmatch(r"[\s|]*[\u4e00-\u9fff]{0,4}", text[line_start:label_start]):   # 区级主管部门
            j += len(text[j:j + 40]) - len(text[j:j + 40].lstrip())
    code = _UNIT_CODE.match(text[j:j + 24])
    return j + code.end() if code else j


_UNIT_CODE = re.compile(r"[\[【(（]\s*\d{3,}\s*[\]】)）]\s*|\d{4,}\s*[-－—]\s*")   # [610001], (433001), 219001-


def _wrap_end(text: str, end: int, unit: bool = False) -> int:
    """Where a cell's value ends that a narrow column wrapped onto the next line: the next
    line goes on with it when it is short, holds no figure, space, sentence mark or label,
    and a label starts the line after it (one cell per line); for a unit's name (`unit`),
    also when the short line ends the name (…农业\n农村局)."""
    m = re.match(r"\n[ \t\u3000]*([^\s|\d，,。；;:：、]{1,30})[ \t\u3000]*\n[ \t\u3000]*", text[end:end + 80])
    if not m or _LABEL_AHEAD.search(m.group(1)):
        return end
    if not _LABEL_WRAPPED.match(text, end + m.end()) and not (
            unit and len(m.group(1)) <= 8 and _ORG_END.search(m.group(1)) and not ORG.fullmatch(m.group(1))):
        return end
    return end + m.end(1)


def _labelled_org(v: View, at: int) -> Optional[tuple[str, int, int]]:
    text = v.text
    m = re.match(rf"[{_CJK}（）()]{{2,40}}", text[at:at + 60])
    if not m:
        return None
    value = m.group()
    if not re.search(_ORG_TAIL, value):             # a name wrapped onto the next line (…农村公路\n养护中心)
        value = text[at:_wrap_end(text, at + len(value), unit=True)]
    nxt = _LABEL_AHEAD.search(value)
    if nxt:
        value = value[:nxt.start()]
    cut = re.search(r"(?:填报|日期|联系|电话|负责人|项目负责)", value)
    if cut:
        value = value[:cut.start()]
    if re.match(r"包括|含|为|是|由|及|和|我|本", value) or re.search(r"我|本级", value):
        return None                             # a sentence, not a cell (实施单位包括我局本级)
    om = re.search(_ORG_TAIL + r"(?![\s\S]*" + _ORG_TAIL + ")", value)
    if not om or len(value) < 3:
        return None
    value = value[:om.end()]
    if not (ORG.search(value) or re.match(rf"[{_CJK}]{{2,}}", value)) or len(value) < 4:
        return None
    return _orig(v, at, at + len(value))


def _complete_org(v: View, value: str) -> Optional[tuple[str, int, int]]:
    """An abbreviated publisher (市水利局, 医疗保障局) written in full in the text."""
    text = v.text
    if not _ORG_END.search(value):
        return None
    core = re.sub(r"^(?:市|区|县|州|省)", "", value)
    if len(core) < 3:
        return None
    best = None
    for m in ORG.finditer(text[:30000]):
        org = _clean_org(m.group(1))
        if org.endswith(core) and len(org) > len(value) and len(org) - len(core) <= 8:
            head = org[:len(org) - len(core)]
            if re.search(r"局|委|厅|办|院|中心|关于", head):
                continue
            if best is None or len(org) < len(best[0]):
                best = (org, m.end(1) - len(org), m.end(1))
    if best is None:
        if ORG.fullmatch(value):
            i = text.find(value)
            return _orig(v, i, i + len(value)) if i >= 0 else None
        return None
    return _orig(v, best[1], best[2])


# --- project name ------------------------------------------------------------------------
_GENERIC = re.compile(r"^(?:部门|市直|本级|财政|预算|支出|中央|对地方|专项|转移支付|项目|资金|区域|绩效|目标|整体|单位|"
                      r"省级|市级|县级|区级|地方|上级|、|和|及|"
                      r"自评|评价|的|年度|度|年|关于|上报|报送|结果|情况|重点|其他|一般公共|民生|管理|指标|开展|组织|进行)*$")
_PROJECT_TAIL = re.compile(r"(?:的)?(?:整体)?(?:支出)?(?:区域)?(?:绩效)?(?:的)?(?:目标)?(?:评价)?(?:指标)?(?:自评价?)?"
                           r"(?:结果)?(?:的)?(?:报告|(?<=[评价标报批况总效])表|表(?=\s*$)|情况|结果|总结|说明|设定|自评)[\s\S]*$")


PROJECT_CODE = re.compile(r"[0-9A-Za-z]{8,}\s*[-－—_]\s*")      # a project code before its name (tables.py too)


def _strip_code(name: str) -> str:
    """A project code before the name (51092324T000010263357-…) is not part of it."""
    code = PROJECT_CODE.match(name)
    return name[code.end():] if code else name


def project_name_of(v: View, titles: list, ex: Extraction) -> Optional[tuple[str, int, int]]:
    got = _labelled_project(v)
    if got:
        return got
    dept = ex.field("report.department")
    dept_name = simplified(dept.value.value) if dept and isinstance(dept.value.value, str) else ""
    for t, s, e in titles[:4]:
        if re.search(r"本部门|本单位|涉及", t):
            continue                            # the report's sentence about itself, not a name
        got = _project_from_title(v, t, s, dept_name)
        if got:
            return _funded_project(v, got) or got
    return _project_from_body(v, dept_name)


_FUNDED = re.compile(rf"(?:(?:用于实施|用于|实施了?)\s*([^\s，,。、；;:：“”\"|（）()]{{4,40}}?项目)(?![\u4e00-\u9fff])|"
                     rf"(?:^|[，,。；;\n])\s*(?:我[县市区镇乡]|本[县市区镇乡])?(?:(?:19|20)\d{{2}}\s*年度?)?"
                     rf"([^\s，,。、；;:：“”\"|（）()]{{4,40}}?项目)(?:计划|总)投资)")


def _funded_project(v: View, got: tuple[str, int, int]) -> Optional[tuple[str, int, int]]:
    """A title that names a fund (2022年衔接资金项目) over a report on the one project the
    fund paid for ('…衔接资金共下达105万元,用于实施西秀镇龙头村蔬菜园产业项目'): that project."""
    if not re.search(r"资金(?:项目)?$", simplified(got[0])):
        return None
    head = v.text[:3000]
    names = {}
    for m in _FUNDED.finditer(head):
        g = 1 if m.group(1) else 2
        if not _GENERIC.match(m.group(g)) and not re.search(r"资金|经费|等|各|多个|\d+个", m.group(g)):
            names[m.group(g)] = (m.start(g), m.end(g))
    if len(names) != 1:
        return None
    start, end = next(iter(names.values()))
    return _orig(v, start, end)


def _labelled_project(v: View) -> Optional[tuple[str, int, int]]:
    text = v.text
    specific = re.search(r"二级项目名称", text[:20000])
    for m in _cell_labels(_PROJECT_LABEL, text[:20000]):
        if specific and re.search(r"一\W?级$", text[max(0, m.start() - 3):m.start()]):
            continue                                # 一级项目名称 is the programme; 二级 names the project
        at = _value_start(text, m.start(), m.end())
        seg = re.match(r"[^\n|]{2,80}", text[at:at + 80])
        if not seg:
            continue
        value = seg.group()
        if text[at + len(value):at + len(value) + 1] == "\n":
            value = text[at:_wrap_end(text, at + len(value))]   # a name wrapped onto the next line
        nxt = _LABEL_AHEAD.search(value)
        if not nxt:                                 # a label wrapped at the line's end (主管部\n门)
            wrapped = _LABEL_WRAPPED.search(text[at:at + len(value) + 8])
            nxt = wrapped if wrapped and wrapped.start() < len(value) else None
        if nxt:
            cut = nxt.start()
            if nxt.group().startswith("项目") and _LABEL_AHEAD.match(value, cut + 2) and \
                    not value[:cut].rstrip(" \t\u3000:：").endswith("项目"):
                cut += 2                            # '…推广项目实施单位' run together: the name's 项目, then 实施单位
            if 0 < cut <= 4 and not value[cut - 1].isspace():
                cut = 0                             # the head of a longer label (省级业务主管部门), no value
            value = value[:cut]
        value = value.strip(" \t\u3000:：")
        if not value or ORG.fullmatch(re.sub(r"\s+", "", value)):
            got = _value_beside(v, m.start(), at)   # the cell after the label is empty, or a unit's
            if got:
                return got
            continue
        if re.match(r"^(?:项目|主管|单位|实施|部门)", value) or re.search(r"主管部|单位$|名称|类型|代码", value):
            continue
        if len(value) < 2 or _GENERIC.match(value) or re.fullmatch(r"[\d\s]*|备注|序号", value) \
                or re.fullmatch(r"金额|合计|小计|单位|数量|名称|内容|类别|资金|预算数?|[^|]{0,4}[(（]万?元[)）]", value):
            continue
        start = at + (len(seg.group()) - len(seg.group().lstrip(" \t\u3000:：")))
        code = PROJECT_CODE.match(text, start, at + len(value))   # on the view: a code in full-width digits too
        name, s, e = _orig(v, code.end() if code else start, at + len(value))
        name = _strip_code(name)
        if name:
            return name, s, e
    return None


# What a project's name ends with, and the header words of a form's label cells.
_PROJECT_END = re.compile(r"(?:项目|资金|经费|费用|费|工程|专项|补助|补贴|计划|行动|建设|改造|服务|工作)$")
_HEADER_WORD = re.compile(r"(?:名称|部门?|单位|类型|周期|领域|事权|任务|属性|代码|期限|日期|电话|负责人)$")


def _project_like(name: str) -> bool:
    name = re.sub(r"\s+", "", name)
    return len(name) >= 4 and bool(_PROJECT_END.search(name)) and not ORG.fullmatch(name) \
        and not _GENERIC.match(name) and not _LABEL_AHEAD.search(name) and not _TITLE_KIND.search(name)


def _value_beside(v: View, label_start: int, at: int) -> Optional[tuple[str, int, int]]:
    """The project's name where the cell after its label is empty: printed before the label
    on its line (a flattening that puts each value before its label: '…结 算费用 项目名称
    主管部门 …'), else the first value after the block of labels (the labels' row first,
    then the values' row). Either must end like a project's name (…项目, …资金, …经费)."""
    text = v.text
    line_start = text.rfind("\n", 0, label_start) + 1
    back = re.search(rf"[{_CJK}、“”·\- \u3000]{{4,60}}$", text[line_start:label_start])
    if back:
        seg = back.group()
        cut = max([k.end() for k in _KIND_END.finditer(seg)] + [k.end() for k in _LABEL_AHEAD.finditer(seg)] + [0])
        lead = len(seg[cut:]) - len(seg[cut:].lstrip(" \u3000"))
        name = seg[cut + lead:].rstrip(" \u3000")
        if _project_like(name):
            a = label_start - len(seg) + cut + lead
            return _orig(v, a, a + len(name))
    for tm in re.finditer(r"[^\s|]+", text[at:at + 200]):
        tok = tm.group()
        if _LABEL_AHEAD.fullmatch(tok) or len(tok) <= 2 or (len(tok) <= 8 and _HEADER_WORD.search(tok)):
            continue                                # another label, or the piece of a wrapped one (门)
        if not _project_like(tok):
            return None
        return _orig(v, at + tm.start(), at + tm.end())
    return None


_X = r"[^\s，,。、；;:：“”\"|]{2,40}?(?:项目|工程|资金|经费)(?:[(（][^()（）]{1,8}[)）])?"
_BODY_PROJECT = (
    re.compile(rf"对\s*({_X})\s*(?:开展|进行)[^。\n]{{0,8}}绩效评价"),       # 对…项目开展重点绩效评价
    re.compile(rf"对\s*({_X})[^。\n]{{0,30}}?(?:开展|进行)了?[^。\n]{{0,8}}(?:自评|绩效评价)"),  # 对…项目资金…进行了自评
    re.compile(rf"({_X})\s*(?:绩效评价|绩效自评)(?:综合)?(?:评价)?得分"),     # …项目绩效评价综合评价得分
    re.compile(rf"项目为[一1]个\s*[:：]\s*({_X})"),                          # 项目为一个:…项目
    re.compile(rf"(?:^|\n)\s*({_X})\s*是为"),                                 # the overview's subject
)


def _project_from_body(v: View, dept: str) -> Optional[tuple[str, int, int]]:
    """A report with no title: the project its opening sentences evaluate."""
    head = v.text[:4000]
    for pat in _BODY_PROJECT:
        m = pat.search(head)
        if m:
            got = _project_from_title(v, m.group(1), m.start(1), dept)
            if got:
                return got
    return None


# A title's head that names a unit without a place (县交通运输局, 区残联), known by what
# follows it: the year evaluated or 关于.
_UNIT_HEAD = re.compile(rf"([{_CJK}]{{1,16}}?{_ORG_TAIL})(?=\s*(?:(?:19|20)\d{{2}}\s*年|关于))")


def _project_from_title(v: View, t: str, s: int, dept: str) -> Optional[tuple[str, int, int]]:
    """The project a title names: the title without its place/unit, year and kind words."""
    bracket = re.fullmatch(r"[(（]([^()（）]+)[)）]", t)
    if bracket and not _GENERIC.match(bracket.group(1)):
        return _orig(v, s + 1, s + 1 + len(bracket.group(1)))
    k = _KIND_END.search(t)
    tail = re.search(r"[(（]([^()（）]{2,20})[)）]$", t)
    if k and tail and tail.start() >= k.start() and not re.search(r"\d{4}|年度|盖章", tail.group(1)) \
            and not _ORG_END.search(tail.group(1)) and not _GENERIC.match(tail.group(1)):
        return _orig(v, s + tail.start(1), s + tail.end(1))
    keep = [True] * len(t)

    def drop(a: int, b: int) -> None:
        for i in range(a, b):
            keep[i] = False

    m = re.match(r"^(?:关于(?:上报|报送|印发)?)", t)
    if m:
        drop(0, m.end())
    lead = m.end() if m else 0
    y = re.match(r"\s*(?:19|20)\d{2}\s*年度?\s*(?=[\u4e00-\u9fff])", t[lead:])
    if y and (_org_at(t[lead + y.end():]) or re.match(rf"(?:{_PLACE})", t[lead + y.end():])):
        lead += y.end()                         # 2019年度宁晋县高中助学金项目: the year before the place
    rest = t[lead:]
    after = lead
    if dept and rest.startswith(dept):
        drop(lead, lead + len(dept))
        after = lead + len(dept)
    else:
        om = _org_at(rest)
        if om and _facility(om.group(1), rest[om.end(1):]):
            om = None                           # the facility is part of the project's name
        if om:
            drop(lead, lead + om.end(1))
            after = lead + om.end(1)
        else:
            pm = re.match(rf"(?:{_COUNTY}){{1,3}}", rest)   # a township (镇/乡) names the project
            um = _UNIT_HEAD.match(rest)
            if pm and not _NOT_PLACE.search(pm.group()):
                drop(lead, lead + pm.end())
            elif um:                                # 县交通运输局2023年度…: a unit with no place name
                drop(lead, lead + um.end(1))
                after = lead + um.end(1)
    m = re.match(r"关于(?:上报|报送|印发)?", t[after:]) if after > lead else None
    if m:                                       # 某县交通运输局关于2023年度…项目支出绩效自评的报告
        drop(after, after + m.end())
    for m in re.finditer(r"[(（]?\s*(?:19|20)\d{2}\s*(?:[-—~至]\s*(?:19|20)\d{2}\s*)?年度?\s*[)）]?", t):
        drop(m.start(), m.end())
    for m in re.finditer(r"【[^【】]{0,8}】", t):     # a site's note: 【模板】
        drop(m.start(), m.end())
    kept = "".join(ch if keep[i] else "\0" for i, ch in enumerate(t))
    m = _PROJECT_TAIL.search(kept.replace("\0", ""))
    # map the cut back: find the tail's start in the kept characters
    chars = [i for i in range(len(t)) if keep[i]]
    flat = "".join(t[i] for i in chars)
    end_flat = m.start() if m else len(flat)
    name_flat = flat[:end_flat].strip("·:：()（）-_ \n\t\u3000")
    named = re.search(r"项目(?=.{2,})", name_flat)
    if named:                                   # …项目州级补助资金, 项目资金…: the project is named up to
        name_flat = name_flat[:named.end()]     # its 项目; a fund's label or qualifier follows it
    if not name_flat or _GENERIC.match(name_flat) or len(name_flat) < 2:
        return None
    first = flat.find(name_flat)
    idx = chars[first:first + len(name_flat)]
    if not idx:
        return None
    # the name's characters in the original script, gaps (a dropped year) removed
    raw = re.sub(r"\s+", "", "".join(strip_pinyin(v.original(s + i, s + i + 1)) for i in idx))
    return raw, v.pos(s + idx[0]), v.pos(s + idx[-1]) + 1
