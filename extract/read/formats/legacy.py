"""Legacy .doc/.xls/.wps/.et files: converted by LibreOffice, then read as DOCX/XLSX.

Old binary Office formats are converted with `soffice --headless --convert-to` into a
temporary directory, with a private LibreOffice profile (so parallel workers do not
share one) and a timeout (a hanging conversion kills only that file). Without
LibreOffice the file gets `converter_missing` saying what to install. An OLE file
holding an `EncryptedPackage` stream is a password-protected DOCX/XLSX: `encrypted`.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from extract.config import Limits
from extract.read.document import Document
from extract.read.errors import ReadError

INSTALL = "install LibreOffice: apt-get install libreoffice-writer libreoffice-calc"
SHEET_SUFFIXES = (".xls", ".et")
_WORKBOOK = "Workbook".encode("utf-16-le")
_BOOK = "Book".encode("utf-16-le")
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def _is_workbook(data: bytes, suffix: str) -> bool:
    if suffix in SHEET_SUFFIXES:
        return True
    if suffix in (".doc", ".wps"):
        return False
    return _WORKBOOK in data or _BOOK in data[:65536]


def _garbled(text: str) -> bool:
    """A damaged OLE file that LibreOffice opened as plain text: replacement characters and symbols."""
    sample = [ch for ch in text[:5000] if not ch.isspace()]
    if not sample:
        return False
    words = sum(1 for ch in sample if ch.isalnum() and ch != "\ufffd")
    return "\ufffd" in text[:200] and words / len(sample) < 0.5


def read_legacy(data: bytes, path: str, limits: Limits) -> Document:
    if _ENCRYPTED in data:
        raise ReadError("encrypted", "the Office file is password protected; remove the password and retry")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ReadError("converter_missing", f"{Path(path).suffix or 'legacy Office'} files are converted "
                        f"with LibreOffice, which is not installed; {INSTALL}")
    suffix = Path(path).suffix.lower() or ".doc"
    sheet = _is_workbook(data, suffix)
    target = "xlsx" if sheet else "docx"
    with tempfile.TemporaryDirectory(prefix="jixiao-legacy-") as tmp:
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(Path(tmp) / "out"), str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=limits.timeout_seconds, check=False)
        except subprocess.TimeoutExpired:
            raise ReadError("conversion_timeout", f"LibreOffice did not convert the file within "
                            f"{limits.timeout_seconds:.0f} s; it may be damaged, or raise [limits] timeout_seconds") from None
        out = Path(tmp) / "out" / f"input.{target}"
        if not out.exists() or out.stat().st_size == 0:
            raise ReadError("conversion_failed", f"LibreOffice could not convert this {suffix} file "
                            "(damaged, or not really a Word/Excel file); open and re-save it in an Office program")
        converted = out.read_bytes()
    if sheet:
        from extract.read.formats.xlsx import read_xlsx
        doc = read_xlsx(converted, path, limits)
    else:
        from extract.read.formats.docx import read_docx
        doc = read_docx(converted, path, limits)
    if _garbled(doc.text):
        raise ReadError("conversion_failed", f"LibreOffice could only read this {suffix} file as raw bytes: "
                        "it is damaged or not really a Word/Excel file; open and re-save it in an Office program")
    doc.format = suffix.lstrip(".")
    doc.meta["converted_with"] = "libreoffice"
    return doc
