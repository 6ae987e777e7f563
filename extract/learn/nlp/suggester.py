"""Candidate spans for the span categorizer: short n-grams inside a clause, plus whole cells.

Why not spaCy's plain n-gram suggester: entities here are of two shapes. Figures with their
units and comparators (`≧ 40 个`, `1181.92 万元`, `2023 年`) and short names are a few
tokens long; indicator names and department names are whole table cells or clauses of up
to thirty tokens (`积极开展科技特派员工作、可持续发展实验区建设`). n-grams up to 30 would
propose ~30 spans per token, and the span classifier's cost grows with the candidates.
This suggester proposes n-grams of up to SHORT_NGRAM tokens that do not cross a line, a tab
or a clause mark, longer ones up to `max_ngram` only when they hold a figure or end before
whitespace, a separator or a figure, and each whole
cell (the run between tabs/newlines) and each whole clause up to `max_segment` tokens:
about three candidates per token, and `jixiao train` reports the annotated entities this
misses ("aligned but not suggested").
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

import numpy
from spacy.attrs import IS_SPACE, LIKE_NUM, ORTH, SPACY
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ragged

# Marks that end a clause: an entity never spans them.
CLAUSE_MARKS = frozenset("，。；;！？!?：:|｜")
SHORT_NGRAM = 3      # n-grams up to this length are proposed everywhere; longer ones only around figures


def _runs(separator: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Starts and ends of the maximal runs of tokens that are not separators."""
    padded = numpy.concatenate(([True], separator, [True]))
    edges = numpy.diff(padded.astype(numpy.int8))
    return numpy.flatnonzero(edges == -1), numpy.flatnonzero(edges == 1)


def candidate_spans(doc: Doc, max_ngram: int, max_segment: int) -> numpy.ndarray:
    """The (start, end) token spans proposed for `doc`: an (n, 2) int array, sorted, unique.

    n-grams of 1..SHORT_NGRAM tokens inside a clause; SHORT_NGRAM+1..max_ngram only when
    they hold a figure (`不低于 40 个 以上`) or end where a name ends (before whitespace, a
    separator or a figure); every whole clause and cell of up to max_segment.
    """
    n = len(doc)
    if n == 0:
        return numpy.zeros((0, 2), dtype="i")
    arr = doc.to_array([IS_SPACE, ORTH, LIKE_NUM, SPACY])
    space = arr[:, 0].astype(bool)
    marks = numpy.array([doc.vocab.strings.add(m) for m in CLAUSE_MARKS], dtype=arr.dtype)
    clause_sep = space | numpy.isin(arr[:, 1], marks)
    number = arr[:, 2].astype(bool)
    figure = numpy.concatenate(([0], numpy.cumsum(number)))
    # a long n-gram may end where a name ends: before whitespace, a separator or a figure
    boundary = arr[:, 3].astype(bool) | numpy.append(clause_sep[1:] | number[1:], True)
    # run_end[i]: the first clause separator at or after token i (n when there is none)
    sep_pos = numpy.flatnonzero(clause_sep)
    run_end = numpy.append(sep_pos, n)[numpy.searchsorted(sep_pos, numpy.arange(n))]
    starts = numpy.arange(n)
    rows = []
    for size in range(1, max_ngram + 1):
        ok = (starts + size <= run_end) & ~clause_sep
        if size > SHORT_NGRAM:
            ends = numpy.minimum(starts + size, n)
            ok &= (figure[ends] - figure[starts] > 0) | boundary[ends - 1]
        s = starts[ok]
        rows.append(numpy.stack([s, s + size], axis=1))
    for sep in (clause_sep, space):          # whole clauses, whole cells / lines
        a, b = _runs(sep)
        keep = (b - a > SHORT_NGRAM) & (b - a <= max_segment)
        rows.append(numpy.stack([a[keep], b[keep]], axis=1))
    spans = numpy.concatenate(rows).astype("i")
    key = spans[:, 0].astype(numpy.int64) * (n + 1) + spans[:, 1]
    _, first = numpy.unique(key, return_index=True)
    return spans[first]


@registry.misc("jixiao.clause_suggester.v1")
def build_clause_suggester(max_ngram: int = 6, max_segment: int = 30) -> Callable[..., Ragged]:
    """Registered for config.cfg's `[components.spancat.suggester]`."""
    def suggest(docs: Iterable[Doc], *, ops: Optional[Ops] = None) -> Ragged:
        ops = ops or get_current_ops()
        arrays = [candidate_spans(doc, max_ngram, max_segment) for doc in docs]
        lengths = [len(a) for a in arrays]
        data = numpy.concatenate(arrays) if arrays else numpy.zeros((0, 2), dtype="i")
        return Ragged(ops.asarray2i(data), ops.asarray1i(lengths))
    return suggest
