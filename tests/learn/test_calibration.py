"""The calibrator's fit: a logistic regression whose L2 strength is chosen for documents it
has not seen. A document's items share its document features and a re-flattened copy repeats
its document, so the fit is regularised more than scikit-learn's default (REGULARISATION)."""
import math

from extract.learn.calibration import REGULARISATION, Calibrator, fit, monotone_map, remap


def _samples():
    # right 16 times in 20 with the feature "strong", 10 in 20 without it
    out = []
    for k in range(40):
        strong = 1.0 if k % 2 else 0.0
        weak = 1.0 if k % 5 == 0 else 0.0
        right = (k % 10 != 1) if strong else (k % 4 == 0)
        out.append(({"strong": strong, "weak": weak}, right))
    return out


def test_the_default_fit_is_regularised_more_than_scikit_learns_default():
    assert REGULARISATION < 1.0
    default, loose = fit(_samples()), fit(_samples(), c=1.0)
    assert abs(default.weights["strong"]) < abs(loose.weights["strong"])
    assert default.weights["strong"] > 0            # shrunk, not turned round


def test_a_fit_still_orders_items_by_their_evidence():
    cal = fit(_samples())
    sure, unsure = cal.probability({"strong": 1.0}), cal.probability({"strong": 0.0})
    assert 0.5 < unsure < sure < 0.9 and not math.isclose(sure, unsure)


def _rows(n=400):
    """(score, right, weight): rows whose share right rises with their score, but less than the
    score says in the middle (the rows of reports the rules were not written on)."""
    out = []
    for k in range(n):
        score = (k + 0.5) / n
        right = (k * 7919) % 100 < 100 * (0.3 + 0.6 * score)
        out.append((score, right, 1.0 if k % 3 else 4.0))
    return out


def test_the_row_map_is_increasing_and_follows_the_share_right():
    knots = monotone_map(_rows())
    xs, ys = [x for x, _ in knots], [y for _, y in knots]
    assert xs == sorted(xs) and all(b > a for a, b in zip(ys, ys[1:]))
    assert ys[0] > 0.2 and ys[-1] < 0.95                   # low scores are righter, high ones less
    assert remap(0.0, knots) == ys[0] and remap(1.0, knots) == ys[-1]
    mid = (xs[1] + xs[2]) / 2
    assert ys[1] < remap(mid, knots) < ys[2]


def test_a_row_map_changes_what_a_rows_confidence_says_not_which_rows_are_reviewed(tmp_path):
    cal = fit(_samples())
    cal.row_map = monotone_map(_rows())
    field, row = {"strong": 1.0}, {"strong": 1.0, "indicator": 1.0}
    plain = fit(_samples())
    assert cal.probability(field) == plain.probability(field)
    assert cal.probability(row) == remap(plain.probability({**row}), cal.row_map)
    for t in (0.5, 0.7, 0.9):
        assert cal.review_threshold(t, row=False) == t
        for feats in ({"strong": 1.0, "indicator": 1.0}, {"strong": 0.0, "indicator": 1.0}, {"weak": 1.0, "indicator": 1.0}):
            assert (plain.probability(feats) < t) == (cal.probability(feats) < cal.review_threshold(t, row=True))
    cal.save(tmp_path / "c.json")
    again = Calibrator.load(tmp_path / "c.json")
    assert again.row_map == [tuple(k) for k in cal.row_map] and again.probability(row) == cal.probability(row)
    plain.save(tmp_path / "p.json")                         # a calibrator without a map stays one
    assert Calibrator.load(tmp_path / "p.json").row_map is None
