"""Confidence (filled in by the extraction work)."""
from __future__ import annotations


def assign(ex, config) -> None:
    return None
