"""The canonical evaluation schema (../shared/SCHEMA.md), in machine-readable form.

This module is the single source of truth for slot names, their Chinese labels,
value kinds, report kinds, indicator attributes, canonical level names, entity labels
and review reasons. Everything else (extraction, checks, the record, the store, the
Label Studio config) reads from here instead of spelling names again.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

SCHEMA_VERSION = "1"

# --- report kinds -------------------------------------------------------------------
REPORT_KINDS: dict[str, str] = {
    "dept_self_eval_table": "部门整体支出绩效自评表",
    "dept_self_eval_report": "部门整体支出绩效自评报告",
    "project_self_eval_table": "项目支出绩效自评表",
    "project_self_eval_report": "项目支出绩效自评报告",
    "target_declaration": "绩效目标申报表",
    "other": "部门预算, 部门决算, notices, policy texts: not a performance evaluation",
}

# --- value kinds --------------------------------------------------------------------
MONEY, RATE, COUNT, NUMBER, TEXT, YEAR, KIND = "money", "rate", "count", "number", "text", "year", "kind"


@dataclass(frozen=True)
class Slot:
    name: str
    kind: str
    labels: tuple[str, ...] = ()
    description: str = ""


def _funding_slots() -> list[Slot]:
    rows = {
        "total": ("年度资金总额", "资金总额", "合计", "总计"),
        "fiscal": ("财政拨款", "当年财政拨款", "财政资金", "本级财政", "一般预算内拨款", "本年财政拨款"),
        "carryover": ("上年结转", "上年结转资金", "结转资金"),
        "other": ("其他资金", "其他"),
    }
    cols = {
        "initial_budget": (MONEY, ("年初预算数", "年初预算", "年初数", "计划安排资金")),
        "full_year_budget": (MONEY, ("全年预算数", "调整后预算", "全年预算", "全年应执行数", "年中调整预算", "预算数(A)")),
        "executed": (MONEY, ("全年执行数", "执行数", "决算数", "实际支出", "全年执行资金", "已使用")),
        "execution_rate": (RATE, ("执行率", "预算执行率")),
        "weight": (NUMBER, ("分值", "权重")),
        "score": (NUMBER, ("得分",)),
    }
    out = []
    for row, rlabels in rows.items():
        for col, (kind, clabels) in cols.items():
            out.append(Slot(f"funding.{row}.{col}", kind, rlabels + clabels))
    return out


SLOTS: dict[str, Slot] = {s.name: s for s in [
    Slot("report.department", TEXT, ("部门(单位)名称", "部门名称", "单位名称", "填报单位", "项目实施单位",
                                      "资金使用单位", "实施单位", "单位(盖章)", "预算部门单位(公章)", "项目单位")),
    Slot("report.fiscal_year", YEAR, ("年度",)),
    Slot("report.kind", KIND),
    Slot("report.project_name", TEXT, ("项目名称", "专项名称", "转移支付(项目)名称")),
    Slot("staff.authorized", COUNT, ("编制人数", "人员编制", "编制数")),
    Slot("staff.actual", COUNT, ("实有人数", "在职人数")),
    *_funding_slots(),
    Slot("expenditure.total", MONEY, ("部门决算支出", "整体支出规模", "支出合计")),
    Slot("expenditure.basic", MONEY, ("基本支出",)),
    Slot("expenditure.personnel", MONEY, ("人员经费",)),
    Slot("expenditure.public", MONEY, ("公用经费",)),
    Slot("expenditure.project", MONEY, ("项目支出",)),
    *[Slot(f"three_public.{part}.{col}", MONEY, labels + (clabel,))
      for part, labels in {
          "total": ("三公经费",),
          "reception": ("公务接待费",),
          "vehicle": ("公务用车购置及运行费", "公务用车运行维护费"),
          "overseas": ("因公出国(境)费",),
      }.items()
      for col, clabel in (("budget", "预算"), ("actual", "实际支出"))],
    Slot("evaluation.self_score", NUMBER, ("自评得分", "总分", "综合评分", "最终得分", "项目总得分", "自评总分")),
    Slot("evaluation.grade", TEXT, ("等级",)),
]}

# Slots whose value is a text (value.value holds the text itself).
TEXT_SLOTS = frozenset(n for n, s in SLOTS.items() if s.kind in (TEXT, KIND))

# The grade's closed set (SCHEMA.md): the words reports print, mapped to the canonical four.
GRADE_CANONICAL: dict[str, str] = {
    "优": "优", "优秀": "优", "良": "良", "良好": "良", "较好": "良",
    "中": "中", "中等": "中", "合格": "中", "一般": "中", "及格": "中",
    "差": "差", "较差": "差", "不合格": "差", "不及格": "差",
}

# --- indicators ---------------------------------------------------------------------
INDICATOR_ATTRIBUTES = ("level1", "level2", "name", "content", "target", "actual",
                        "weight", "score", "deviation")

LEVEL1_CANONICAL: dict[str, str] = {
    "产出指标": "产出指标", "产出": "产出指标",
    "效益指标": "效益指标", "效益": "效益指标", "效果指标": "效益指标",
    "满意度指标": "满意度指标", "满意度": "满意度指标",
    "成本指标": "成本指标", "成本": "成本指标",
    "投入指标": "投入指标", "投入": "投入指标",
    "过程指标": "过程指标", "过程": "过程指标",
    "产出类指标": "产出指标", "效益类指标": "效益指标", "满意度类指标": "满意度指标", "成本类指标": "成本指标",
}

LEVEL2_CANONICAL: dict[str, str] = {
    "数量指标": "数量指标", "数量": "数量指标",
    "质量指标": "质量指标", "质量": "质量指标",
    "时效指标": "时效指标", "时效": "时效指标",
    "成本指标": "成本指标", "成本": "成本指标",
    "经济成本指标": "经济成本指标", "社会成本指标": "社会成本指标", "生态环境成本指标": "生态环境成本指标",
    "经济效益指标": "经济效益指标", "经济效益": "经济效益指标", "经济指标": "经济效益指标",
    "社会效益指标": "社会效益指标", "社会效益": "社会效益指标", "社会指标": "社会效益指标",
    "生态效益指标": "生态效益指标", "生态效益": "生态效益指标", "生态指标": "生态效益指标",
    "可持续影响指标": "可持续影响指标", "可持续影响": "可持续影响指标",
    "可持续性影响": "可持续影响指标", "可持续性影响指标": "可持续影响指标",
    "可持续发展指标": "可持续影响指标",
    "服务对象满意度指标": "服务对象满意度指标", "服务对象满意度": "服务对象满意度指标",
    "社会公众或服务对象满意度": "服务对象满意度指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标",
    "满意度指标": "服务对象满意度指标",
    # provincial short forms (TEMPLATES.md, Level names): the second level printed without 指标
    # or with the first level's word in front of it
    "产出数量": "数量指标", "产出质量": "质量指标", "产出时效": "时效指标", "产出成本": "成本指标",
    "服务对象": "服务对象满意度指标", "服务对象满意": "服务对象满意度指标", "满意度": "服务对象满意度指标",
}

# --- entities (the trained pipeline's labels) ---------------------------------------
ENTITY_LABELS = ("AMOUNT", "RATE", "QUANTITY", "SCORE", "YEAR", "ORG", "INDICATOR", "TARGET")

# --- review ---------------------------------------------------------------------------
# Why an item needs review (field/indicator `reasons`): each with the sentence a reviewer reads
# beside it (`jixiao show`): what happened, and what to look at.
ITEM_REASONS: dict[str, str] = {
    "low_confidence": "The calibrated confidence is below the review threshold: check the value against the text.",
    "rate_mismatch": "The execution rate does not equal executed ÷ budget: one of the three was misread; check all three.",
    "sum_mismatch": "The parts do not add up to the total: check the total and each part.",
    "score_exceeds_weight": "The score is larger than the weight: one of the two cells was misread.",
    "conflicting_values": "The report states this slot again with another figure (see alternatives): pick the right one.",
    "weights_total_mismatch": "The weights do not add up to the form's 100: a weight was misread or a row is missing.",
    "scores_total_mismatch": "The rows' scores do not add up to the self-score: a score or the total was misread.",
    "out_of_range": "The value is outside what its slot can hold (a score over 100): check the cell it came from.",
    "garbled_text": "The text around the value carries OCR debris or figures glued to words: check the characters.",
    "actual_not_found": "A target was read and no actual beside it, while the report's other indicators have both.",
    "several_years": "The report covers several years: check which one is its fiscal year.",
    # the readers' own doubt: a reading chosen between readings the evidence could not tell apart
    "column_uncertain": "The row printed fewer cells than its columns (or its label several figures); the reader "
                        "placed this figure in a column by preference: check which column it belongs to.",
    "kind_contested": "The title made the text no evaluation (kind other) while its body prints an evaluation form: "
                      "check the kind.",
    "unit_cell_unread": "The department was taken from a fallback while the form's own spending-unit cell names "
                        "another unit: check which is the department.",
    "name_cut": "The indicator's name was cut inside a bracket: check where the name ends.",
    "pair_uncertain": "The target and the actual were paired (or left apart) by names that could not settle it: "
                      "check which figure is whose.",
    "row_uncertain": "Another reading of the table's cells fits as well and gives one of this row's cells another role "
                     "(a name, another column, the next row): check the row's cells.",
    "level_unread": "The table has a 二级指标 column and no second level was read for this row: check its levels.",
    "comparator_unread": "The form's 指标性质 cell holds a word (正向, 定量) and the target no comparator, so its '=' "
                         "is a default: check the target's comparator.",
}
REASONS = tuple(ITEM_REASONS)

# Reasons about a whole document (record.review.reasons), so a reviewer starts with the reports
# the reader understood least.
DOCUMENT_REASON_TEXT: dict[str, str] = {
    "indicators_unread": "The text prints an indicator table's words and no indicator was read: read its table by hand.",
    "funding_unread": "The text prints a funding table's words and no funding value was read: read its figures by hand.",
    "tables_unread": "The document has a table of figures and nothing was read from it.",
    "kind_unknown": "No sign of which kind of report this is: set the kind.",
    "kind_uncertain": "The kind was found with a confidence below the review threshold: check it.",
    "figures_unsplit": "Figures run together across cells that no split of the row's arithmetic explains were left "
                       "out: read them from the source.",
}
DOCUMENT_REASONS = tuple(DOCUMENT_REASON_TEXT)


def reason_text(code: str) -> str:
    """The sentence for a review reason, item or document; the code itself for one this schema
    does not know (a record of another version)."""
    return ITEM_REASONS.get(code) or DOCUMENT_REASON_TEXT.get(code) or code


MONEY_UNIT = "万元"
RATE_UNIT = "%"


def slot(name: str) -> Slot:
    """Look a slot up, failing loudly on a name the schema does not have."""
    try:
        return SLOTS[name]
    except KeyError:
        raise KeyError(f"unknown slot {name!r}: see extract/schema.py for the canonical names") from None


def canonical_level1(text: str) -> str:
    t = _squash(text)
    return LEVEL1_CANONICAL.get(t, t)


def canonical_grade(text: str) -> Optional[str]:
    """优秀 -> 优, 良好 -> 良, 合格 -> 中, 不合格 -> 差; None for a word outside the closed set."""
    t = _squash(text).rstrip("级等")
    return GRADE_CANONICAL.get(t)


def canonical_level2(text: str) -> str:
    t = _squash(text)
    return LEVEL2_CANONICAL.get(t, t)


def _squash(text: str) -> str:
    return "".join(str(text or "").split()).replace("（", "(").replace("）", ")")
