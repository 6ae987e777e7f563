"""Readers turn a file into a `Document`; one module per format.

`read_path` picks the reader by the file's bytes first (a PDF saved as .txt is still a
PDF) and its extension second, enforces the configured limits, and turns every
failure into a `ReadError` naming what went wrong, so a batch can record it and go on.
Readers for binary formats register themselves in `READERS`; a format whose reader
library is not installed gives `reader_unavailable` saying what to install.
"""
from __future__ import annotations

import hashlib
import importlib
from pathlib import Path
from typing import Callable, Optional

from extract.config import Limits
from extract.read.document import Document
from extract.read.errors import ReadError
from extract.read.formats.text import read_text

# format -> "module:function"; each function takes (data: bytes, path: str, limits: Limits)
READERS: dict[str, str] = {
    "pdf": "extract.read.formats.pdf:read_pdf",
    "docx": "extract.read.formats.docx:read_docx",
    "xlsx": "extract.read.formats.xlsx:read_xlsx",
    "html": "extract.read.formats.html:read_html",
    "legacy": "extract.read.formats.legacy:read_legacy",
}

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt", ".md": "txt", ".csv": "txt",
    ".pdf": "pdf", ".docx": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx",
    ".html": "html", ".htm": "html", ".shtml": "html",
    ".doc": "legacy", ".xls": "legacy", ".wps": "legacy", ".et": "legacy",
}

SUPPORTED = frozenset(EXTENSIONS)


def sniff(data: bytes, suffix: str) -> str:
    """The format the bytes are, falling back to the extension."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if suffix in (".xlsx", ".xlsm"):
            return "xlsx"
        if suffix == ".docx":
            return "docx"
        return "xlsx" if b"xl/" in data[:4096] else "docx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "legacy"
    lower = head[:512].lower()
    if lower.startswith(b"<!doctype html") or lower.startswith(b"<html") or (b"<html" in lower and b"<body" in data[:8192].lower()):
        if suffix in (".pdf", ".docx", ".xlsx", ".xlsm", ".doc", ".xls", ".wps", ".et"):
            raise ReadError("mislabelled", f"the file is named {suffix} but holds an HTML page (a failed "
                            "download or a web page saved under the wrong name?); fetch the real document")
        return "html"
    fmt = EXTENSIONS.get(suffix)
    if fmt is None:
        raise ReadError("unsupported_format", f"unknown file type {suffix or '(no extension)'!r}; "
                        f"supported: {', '.join(sorted(SUPPORTED))}")
    if fmt in ("pdf", "docx", "xlsx", "legacy"):
        kind = {"pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX", "legacy": "legacy Office"}[fmt]
        raise ReadError("corrupt", f"the file is named {suffix} but its bytes are not a {kind} file "
                        "(wrong signature); it is damaged or mislabelled")
    return fmt


def _resolve(fmt: str) -> Callable[..., Document]:
    target = READERS[fmt]
    mod_name, func = target.split(":")
    try:
        mod = importlib.import_module(mod_name)
    except ImportError as e:
        raise ReadError("reader_unavailable", f"no reader for {fmt} files in this install ({e}); "
                        "install the project with its dependencies: pip install -e .") from None
    return getattr(mod, func)


def read_bytes(data: bytes, path: str = "", limits: Optional[Limits] = None) -> Document:
    limits = limits or Limits()
    if len(data) == 0:
        raise ReadError("empty", "the file is empty (0 bytes): nothing to extract")
    if len(data) > limits.max_bytes:
        raise ReadError("too_large", f"the file is {len(data)} bytes, over the limit of {limits.max_bytes}; "
                        "raise [limits] max_bytes in jixiao.toml to read it")
    fmt = sniff(data, Path(path).suffix.lower())
    if fmt == "txt":
        doc = read_text(data, path)
    else:
        doc = _resolve(fmt)(data, path, limits)
    if len(doc.text) > limits.max_chars:
        raise ReadError("too_large", f"the text is {len(doc.text)} characters, over the limit of "
                        f"{limits.max_chars}; raise [limits] max_chars in jixiao.toml")
    doc.id = hashlib.sha256(data).hexdigest()
    doc.path = path
    return doc


def read_path(path: str | Path, limits: Optional[Limits] = None) -> Document:
    """Read one file. Every failure is a ReadError with a specific code."""
    p = Path(path)
    limits = limits or Limits()
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ReadError("not_found", f"{p} does not exist") from None
    except PermissionError:
        raise ReadError("permission_denied", f"cannot read {p}: permission denied; fix its permissions") from None
    if p.is_dir():
        raise ReadError("is_directory", f"{p} is a directory; pass files, or use `jixiao ingest` for folders")
    if size > limits.max_bytes:
        raise ReadError("too_large", f"the file is {size} bytes, over the limit of {limits.max_bytes}; "
                        "raise [limits] max_bytes in jixiao.toml to read it")
    try:
        data = p.read_bytes()
    except PermissionError:
        raise ReadError("permission_denied", f"cannot read {p}: permission denied; fix its permissions") from None
    except OSError as e:
        raise ReadError("io_error", f"cannot read {p}: {e.strerror or e}") from None
    return read_bytes(data, str(p), limits)
