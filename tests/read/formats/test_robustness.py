"""Damaged files of every format: a Document or a ReadError, never another exception."""
from __future__ import annotations

import random
import zlib

import pytest

from extract.pipeline import extract_path
from extract.read.errors import ReadError
from extract.read.formats import pdf as pdf_reader
from extract.read.formats import read_bytes, read_path

from reader_helpers import FIXTURES

SAMPLES = [("pdf", "004_6f163e2949542c61"), ("docx", "004_6f163e2949542c61"),
           ("xlsx", "004_6f163e2949542c61"), ("html", "004_6f163e2949542c61")]


def _mutations(data: bytes, seed: int, n: int = 6):
    rng = random.Random(seed)
    for _ in range(n):
        b = bytearray(data)
        start = rng.randrange(len(b) // 4, len(b))
        for i in range(start, min(len(b), start + rng.randrange(1, 400))):
            b[i] = rng.randrange(256)
        yield bytes(b)
        yield data[: rng.randrange(16, len(data))]          # truncated


@pytest.mark.parametrize("fmt, stem", SAMPLES)
def test_damaged_files_read_or_fail_with_a_read_error(fmt, stem):
    data = (FIXTURES / fmt / f"{stem}.{fmt}").read_bytes()
    codes = set()
    for k, bad in enumerate(_mutations(data, seed=zlib.crc32(f"{fmt}{stem}".encode()))):
        try:
            doc = read_bytes(bad, f"bad.{fmt}")
            assert isinstance(doc.text, str)
        except ReadError as e:
            codes.add(e.code)
    assert codes <= {"corrupt", "unreadable", "empty", "scanned_pdf", "encrypted", "undecodable", "zip_bomb"}


def test_a_library_failure_inside_a_reader_is_a_read_error(monkeypatch, tmp_path):
    def boom(*args, **kwargs):
        raise KeyError("/Contents")
    monkeypatch.setattr(pdf_reader, "page_chars", boom)
    path = FIXTURES / "pdf" / "004_6f163e2949542c61.pdf"
    with pytest.raises(ReadError) as e:
        read_path(path)
    assert e.value.code == "unreadable" and "KeyError" in e.value.message
    assert extract_path(path)["error_code"] == "unreadable"
