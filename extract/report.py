"""Report-level slots: department, fiscal year, kind, project name.

These come from the title lines, page metadata (来源/发布机构), label/value cells and a
narrative's opening sentence, in that order of trust. A slot found in a table by
`tables.py` is kept; this stage only fills what is still missing.
"""
from __future__ import annotations

import re
from typing import Optional

from .document import Document
from .normalize import Value
from .record import Extraction
from .slots import add_field, year_in

_PLACE = r"(?:[\u4e00-\u9fff]{2,6}?(?:省|自治区|市|州|盟|地区|县|區|县|區|区|旗|镇|鎮|乡|街道))"
_ORG_TAIL = (r"(?:局|委员会|委員會|委|办公室|辦公室|中心|人民政府|政府|医院|醫院|中学|中學|小学|学校|大学|学院|"
             r"档案馆|檔案館|馆|館|站|联合会|残联|厅|协会|分局|总队|支队|大队|党校)")
ORG = re.compile(rf"((?:中共)?{_PLACE}{{1,3}}[\u4e00-\u9fff（）()]{{0,14}}?{_ORG_TAIL})")
_META = re.compile(r"(?:来源|发布机构|发布单位|信息来源|单位名称|部门名称|填报单位|实施单位|主管部门)\s*[:：|]\s*\|?\s*([\u4e00-\u9fff（）()]{3,30})")
_TITLE_KIND = re.compile(r"自评表|评价表|自评价表|申报表|目标表|报告|总结|说明|自评情况|自评结果|目标设定|绩效自评")

KIND_RULES = (
    (r"目标申报表|绩效目标表|目标表|目标设定|目标申报", "target_declaration"),
)


def classify(doc: Document, ex: Extraction) -> None:
    """Year and kind first: later stages read them (a declaration's figures are budgets;
    a sentence about another year is not about this report)."""
    title = title_of(doc.text)
    doc.meta["title"] = title
    year = _fiscal_year(doc, title)
    doc.meta["fiscal_year"] = year
    if year and ex.field("report.fiscal_year") is None:
        start, end = _find(doc.text, str(year))
        add_field(ex, doc, "report.fiscal_year", Value(raw=str(year), op="=", value=year, unit=None),
                  start, end, "text", "year")
    kind = kind_of(title, doc.text, ex)
    if kind:
        t_start, t_end = _find(doc.text, title[:20]) if title else (0, 0)
        add_field(ex, doc, "report.kind", Value.text(kind), t_start, t_end, "text", "kind")
        doc.meta["kind"] = kind


def extract(doc: Document, ex: Extraction) -> None:
    """Department and project name, where no table cell gave them."""
    title = doc.meta.get("title", "")
    kind = doc.meta.get("kind")
    if ex.field("report.department") is None:
        dept = department_of(doc.text, title)
        if dept:
            start, end = _find(doc.text, dept)
            add_field(ex, doc, "report.department", Value.text(dept), start, end, "text", "department")
    title_flat = re.sub(r"\s+", "", title)
    wants_project = bool(kind) and (kind.startswith("project") or (
        kind == "target_declaration" and "项目" in title_flat and "部门整体" not in title_flat))
    if wants_project:
        if ex.field("report.project_name") is None:
            name = project_name_of(title, ex)
            if name:
                start, end = _find(doc.text, name)
                add_field(ex, doc, "report.project_name", Value.text(name), start, end, "text", "project_name")
    elif ex.field("report.project_name") is not None and kind and kind.startswith("dept"):
        ex.fields.remove(ex.field("report.project_name"))


def _find(text: str, needle: str) -> tuple[int, int]:
    i = text.find(needle) if needle else -1
    return (i, i + len(needle)) if i >= 0 else (0, 0)


def title_of(text: str) -> str:
    """The report's title: the first short line naming the report kind, joined with
    the line before or after when the title is wrapped over two lines."""
    lines = [ln.strip(" \t\u3000\xa0|") for ln in text.split("\n")]
    lines = [re.sub(r"\s*\|\s*", "", ln) for ln in lines]
    short = [ln for ln in lines if ln and len(ln) <= 80]
    for i, ln in enumerate(short[:60]):
        if _TITLE_KIND.search(ln) and not re.match(r"^(附件|关于印发|根据|按照|为)", ln):
            prev = short[i - 1] if i else ""
            if prev and len(prev) < 40 and re.search(r"部门|整体|支出|年度?$", prev) and not _TITLE_KIND.search(prev):
                return prev + ln
            return ln
    return short[0] if short else ""


def _fiscal_year(doc: Document, title: str) -> Optional[int]:
    m = re.search(r"((?:19|20)\d{2})\s*(?:年度|年)", title)
    if m:
        return int(m.group(1))
    return year_in(doc.text)


def kind_of(title: str, text: str, ex: Extraction) -> Optional[str]:
    t = re.sub(r"\s+", "", title)
    for pat, kind in KIND_RULES:
        if re.search(pat, t) and "自评" not in t:
            return kind
    has_table_word = bool(re.search(r"自评表|评价表|自评价表|情况表|[^报]表$", t))
    is_report = bool(re.search(r"报告|总结|说明|情况$", t)) and not has_table_word
    dept = bool(re.search(r"部门整体|整体支出|部门绩效|部门\(单位\)|机关整体|单位整体|部门决算", t))
    project = bool(re.search(r"项目|专项|资金|经费|补助|补贴|工程", t)) and not re.search(r"部门整体|整体支出", t)
    if not dept and not project:
        project = bool(ex.field("report.project_name")) or bool(re.search(r"项目名称|项目支出绩效", text[:600]))
        dept = not project
    scope = "project" if project and not dept else "dept"
    form = "report" if is_report else ("table" if has_table_word else ("table" if _mostly_table(text) else "report"))
    return f"{scope}_self_eval_{form}"


def _mostly_table(text: str) -> bool:
    lines = [ln for ln in text.split("\n") if ln.strip()]
    if not lines:
        return False
    tabbed = sum(1 for ln in lines if "\t" in ln or ln.count("|") >= 2)
    return tabbed / len(lines) > 0.5


def department_of(text: str, title: str) -> Optional[str]:
    head = text[:20000]
    m = _META.search(head)
    if m:
        org = ORG.search(m.group(1))
        if org:
            return _strip_year(org.group(1))
        if re.search(_ORG_TAIL + "$", m.group(1)):
            return m.group(1)
    best, best_score = None, 0.0
    flat_title = re.sub(r"\s+", "", title)
    flat = re.sub(r"[ \t\u3000\xa0]+", "", head)
    for source, bonus in ((flat_title, 3.0), (flat, 0.0)):
        for m in ORG.finditer(source):
            org = _strip_year(m.group(1))
            if not org or len(org) < 4 or _NOT_PLACE.search(org[:max(2, len(org) - 4)]):
                continue
            after = source[m.end():m.end() + 6]
            score = bonus + flat.count(org) * 0.5 + (3 if after.startswith(("（以下简称", "(以下简称")) else 0) \
                + (1 if after[:1] in ("为", "是") else 0) - m.start() / 20000
            if score > best_score:
                best, best_score = org, score
    return best


_NOT_PLACE = re.compile(r"企业|申报|组织|开展|实施|推进|建设|工作|和|与|及|的|了|对|在|各|全|本|我|该|其|等|个|家|年")


def _strip_year(org: str) -> str:
    org = re.sub(r"^.*?(?:19|20)\d{2}\s*年度?", "", org)
    org = re.sub(r"^(是|为|由|在|对|向|经|即|系|和|与|及|全|本|我|该|况|情况)+", "", org)
    org = re.sub(r"^(关于|根据|按照|对|在|由|经)", "", org)
    return org


def project_name_of(title: str, ex: Extraction) -> Optional[str]:
    t = re.sub(r"\s+", "", title)
    t = re.sub(r"\.(pdf|docx?|xlsx?)$", "", t)
    t = re.sub(r"(?:19|20)\d{2}\s*年度?", "", t)
    dept = ex.field("report.department")
    if dept and isinstance(dept.value.value, str):
        t = t.replace(dept.value.value, "")
    t = re.sub(r"^(关于|关于上报|关于报送)", "", t)
    t = re.sub(r"(的)?(项目)?(支出)?(绩效)?(评价)?(自评|自评价)?(报告|表|情况|结果|总结).*$", "", t)
    t = re.sub(r"(绩效|财政支出|支出)$", "", t)
    t = ORG.sub(lambda m: "" if m.start() == 0 else m.group(0), t, count=1)
    t = t.strip("·:：()（）-_ ")
    return t or None
