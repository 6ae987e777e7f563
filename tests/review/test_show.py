"""`jixiao show`: one self-contained page with the text, every extracted value highlighted
in the colour of its confidence, and the record as tables."""
import re


from extract.cli import main
from extract.review.show import AMBER, GREEN, RED, band, highlight, marks, render

from tests.conftest import SEEDS

TEXT = "资金总额 2369.3 万元，执行率 101.85%，单位 <望城区科技局>"
AMOUNT, RATE, RATE_NAME, DEPT = (TEXT.index(s) for s in ("2369.3", "101.85%", "执行率", "望城区科技局"))


def _record(fields=(), entities=(), indicators=()):
    return {"document": {"id": "abc", "path": "x.txt", "format": "txt"}, "fields": list(fields),
            "indicators": list(indicators), "entities": list(entities),
            "review": {"needs_review": True, "fields": 1, "reasons": ["low_confidence"]}}


def _field(slot, start, end, conf, raw, value=None, unit=None, reasons=()):
    return {"slot": slot, "value": {"raw": raw, "op": "=", "value": value, "unit": unit},
            "span": {"start": start, "end": end, "page": None}, "evidence": "table",
            "confidence": conf, "needs_review": conf < 0.8, "reasons": list(reasons)}


def _pieces(page, cls):
    return re.findall(rf'<span class="{cls}"[^>]*>([^<]*)</span>', page)


def test_confidence_bands_are_red_amber_green_around_the_threshold():
    assert band(0.49, 0.8) == RED and band(0.5, 0.8) == AMBER and band(0.79, 0.8) == AMBER
    assert band(0.8, 0.8) == GREEN and band(None, 0.8) == RED and band(0.7, 0.6) == GREEN


def test_each_field_is_highlighted_on_its_span_in_its_colour():
    page = render(_record([_field("funding.total.full_year_budget", AMOUNT, AMOUNT + 6, 0.3, "2369.3", 2369.3, "万元"),
                           _field("funding.total.execution_rate", RATE, RATE + 7, 0.9, "101.85%", 101.85, "%")]),
                  TEXT, 0.8)
    assert _pieces(page, "hl low") == ["2369.3"]
    assert _pieces(page, "hl high") == ["101.85%"]


def test_an_entity_under_a_field_keeps_the_field_fill_and_both_tooltips():
    rec = _record([_field("funding.total.executed", AMOUNT, AMOUNT + 6, 0.7, "2369.3", 2369.3)],
                  [{"label": "AMOUNT", "start": AMOUNT, "end": AMOUNT + 9, "text": "2369.3 万元", "score": 0.95}])
    page = render(rec, TEXT, 0.8)
    assert _pieces(page, "hl mid") == ["2369.3"]            # the field decides the fill
    assert _pieces(page, "ent high") == [" 万元"]             # the entity alone underlines the rest
    (title,) = re.findall(r'<span class="hl mid" title="([^"]*)"', page)
    assert "funding.total.executed" in title and "AMOUNT" in title


def test_indicator_attributes_are_highlighted_and_linked_from_the_table():
    ind = {"level1": "产出指标", "level2": "数量指标", "name": "执行率", "content": None, "target": None,
           "actual": {"raw": "101.85%", "op": "=", "value": 101.85, "unit": "%"}, "weight": 4, "score": 3.5,
           "confidence": 0.6, "needs_review": True, "reasons": ["low_confidence"],
           "attribute_spans": {"name": {"start": RATE_NAME, "end": RATE_NAME + 3},
                               "actual": {"start": RATE, "end": RATE + 7}}}
    page = render(_record(indicators=[ind]), TEXT, 0.8)
    assert _pieces(page, "hl mid") == ["执行率", "101.85%"]
    assert 'href="#i0-name"' in page and '<a id="i0-name"></a>' in page
    assert "101.85 %" in page and "3.5" in page and "产出指标" in page


def test_the_record_table_shows_value_confidence_flag_and_reasons():
    page = render(_record([_field("funding.total.executed", AMOUNT, AMOUNT + 6, 0.42, "2369.3", 2369.3, "万元",
                                  ["low_confidence", "rate_mismatch"])]), TEXT, 0.8)
    row = re.search(r'<tr><td><a href="#f0">funding.total.executed</a>.*?</tr>', page).group(0)
    for shown in ("2369.3", "2369.3 万元", "0.42", "review", "table"):
        assert shown in row
    reasons = re.findall(r'<abbr title="([^"]*)">([^<]*)</abbr>', row)
    assert [code for _, code in reasons] == ["low_confidence", "rate_mismatch"]
    assert "executed ÷ budget" in reasons[1][0]          # what happened, in words, on hover


def test_a_reason_this_version_does_not_know_is_shown_as_its_code():
    page = render(_record([_field("report.kind", 0, 2, 0.5, "x", reasons=["some_later_reason"])]), TEXT, 0.8)
    assert '<abbr title="some_later_reason">some_later_reason</abbr>' in page


def test_spans_outside_the_text_are_not_drawn():
    assert marks(_record([_field("x", 5, 999, 0.9, "?")]), len(TEXT)) == []


def test_the_page_is_self_contained_and_escapes_the_document():
    page = render(_record([_field("report.department", DEPT, DEPT + 6, 0.9, "望城区科技局")]), TEXT, 0.8)
    assert '<meta charset="utf-8">' in page and "WenQuanYi Zen Hei" in page
    assert "&lt;" in page and "<望城区" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page) and "<script" not in page
    assert "confidence &lt; 0.5" in page and "&lt; 0.8 (review threshold)" in page


def test_an_error_record_shows_its_error():
    page = render({"document": {"path": "bad.pdf"}, "error": "not_found: bad.pdf does not exist",
                   "fields": [], "indicators": [], "entities": []}, None, 0.8)
    assert "not_found: bad.pdf does not exist" in page


def test_highlight_keeps_every_character_once():
    rec = _record([_field("a", 0, 8, 0.3, ""), _field("b", 5, 11, 0.9, "")],
                  [{"label": "AMOUNT", "start": 3, "end": 30, "text": "", "score": 0.6}])
    out = highlight(TEXT, marks(rec, len(TEXT)), 0.8)
    assert re.sub(r"<[^>]+>", "", out).replace("&lt;", "<").replace("&gt;", ">") == TEXT


def test_show_renders_a_document_or_a_record_of_a_records_file(records_file, tmp_path, capsys):
    assert main(["show", str(records_file), "--doc", "1", "--html", str(tmp_path / "a.html")]) == 0
    assert "长沙市望城区科学技术局" in (tmp_path / "a.html").read_text(encoding="utf-8")
    assert main(["show", str(SEEDS / "004_6f163e2949542c61.txt"), "--html", str(tmp_path / "b.html")]) == 0
    assert 'class="hl ' in (tmp_path / "b.html").read_text(encoding="utf-8")
    assert main(["show", str(records_file), "--doc", "3", "--html", str(tmp_path / "c.html")]) == 2
    assert "has 1 records" in capsys.readouterr().err
