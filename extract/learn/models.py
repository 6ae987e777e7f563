"""Trained components applied after the rules: model entities and second opinions.

`apply` (called by the pipeline between the rules and the checks):

1. tags the document text with the trained spaCy pipeline and adds its entities, with
   their probabilities, to `ex.entities` (`source="model"`), beside the rule entities;
2. asks the slot linker, for each field the rules found, how probable it is that the
   value at that span is that slot, and for each indicator that its attribute spans are
   those attributes: `Field.model_score` / `Indicator.model_score`, a feature of the
   confidence calibrator;
3. where the rules found no value for a slot and the linker gives one model entity that
   slot with probability >= `Models.link_threshold`, adds the field (`source="model"`);
4. where the rules read no indicator row, assembles rows from the pipeline's INDICATOR names
   and the linker's indicator classes of the figures after them (`extract/learn/rows.py`,
   `source="model"`).

Before these, the learned label lexicon (`extract/learn/lexicon.py`, `Models.lexicon`) fills
slots the rules left empty from figures introduced by a phrase the annotations always
linked to that slot (`source="model"`); it needs neither spaCy nor the linker.

A no-op when `Models.use_models` is off; without importing spaCy when the models folder
holds no trained pipeline.

Model paths resolve as `config.model_path` says (never against the working directory).
A component that is missing or cannot be loaded (a damaged file, pkuseg not installed)
is skipped with one warning per process saying what to do, and `status` reports each
component's state for the record's `extractor.models`: the rules always run.
"""
from __future__ import annotations

import contextlib
import functools
import importlib.util
import logging
import sys
import time
from pathlib import Path
from statistics import mean
from typing import Optional

from extract import schema
from extract.config import Config, model_path
from extract.learn import lexicon, rows
from extract.learn.calibration import Calibrator
from extract.learn.linker import LINKED_LABELS, label_for_slot
from extract.learn.nlp.annotations import INDICATOR_PREFIX, NONE
from extract.learn.nlp.tagger import ModelSet
from extract.read.document import Document
from extract.slots.assign import add_field
from extract.slots.normalize import parse_value
from extract.slots.record import Entity, Extraction

_VALUE_ATTRS = ("target", "actual", "weight", "score")

log = logging.getLogger(__name__)

# component states in `extractor.models`
OK, OFF, MISSING, UNREADABLE, SKIPPED = "ok", "off", "missing", "unreadable", "skipped"
COMPONENTS = ("lexicon", "pipeline", "linker", "calibrator")    # trained parts, in `extractor.models` order

_STATE: dict[tuple[str, str], str] = {}     # (component, resolved path) -> state, once per process


_WITHOUT = {   # what a run loses without each component
    "lexicon": "slots the label lexicon would fill stay empty",
    "pipeline": "no model entities, and no slot linker (second opinions, model-added fields); the rules still run",
    "linker": "no second opinions or model-added fields",
    "calibrator": "confidences come from fixed priors, so more values are flagged for review",
}


def _note(component: str, path: Path, state: str, why: str = "", warn: bool = True) -> None:
    """Record a component's state; warn (once per process and path) when it is not usable,
    unless `warn` is off (a part that only follows from another's warning)."""
    key = (component, str(path))
    if key in _STATE:
        return
    _STATE[key] = state
    if state == OK or not warn:
        return
    if state == MISSING:
        problem, todo = "is missing", f"reinstall jixiao or fix [models] {component} in jixiao.toml"
    elif state == SKIPPED:
        problem, todo = f"is skipped ({why})", ("install pkuseg: `make install`, or pip install numpy cython && "
                                                "pip install --no-build-isolation pkuseg")
    else:
        problem, todo = f"cannot be read ({why})", "retrain it (`jixiao train`, `jixiao calibrate`) or reinstall jixiao"
    log.warning("the %s %s %s: %s; to fix: %s", component, path, problem, _WITHOUT[component], todo)


@functools.lru_cache(maxsize=4)
def load_lexicon(path: str) -> Optional[lexicon.Lexicon]:
    """The lexicon at `path` (see `config.model_path`), or None when it is missing or
    unreadable (with a warning); loaded once per process and path."""
    p = model_path(path)
    if not p.exists():
        _note("lexicon", p, MISSING)
        return None
    try:
        lex = lexicon.Lexicon.load(p)
    except (OSError, ValueError, KeyError, TypeError) as e:
        _note("lexicon", p, UNREADABLE, f"{type(e).__name__}: {e}")
        return None
    _note("lexicon", p, OK)
    return lex


@functools.lru_cache(maxsize=8)
def load_calibrator(path: str) -> Optional[Calibrator]:
    """The calibrator at `path` (resolved by `config.model_path`, never against the working
    directory), or None when it is missing or unreadable, with one warning (models.status)."""
    p = model_path(path)
    if not p.exists():
        _note("calibrator", p, MISSING)
        return None
    try:
        cal = Calibrator.load(p)
    except ValueError as e:
        _note("calibrator", p, UNREADABLE, str(e))
        return None
    _note("calibrator", p, OK)
    return cal


def pkuseg_installed() -> bool:
    return importlib.util.find_spec("pkuseg") is not None


@functools.lru_cache(maxsize=4)
def load_models(pipeline_dir: str, linker_path: str) -> Optional[ModelSet]:
    """The spaCy pipeline and the slot linker (see `config.model_path`), loaded once per
    process and paths; None when the pipeline is missing or cannot run (no pkuseg), each
    with one warning. A linker that is missing or unreadable leaves the pipeline on."""
    pipe, link = model_path(pipeline_dir), model_path(linker_path)
    if not (pipe / "meta.json").exists():
        _note("pipeline", pipe, MISSING)
        _note("linker", link, SKIPPED, warn=False)          # it reads the pipeline's entities
        return None
    if not pkuseg_installed():
        _note("pipeline", pipe, SKIPPED, "the pkuseg package, which segments its words, is not installed")
        _note("linker", link, SKIPPED, warn=False)
        return None
    from threadpoolctl import ThreadpoolController

    from extract.learn.nlp import segmenter
    from extract.learn.nlp.tagger import _load_pipeline
    building = _segmenter_cache_missing(segmenter)
    if building:
        print(f"jixiao: first run: building the word segmenter's cache in {building} "
              "(once per install, about 15 s)…", file=sys.stderr, flush=True)
    started = time.monotonic()
    try:
        nlp = _load_pipeline(pipe)
    except Exception as e:        # a damaged pipeline must not fail every document
        _note("pipeline", pipe, UNREADABLE, f"{type(e).__name__}: {e}")
        _note("linker", link, SKIPPED, warn=False)
        return None
    if building:
        print(f"jixiao: segmenter cache built in {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
    _note("pipeline", pipe, OK)
    linker = None
    if not link.exists():
        _note("linker", link, MISSING)
    else:
        from extract.learn.linker import SlotLinker

        try:
            linker = SlotLinker.load(link)
            _note("linker", link, OK)
        except Exception as e:
            _note("linker", link, UNREADABLE, str(e))
    return ModelSet(nlp, linker, ThreadpoolController())


def _segmenter_cache_missing(segmenter) -> Optional[Path]:
    """The folder of the derived pkuseg copy when it still has to be built, else None."""
    try:
        target = segmenter.inference_copy_path(segmenter.pkuseg_model_dir())
    except (RuntimeError, OSError):
        return None
    return None if (target / "model.json").exists() else target.parent


def preflight(config: Config) -> None:
    """The warnings of a run whose models load elsewhere (`jixiao ingest`'s workers, which
    log errors only): what is missing or cannot run, said once, here, without loading
    anything. Records only those states, which the loaders would reach too."""
    m = config.models
    if not m.use_models:
        return
    for name in ("lexicon", "calibrator"):
        p = model_path(getattr(m, name))
        if not p.exists():
            _note(name, p, MISSING)
    pipe, link = model_path(m.pipeline), model_path(m.linker)
    if not (pipe / "meta.json").exists():
        _note("pipeline", pipe, MISSING)
        _note("linker", link, SKIPPED, warn=False)
    elif not pkuseg_installed():
        _note("pipeline", pipe, SKIPPED, "the pkuseg package, which segments its words, is not installed")
        _note("linker", link, SKIPPED, warn=False)
    elif not link.exists():
        _note("linker", link, MISSING)


def status(config: Config) -> dict[str, str]:
    """Each trained component's state for this config (`extractor.models` in a record):
    ok, off (`use_models = false`), missing, unreadable, or skipped (it cannot run here)."""
    m = config.models
    if not m.use_models:
        return {name: OFF for name in COMPONENTS}
    load_lexicon(m.lexicon)
    load_models(m.pipeline, m.linker)
    load_calibrator(m.calibrator)
    return {name: _STATE.get((name, str(model_path(getattr(m, name)))), MISSING) for name in COMPONENTS}


@contextlib.contextmanager
def vocabularies(config: Config):
    """While the rules run: the vocabularies learned from reviewed reports that the rules
    read beside the forms' own (the indicator tables' header words, `lexicon.HEAD` entries, and
    the 一级/二级 names the closed lists lack, `lexicon.LEVEL` entries);
    nothing without models or a lexicon."""
    from extract.slots import cell_stream, indicator_table
    lex = load_lexicon(config.models.lexicon) if config.models.use_models else None
    token = indicator_table.LEARNED_HEADERS.set(lex.headers if lex is not None else {})
    levels = cell_stream.LEARNED_LEVELS.set(lex.levels if lex is not None else {})
    try:
        yield
    finally:
        cell_stream.LEARNED_LEVELS.reset(levels)
        indicator_table.LEARNED_HEADERS.reset(token)


_UNIT_OF_KIND = {schema.MONEY: "万元", schema.RATE: "%"}


def apply(doc: Document, ex: Extraction, config: Config) -> None:
    """Add model entities and second opinions to `ex`; a no-op without trained models."""
    if not config.models.use_models:
        return
    lex = load_lexicon(config.models.lexicon)
    if lex is not None:
        lexicon.apply(doc, ex, lex)
        lexicon.drop_deleted_rows(ex, lex)
    models = load_models(config.models.pipeline, config.models.linker)
    if models is None:
        return
    ents = models.entities(doc.text)
    seen = {(e.start, e.end, e.label) for e in ex.entities}
    ex.entities.extend(e for e in ents if (e.start, e.end, e.label) not in seen)
    ex.entities.sort(key=lambda e: (e.start, e.end))
    if models.linker is None:
        return
    opinions = _opinion_queries(ex, ents)
    fresh = _fresh_entities(ex, ents)
    probs = models.linker.predict(doc.text, [q for q, _ in opinions] + [(e.start, e.end, e.label) for e in fresh])
    second_opinions(opinions, probs[:len(opinions)])
    add_missing(doc, ex, fresh, probs[len(opinions):], config.models.link_threshold)
    rows.add_rows(doc, ex, ents, models.linker)


def _label_at(ents: list[Entity], start: int, end: int, fallback: str) -> str:
    for e in ents:
        if e.start < end and start < e.end and e.label in LINKED_LABELS:
            return e.label
    return fallback


def _opinion_queries(ex: Extraction, ents: list[Entity]) -> list[tuple[tuple[int, int, str], tuple[object, str]]]:
    """(span query, (item, class)) for each rule field's slot and indicator attribute span."""
    out = []
    for f in ex.fields:
        if f.slot in schema.TEXT_SLOTS or f.slot == "report.fiscal_year" or f.span.end <= f.span.start:
            continue
        out.append(((f.span.start, f.span.end, _label_at(ents, f.span.start, f.span.end, label_for_slot(f.slot))),
                    (f, f.slot)))
    for ind in ex.indicators:
        for attr in _VALUE_ATTRS:
            span = ind.spans.get(attr)
            if span is None or span.end <= span.start:
                continue
            label = "TARGET" if attr == "target" else ("SCORE" if attr in ("weight", "score") else "QUANTITY")
            out.append(((span.start, span.end, _label_at(ents, span.start, span.end, label)),
                        (ind, INDICATOR_PREFIX + attr)))
    return out


def second_opinions(queries: list, probs: list[dict[str, float]]) -> None:
    """Set `model_score`: the linker's probability for each field's slot, and the mean over
    each indicator's attribute spans."""
    per_indicator: dict[int, list[float]] = {}
    for (_, (item, target)), p in zip(queries, probs):
        score = p.get(target, 0.0)
        if target.startswith(INDICATOR_PREFIX):
            per_indicator.setdefault(id(item), []).append(score)
            item.model_score = mean(per_indicator[id(item)])
        else:
            item.model_score = score


def _fresh_entities(ex: Extraction, ents: list[Entity]) -> list[Entity]:
    """Model entities that could be a value and that no rule field already covers."""
    used = [(f.span.start, f.span.end) for f in ex.fields]
    return [e for e in ents if e.label in LINKED_LABELS and not any(a < e.end and e.start < b for a, b in used)]


def add_missing(doc: Document, ex: Extraction, cands: list[Entity], probs: list[dict[str, float]],
                threshold: float) -> None:
    """Fields the rules did not find, where the linker is confident about one model entity."""
    have = {f.slot for f in ex.fields}
    best: dict[str, tuple[float, Entity]] = {}
    for e, p in zip(cands, probs):
        slot, score = max(p.items(), key=lambda kv: kv[1])
        if slot == NONE or slot.startswith(INDICATOR_PREFIX) or slot in schema.TEXT_SLOTS or slot in have \
                or score < threshold:                   # a name or grade is no figure's value
            continue
        if slot not in best or score > best[slot][0]:
            best[slot] = (score, e)
    for slot, (score, e) in best.items():
        value = _value_for(slot, e)
        if value is None:
            continue
        line_start = doc.text.rfind("\n", 0, e.start) + 1
        line_end = doc.text.find("\n", e.end)
        in_table = "\t" in doc.text[line_start:line_end if line_end >= 0 else len(doc.text)]
        f = add_field(ex, doc, slot, value, e.start, e.end, "table" if in_table else "text", "model")
        f.model_score = score


def _value_for(slot: str, e: Entity):
    """The entity's value normalised for the slot, or None when its unit does not fit it."""
    kind = schema.SLOTS[slot].kind
    value = parse_value(e.text, default_unit=_UNIT_OF_KIND.get(kind))
    if not value.is_number:
        return None
    want: Optional[str] = _UNIT_OF_KIND.get(kind)
    if want and value.unit != want:
        return None
    return value
