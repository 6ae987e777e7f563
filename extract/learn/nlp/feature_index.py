"""pkuseg's feature index, loaded piece by piece as the texts need it.

Why: pkuseg looks every candidate feature of a character up in one dict of 2.6 million
feature names. Building that dict was most of a worker's start-up (1.5-2 s, ~300 MB per
process), and a big dict is slow to look up in (cache misses), yet a text can only ever
find the features made of its own characters: a few tens of thousands.

Every feature pkuseg looks up at a node is a kind prefix (`c-1c.`, `w1.`, `ww.l.`, ...)
followed by a contiguous run of the text's normalised nodes (single characters, or the
tokens `**Num` / `**Letter`, or `**noWord` for "no dictionary word here") joined by `.` or
`*`. Its *key* is the first two characters left once the prefix, the tokens and the
separators are removed (one or none when fewer are left). So a text can only find
features whose key is one of its characters, or two of its characters that are adjacent
once the tokens are dropped. `FeatureIndex.admit` puts exactly the buckets holding those
keys into the dict pkuseg reads, before pkuseg reads it: a lookup then finds a feature
if and only if the full dict has it, and the segmentation is pkuseg's own (the tests
compare the two on every seed and pool text and on scrambled ones).

On disk (written once per installed model by `write`): the feature names grouped by
bucket (`feature_names.bin`, UTF-8, one per line), their ids in the same order
(`feature_ids.npy`), and where each bucket starts in both (`feature_buckets.npy`). All
three are memory-mapped; nothing is read until a text needs it.
"""
from __future__ import annotations

import mmap
import re
import zlib
from pathlib import Path
from typing import Iterable

import numpy

BUCKET_BITS = 20            # 1,048,576 buckets, ~2.5 features each: a text loads little it cannot use

_PREFIX = re.compile(r"(?:ww\.[lr]|[^.]*)\.")                # `c-1c.`, `w1.`, `ww.l.`; `$$` has none
_NOT_TEXT = re.compile(r"\*\*(?:Num|Letter|noWord)|[.*]")    # tokens and separators: not text characters


def feature_key(name: str) -> str:
    """The first two text characters of a feature name ('' for `$$` or a feature of tokens only)."""
    prefix = _PREFIX.match(name)
    if prefix is None:
        return ""
    return _NOT_TEXT.sub("", name[prefix.end():])[:2]


def text_keys(nodes: Iterable[str]) -> set[str]:
    """Every key a feature found for these normalised nodes can have: '' , each character,
    and each pair of characters adjacent once the tokens (`**Num`, `**Letter`) are dropped.
    Text cannot hold `.` or `*`: pkuseg renames them (and `-_,|/:`) to `&` first."""
    chars = [n for n in nodes if len(n) == 1]
    keys = set(chars)
    keys.update(map(str.__add__, chars, chars[1:]))
    keys.add("")
    return keys


def bucket_of(key: str, bits: int = BUCKET_BITS) -> int:
    """A bucket number that is the same in every process (unlike `hash`, which is salted)."""
    return zlib.crc32(key.encode("utf-8")) & ((1 << bits) - 1)


def write(feature_to_idx: dict[str, int], folder: Path, bits: int = BUCKET_BITS) -> None:
    """Store `feature_to_idx` in `folder` grouped by bucket (see the module docstring)."""
    if any("\n" in name for name in feature_to_idx):
        raise ValueError("a pkuseg feature name holds a newline: this model cannot be indexed by line")
    buckets: list[list[str]] = [[] for _ in range(1 << bits)]
    for name in feature_to_idx:
        buckets[bucket_of(feature_key(name), bits)].append(name)
    starts = numpy.zeros((len(buckets) + 1, 2), dtype=numpy.int64)     # (byte offset, row) per bucket
    ids = numpy.empty(len(feature_to_idx), dtype=numpy.int32)
    row = offset = 0
    with open(folder / "feature_names.bin", "wb") as out:
        for b, names in enumerate(buckets):
            for name in names:
                ids[row] = feature_to_idx[name]
                row += 1
            data = ("\n".join(names) + "\n").encode("utf-8") if names else b""
            out.write(data)
            offset += len(data)
            starts[b + 1] = (offset, row)
    numpy.save(folder / "feature_ids.npy", ids)
    numpy.save(folder / "feature_buckets.npy", starts)


def present(folder: Path) -> bool:
    return all((folder / name).exists() for name in ("feature_names.bin", "feature_ids.npy", "feature_buckets.npy"))


class FeatureIndex:
    """The dict pkuseg reads (`feature_to_idx`), filled bucket by bucket by `admit`."""

    def __init__(self, folder: Path):
        self.starts = numpy.load(folder / "feature_buckets.npy", mmap_mode="r")
        self.ids = numpy.load(folder / "feature_ids.npy", mmap_mode="r")
        self.bits = (len(self.starts) - 1).bit_length() - 1
        if len(self.starts) != (1 << self.bits) + 1 or int(self.starts[-1, 1]) != len(self.ids):
            raise RuntimeError(f"{folder}: the pkuseg feature index is damaged; delete the folder to rebuild it")
        with open(folder / "feature_names.bin", "rb") as fh:
            self.names = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) if fh.seek(0, 2) else b""
        self.feature_to_idx: dict[str, int] = {}
        self._keys: set[str] = set()          # keys admitted so far
        self._buckets: set[int] = set()       # buckets loaded so far
        self.admit(())

    def __len__(self) -> int:
        """How many features the whole index holds (not how many are loaded)."""
        return len(self.ids)

    def admit(self, nodes: Iterable[str]) -> None:
        """Load every feature that a text of these normalised nodes could look up."""
        keys = text_keys(nodes) - self._keys
        if not keys:
            return
        self._keys |= keys
        buckets = {bucket_of(k, self.bits) for k in keys} - self._buckets
        self._buckets |= buckets
        for b in buckets:
            (start, row), (end, _) = self.starts[b:b + 2].tolist()
            if end > start:
                names = self.names[start:end - 1].decode("utf-8").split("\n")
                self.feature_to_idx.update(zip(names, self.ids[row:row + len(names)].tolist()))
