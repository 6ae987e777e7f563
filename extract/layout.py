"""Blocks and tables from the document text (filled in below)."""
from __future__ import annotations

from .document import Document


def analyse(doc: Document) -> None:
    """Fill `doc.blocks` when the reader did not."""
