"""Stage 1, read: a file into a Document, its layout, and the reports it holds.

- `formats/`: one reader per file format (text, PDF, DOCX, XLSX, HTML, legacy Office, OCR),
  each filling the document model (`document.py`) with the text, pages and table cells,
  every character at its offset;
- `layout.py`: blocks and tables recovered from flattened text (tabs, pipes, one cell a line);
- `parts.py`: several reports in one file (a form per sheet, a project's form appended);
- `textnorm.py`: the reading view the rules match on (simplified script, no pinyin glosses);
- `errors.py`: `ReadError`, the one error a bad file raises, naming what to do.
"""
from __future__ import annotations

import hashlib
import logging
import os
import stat

from extract.config import Limits
from extract.read import layout, parts
from extract.read.document import Document
from extract.read.formats import read_path
from extract.read.parts import Part

log = logging.getLogger(__name__)


def read_file(path: str, limits: Limits) -> Document:
    """The file's Document; a `ReadError` saying why when it cannot be read."""
    return read_path(path, limits)


def reports_in(doc: Document) -> list[Part]:
    """The reports a file holds when it holds several (`parts.split`); [] when it holds one
    or the split fails (the split is a refinement: a bug in it must not lose the file)."""
    try:
        return parts.split(doc)
    except Exception:
        log.info("%s: splitting into reports failed", doc.path, exc_info=True)
        return []


def lay_out(doc: Document) -> None:
    """Blocks and tables of a Document whose reader gave only text (in place)."""
    layout.analyse(doc)


def file_id(path: str, regular_only: bool = False) -> str:
    """A file's id: sha256 of its bytes; '' when it cannot be read or, `regular_only`, is not
    a regular file (a FIFO or device would block a caller that cannot be killed; the worker,
    which can be, then records why)."""
    try:
        if regular_only and not stat.S_ISREG(os.stat(path).st_mode):
            return ""
        h = hashlib.sha256()
        with open(path, "rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return ""
