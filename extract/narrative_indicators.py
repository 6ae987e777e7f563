"""Indicators stated in sentences (filled in below)."""
from __future__ import annotations


def extract(doc, ex) -> None:
    return None
