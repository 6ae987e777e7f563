"""Shared fixtures: where the read-only shared corpus and gold files are."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, TypeVar

import pytest

T = TypeVar("T")

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


def pool_reader(read: Callable[[Path], T]) -> Callable[[str], T]:
    """`get(name)`: `read` applied to pool report `name` (p001 …), once per name; a missing
    shared pool fails the test with what to do rather than a KeyError."""
    cache: dict[str, T] = {}

    def get(name: str) -> T:
        if name not in cache:
            path = POOL / f"{name}.txt"
            if not path.exists():
                pytest.fail(f"{path} is missing: the shared pool must sit beside the project root")
            cache[name] = read(path)
        return cache[name]
    return get
