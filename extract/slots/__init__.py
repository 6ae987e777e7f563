"""Stage 2, slots: the rules that read a laid-out Document into an Extraction.

What a report states goes into the slots of SCHEMA.md and the indicator tree, each value
with its raw text and span (`record.py`, values normalised by `normalize.py`, put into
slots by `assign.py`, one value per slot and the other statements kept beside it):

- `report.py`: whose report, which year, what kind, the project name;
- `tables.py`: what the tables mean (funding, indicators, 三公, label/value cells), with
  `indicator_table.py` for tables that kept their grid and `indicator_cells.py` /
  `funding_cells.py` for tables flattened into a run of cells;
- `prose.py` and `prose_indicators.py`: values and indicators stated in sentences;
- `entities.py`: the entity labels the rules' values give;
- `coverage.py`: how much of the document the rules read (forms printed and not read, tables
  of figures with no value found), for the review reasons and the calibrator.
"""
from __future__ import annotations

from extract.read.document import Document
from extract.slots import entities, prose, report, tables
from extract.slots.record import Extraction


def fill(doc: Document) -> Extraction:
    """The rules in order: the report's kind and year first (the readers after them ask for
    them), the tables, the sentences, the report header, and the entities of what they found."""
    ex = Extraction(document=doc)
    report.classify(doc, ex)
    tables.extract(doc, ex)
    prose.extract(doc, ex)
    report.extract(doc, ex)
    entities.from_items(ex)
    return ex
