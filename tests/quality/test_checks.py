"""Consistency checks flag what a wrong extraction breaks, and only that."""
from extract.pipeline import extract_document
from extract.quality.checks import run
from extract.read.document import Document, Span
from extract.read.formats import read_path
from extract.slots.normalize import Value
from extract.slots.record import Extraction, Field, Indicator

from tests.conftest import SEEDS


def _ex(**slots):
    ex = Extraction(document=Document(text="x" * 100))
    for slot, v in slots.items():
        ex.fields.append(Field(slot.replace("__", "."), Value(str(v), "=", v, "万元"), Span(0, 1), "table"))
    return ex


def test_rate_mismatch_is_flagged_on_every_value_it_involves():
    ex = _ex(funding__total__full_year_budget=5537.52, funding__total__executed=4297.24,
             funding__total__execution_rate=87.6)
    run(ex)
    assert all("rate_mismatch" in f.reasons and f.needs_review for f in ex.fields)


def test_a_rate_that_agrees_to_rounding_passes():
    ex = _ex(funding__total__full_year_budget=5537.52, funding__total__executed=4297.24,
             funding__total__execution_rate=77.6)
    run(ex)
    assert not any(f.needs_review for f in ex.fields)


def test_the_transfer_form_b_minus_c_over_a_passes_on_seed_000():
    ex = extract_document(read_path(SEEDS / "000_a14a1736b6f849a3.txt"))
    assert "rate_mismatch" not in ex.field("funding.total.execution_rate").reasons


def test_sums_of_parts():
    ex = _ex(three_public__total__budget=57.84, three_public__reception__budget=5.0,
             three_public__vehicle__budget=10.84, three_public__overseas__budget=42.0)
    run(ex)
    assert not any(f.reasons for f in ex.fields)
    ex = _ex(expenditure__total=1181.92, expenditure__basic=295.09, expenditure__project=868.83)
    run(ex)
    assert all("sum_mismatch" in f.reasons for f in ex.fields)


def test_a_score_above_its_weight_is_flagged():
    ex = _ex()
    ex.indicators.append(Indicator(name="a", weight=4, score=5))
    ex.indicators.append(Indicator(name="b", weight=4, score=4))
    run(ex)
    assert ex.indicators[0].reasons == ["score_exceeds_weight"] and not ex.indicators[1].reasons


def test_conflicting_statements_of_one_slot_are_flagged():
    ex = _ex(staff__authorized=11)
    ex.fields[0].others.append(Field("staff.authorized", Value("12", "=", 12, "人"), Span(5, 7), "text"))
    run(ex)
    assert ex.fields[0].reasons == ["conflicting_values"]


def test_a_check_that_holds_vouches_for_its_values_without_flagging_them():
    """A passed check is an independent reading that agrees: a calibration feature."""
    ex = _ex(funding__total__full_year_budget=5537.52, funding__total__executed=4297.24,
             funding__total__execution_rate=77.6)
    run(ex)
    assert all(f.passed == ["rate"] and not f.reasons for f in ex.fields)
    bad = _ex(funding__total__full_year_budget=5537.52, funding__total__executed=4297.24,
              funding__total__execution_rate=87.6)
    run(bad)
    assert not any(f.passed for f in bad.fields)
