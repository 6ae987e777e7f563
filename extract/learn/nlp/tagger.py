"""Run time: the trained pipeline and linker tagging documents.

`extract.learn.models.load_models(pipeline_dir, linker_path)` loads them (with
`_load_pipeline` here), cached by path, so every document of a batch (and every Dask task
in one worker process) shares one loaded pipeline, and a different models folder in the
config gets its own. It returns None, without importing spaCy, when the folder holds no
trained pipeline: extraction then runs on the rules alone.

Matrix products: thinc multiplies through its bundled BLIS kernels by default, which run
this model's products (tens of thousands of rows by 128-192 columns) at ~25 GFLOPS on our
CPUs where numpy's OpenBLAS on one thread does 60-80. So the pipeline is loaded with
`NumpyOps(use_blis=False)` (thinc's own switch: products go through numpy), and tagging
runs with OpenBLAS held to one thread: jixiao parallelises by processes, and extra BLAS
threads only compete with the other workers (two threads are slower than one here even
alone). Tagging is ~20 % faster; the scores differ from BLIS's in the sixth decimal.
"""
from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy

from extract.slots.record import Entity

CHUNK_CHARS = 1500       # as in training (convert.to_docs)
PIPE_BATCH = 4           # chunks per forward pass: bounds the memory of the span candidates

@dataclass
class ModelSet:
    nlp: object                 # spacy.Language
    linker: Optional[object]    # extract.learn.linker.SlotLinker
    blas: object                # threadpoolctl.ThreadpoolController, to hold BLAS to one thread

    def entities(self, text: str) -> list[Entity]:
        """Model entities of `text` with their probabilities, overlaps resolved by score.

        Long texts go through in chunks cut at line ends (`CHUNK_CHARS`), which bounds the
        memory of the span candidates and matches the chunk size the model was trained on.
        """
        from extract.learn.nlp.convert import SPANS_KEY, chunks
        if not text.strip():
            return []
        pieces = chunks(text, [], CHUNK_CHARS)
        with self.blas.limit(limits=1, user_api="blas"):
            docs = list(self.nlp.pipe((text[a:b] for a, b in pieces), batch_size=PIPE_BATCH))
        cands: list[tuple[float, int, int, str]] = []
        for (offset, _), doc in zip(pieces, docs):
            group = doc.spans.get(SPANS_KEY)
            if group is None or not len(group):
                continue
            scores = group.attrs.get("scores")
            best = (numpy.asarray(scores).reshape(len(group), -1).max(axis=1) if scores is not None
                    else numpy.ones(len(group)))
            cands += [(float(best[i]), offset + s.start_char, offset + s.end_char, s.label_)
                      for i, s in enumerate(group)]
        cands.sort(key=lambda c: (-c[0], c[1]))
        taken = [False] * (len(text) + 1)
        out: list[Entity] = []
        for score, a, b, label in cands:
            if any(taken[a:b]):
                continue
            for i in range(a, b):
                taken[i] = True
            out.append(Entity(label, a, b, text[a:b], score=score, source="model"))
        out.sort(key=lambda e: e.start)
        return out


def _load_pipeline(path: Path):
    import spacy
    from thinc.api import use_ops
    from extract.learn.nlp import segmenter, suggester  # noqa: F401  (registrations the config names)
    with use_ops("numpy", use_blis=False):          # see the module docstring
        nlp = spacy.load(path)
    with contextlib.redirect_stdout(io.StringIO()):    # spacy_pkuseg prints a notice on load
        nlp.tokenizer("预热")                           # load the segmenter now, not in the first document
    return nlp
