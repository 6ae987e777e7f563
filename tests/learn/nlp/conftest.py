"""Fixtures for the trained-pipeline tests: a tokenizer-only pipeline of config.cfg, the annotations."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
CONFIG = ROOT / "config.cfg"
ANNOTATIONS = ROOT / "annotations"


@pytest.fixture(scope="session")
def nlp():
    from extract.learn.nlp.training import blank_pipeline
    return blank_pipeline(CONFIG)


@pytest.fixture(scope="session")
def annotated():
    from extract.learn.nlp.training import load_annotations
    return load_annotations(ANNOTATIONS)
