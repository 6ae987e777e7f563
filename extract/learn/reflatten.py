"""The same report flattened the other ways reports arrive.

Reports reach us as text pasted out of DOCX/PDF with their tables flattened by whatever
tool the publisher used: tab-separated cells, ` | ` pipes, runs of spaces, one cell per
line, or everything run on in one paragraph. The rules were written while reading the
corpus, so on the corpus they are surer than on a layout nobody tuned them to. Re-flattening
a judged report gives the calibrator examples of the reader meeting a layout it was not
written for, with the gold still known (`crossval.judged_documents(..., reflattened=True)`).
"""
from __future__ import annotations

import re
from typing import Iterator


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def variants(text: str) -> Iterator[tuple[str, str]]:
    """(name, text) for each flattening that changes the text; the figures and words stay."""
    lines = text.split("\n")
    if any("\t" in ln for ln in lines):
        yield "pipes", "\n".join(" | ".join(_cells(ln)) if "\t" in ln else ln for ln in lines)
        yield "spaces", text.replace("\t", "  ")
        yield "cells", "\n".join("\n".join(c for c in _cells(ln) if c) + "\n" if "\t" in ln else ln
                                 for ln in lines)
    run_on = re.sub(r"\s+", " ", text)
    if run_on != text:
        yield "run_on", run_on
