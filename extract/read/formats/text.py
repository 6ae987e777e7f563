"""Plain-text reports: decode the bytes, keep the text exactly as decoded.

Reports pasted out of Word or PDF arrive as UTF-8 (often with a BOM) or, from older
Windows tools, GBK/GB18030. We try UTF-8 first (strict), then GB18030 (a superset of
GBK and GB2312); a file that is neither gives `undecodable` naming the byte offset.
"""
from __future__ import annotations

from extract.read.document import Document
from extract.read.errors import ReadError

BOM = b"\xef\xbb\xbf"


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). Raises ReadError when no Chinese encoding fits."""
    if data.startswith(BOM):
        data = data[len(BOM):]
        enc = "utf-8-sig"
    else:
        enc = "utf-8"
    if b"\x00" in data[:4096]:
        for bom, name in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
            if data.startswith(bom):
                try:
                    return data[2:].decode(name), name
                except UnicodeDecodeError:
                    break
        raise ReadError("binary", "the file holds NUL bytes: it is binary, not text; "
                        "check its real format (PDF, DOCX, XLSX?) and give it the matching extension")
    try:
        return data.decode("utf-8"), enc
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as e:
        raise ReadError("undecodable", f"the bytes are neither UTF-8 (bad byte at offset {first_bad}) "
                        f"nor GBK/GB18030 (bad byte at offset {e.start}); re-save the file as UTF-8") from None
    if _looks_like_junk(text):
        raise ReadError("undecodable", "the bytes decode as GB18030 only to junk (no common Chinese "
                        f"characters); the file is probably binary or in another encoding (first non-UTF-8 byte at {first_bad})")
    return text, "gb18030"


def _looks_like_junk(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    common = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff" or ch.isascii())
    return common / len(sample) < 0.6


def read_text(data: bytes, path: str = "") -> Document:
    text, encoding = decode(data)
    if not text.strip():
        raise ReadError("empty", "the file has no text: nothing to extract")
    return Document(text=text, path=path, format="txt", meta={"encoding": encoding})
