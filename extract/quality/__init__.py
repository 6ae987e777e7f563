"""Stage 4, quality: the arithmetic a correct report obeys, and calibrated confidence.

- `checks.py`: sums, rates and scores checked; a value that breaks them is flagged with
  the reason, one that passes is vouched for (a feature of the calibrator);
- `confidence.py`: each value's probability of being right (the calibrator of
  `learn/calibration.py`), its `needs_review` flag, and the document-level review reasons.
"""
from __future__ import annotations

from extract.config import Config
from extract.quality import checks, confidence
from extract.slots.record import Extraction


def assess(ex: Extraction, config: Config) -> None:
    """Checks first: confidence reads which checks each value passed or failed."""
    checks.run(ex)
    confidence.assign(ex, config)
