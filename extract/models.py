"""Trained components applied after the rules (stub until the pipeline is trained)."""
from __future__ import annotations


def apply(doc, ex, config) -> None:
    """Add model entities and second opinions to `ex`; a no-op without trained models."""
    return None
