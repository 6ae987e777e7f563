"""OCR of scanned PDF pages with tesseract (chi_sim), when it is installed.

A scanned report has no text layer (or one from fonts without a ToUnicode map, which
reads as junk). We render each page with PDFium at 300 dpi and run the tesseract
command line on it, one thread (`OMP_THREAD_LIMIT=1`: batch workers already use
every core), with a timeout per page. Tesseract reads prose well and tables poorly,
so OCR pages come back as paragraphs only. Tesseract puts spaces between Chinese
characters; those are removed.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from extract.read.errors import ReadError

DPI = 300
LANGS = ("chi_sim", "eng")
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_CJK_GAP = re.compile(rf"(?<={_CJK}) +(?={_CJK})")
INSTALL = "install tesseract-ocr and tesseract-ocr-chi-sim to OCR it (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"


def tesseract_languages() -> Optional[set[str]]:
    """Languages of the installed tesseract, or None when there is no tesseract."""
    exe = shutil.which("tesseract")
    if not exe:
        return None
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return {ln.strip() for ln in out.splitlines()[1:] if ln.strip()}


def require_tesseract() -> str:
    """The language argument for tesseract; ReadError when chi_sim OCR is not possible."""
    langs = tesseract_languages()
    if langs is None or "chi_sim" not in langs:
        raise ReadError("scanned_pdf", f"scanned PDF, no text layer; {INSTALL}")
    return "+".join(lang for lang in LANGS if lang in langs)


def ocr_page(page, lang: str, timeout: float) -> str:
    """The text tesseract reads on one pypdfium2 page (paragraphs separated by blank lines)."""
    image = page.render(scale=DPI / 72, grayscale=True).to_pil()
    with tempfile.TemporaryDirectory(prefix="jixiao-ocr-") as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        try:
            done = subprocess.run(["tesseract", str(png), "stdout", "-l", lang, "--psm", "3",
                                   "-c", "preserve_interword_spaces=1"],
                                  capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            raise ReadError("ocr_timeout", f"OCR of one page took over {timeout:.0f} s; "
                            "raise [limits] timeout_seconds or OCR the file separately") from None
    if done.returncode != 0:
        raise ReadError("ocr_failed", "tesseract failed: " + done.stderr.decode("utf-8", "replace")[-300:])
    text = done.stdout.decode("utf-8", "replace").replace("\f", "")
    return "\n".join(_CJK_GAP.sub("", ln).strip() for ln in text.splitlines())
