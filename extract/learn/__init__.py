"""Stage 3, learn: the trained parts, applied after the rules, and how they are trained.

- `models.py`: loads the shipped models (found beside the package, whatever the working
  folder) and applies them: the label lexicon (`lexicon.py`), the spaCy entity pipeline
  (`nlp/`) and the slot linker (`linker.py`) fill slots the rules left empty and give the
  rules' values second opinions;
- `calibration.py`: the confidence calibrator's features and fit;
- `nlp/`: the tokenizer, suggester and training data (Label Studio's export format,
  `nlp/labelconfig.py` the review tool's labels) and `jixiao train` (`nlp/training.py`);
- `evaluate.py`, `verdicts.py`, `reflatten.py`: records scored against gold files, each
  value judged right or wrong for the calibrator, and reports re-flattened the other ways
  they arrive, so the calibrator learns from layouts it was not fitted on.
"""
from __future__ import annotations

from extract.config import Config
from extract.learn import models
from extract.read.document import Document
from extract.slots.record import Extraction


def apply(doc: Document, ex: Extraction, config: Config) -> None:
    """The trained parts' entities, second opinions and fill-ins (a no-op without models)."""
    models.apply(doc, ex, config)
