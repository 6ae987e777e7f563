"""Shared fixtures: where the read-only shared corpus and gold files are."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "corpus" / "seeds"
GOLD = SHARED / "corpus" / "gold"
POOL = SHARED / "corpus" / "pool"
POOL_GOLD = SHARED / "corpus" / "pool-gold"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.exists():
        pytest.fail(f"{SHARED} is missing: the shared corpus must sit beside the project root")
    return SHARED
