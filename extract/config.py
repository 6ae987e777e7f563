"""Project configuration: limits for bad input, review thresholds, model paths.

Defaults live here; a `jixiao.toml` (or the `--config` file) overrides any of them,
section by section, so an operator tunes a run without touching code.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Optional


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 64 * 1024 * 1024      # larger files get error `too_large`
    max_pages: int = 500                   # PDFs with more pages get error `too_many_pages`
    max_chars: int = 5_000_000             # decoded text beyond this gets error `too_large`
    max_unzipped_bytes: int = 200 * 1024 * 1024   # DOCX/XLSX zip-bomb guard
    timeout_seconds: float = 120.0         # per-document wall time in batch runs


@dataclass(frozen=True)
class Review:
    threshold: float = 0.96                # calibrated confidence below this sets needs_review


@dataclass(frozen=True)
class Models:
    pipeline: str = "models/pipeline"      # the trained spaCy pipeline (optional at run time)
    linker: str = "models/linker.npz"
    lexicon: str = "models/lexicon.json"  # label phrase -> slot, learned from the annotations (extract/lexicon.py)
    calibrator: str = "models/calibration.json"
    use_models: bool = True
    link_threshold: float = 0.9            # the slot linker adds a field the rules missed at or above this


@dataclass(frozen=True)
class Config:
    limits: Limits = field(default_factory=Limits)
    review: Review = field(default_factory=Review)
    models: Models = field(default_factory=Models)


def load_config(path: Optional[str | Path] = None) -> Config:
    """Read `path` (or ./jixiao.toml when present) over the defaults."""
    cfg = Config()
    p = Path(path) if path else Path("jixiao.toml")
    if not p.exists():
        if path:
            raise FileNotFoundError(f"config file {p} not found: pass an existing TOML file to --config")
        return cfg
    data = tomllib.loads(p.read_text(encoding="utf-8"))
    updates = {}
    for f in fields(Config):
        section = data.get(f.name)
        if section:
            current = getattr(cfg, f.name)
            known = {x.name for x in fields(current)}
            unknown = set(section) - known
            if unknown:
                raise ValueError(f"{p}: unknown keys in [{f.name}]: {sorted(unknown)}; known: {sorted(known)}")
            updates[f.name] = replace(current, **section)
    return replace(cfg, **updates)


def replace_models(cfg: Config, **changes) -> Config:
    """The same config with some [models] settings changed (e.g. use_models=False)."""
    return replace(cfg, models=replace(cfg.models, **changes))
