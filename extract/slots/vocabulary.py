"""The forms' label vocabulary (../shared/TEMPLATES.md), in one place.

The national and provincial forms print closed sets of words: the funding block's column
header words (年初预算数 · 全年预算数 · 全年执行数 · 分值 · 执行率 · 得分 and the variants
older and provincial copies use) and its row labels (年度资金总额 · 其中：财政拨款 · 上年结转
· 其他资金). The readers of tables and of cell streams ask this module what a printed word
is, so that a word one reader knows the other knows too.
"""
from __future__ import annotations

import re
from typing import Optional

# the funding block's column header words as printed, by column (TEMPLATES.md: 项目资金 block;
# "Variants rename a header (全年执行数 ↔ 实际执行数 ↔ 决算数)"; older copies: 权重, 自评分)
FUNDING_COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "initial_budget": ("年初预算数", "年初预算", "年初数", "年初安排数", "年初批复数"),
    "full_year_budget": ("全年预算数", "全年预算", "调整后预算数", "调整后预算", "调整预算数", "预算数",
                         "全年应执行数", "预算金额"),
    "executed": ("全年执行数", "执行数", "实际执行数", "决算数", "实际支出", "实际支出数", "执行金额", "支出数",
                 "全年实际支出"),
    "execution_rate": ("执行率", "预算执行率"),
    "weight": ("分值", "权重", "满分", "标准分"),
    "score": ("得分", "自评得分", "评分", "自评分", "实际得分"),
}

_WORD_COLUMN = {w: col for col, words in FUNDING_COLUMN_WORDS.items() for w in words}
_BRACKETS = re.compile(r"[(（][^()（）]*(?:[)）]|$)")


def funding_column_word(text: str) -> Optional[str]:
    """The column a printed header cell names when its words (spaces and bracketed letters or
    notes left out: 全年预算数（A）) are one of the form's column words; None otherwise."""
    return _WORD_COLUMN.get(_BRACKETS.sub("", re.sub(r"\s+", "", text)))


def begins_funding_column_word(piece: str) -> bool:
    """A piece of words that a form's column word begins with and is not (年初, 全年, 执行, 得):
    the first line of a header cell that wrapped."""
    p = re.sub(r"\s+", "", piece)
    return bool(p) and p not in _WORD_COLUMN and any(w.startswith(p) for w in _WORD_COLUMN)


def ends_funding_column_word(piece: str) -> bool:
    """A piece of words that a form's column word ends with (值, 率, 预算数): the second line of a
    header cell that wrapped."""
    p = re.sub(r"\s+", "", _BRACKETS.sub("", piece))
    return bool(p) and any(w.endswith(p) for w in _WORD_COLUMN)


def funding_column_head(text: str) -> Optional[str]:
    """The column a header cell's first line names when every column word it begins is of that
    one column (全年执行 → 全年执行数; 年初 → 年初预算数, 年初数 …); None when it begins words of
    several columns (全年 → 全年预算数 or 全年执行数) or none."""
    p = _BRACKETS.sub("", re.sub(r"\s+", "", text))
    if len(p) < 2:
        return None
    cols = {col for w, col in _WORD_COLUMN.items() if w.startswith(p)}
    return cols.pop() if len(cols) == 1 else None


def funding_column_misread(text: str) -> Optional[str]:
    """The column a header cell names when it is one of the forms' column words of five or more
    characters with one character misread (an OCR copy: 年初预匏数, 调整预算将); None when no
    word or words of two columns are that close (年度预算数: 年初预算数 or 全年预算数)."""
    p = _BRACKETS.sub("", re.sub(r"\s+", "", text))
    if len(p) < 5 or p in _WORD_COLUMN:
        return None
    cols = {col for w, col in _WORD_COLUMN.items()
            if len(w) == len(p) and sum(a != b for a, b in zip(w, p)) == 1}
    return cols.pop() if len(cols) == 1 else None


def misread_as(text: str) -> Optional[str]:
    """The column word a header cell with one character misread stands for (年初预匏数 → 年初预算数),
    when funding_column_misread names one column and one word of it."""
    p = _BRACKETS.sub("", re.sub(r"\s+", "", text))
    if funding_column_misread(p) is None:
        return None
    words = [w for w in _WORD_COLUMN if len(w) == len(p) and sum(a != b for a, b in zip(w, p)) == 1]
    return words[0] if len(words) == 1 else None


# --- the funding block's labels as the readers match them ---------------------------------------------
# (pattern on a header cell's own words, squashed, column), most specific first: one list for the
# table pass (slots/tables.py) and the cell stream (slots/funding_cells.py). other_money / other_rate
# are columns of provincial copies with no slot (到位资金, 到位率): known so that they take their cells.
FUNDING_COLUMNS = (
    (r"统筹整合|扣除|到位资金|结余|实际到位", "other_money"),
    (r"预算到位|到位率", "other_rate"),
    (r"执行率|预算执行(?!数|金额|情况|资金)", "execution_rate"),
    (r"年初预算|年初数|计划安排资金|计划投资", "initial_budget"),
    (r"执行数|决算数|实际支出|执行金额|支出数|执行资金|已使用", "executed"),
    (r"全年预算|调整后预算|预算数|全年应执行数|预算金额", "full_year_budget"),
    (r"^分值|(?<!自评)分值$|^权重|^满分|^标准分", "weight"),
    (r"^得分(?!计算)|^自评得分|^评分|^自评分|^实际得分", "score"),
)
# the header words of provincial copies that name the columns otherwise (批复预算 | 实际支出 | 执行率,
# 预算安排数(A) | 实际拨付(B) | 拨付率(B/A)): read only where a budget, a spending and the rate of the
# one over the other are all named
FUNDING_COLUMNS_WIDE = (
    (r"(?:执行|完成|拨付|支出|支付|使用)(?:率|进度)", "execution_rate"),
    (r"年初(?:预算|批复|安排)", "initial_budget"),
    (r"预算|批复|下达|可用|安排", "full_year_budget"),
    (r"执行|决算|(?<!基本)(?<!项目)支出|拨付|支付|使用|完成", "executed"),
)

# (pattern on a row label, squashed, row) in order: a part by level of government or another
# fund is no row of the form (SCHEMA: amounts split by level of government are not funding.fiscal);
# then 年度资金总额 · 其中：财政拨款 · 上年结转 · 其他资金, and a department's 基本支出 · 项目支出.
FUNDING_ROWS = (
    (r"中央|地方|省级|市级|县级|区级|自治区|省财政|市财政|区财政|县财政|财政专户|单位资金|自有资金|市县资金|统筹", None),
    (r"(?<!中期)资金(?:总额|合计|总计)|^总额|^合计|^总计|^小计|总资金|^(?:项目|年度预算|本年)资金$"
     r"|^年度预算资金$|^预算资金(?:合计|总额)?$|^资金来源合计$", "total"),
    (r"财政拨款|^(?:其中[:：]?)?(?:当年|本年)?财政资金$|^其中[:：]?财政[\u4e00-\u9fff]{1,4}$|本级财政|财政补助"
     r"|^(?:其中[:：]?)?一般公共预算(?:拨款|资金)?$"
     r"|预算内拨款", "fiscal"),
    (r"上年(?:度)?(?:结转|结余)|结转(?:结余)?资金|以前年度结(?:转|余)", "carryover"),
    (r"^(?:其中[:：]?)?其他资金|^其[他它]$", "other"),
    (r"^基本支出$", "basic"),
    (r"^项目支出$", "project"),
)
FORM_ROWS = ("total", "fiscal", "carryover", "other")          # the funding block's rows, in the form's order


# --- 三公经费 (TEMPLATES.md: 因公出国（境）费 · 公务用车购置及运行维护费 · 公务接待费) ---------------------
THREE_PUBLIC_WORD = r"三公|公务接待|公务用车|公车|因公出国|出国[（(]境[)）]"     # a label about the 三公 funds
THREE_PUBLIC_PARTS = ((r"三公", "total"), (r"接待", "reception"), (r"公务用车|公车|车辆", "vehicle"),
                      (r"出国|出境", "overseas"))
# the rows of a 三公 table: its parts, and a bare 合计 row its total
THREE_PUBLIC_ROWS = (THREE_PUBLIC_PARTS[0], (r"^(?:合计|小计|总计)$", "total"), *THREE_PUBLIC_PARTS[1:])


# --- staff (TEMPLATES.md: 人员编制/编制数 · 实有人数/在职人数) ----------------------------------------------
# the label words, most specific first (an alternation: 实有在职人数 before 在职人数 at one place)
STAFF_AUTHORIZED = r"编制人数|人员编制数?|编制数|核定编制数?|编制人员|编制总数|编制内人数"
STAFF_ACTUAL = (r"编制内实有人数|实有在职人数|实有在职人员|实际在职人数|在职在编人数|实有人数|实有人员|在职人数|在编人数"
                r"|在职人员数?")


# the funding block's row labels as the forms print them (TEMPLATES.md), for a label cell wrapped
# around its row's figures ('年度资金' … figures … '总额')
FUNDING_ROW_WORDS = ("年度资金总额", "其中：当年财政拨款", "其中：财政拨款", "当年财政拨款", "财政拨款", "上年结转资金",
                     "其中：上年结转资金", "其他资金", "其中：其他资金")
_ROW_WORDS = {re.sub(r"[:：\s]", "", w) for w in FUNDING_ROW_WORDS}


def wrapped_row_label(head: str, tail: str) -> Optional[str]:
    """The row label a label cell's two lines make (年度资金 + 总额, 其中：当年财政 + 拨款) when the
    first line is no whole label; None otherwise."""
    h, t = re.sub(r"[:：\s]", "", head), re.sub(r"[:：\s]", "", tail)
    if not h or not t or h in _ROW_WORDS or h + t not in _ROW_WORDS:
        return None
    return head.strip() + tail.strip()
