"""The calibrator's fit: a logistic regression whose L2 strength is chosen for documents it
has not seen. A document's items share its document features and a re-flattened copy repeats
its document, so the fit is regularised more than scikit-learn's default (REGULARISATION)."""
import math

from extract.learn.calibration import REGULARISATION, fit


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
