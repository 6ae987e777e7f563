"""Values as SCHEMA.md "Values" fixes them, on phrases taken from real reports."""
import pytest

from extract.slots.normalize import parse_number, parse_value


@pytest.mark.parametrize("raw, op, value, unit", [
    ("≧125 家", ">=", 125, "家"),                 # seed 000 target
    ("≧40 个", ">=", 40, "个"),
    ("成功举办 1 次", "=", 1, "次"),
    ("807.95 万元", "=", 807.95, "万元"),
    ("≥85%", ">=", 85, "%"),
    ("大于等于3个亿", ">=", 30000, "万元"),       # seed 002
    ("20个亿", "=", 200000, "万元"),
    ("8.4个亿", "=", 84000, "万元"),
    ("30.85个亿", "=", 308500, "万元"),
    ("1,206亿元", "=", 12060000, "万元"),          # seed 003
    ("52,878.93万元", "=", 52878.93, "万元"),
    ("3000万", "=", 3000, "万元"),
    ("1181.92万元", "=", 1181.92, "万元"),
    ("5000元", "=", 0.5, "万元"),
    ("13万人次", "=", 130000, "人次"),
    ("620万亩", "=", 6200000, "亩"),
    ("500多万元", ">=", 500, "万元"),
    ("80余场次", ">=", 80, "场次"),
    ("30元/亩", "=", 30, "元/亩"),
    # money per measure is not converted to 万元: value as written, the measures after 元 joined by /
    ("≥190元每人每月", ">=", 190, "元/人/月"),       # realdocs r05
    ("不低于200元/人/月", ">=", 200, "元/人/月"),
    ("100元/人·月", "=", 100, "元/人/月"),
    ("20元/人次", "=", 20, "元/人次"),
    ("30元/亩以上", ">=", 30, "元/亩"),               # the comparator word is not a measure
    ("三家", "=", 3, "家"),
    ("一千二百", "=", 1200, None),
    ("百分之八十", "=", 80, "%"),
    ("70%以上", ">=", 70, "%"),
    ("不低于95%", ">=", 95, "%"),
    ("不超过5%", "<=", 5, "%"),
    ("约300万元", "approx", 300, "万元"),
    ("100万元左右", "approx", 100, "万元"),
    ("-21.84%", "=", -21.84, "%"),
    ("95.32分", "=", 95.32, "分"),
    ("满意度≥90%", ">=", 90, "%"),                 # seed 004
    ("１２３４元", "=", 0.1234, "万元"),            # full-width digits
])
def test_values_from_reports(raw, op, value, unit):
    v = parse_value(raw)
    assert (v.op, v.value, v.unit) == (op, value, unit)
    assert v.raw == raw


@pytest.mark.parametrize("raw", ["按时完成", "实际按下拨文件为准", "100家、180家", "12月30日", "2023年内",
                                 "10场次、2场、100条", "42家企业，925万元", "v", "明显提升"])
def test_qualitative_and_compound_values_keep_raw_text_only(raw):
    v = parse_value(raw)
    assert v.value is None and v.raw == raw


def test_ranges_keep_both_ends():
    v = parse_value("90%-100%")
    assert (v.op, v.value, v.high, v.unit) == ("range", 90, 100, "%")
    v = parse_value("10至20万元")
    assert (v.op, v.value, v.high, v.unit) == ("range", 10, 20, "万元")


def test_money_is_exact_decimal_not_float_noise():
    assert parse_value("1.1亿").value == 11000
    assert parse_value("0.35亿元").value == 3500


def test_a_table_unit_scales_bare_figures():
    assert parse_value("387664.62", default_unit="元").value == 38.766462
    assert parse_value("2369.3", default_unit="万元").unit == "万元"


def test_weights_and_scores_are_bare_numbers():
    assert parse_number("4") == 4
    assert parse_number("9.82") == 9.82
    assert parse_number("10分") == 10
    assert parse_number("—") is None
    assert parse_number("4 4") is None


def test_measure_words_of_weights_areas_and_lengths_are_counts_not_money():
    """万 before a measure word scales a count (10万斤 is 100000 斤), never money; latin units
    (t, kg, hm², m) are measure words when they stand as a word."""
    from extract.slots.normalize import parse_value
    for raw, value, unit in (("10万斤", 100000, "斤"), ("3.51万t", 35100, "t"), ("≥5000kg", 5000, "kg"),
                             ("200hm²", 200, "hm²"), ("1200m", 1200, "m"), ("35册次", 35, "册次")):
        v = parse_value(raw)
        assert (float(v.value), v.unit) == (value, unit), raw
    assert parse_value("10万元").unit == "万元"
