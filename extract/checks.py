"""Consistency checks (filled in by the extraction work)."""
from __future__ import annotations


def run(ex) -> None:
    return None
