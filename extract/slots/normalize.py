"""Values as SCHEMA.md "Values" fixes them: raw text kept, number normalised, never rounded.

`parse_value("≧125 家")` -> Value(raw="≧125 家", op=">=", value=125, unit="家").
Money goes to 万元 (亿, 个亿, 千万, 万, 元, 千元), rates to percent, counts keep their
measure word (a 万/亿 inside a count multiplies it), 元/亩-style rates stay as written,
Chinese numerals become numbers, comparators become `op`. A text with no single figure
(按时完成, 100家、180家, 12月30日) keeps `value: None` and its raw text. Arithmetic uses
Decimal so that 1.1亿 is exactly 11000, not 11000.000000000002.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Optional, Union

Number = Union[int, float]


@dataclass
class Value:
    raw: str
    op: str = "="
    value: Optional[Union[Number, str]] = None
    unit: Optional[str] = None
    high: Optional[Number] = None

    @property
    def is_number(self) -> bool:
        return isinstance(self.value, (int, float)) and not isinstance(self.value, bool)

    def to_json(self) -> dict:
        out = {"raw": self.raw, "op": self.op, "value": self.value, "unit": self.unit}
        if self.op == "range":
            out["high"] = self.high
        return out

    @classmethod
    def text(cls, raw: str) -> "Value":
        """A text slot (department, kind, grade): the text is the value."""
        return cls(raw=raw, op="=", value=raw, unit=None)


# --- characters -----------------------------------------------------------------------
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％＋－～：（）", "0123456789.,%+-~:()")
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5,
              "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_NUM_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS)

# Measure words for counts, longest first so 人次 wins over 人.
MEASURE_WORDS = sorted("""
人次 场次 批次 户次 台次 车次 架次 班次 课时 学时 小时 公里 千米 平方米 平方公里 立方米 万平方米 千克 公斤
家 个 项 名 人 次 场 件 条 户 所 座 台 套 辆 天 日 周 月 年 期 篇 份 本 册 株 头 只 吨 米 处 宗 批 张 支 门 类
亩 间 栋 幢 口 眼 根 盏 块 片 所 部 床 例 位 元 分 棵 公顷 千瓦 兆瓦 卷 宗卷 册 件次 人天 万人 点 站 村 镇 乡 校
架 粒 起 艘 台套 人日 车 辆次 帧 ‰
斤 册次 吨次 千瓦时 平方千米 立方
t kg g km hm m mm cm m2 m3 m² m³ km2 km² hm2 hm² kW kw kWh MW GB TB
""".split(), key=len, reverse=True)

_MONEY_UNITS = [  # text -> multiplier into 万元
    ("个亿元", Decimal(10000)), ("个亿", Decimal(10000)), ("亿元", Decimal(10000)), ("亿", Decimal(10000)),
    ("千万元", Decimal(1000)), ("千万", Decimal(1000)), ("百万元", Decimal(100)), ("百万", Decimal(100)),
    ("万元", Decimal(1)), ("万", Decimal(1)), ("千元", Decimal("0.1")), ("元", Decimal("0.0001")),
]

_GE_PREFIX = ("≥", "≧", ">=", "＞=", "不低于", "不少于", "大于等于", "大于或等于", "高于或等于", "至少", "≮")
_LE_PREFIX = ("≤", "≦", "<=", "＜=", "不超过", "不高于", "不多于", "小于等于", "小于或等于", "控制在", "≯")
_GT_PREFIX = (">", "＞", "大于", "超过", "高于", "多于")
_LT_PREFIX = ("<", "＜", "小于", "低于", "少于")
_APPROX_PREFIX = ("约", "近", "大约", "接近", "将近", "约为")
_GE_SUFFIX = ("以上", "及以上", "或以上")
_LE_SUFFIX = ("以下", "及以下", "以内", "之内")
_APPROX_SUFFIX = ("左右",)

# A number: optional sign, digits with thousands separators, optional decimals.
_NUM = r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?"
_NUM_RE = re.compile(_NUM)
_CN_NUM_RE = re.compile(f"[{_CN_NUM_CHARS}]+")
_DATE_AFTER = re.compile(r"^\s*(年|月|日|号|时|点前|月底|季度)")


def clean(text: str) -> str:
    """Full-width digits and punctuation to ASCII; whitespace folded."""
    return re.sub(r"\s+", " ", str(text).translate(_FULLWIDTH)).strip()


def to_decimal(text: str) -> Optional[Decimal]:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def chinese_number(text: str) -> Optional[int]:
    """一千二百 -> 1200, 三 -> 3, 十五 -> 15, 两 -> 2; None if `text` is not a numeral."""
    if not text or any(ch not in _CN_DIGITS and ch not in _CN_UNITS and ch != "万" for ch in text):
        return None
    if "万" in text:
        hi, _, lo = text.partition("万")
        h = chinese_number(hi) if hi else 1
        low = chinese_number(lo) if lo else 0
        if h is None or low is None:
            return None
        return h * 10000 + low
    total, digit = 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None:          # 一二 style digit strings: read positionally
                digit = digit * 10 + _CN_DIGITS[ch]
            else:
                digit = _CN_DIGITS[ch]
        else:
            mult = _CN_UNITS[ch]
            total += (digit if digit is not None else 1) * mult
            digit = None
    if digit is not None:
        total += digit
    return total


def _number(d: Decimal) -> Number:
    """Decimal -> int when integral, else float, without rounding the figure."""
    if d == d.to_integral_value():
        return int(d)
    return float(d)


@dataclass
class _Figure:
    start: int
    end: int
    number: Decimal
    percent: bool = False          # 百分之八十: the percent sign is in the words


def find_figures(text: str) -> list[_Figure]:
    """Arabic figures in `text` (already cleaned), plus a Chinese numeral when no digit is present."""
    figs = [_Figure(m.start(), m.end(), to_decimal(m.group())) for m in _NUM_RE.finditer(text)]
    figs = [f for f in figs if f.number is not None]
    if figs:
        return figs
    m = re.search(r"百分之([" + _CN_NUM_CHARS + r"点]+)", text)
    if m:
        n = _cn_with_point(m.group(1))
        if n is not None:
            return [_Figure(m.start(), m.end(), n, percent=True)]
    for m in _CN_NUM_RE.finditer(text):
        after = text[m.end():m.end() + 3]
        if _unit_at(after) is None and m.group() != text:
            continue                       # a numeral inside words must count something: 三家, 两次
        n = chinese_number(m.group())
        if n is not None:
            return [_Figure(m.start(), m.end(), Decimal(n))]
    return []


def _cn_with_point(text: str) -> Optional[Decimal]:
    whole, _, frac = text.partition("点")
    w = chinese_number(whole) if whole else 0
    if w is None:
        return None
    if not frac:
        return Decimal(w)
    digits = "".join(str(_CN_DIGITS.get(c, "")) for c in frac)
    return Decimal(f"{w}.{digits}") if digits else Decimal(w)


def _unit_at(after: str) -> Optional[tuple[str, ...]]:
    """(kind, unit text) of the unit starting `after`: money, rate, per-measure (with the unit
    as written into the value, third) or count."""
    s = after.lstrip()
    if s.startswith("%") or s.startswith("％"):
        return ("rate", "%")
    per = _per_measure(s)
    if per:
        return per
    for text, _ in _MONEY_UNITS:
        if s.startswith(text):
            if text in ("万", "亿", "个亿") and _measure_after(s[len(text):]):
                return ("scaled_count", text)
            return ("money", text)
    if s.startswith("分") and not s.startswith("分之"):
        return ("score", "分")
    mw = _measure_after(s)
    if mw:
        return ("count", mw)
    return None


# money per measure: 元/亩, 元/人/月, 元每人每月, 元/人·月 (a measure is up to three characters,
# ending before the next 每 or / and before a comparator word: 元/亩以上)
_PER_FIRST = re.compile(r"元\s*(?:/|／|每)\s*((?:(?![每以左及或和的])[\u4e00-\u9fff]){1,3})")
_PER_NEXT = re.compile(r"\s*(?:/|／|每|·|\.|．)\s*((?:(?![每以左及或和的])[\u4e00-\u9fff]){1,3})")


def _per_measure(s: str) -> Optional[tuple[str, str, str]]:
    """("per", unit text, unit) for money per measure, else None: the unit text is the span as
    printed, so the caller's end offset stays right; the unit is written with slashes (元/人/月)."""
    m = _PER_FIRST.match(s)
    if not m:
        return None
    measures, end = [m.group(1)], m.end()
    while True:
        n = _PER_NEXT.match(s, end)
        if not n:
            break
        measures.append(n.group(1))
        end = n.end()
    return ("per", s[:end], "元/" + "/".join(measures))


def _measure_after(s: str) -> Optional[str]:
    for mw in MEASURE_WORDS:
        if s.startswith(mw) and mw != "元":
            if mw.isascii() and re.match(r"[A-Za-z]", s[len(mw):]):
                continue                            # a latin unit is a whole word: 't' of 'tons' is not t
            return mw
    return None


def _op_before(prefix: str) -> Optional[str]:
    p = prefix.rstrip()
    for words, op in ((_GE_PREFIX, ">="), (_LE_PREFIX, "<="), (_APPROX_PREFIX, "approx"),
                      (_GT_PREFIX, ">"), (_LT_PREFIX, "<")):
        for w in sorted(words, key=len, reverse=True):
            if p.endswith(w):
                return op
    return None


def _op_after(suffix: str) -> Optional[str]:
    s = suffix.lstrip()
    for words, op in ((_GE_SUFFIX, ">="), (_LE_SUFFIX, "<="), (_APPROX_SUFFIX, "approx")):
        for w in words:
            if s.startswith(w):
                return op
    if s.startswith("多") or s.startswith("余"):
        return ">="
    return None


def parse_value(raw: str, default_unit: Optional[str] = None, allow_text: bool = True) -> Value:
    """Normalise one cell or phrase. `default_unit` applies to a bare figure: 万元 / 元
    from a table's 单位 header (money), `%` for a rate column, a measure word from the
    indicator name's bracket."""
    raw_text = str(raw).strip()
    text = clean(raw_text)
    figs = find_figures(text)
    figs = [f for f in figs if not _is_date(text, f)]
    if not figs:
        return Value(raw=raw_text, op="=", value=None, unit=None)
    range_val = _range(text, figs, default_unit)
    if range_val is not None:
        range_val.raw = raw_text
        return range_val
    if len(figs) > 1:
        return Value(raw=raw_text, op="=", value=None, unit=None)
    f = figs[0]
    value, unit, after_end = _scale(text, f, default_unit)
    op = _op_before(text[:f.start]) or "="
    # "多"/"余" directly after the figure (500多万元) or a suffix after the unit (30家以上)
    between = text[f.end:f.end + 1]
    if between in ("多", "余"):
        op = ">="
        value, unit, after_end = _scale(text, _Figure(f.start, f.end + 1, f.number), default_unit, skip=1)
    suffix_op = _op_after(text[after_end:])
    if suffix_op and op == "=":
        op = suffix_op
    rest = (text[:f.start] + text[after_end:]).strip()
    if not allow_text and len(rest) > 12:
        return Value(raw=raw_text, op="=", value=None, unit=None)
    return Value(raw=raw_text, op=op, value=value, unit=unit)


def _is_date(text: str, f: _Figure) -> bool:
    after = text[f.end:f.end + 4]
    if re.match(r"^\s*年(?!\s*\d{1,2}\s*月)", after) and not 1900 <= f.number <= 2100:
        return False                       # 1年, 3年: a duration, not a year
    if _DATE_AFTER.match(after):
        # 2023年 is a year; 12月 a month; but 3年 as a duration count is rare in values
        return True
    if re.match(r"^\s*[-/.]\s*\d", after) and 1990 <= f.number <= 2100:
        return True
    return False


def _scale(text: str, f: _Figure, default_unit: Optional[str], skip: int = 0) -> tuple[Number, Optional[str], int]:
    after = text[f.end:]
    unit = ("rate", "") if f.percent else _unit_at(after)
    lead = len(after) - len(after.lstrip())
    if unit is None:
        if default_unit in ("万元", "元", "千元", "亿元"):
            mult = dict(_MONEY_UNITS)[default_unit]
            return _number(f.number * mult), "万元", f.end
        return _number(f.number), default_unit, f.end
    kind, utext = unit[0], unit[1]
    end = f.end + lead + len(utext)
    if kind == "rate":
        return _number(f.number), "%", end
    if kind == "per":
        return _number(f.number), unit[2], end
    if kind == "money":
        mult = dict(_MONEY_UNITS)[utext]
        return _number(f.number * mult), "万元", end
    if kind == "scaled_count":
        mult = Decimal(10000) if utext == "万" else Decimal(100000000)
        mw = _measure_after(after.lstrip()[len(utext):])
        return _number(f.number * mult), mw, end + len(mw)
    if kind == "score":
        return _number(f.number), "分", end
    return _number(f.number), utext, end


def _range(text: str, figs: list[_Figure], default_unit: Optional[str]) -> Optional[Value]:
    """90%-100%, 3~5个, 10至20万元: two figures joined by a dash, tilde, 至 or 到."""
    if len(figs) != 2:
        return None
    a, b = figs
    between = text[a.end:b.start]
    hi_number = b.number
    if text[b.start] == "-" and b.number < 0:            # "90-100": the dash was read as a sign
        between, hi_number = between + "-", -b.number
    joiner = re.sub(r"[%万元亿个家人次项名\s]", "", between)
    if joiner not in ("-", "~", "—", "至", "到", "–", "〜"):
        return None
    hi_v, hi_u, _ = _scale(text, _Figure(b.start, b.end, hi_number), default_unit)
    lo_v, lo_u, _ = _scale(text, a, default_unit if hi_u is None else None)
    if lo_u is None and hi_u is not None:                 # unit written once, after the high end
        if hi_u == "万元":
            unit_text = _unit_at(text[b.end:])
            mult = dict(_MONEY_UNITS).get(unit_text[1], Decimal(1)) if unit_text else Decimal(1)
            lo_v = _number(a.number * mult)
    return Value(raw=text, op="range", value=lo_v, unit=hi_u or lo_u, high=hi_v)


def parse_number(raw: str) -> Optional[Number]:
    """A bare number (weight, score): '4', '9.82', '10分'. None when there is none or several."""
    text = clean(raw)
    figs = find_figures(text)
    if len(figs) != 1:
        return None
    rest = (text[:figs[0].start] + text[figs[0].end:]).strip()
    if rest not in ("", "分", "%"):
        return None
    return _number(figs[0].number)
