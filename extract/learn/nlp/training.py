"""Train the shipped components from annotations/: the spaCy pipeline and the slot linker.

One function, `train_all`, so that `jixiao train`, the leave-one-document-out evaluation
and the tests train the same way: annotations -> DocBins (with the alignment report) ->
`spacy train config.cfg` -> `<output>/pipeline`, annotations -> `<output>/linker.npz`, and
annotations -> `<output>/lexicon.json` (the label lexicon, `extract.learn.lexicon.learn`).
"""
from __future__ import annotations

import shutil
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from extract.learn.nlp.annotations import AnnotatedText, annotation_files, read_annotations
from extract.learn.nlp.convert import Alignment, alignment_without_figure_split, to_docs, write_docbin

DEV_EVERY = 8          # one annotated document in DEV_EVERY is the dev set (by a stable hash of its name)


@dataclass
class TrainReport:
    documents: int
    train_docs: int
    dev_docs: int
    alignment: Optional[Alignment]
    alignment_plain: Optional[Alignment]
    pipeline: Optional[Path]
    linker: Optional[Path]
    spacy_scores: dict
    lexicon: Optional[Path] = None


def is_dev(name: str) -> bool:
    return zlib.crc32(name.encode("utf-8")) % DEV_EVERY == 0


def blank_pipeline(config_path: Path):
    """The untrained pipeline of config.cfg (its tokenizer is what conversion needs)."""
    from spacy.util import load_config, load_model_from_config
    from extract.learn.nlp import segmenter, suggester  # noqa: F401  (registrations)
    return load_model_from_config(load_config(config_path), auto_fill=True, validate=True)


def prepare(nlp, texts: list[AnnotatedText]) -> tuple[dict[str, list], Alignment]:
    """Tokenized training chunks per document name, and the alignment report over all of them."""
    sugg = nlp.config["components"]["spancat"]["suggester"]
    sizes = (int(sugg.get("max_ngram", 6)), int(sugg.get("max_segment", 30)))
    docs: dict[str, list] = {}
    report = Alignment()
    for t in texts:
        docs[t.name], a = to_docs(nlp, [t], suggester=sizes)
        report.spans += a.spans
        report.misaligned += a.misaligned
        report.unsuggested += a.unsuggested
    return docs, report


def train_all(texts: list[AnnotatedText], config_path: Path, output: Path, build: Path,
              overrides: Optional[dict] = None, prepared: Optional[dict[str, list]] = None,
              spacy: bool = True, linker: bool = True, lexicon: bool = True) -> TrainReport:
    """Train the components on `texts` into `output` (pipeline/, linker.npz, lexicon.json).

    `prepared` (from `prepare`) saves re-tokenizing when the caller trains many times on
    subsets of the same documents, as the held-out evaluation does.
    """
    nlp = blank_pipeline(config_path)
    alignment = plain = None
    if prepared is None:
        prepared, alignment = prepare(nlp, texts)
        plain = alignment_without_figure_split(nlp, texts)
    dev = [t.name for t in texts if is_dev(t.name)]
    train = [t.name for t in texts if not is_dev(t.name)]
    output.mkdir(parents=True, exist_ok=True)
    scores: dict = {}
    pipeline_path = None
    if spacy:
        train_docs = [d for n in train for d in prepared[n]]
        dev_docs = [d for n in dev for d in prepared[n]] or train_docs[:4]
        train_path = write_docbin(train_docs, build / "train.spacy")
        dev_path = write_docbin(dev_docs, build / "dev.spacy")
        pipeline_path = _spacy_train(config_path, build / "output", train_path, dev_path,
                                     output / "pipeline", overrides or {})
        scores = _best_scores(pipeline_path)
    linker_path = None
    if linker:
        from extract.learn.linker import SlotLinker, examples_from
        linker_path = SlotLinker.train(examples_from(texts)).save(output / "linker.npz")
    lexicon_path = None
    if lexicon:
        from extract.learn.lexicon import learn
        lexicon_path = learn(texts).save(output / "lexicon.json")
    return TrainReport(len(texts), len(train), len(dev), alignment, plain, pipeline_path, linker_path, scores,
                       lexicon_path)


def _spacy_train(config_path: Path, out_dir: Path, train_path: Path, dev_path: Path,
                 target: Path, overrides: dict) -> Path:
    from spacy.cli.train import train as spacy_train
    if out_dir.exists():
        shutil.rmtree(out_dir)
    spacy_train(config_path, out_dir, overrides={"paths.train": str(train_path), "paths.dev": str(dev_path),
                                                 **overrides})
    best = out_dir / "model-best"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(best, target)
    return target


def _best_scores(pipeline: Path) -> dict:
    import json
    meta = json.loads((pipeline / "meta.json").read_text(encoding="utf-8"))
    return meta.get("performance", {})


def load_annotations(directory: Path) -> list[AnnotatedText]:
    files = annotation_files(directory)
    if not files:
        raise FileNotFoundError(f"no Label Studio export files (*.json) in {directory}")
    return [t for t in read_annotations(files) if t.text]
