"""Annotated texts -> spaCy Docs (DocBin) for `spacy train`, with an alignment check.

spaCy drops an entity silently when its characters do not start and end on token
boundaries; here every such span is counted and reported (`Alignment`), for the tokenizer
as configured and for pkuseg alone, so the effect of splitting figures from their units is
measured on the actual training data. Long documents are cut at line ends into chunks of
about `chunk_chars` characters: the pipeline sees batches of similar size and no entity is
cut (a chunk never ends inside an entity).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from extract.learn.nlp.annotations import AnnotatedText, Mark
from extract.learn.nlp.segmenter import PkusegTokenizer
from extract.learn.nlp.suggester import candidate_spans

SPANS_KEY = "sc"


@dataclass
class Alignment:
    """How many annotated entities the tokenizer can represent, and which it cannot."""
    spans: int = 0
    misaligned: list[tuple[str, str, str]] = field(default_factory=list)   # (document, label, text)
    unsuggested: int = 0          # aligned, but not among the suggester's candidates

    @property
    def aligned(self) -> int:
        return self.spans - len(self.misaligned)

    def summary(self) -> str:
        return (f"{self.spans} spans, {len(self.misaligned)} not on token boundaries, "
                f"{self.unsuggested} aligned but not suggested")


def chunks(text: str, marks: Iterable[Mark], chunk_chars: int) -> list[tuple[int, int]]:
    """[start, end) character ranges cut at line ends, never inside a mark."""
    inside = [False] * (len(text) + 1)
    for m in marks:
        for i in range(m.start + 1, m.end):
            inside[i] = True
    out, start = [], 0
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        if nl < 0:
            break
        pos = nl + 1
        if pos - start >= chunk_chars and not inside[pos]:
            out.append((start, pos))
            start = pos
    if start < len(text):
        out.append((start, len(text)))
    return out


def to_docs(nlp: Language, texts: Iterable[AnnotatedText], chunk_chars: int = 1500,
            suggester: Optional[tuple[int, int]] = None) -> tuple[list[Doc], Alignment]:
    """Tokenized chunks with their entities in `doc.spans["sc"]`, and the alignment report.

    `suggester` = (max_ngram, max_segment) also counts entities the suggester would miss.
    """
    docs: list[Doc] = []
    report = Alignment()
    for t in texts:
        for a, b in chunks(t.text, t.entities, chunk_chars):
            doc = nlp.make_doc(t.text[a:b])
            spans = []
            for m in t.entities:
                if not (a <= m.start and m.end <= b):
                    continue
                report.spans += 1
                span = doc.char_span(m.start - a, m.end - a, label=m.label, alignment_mode="strict")
                if span is None:
                    report.misaligned.append((t.name, m.label, t.text[m.start:m.end]))
                else:
                    spans.append(span)
            if suggester and spans:
                cands = {(a, b) for a, b in candidate_spans(doc, *suggester).tolist()}
                report.unsuggested += sum((s.start, s.end) not in cands for s in spans)
            doc.spans[SPANS_KEY] = spans
            docs.append(doc)
    return docs, report


def alignment_without_figure_split(nlp: Language, texts: Iterable[AnnotatedText]) -> Alignment:
    """The same check with pkuseg's own words (figures not split): the 'before' figure."""
    plain = PkusegTokenizer(nlp.vocab, split_figures=False)
    report = Alignment()
    for t in texts:
        doc = plain(t.text)
        for m in t.entities:
            report.spans += 1
            if doc.char_span(m.start, m.end, alignment_mode="strict") is None:
                report.misaligned.append((t.name, m.label, t.text[m.start:m.end]))
    return report


def write_docbin(docs: list[Doc], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    return path
