"""Stage stub: filled in by the extraction work."""
from __future__ import annotations


def extract(doc, ex) -> None:
    return None
