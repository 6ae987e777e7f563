"""The pipeline's tokenizer: pkuseg word segmentation with figures split from their units.

Why a tokenizer of our own rather than spaCy's `zh` tokenizer with `segmenter = "pkuseg"`:

- spaCy's ChineseTokenizer serialises the whole pkuseg model (~170 MB) into the pipeline
  directory. This one stores nothing: the model directory is resolved at run time from the
  installed `pkuseg` package (`pkuseg/models/default`), so `models/` holds only what is
  trained here.
- pkuseg fuses a figure with its unit or with the next word (`95.32分`, `30亿`, `2023年度`,
  `≧40`); an entity `95.32` (SCORE) or `30亿元` would then not end on a token boundary and
  spaCy would drop it silently in training. `split_figure_runs` cuts every segment at the
  borders of digit runs, so that every figure starts and ends a token.

The pkuseg model loads lazily, once per process and model directory (`load_segmenter`), the
first time a text is tokenized: loading a pipeline stays cheap until it is used.

Loading it was most of a worker's start-up: unpickling `features.pkl` (2.6 million
feature names, plus 1.1 million word bigrams that only pkuseg's *training* reads) and
reading 100 MB of weights out of a zip file. `inference_model_dir` derives, once per
installed model, a copy that loads in a fraction of that: the weights as a plain array that
`assemble` memory-maps, and the feature names as an index (`feature_index`) from which
each text loads only the features it can look up. Same features, same weights: the
segmentation is identical (see the tests).
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import io
import json
import os
import pickle
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Iterable, Optional

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import DummyTokenizer, get_words_and_spaces, registry
from spacy.vocab import Vocab
import spacy_pkuseg
from spacy_pkuseg.feature_extractor import FeatureExtractor

from extract.learn.nlp import feature_index

# A digit run: ASCII or full-width digits with decimal point / thousands separators inside.
_FIGURE_RUN = re.compile(r"[0-9０-９]+(?:[.,．，][0-9０-９]+)*")


def pkuseg_model_dir() -> Path:
    """The default model directory shipped inside the installed `pkuseg` package.

    Raises a clear error when pkuseg is missing: `make install` builds it (see Makefile).
    """
    spec = importlib.util.find_spec("pkuseg")
    if spec is None or spec.origin is None:
        raise RuntimeError("the pkuseg package is not installed: run `make install` "
                           "(pip install numpy cython && pip install --no-build-isolation pkuseg)")
    path = Path(spec.origin).parent / "models" / "default"
    if not (path / "features.pkl").exists() and not (path / "features.msgpack").exists():
        raise RuntimeError(f"{path} holds no pkuseg model (features.pkl): reinstall pkuseg")
    return path


def cache_root() -> Path:
    """Where derived files go: $JIXIAO_CACHE_DIR, else $XDG_CACHE_HOME/jixiao, else ~/.cache/jixiao."""
    if os.environ.get("JIXIAO_CACHE_DIR"):
        return Path(os.environ["JIXIAO_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "jixiao"


INFERENCE_FORMAT = 3     # bump when the derived copy changes: old copies are then ignored


def inference_copy_path(model_dir: Path, cache: Optional[Path] = None) -> Path:
    """Where the derived copy of the model in `model_dir` goes (built or not): keyed by its
    `features.pkl`'s path, size and mtime, and INFERENCE_FORMAT."""
    source = model_dir / "features.pkl"
    st = source.stat()
    key = hashlib.sha1(f"{source.resolve()}|{st.st_size}|{st.st_mtime_ns}|{INFERENCE_FORMAT}".encode()).hexdigest()[:16]
    return (cache or cache_root()) / f"pkuseg-inference-{key}"


def inference_model_dir(model_dir: Path, cache: Optional[Path] = None) -> Path:
    """A pkuseg model directory with what segmentation reads, derived from `model_dir` once.

    - `features.pkl`: the unigram words and the tags only (not the word bigrams, which only
      pkuseg's trainer reads, nor the feature names, which go to the index);
    - `feature_names.bin`, `feature_ids.npy`, `feature_buckets.npy`: the feature names and
      ids, grouped for `feature_index.FeatureIndex` to load as texts need them;
    - `weights.npy`: the weights as a plain array, which `assemble` maps into memory
      instead of reading 100 MB out of a zip file (and which worker processes then share);
    - `model.json`: the two sizes the weights are laid out by.

    Keyed by the source's path, size and mtime (and INFERENCE_FORMAT), so a reinstalled
    pkuseg gets a fresh copy. Built (~15 s) in a temporary directory and renamed into place,
    under a lock file beside it: the first worker of a fresh install builds it and the
    others wait for it instead of building it too; none ever reads a half-written one.
    Falls back to `model_dir` itself when the cache cannot be written (a read-only home),
    which is only slower.
    """
    if not (model_dir / "features.pkl").exists():
        return model_dir
    target = inference_copy_path(model_dir, cache)
    if (target / "model.json").exists():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with _exclusive(target.parent / f"{target.name}.lock"):
            if not (target / "model.json").exists():        # nobody built it while we waited
                tmp = Path(tempfile.mkdtemp(prefix=target.name + ".", dir=target.parent))
                try:
                    _derive(model_dir, tmp)
                    os.rename(tmp, target)
                finally:
                    shutil.rmtree(tmp, ignore_errors=True)
    except OSError:         # an unwritable cache: pkuseg's own model, only slower
        pass
    return target if (target / "model.json").exists() else model_dir


@contextlib.contextmanager
def _exclusive(lock_path: Path):
    """Hold an exclusive lock on `lock_path` (flock; released when the holder dies too)."""
    import fcntl
    with open(lock_path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _derive(model_dir: Path, out: Path) -> None:
    """Write the inference-only copy of the pkuseg model in `model_dir` into `out`."""
    import numpy
    with open(model_dir / "features.pkl", "rb") as fh:
        data = pickle.load(fh)
    with numpy.load(model_dir / "weights.npz") as npz:
        n_tag, n_feature = (int(x) for x in npz["sizes"])
        if n_feature != len(data["feature_to_idx"]):
            raise RuntimeError(f"{model_dir}: weights.npz and features.pkl disagree on the number of features")
        numpy.save(out / "weights.npy", numpy.ascontiguousarray(npz["w"], dtype=numpy.float64))
    feature_index.write(data["feature_to_idx"], out)
    with open(out / "features.pkl", "wb") as fh:      # what `assemble` reads besides the index
        pickle.dump({"unigram": data["unigram"], "tag_to_idx": data["tag_to_idx"]}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    (out / "model.json").write_text(json.dumps({"n_tag": n_tag, "n_feature": n_feature}))


def assemble(path: Path):
    """A pkuseg segmenter from a derived directory (`inference_model_dir`).

    The steps of `spacy_pkuseg.pkuseg(path)` for a local model with the default user
    dictionary, except that the weights are memory-mapped (copy-on-write) rather than read
    and the feature names come from the index, loaded as each text needs them. The tests
    check that it cuts every seed and pool text as `spacy_pkuseg.pkuseg` does.
    """
    import numpy
    from spacy_pkuseg.model import Model

    sizes = json.loads((path / "model.json").read_text())
    index = feature_index.FeatureIndex(path)
    if len(index) != sizes["n_feature"]:
        raise RuntimeError(f"{path}: the feature index does not match model.json; delete the folder to rebuild it")
    with open(path / "features.pkl", "rb") as fh:
        data = pickle.load(fh)
    extractor = FeatureExtractor.__new__(FeatureExtractor)
    extractor.unigram = set(data["unigram"])
    extractor.bigram = set()
    extractor.feature_to_idx = index.feature_to_idx
    extractor.tag_to_idx = data["tag_to_idx"]

    seg = IndexedPkuseg.__new__(IndexedPkuseg)
    seg.index = index
    seg.postag = False
    seg.preprocesser = spacy_pkuseg.Preprocesser(None)
    seg.postprocesser = spacy_pkuseg.Postprocesser(
        None, [str(Path(spacy_pkuseg.__file__).parent / "dicts" / "default.pkl")])
    seg.feature_extractor = extractor
    model = Model.__new__(Model)
    model.n_tag, model.n_feature = sizes["n_tag"], sizes["n_feature"]
    model.n_transition_feature = model.n_tag * (model.n_feature + model.n_tag)
    model.w = numpy.load(path / "weights.npy", mmap_mode="c")
    if model.w.shape != (model.n_transition_feature,):
        raise RuntimeError(f"{path}: weights do not match model.json; delete the folder to rebuild it")
    seg.model = model
    seg.idx_to_tag = {idx: tag for tag, idx in extractor.tag_to_idx.items()}
    seg.n_feature = sizes["n_feature"]
    seg.n_tag = len(extractor.tag_to_idx)
    return seg


class IndexedPkuseg(spacy_pkuseg.pkuseg):
    """pkuseg whose `_cut` first admits the text's features into the index (`assemble`)."""

    def _cut(self, text):
        self.index.admit(FeatureExtractor.normalize_text(text))
        return super()._cut(text)


@functools.lru_cache(maxsize=2)
def load_segmenter(model_dir: str):
    """One spacy_pkuseg segmenter per process and model directory, assembled from the
    derived inference-only copy (`inference_model_dir`, `assemble`); when no copy could be
    made, pkuseg loads `model_dir` itself (its notices about feature files swallowed).
    """
    path = inference_model_dir(Path(model_dir))
    if (path / "model.json").exists():
        return assemble(path)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return spacy_pkuseg.pkuseg(str(path))


def split_figure_runs(word: str) -> list[str]:
    """`95.32分` -> [`95.32`, `分`]; `≧40` -> [`≧`, `40`]; words without digits stay whole."""
    if not _FIGURE_RUN.search(word):
        return [word]
    parts: list[str] = []
    pos = 0
    for m in _FIGURE_RUN.finditer(word):
        if m.start() > pos:
            parts.append(word[pos:m.start()])
        parts.append(m.group())
        pos = m.end()
    if pos < len(word):
        parts.append(word[pos:])
    return parts


class PkusegTokenizer(DummyTokenizer):
    """Text -> Doc with pkuseg words (figures split off when `split_figures`).

    Serialisation is the DummyTokenizer's no-op: nothing of the segmenter goes to disk.
    """

    def __init__(self, vocab: Vocab, split_figures: bool = True, model_dir: Optional[str] = None) -> None:
        self.vocab = vocab
        self.split_figures = split_figures
        self._model_dir = model_dir

    @property
    def segmenter(self):
        return load_segmenter(str(self._model_dir or pkuseg_model_dir()))

    def words(self, text: str) -> list[str]:
        """The segmenter's words for `text` (whitespace dropped), figures split when configured."""
        words: Iterable[str] = self.segmenter.cut(text) if text.strip() else []
        if self.split_figures:
            words = [part for w in words for part in split_figure_runs(w)]
        return list(words)

    def __call__(self, text: str) -> Doc:
        words, spaces = get_words_and_spaces(self.words(text), text)
        return Doc(self.vocab, words=words, spaces=spaces)


@registry.tokenizers("jixiao.PkusegTokenizer.v1")
def create_pkuseg_tokenizer(split_figures: bool = True) -> Callable[[Language], PkusegTokenizer]:
    """Registered for config.cfg's `[nlp.tokenizer]`; the model directory is resolved at run time."""
    def make(nlp: Language) -> PkusegTokenizer:
        return PkusegTokenizer(nlp.vocab, split_figures=split_figures)
    return make
