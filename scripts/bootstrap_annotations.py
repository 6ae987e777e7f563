#!/usr/bin/env python3
"""Bootstrap the training annotations (annotations/*.json, Label Studio export format).

Distant supervision, then correction against the gold files, then hand corrections:

1. weak entity labels from the text (`extract.learn.nlp.weak.figure_marks`: figures by unit or
   column header, years), department names (ORG) and indicator names (INDICATOR) where the
   gold file's strings occur in the text, and the indicators' 一级/二级 names where printed
   as the gold gives them (an `indicator.level1` / `indicator.level2` region);
2. links (slot / indicator attribute) from the gold values: a figure whose normalised value
   equals a gold slot value of a compatible kind is that slot (when several slots share the
   value, the one whose Chinese labels occur in the figure's row/column/heading context);
   figures on an indicator's row (or in the clause after its name, in narrative text) whose
   values equal the gold target/actual/weight/score are those attributes, taken left to
   right; a figure that is the indicator's target becomes a TARGET, widened to its
   comparator (`≧40 个`);
3. the rule extractor's fields (`extract.pipeline.extract_document`) whose value agrees
   with gold add their span as a link where step 2 found none (rules know row × column);
4. `annotations/corrections/*.json`: hand corrections ({document, start, end, text, entity,
   link}), checked against the text, so a correction survives a re-run;
5. the reviewer's remaining links: every gold field value (numeric and text slots; kind and
   year aside) still without a region of its slot is placed where the report states it:
   the rules' span for the slot when its value is the gold value, else the one place the
   value is printed, or the one place among several whose labels name the slot (see
   `complete_links`); an entity is added where none covers it. Values with no such place
   are listed, never guessed. Prints the gold values linked before and after this step.

    .venv/bin/python scripts/bootstrap_annotations.py [--out annotations] [-v] [--no-complete]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extract import schema  # noqa: E402
from extract.config import Config, Models  # noqa: E402
from extract.learn.evaluate import squash  # noqa: E402
from extract.learn.lexicon import figures as lex_figures  # noqa: E402
from extract.learn.nlp.annotations import INDICATOR_PREFIX, AnnotatedText, Mark, NONE, link_target, to_task  # noqa: E402
from extract.learn.nlp.context import context_of  # noqa: E402
from extract.learn.nlp.weak import figure_marks, target_extent  # noqa: E402
from extract.read.formats import read_path  # noqa: E402
from extract.read.textnorm import reading  # noqa: E402
from extract.slots.normalize import parse_value  # noqa: E402

SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "corpus" / "seeds"
GOLD = SHARED / "corpus" / "gold"
POOL = SHARED / "corpus" / "pool"
POOL_GOLD = SHARED / "corpus" / "pool-gold"
NUMERIC = ("AMOUNT", "RATE", "QUANTITY", "SCORE")
KIND_OF_LABEL = {"AMOUNT": schema.MONEY, "RATE": schema.RATE, "QUANTITY": schema.COUNT, "SCORE": schema.NUMBER}
ATTRS = ("target", "actual", "weight", "score")


def close(a: float, b: float) -> bool:
    """Equal as stated figures (stricter than the scorer's 0.5 %: 293.75 is not 295.09)."""
    return abs(a - b) <= 0.0051 + 1e-9 * max(abs(a), abs(b))


# Words that tell slots apart beyond their schema labels (the texts vary the labels).
ALIASES = {"three_public.vehicle": ("公务用车",), "three_public.overseas": ("出国",),
           "three_public.reception": ("接待",), "three_public.total": ("三公",),
           ".budget": ("预算",), ".actual": ("实际", "决算"), "staff.authorized": ("编制",),
           "staff.actual": ("实有", "在职", "在岗"), "expenditure.total": ("支出总额", "总支出", "决算支出")}
_QUOTES = str.maketrans({"“": "", "”": "", '"': "", "（": "(", "）": ")", " ": ""})


def number_of(text: str, label: str) -> list[float]:
    """The normalised values a figure text may stand for (a bare money figure: 万元 or 元)."""
    v = parse_value(text, default_unit="万元" if label == "AMOUNT" else None)
    if not v.is_number:
        return []
    out = [float(v.value)]
    if label == "AMOUNT" and v.unit == "万元" and not any(u in text for u in ("万", "亿", "元")) \
            and float(v.value) >= 1000:
        out.append(float(v.value) / 10000)        # a table in 元
    return out


def gold_number(g) -> float | None:
    if isinstance(g, dict):
        g = g.get("value")
    if isinstance(g, bool) or not isinstance(g, (int, float)):
        return None
    return float(g)


def occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while needle and i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def is_common(v: float) -> bool:
    """0, 100 and small whole numbers match many gold values by chance."""
    return v == 0 or v == 100 or (v == int(v) and v <= 20)


def context_text(text: str, start: int, end: int) -> str:
    c = context_of(text, start, end)
    return "|".join((c.row_header, c.column_header, c.left, c.heading))


def slot_context_score(slot: str, ctx_text: str) -> int:
    """How much of the slot's labels (and aliases) the context shows, longer labels counting more."""
    ctx_text = ctx_text.translate(_QUOTES)
    words = list(schema.SLOTS[slot].labels) + [w for k, ws in ALIASES.items() if k in slot for w in ws]
    return sum(len(w) for w in words if w.translate(_QUOTES) in ctx_text)


def link_fields(text: str, ents: list[Mark], gold_fields: dict, taken: set) -> dict[Mark, str]:
    """Figure entity -> slot, by gold value and kind, context breaking ties."""
    links: dict[Mark, str] = {}
    numeric = {s: gold_number(v) for s, v in gold_fields.items()
               if s in schema.SLOTS and s != "report.fiscal_year" and gold_number(v) is not None}
    for e in ents:
        if e.label not in KIND_OF_LABEL or (e.start, e.end) in taken:
            continue
        values = number_of(text[e.start:e.end], e.label)
        cands = [s for s, g in numeric.items()
                 if schema.SLOTS[s].kind == KIND_OF_LABEL[e.label] and any(close(g, v) for v in values)]
        if not cands:
            continue
        ctx_text = context_text(text, e.start, e.end)
        scored = sorted(cands, key=lambda s: -slot_context_score(s, ctx_text))
        if (len(scored) > 1 or any(map(is_common, values))) and slot_context_score(scored[0], ctx_text) == 0:
            continue           # several slots share the value (or it is a common figure), nothing tells which
        links[e] = scored[0]
    return links


def indicator_windows(text: str, name: str) -> list[tuple[int, int]]:
    """Where an indicator's figures are: the rest of its table row, or the clause after its name."""
    out = []
    for i in occurrences(text, name):
        line_end = text.find("\n", i)
        line_end = len(text) if line_end < 0 else line_end
        if "\t" in text[i:line_end]:
            out.append((i + len(name), line_end))
        else:
            stop = min([j for j in (text.find(p, i + len(name)) for p in "；;。\n") if j >= 0] + [i + len(name) + 60])
            out.append((i + len(name), stop))
    return out


def op_fits(text: str, e: Mark, gold_value, attr: str) -> bool:
    """A target stated with a comparator (≧100%) is not the bare figure of the actual column."""
    if attr != "target" or not isinstance(gold_value, dict) or gold_value.get("op", "=") == "=":
        return True
    s, t = target_extent(text, e.start, e.end)
    return parse_value(text[s:t]).op == gold_value["op"]


def link_indicators(text: str, ents: list[Mark], indicators: list[dict]) -> dict[Mark, str]:
    links: dict[Mark, str] = {}
    by_start = sorted((e for e in ents if e.label in KIND_OF_LABEL), key=lambda e: e.start)
    for ind in indicators:
        name = (ind.get("name") or "").strip()
        content = (ind.get("content") or "").strip()
        anchor = content if content and content in text and len(content) <= 60 else name
        if len(anchor) < 2:
            continue
        wanted = [(a, gold_number(ind.get(a))) for a in ATTRS if gold_number(ind.get(a)) is not None]
        if not wanted:
            continue
        for a, b in indicator_windows(text, anchor):
            # a narrative states the target in one place and the actual in another: every
            # occurrence of the name is searched for the attributes not found yet
            row = [e for e in by_start if a <= e.start and e.end <= b and e not in links]
            pointer = 0
            for e in row:
                values = number_of(text[e.start:e.end], e.label)
                for k in range(pointer, len(wanted)):
                    attr, g = wanted[k]
                    if any(close(g, v) for v in values) and op_fits(text, e, ind.get(attr), attr):
                        links[e] = link_target(attribute=attr)
                        pointer = k + 1
                        break
            found = {links[e] for e in row if e in links}
            wanted = [(attr, g) for attr, g in wanted if link_target(attribute=attr) not in found]
            if not wanted:
                break
    return links


def name_marks(text: str, gold: dict) -> list[Mark]:
    marks = []
    dept = (gold.get("fields") or {}).get("report.department")
    if isinstance(dept, str) and len(dept) >= 3:
        marks += [Mark(i, i + len(dept), "ORG") for i in occurrences(text, dept)]
    seen = set()
    for ind in gold.get("indicators") or []:
        name = (ind.get("name") or "").strip()
        if len(name) >= 3 and name not in seen:
            seen.add(name)
            marks += [Mark(i, i + len(name), "INDICATOR") for i in occurrences(text, name)]
    return marks


def level_marks(text: str, gold: dict) -> list[Mark]:
    """The reviewer's marks of the indicators' 一级/二级 names where the text prints them as
    the gold rows give them (an `indicator.level1` / `indicator.level2` region, an attribute
    choice of the review form): what teaches the rules a level name their lists lack."""
    marks, seen = [], set()
    for ind in gold.get("indicators") or []:
        for attr in ("level1", "level2"):
            name = (ind.get(attr) or "").strip()
            if len(name) >= 2 and (name, attr) not in seen:
                seen.add((name, attr))
                marks += [Mark(i, i + len(name), link_target(attribute=attr)) for i in occurrences(text, name)
                          if not re.match(r"[\u4e00-\u9fff]", text[i + len(name):i + len(name) + 1] or " ")]
    return marks


def rule_fields(doc) -> list:
    """The rule extractor's fields of a document (no trained models): what a reviewer is shown."""
    from extract.pipeline import extract_document
    return extract_document(doc, Config(models=Models(use_models=False))).fields


def stripped(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def rule_links(text: str, fields: list, gold: dict) -> dict[tuple[int, int], str]:
    """Spans of rule-extracted fields whose value agrees with gold: (start, end) -> slot."""
    out = {}
    for f in fields:
        g = gold_number((gold.get("fields") or {}).get(f.slot))
        if g is None or f.slot == "report.fiscal_year":
            continue
        span = _rule_span(text, f, f.slot, g)        # one figure, as printed (not a jammed cell)
        if span is None:
            continue
        s, e = span
        if is_common(g) and slot_context_score(f.slot, context_text(text, s, e)) == 0:
            continue
        out[(s, e)] = f.slot
    return out


_BARE = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*")


def bare_cells(text: str, figs: list[Mark]) -> list[Mark]:
    """Bare figures alone in a tab or pipe cell that no weak label covers (a 分值 | 得分 or a target
    under a header the weak labels do not know): a reviewer marks them on an indicator's
    row as well. Labelled SCORE as candidates; `bootstrap` keeps those it links."""
    out, pos = [], 0
    for line in text.split("\n"):
        sep = "\t" if "\t" in line else "|" if line.count("|") >= 2 else None
        if sep:
            off = pos
            for cell in line.split(sep):
                m = _BARE.fullmatch(cell)
                if m:
                    s, e = off + m.start(1), off + m.end(1)
                    if not any(f.start < e and s < f.end for f in figs):
                        out.append(Mark(s, e, "SCORE"))
                off += len(cell) + 1
        pos += len(line) + 1
    return out


def bootstrap(path: Path, gold: dict, stats: Counter) -> tuple[AnnotatedText, list]:
    """The document's weak and gold-derived marks, and the rule extractor's fields."""
    doc = read_path(str(path))
    text = doc.text
    fields = rule_fields(doc)
    figs = figure_marks(text)
    bare = bare_cells(text, figs)
    ind_links = link_indicators(text, figs + bare, gold.get("indicators") or [])
    for e in bare:                        # a bare cell the reviewer linked: a SCORE (分值, 得分) or a QUANTITY
        if e in ind_links:
            target = ind_links.pop(e)
            label = "SCORE" if target in (link_target(attribute="weight"), link_target(attribute="score")) \
                else "QUANTITY"
            figs.append(Mark(e.start, e.end, label))
            ind_links[figs[-1]] = target
    taken = {(e.start, e.end) for e in ind_links}
    field_links = link_fields(text, figs, gold.get("fields") or {}, taken)
    entities: list[Mark] = []
    links: list[Mark] = []
    for e in figs:
        target = ind_links.get(e) or field_links.get(e)
        if target == link_target(attribute="target"):
            s, t = target_extent(text, e.start, e.end)
            e = Mark(s, t, "TARGET")
        entities.append(e)
        if target:
            links.append(Mark(e.start, e.end, target))
    for (s, t), slot in rule_links(text, fields, gold).items():
        overlapping = [m for m in links if m.start < t and s < m.end]
        if not overlapping:
            links.append(Mark(s, t, slot))
            stats["links_from_rules"] += 1
    for m in name_marks(text, gold):
        if not any(e.start < m.end and m.start < e.end and e.label in ("ORG", "INDICATOR") for e in entities):
            entities.append(m)
    for m in level_marks(text, gold):
        if not any(e.start < m.end and m.start < e.end for e in entities + links):
            links.append(m)
    stats["links"] += len(links)
    stats["entities"] += len(entities)
    return AnnotatedText(path.name, text, entities, links), fields


def apply_corrections(docs: dict[str, AnnotatedText], corrections: list[dict], stats: Counter) -> None:
    """Hand corrections: replace whatever marks sit exactly at (start, end) by the given ones."""
    for c in corrections:
        d = docs.get(c["document"])
        if d is None:
            raise SystemExit(f"correction for unknown document {c['document']}")
        s, t = c["start"], c["end"]
        if d.text[s:t] != c["text"]:
            raise SystemExit(f"correction {c}: text at {s}-{t} is {d.text[s:t]!r}")
        d.entities = [m for m in d.entities if (m.start, m.end) != (s, t)]
        d.links = [m for m in d.links if (m.start, m.end) != (s, t)]
        if c.get("entity"):
            d.entities.append(Mark(s, t, c["entity"]))
        if c.get("link") and c["link"] != NONE:
            d.links.append(Mark(s, t, c["link"]))
        stats["corrections"] += 1


# --- step 5: the reviewer's links for gold values no earlier step linked --------------------

FIELD_ENTITY = {schema.MONEY: "AMOUNT", schema.RATE: "RATE", schema.COUNT: "QUANTITY", schema.NUMBER: "SCORE"}
_UNIT_FOR_KIND = {schema.MONEY: "万元", schema.RATE: "%"}
_KIND_UNITS = {schema.MONEY: ("万元", "亿元", "个亿", "亿", "元", None), schema.RATE: ("%", "％", None),
               schema.NUMBER: ("分", None), schema.COUNT: ("人", "名", None)}
NEAR = 24                  # characters before a value read as "nearby" (across line breaks: one cell per line)
_BRACKETS = {"(": "[(（]", "（": "[(（]", ")": "[)）]", "）": "[)）]",
             "“": "[“”\"]", "”": "[“”\"]", '"': "[“”\"]", ":": "[:：]", "：": "[:：]"}


def near_before(text: str, start: int) -> str:
    """The words just before a span (up to NEAR characters, from the previous figure on)."""
    before = text[max(0, start - NEAR):start]
    cut = 0
    for m in re.finditer(r"\d", before):
        cut = m.end()
    return before[cut:]


def label_score(slot: str, text: str, start: int, end: int) -> int:
    """How strongly the span's row, column, heading and the words just before it name the slot."""
    text = reading(text)
    near = "".join(near_before(text, start).split())
    return slot_context_score(slot, context_text(text, start, end) + "|" + near)


def value_spans(text: str, slot: str, gold: float) -> list[tuple[int, int]]:
    """Every figure (with its unit) whose value as printed is the gold value of `slot`, read
    on the reading view (full-width figures, 萬元: the value a reader sees)."""
    kind = schema.SLOTS[slot].kind
    text = reading(text)
    out = []
    for fig in lex_figures(text):
        if fig.unit not in _KIND_UNITS[kind]:
            continue
        raw = text[fig.start:fig.end]
        if kind == schema.MONEY:
            values = number_of(raw, "AMOUNT")
        else:
            v = parse_value(raw, default_unit=_UNIT_FOR_KIND.get(kind), allow_text=False)
            values = [float(v.value)] if v.is_number else []
        if any(close(gold, v) for v in values):
            out.append((fig.start, fig.end))
    return out


def text_spans(text: str, value: str) -> list[tuple[int, int]]:
    """Where a text value is printed (full- or half-width brackets and quotes, spaces inside allowed)."""
    chars = [c for c in value if not c.isspace()]
    if not chars:
        return []
    pattern = r"\s*".join(_BRACKETS.get(c, re.escape(c)) for c in chars)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def _unique_best(scored: list[tuple[int, tuple[int, int]]]) -> tuple[int, int] | None:
    if not scored:
        return None
    scored = sorted(scored, key=lambda x: -x[0])
    if len(scored) > 1 and scored[0][0] == scored[1][0]:
        return None
    return scored[0][1]


def _rule_span(text: str, f, slot: str, value) -> tuple[int, int] | None:
    """The span of a rule field for `slot` whose value is the gold value, or None."""
    if f.slot != slot or not (0 <= f.span.start < f.span.end <= len(text)):
        return None
    s, t = stripped(text, f.span.start, f.span.end)
    if slot in schema.TEXT_SLOTS:
        got = f.value.value if isinstance(f.value.value, str) else f.value.raw
        # the gold text as printed in or around the rule's span (a code before the name, a
        # part of the name read); else the rule's span when its value is the gold text
        # (a name printed with readings in brackets: 遂溪縣水務(wù)局)
        near = [sp for sp in text_spans(text, value) if sp[0] < t and s < sp[1]]
        if len(near) == 1:
            return near[0]
        return (s, t) if squash(got) == squash(value) and not near else None
    g = gold_number(value)
    if g is None or not f.value.is_number or not close(g, float(f.value.value)):
        return None
    raw = text[s:t]
    if schema.SLOTS[slot].kind == schema.MONEY:
        values = number_of(raw, "AMOUNT")
    else:
        v = parse_value(raw, default_unit=_UNIT_FOR_KIND.get(schema.SLOTS[slot].kind), allow_text=False)
        values = [float(v.value)] if v.is_number else []
    return (s, t) if any(close(g, v) for v in values) else None      # one figure, as printed


def complete_links(d: AnnotatedText, gold: dict, fields: list, protected: set, unresolved: list,
                   placed: list) -> int:
    """Link every gold field value that has no link region yet (step 5), where its place is
    unambiguous: (a) the span of the rule extractor's field for the slot when its value is
    the gold value (the reviewer accepts a right pre-annotation; rules know row x column);
    (b) otherwise the one place the value is printed, or among several the one place whose
    row, column, heading or preceding words name the slot best, and name no other
    still-unlinked gold slot of the same value as well. Values that cannot be placed so are
    appended to `unresolved` (document, slot, value, why); `placed` gets (document, slot,
    start, end, how). Returns the number of links added."""
    text = d.text
    gold_fields = gold.get("fields") or {}
    have = {m.label for m in d.links}
    todo = {sl: v for sl, v in gold_fields.items()
            if sl in schema.SLOTS and sl not in have and sl not in ("report.kind", "report.fiscal_year")}

    def free(s: int, t: int) -> bool:
        """No other slot's region there (an indicator's attribute may be the same statement:
        seed 003's 全年预算执行率为92.33% is the funding rate and the 预算执行率 indicator's
        actual; both regions are kept), and no hand correction."""
        return not any(m.start < t and s < m.end and not m.label.startswith(INDICATOR_PREFIX) for m in d.links) \
            and not any(a < t and s < b for a, b in protected)

    def place(slot: str, s: int, t: int, how: str) -> str | None:
        """Add the item region (and an entity where none covers it); why not, or None."""
        kind = schema.SLOTS[slot].kind
        cover = [e for e in d.entities if e.start < t and s < e.end]
        if slot not in schema.TEXT_SLOTS:
            same = [e for e in cover if e.label == FIELD_ENTITY[kind]]
            if same:
                s, t = same[0].start, same[0].end               # the entity's span (figure and unit)
            elif cover:
                return f"inside a {cover[0].label} entity"
            else:
                d.entities.append(Mark(s, t, FIELD_ENTITY[kind]))
        elif slot == "report.department" and not any(e.label == "ORG" and e.start <= s and t <= e.end for e in cover):
            if cover:
                return f"overlaps a {cover[0].label} entity"
            d.entities.append(Mark(s, t, "ORG"))
        if not free(s, t):
            return "its place holds another link"
        d.links.append(Mark(s, t, slot))
        placed.append((d.name, slot, s, t, how))
        return None

    added = 0
    for slot, value in sorted(todo.items()):
        if isinstance(value, str) and not value.strip():
            continue
        spans = [sp for sp in (_rule_span(text, f, slot, value) for f in fields) if sp]
        if spans:
            why = place(slot, *spans[0], "rules")
            if why is None:
                added += 1
            else:
                unresolved.append((d.name, slot, value, why))
            continue
        if slot in schema.TEXT_SLOTS:
            if not isinstance(value, str):
                continue
            printed = text_spans(text, value)
            spans = [sp for sp in printed if free(*sp)]
            short = len("".join(value.split())) < 3          # 优, 良: also inside other words
            scored = [(label_score(slot, text, s, t), (s, t)) for s, t in spans]
            if short or len(spans) > 1:
                scored = [x for x in scored if x[0] > 0]
        else:
            g = gold_number(value)
            if g is None:
                continue
            kind = schema.SLOTS[slot].kind
            printed = value_spans(text, slot, g)
            spans = [sp for sp in printed if free(*sp)]
            rivals = [r for r, v in todo.items() if r != slot and r not in schema.TEXT_SLOTS
                      and schema.SLOTS[r].kind == kind and gold_number(v) is not None and close(gold_number(v), g)]
            scored = []
            for s, t in spans:
                own = label_score(slot, text, s, t)
                if not any(label_score(r, text, s, t) >= own for r in rivals):
                    scored.append((own, (s, t)))
            if len(spans) > 1 or is_common(g):
                scored = [x for x in scored if x[0] > 0]
        best = _unique_best(scored)
        if best is None:
            why = ("not found" if not printed else "its place holds another link" if not spans
                   else "no place names it" if not scored else "several places name it")
            unresolved.append((d.name, slot, value, why))
            continue
        why = place(slot, *best, "label words")
        if why is None:
            added += 1
        else:
            unresolved.append((d.name, slot, value, why))
    return added


def linked_values(d: AnnotatedText, gold: dict) -> Counter:
    """Gold field values (kind and year left out), and those with a link region of their slot,
    numeric and text apart."""
    have = {m.label for m in d.links}
    out: Counter = Counter()
    for s in gold.get("fields") or {}:
        if s in schema.SLOTS and s not in ("report.kind", "report.fiscal_year"):
            part = "text" if s in schema.TEXT_SLOTS else "numeric"
            out[part] += 1
            out[part + " linked"] += s in have
    return out


def load_corrections(directory: Path) -> list[dict]:
    """The hand corrections in `directory` (*.json lists of {document, start, end, text, entity, link})."""
    out: list[dict] = []
    for corrections_path in sorted(Path(directory).glob("*.json")):
        out += json.loads(corrections_path.read_text(encoding="utf-8"))
    return out


def simulated_review(path: Path, gold: dict, corrections: list[dict] = (), stats: Counter | None = None,
                     complete: bool = True, unresolved: list | None = None, placed: list | None = None,
                     counts: tuple[Counter, Counter] | None = None) -> AnnotatedText:
    """The annotations a reviewer submits for one document whose gold file is `gold`: the
    weak labels and gold-derived links (steps 1-2), the rules' agreeing spans (3), the hand
    corrections for this document (4) and the completing links (5). The one implementation
    behind `main` and scripts/learning_curve.py (which reviews documents no one annotated)."""
    stats = Counter() if stats is None else stats
    d, fields = bootstrap(Path(path), gold, stats)
    mine = [c for c in corrections if c["document"] == d.name]
    apply_corrections({d.name: d}, mine, stats)
    protected = {(c["start"], c["end"]) for c in mine}
    if counts is not None:
        counts[0].update(linked_values(d, gold))
    if complete:
        stats["links_completed"] += complete_links(d, gold, fields, protected,
                                                   [] if unresolved is None else unresolved,
                                                   [] if placed is None else placed)
    if counts is not None:
        counts[1].update(linked_values(d, gold))
    return d


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "annotations"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list every link step 5 added, in context")
    ap.add_argument("--no-complete", action="store_true",
                    help="leave out step 5 (links for the gold values steps 1-4 left unlinked)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    stats: Counter = Counter()
    groups = {"seeds": [(p, GOLD / f"{p.stem}.json") for p in sorted(SEEDS.glob("*.txt"))],
              "pool": [(p, POOL_GOLD / f"{p.stem}.json") for p in sorted(POOL.glob("p*.txt"))]}
    corrections = load_corrections(out / "corrections")
    names = {path.name for pairs in groups.values() for path, gold_path in pairs if gold_path.exists()}
    for c in corrections:
        if c["document"] not in names:
            raise SystemExit(f"correction for unknown document {c['document']}")
    docs: dict[str, AnnotatedText] = {}
    group_of: dict[str, str] = {}
    before: Counter = Counter()
    after: Counter = Counter()
    unresolved: list = []
    placed: list = []
    for group, pairs in groups.items():
        for path, gold_path in pairs:
            if not gold_path.exists():
                continue
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            docs[path.name] = simulated_review(path, gold, corrections, stats, not args.no_complete,
                                               unresolved, placed, (before, after))
            group_of[path.name] = group
    print("gold field values with a link region of their slot (numeric, text): before step 5 "
          f"{before['numeric linked']}/{before['numeric']}, {before['text linked']}/{before['text']}; "
          f"after {after['numeric linked']}/{after['numeric']}, {after['text linked']}/{after['text']}")
    if args.verbose:
        for name, slot, s, t, how in placed:
            text = docs[name].text
            print(f"  linked ({how}): {name} {slot} = {text[s:t]!r} at {s}: "
                  f"{text[max(0, s - 24):s]!r} [..] {text[t:t + 8]!r}".replace("\\n", " ").replace("\\t", "|"))
    for name, slot, value, why in unresolved:
        print(f"  not linked: {name} {slot} = {value!r} ({why})")
    task_id = 1
    for group in groups:
        tasks = []
        for name, d in docs.items():
            if group_of[name] != group:
                continue
            tasks.append(to_task(d, task_id, {"source": "bootstrap"}))
            task_id += 1
        target = out / f"bootstrap-{group}.json"
        target.write_text(json.dumps(tasks, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {target} ({len(tasks)} tasks)")
    labels = Counter(m.label for d in docs.values() for m in d.entities)
    link_kinds = Counter(m.label.split(".")[0] for d in docs.values() for m in d.links)
    print("entities", dict(sorted(labels.items())), "links", dict(link_kinds), dict(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
