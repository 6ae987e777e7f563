"""Open OOXML (DOCX, XLSX) zips safely: a zip bomb is refused before anything inflates.

The zip's central directory states every member's uncompressed size; when their sum
exceeds `limits.max_unzipped_bytes` we stop before parsing, so a 40 KB file that
inflates to gigabytes costs nothing. A directory that lies about a size gains nothing
either: zipfile never inflates a member beyond its declared size (and then fails on
the CRC).
"""
from __future__ import annotations

import io
import zipfile

from extract.config import Limits
from extract.read.errors import ReadError


def open_ooxml(data: bytes, kind: str, limits: Limits, main_part: str) -> zipfile.ZipFile:
    """The zip of a DOCX/XLSX after the size checks; ReadError when it is not one.

    `main_part` is the member every file of the kind has (word/document.xml …)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as e:
        raise ReadError("corrupt", f"the {kind} file is not a readable zip archive ({e}); "
                        "it is damaged or truncated: re-save it from the original program") from None
    total = sum(max(i.file_size, 0) for i in infos)
    if total > limits.max_unzipped_bytes:
        raise ReadError("zip_bomb", f"the {kind} file would inflate to {total} bytes, over the limit of "
                        f"{limits.max_unzipped_bytes} (max_unzipped_bytes); it is a zip bomb or a huge file: "
                        "check it, or raise [limits] max_unzipped_bytes in jixiao.toml")
    if any(i.flag_bits & 0x1 for i in infos):
        raise ReadError("encrypted", f"the {kind} file is password protected; remove the password and retry")
    if main_part not in zf.namelist():
        raise ReadError("corrupt", f"the zip has no {main_part}: it is not a {kind} file "
                        f"(another kind of zip named .{kind.lower()}?)")
    return zf
