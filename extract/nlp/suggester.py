"""Candidate spans for the span categorizer: short n-grams inside a clause, plus whole cells.

Why not spaCy's plain n-gram suggester: entities here are of two shapes. Figures with their
units and comparators (`≧ 40 个`, `1181.92 万元`, `2023 年`) and short names are a few
tokens long; indicator names and department names are whole table cells or clauses of up
to thirty tokens (`积极开展科技特派员工作、可持续发展实验区建设`). n-grams up to 30 would
propose ~30 spans per token; this suggester proposes n-grams up to `max_ngram` that do not
cross a line, a tab or a clause mark, and in addition each whole cell (the run between
tabs/newlines) and each whole clause up to `max_segment` tokens. That keeps the candidate
count near `max_ngram` per token while covering the long labels.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ragged

# Marks that end a clause: an entity never spans them.
CLAUSE_MARKS = frozenset("，。；;！？!?：:")


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """Maximal [start, end) runs of positions whose flag is False."""
    out, start = [], None
    for i, sep in enumerate(flags + [True]):
        if sep:
            if start is not None:
                out.append((start, i))
                start = None
        elif start is None:
            start = i
    return out


def candidate_spans(doc: Doc, max_ngram: int, max_segment: int) -> list[tuple[int, int]]:
    """The (start, end) token spans proposed for `doc`, sorted and without duplicates."""
    is_space = [t.is_space for t in doc]
    clause_sep = [sp or t.text in CLAUSE_MARKS for sp, t in zip(is_space, doc)]
    spans: set[tuple[int, int]] = set()
    for a, b in _runs(clause_sep):
        for i in range(a, b):
            for n in range(1, min(max_ngram, b - i) + 1):
                spans.add((i, i + n))
        if b - a <= max_segment:
            spans.add((a, b))
    for a, b in _runs(is_space):          # whole cells / lines, clause marks inside allowed
        if b - a <= max_segment:
            spans.add((a, b))
    return sorted(spans)


@registry.misc("jixiao.clause_suggester.v1")
def build_clause_suggester(max_ngram: int = 6, max_segment: int = 30) -> Callable[..., Ragged]:
    """Registered for config.cfg's `[components.spancat.suggester]`."""
    def suggest(docs: Iterable[Doc], *, ops: Optional[Ops] = None) -> Ragged:
        ops = ops or get_current_ops()
        rows: list[tuple[int, int]] = []
        lengths: list[int] = []
        for doc in docs:
            spans = candidate_spans(doc, max_ngram, max_segment)
            rows.extend(spans)
            lengths.append(len(spans))
        data = ops.asarray2i(rows) if rows else ops.xp.zeros((0, 2), dtype="i")
        return Ragged(data, ops.asarray1i(lengths))
    return suggest
