"""Fixtures for the reader tests."""
from __future__ import annotations

import pytest

from extract.read.formats import read_path

from reader_helpers import FIXTURES, SEEDS, SEED_000


@pytest.fixture(scope="session")
def seeds_dir():
    if not SEEDS.exists():
        pytest.fail(f"{SEEDS} is missing: the shared corpus must sit beside the project root")
    return SEEDS


@pytest.fixture(scope="session")
def pdf_000(seeds_dir):
    return read_path(FIXTURES / "pdf" / f"{SEED_000}.pdf")


@pytest.fixture(scope="session")
def docx_000(seeds_dir):
    return read_path(FIXTURES / "docx" / f"{SEED_000}.docx")
