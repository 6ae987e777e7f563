"""Lines of text from positioned characters, and joining wrapped lines.

A PDF has no words or lines, only glyphs at positions. Characters whose vertical
centres lie within half a glyph height of each other are one line, read left to right,
with a space where the gap is wider than a third of the font size (and the PDF did
not draw the space itself). Lines wrapped by the layout are joined without a space
between Chinese characters and with one between Latin words, so a name wrapped
inside a table cell reads as the report wrote it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from extract.read.formats._pdfpage import Char


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    lead: float = 0.0       # width of the first word (a Latin/digit run, or one Chinese character)


def to_lines(chars: Sequence[Char]) -> list[Line]:
    """Characters grouped into lines, top to bottom, each read left to right."""
    rows: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if rows:
            last = rows[-1]
            ref = last[0]
            if abs(ch.cy - ref.cy) <= max(ref.bottom - ref.top, ch.bottom - ch.top, 1.0) * 0.5:
                last.append(ch)
                continue
        rows.append([ch])
    lines = (_line(sorted(r, key=lambda c: c.x0)) for r in rows)
    return [ln for ln in lines if ln.text]


def _line(chars: list[Char]) -> Line:
    parts: list[str] = []
    prev = None
    for ch in chars:
        if ch.text.isspace():
            if parts and parts[-1] != " ":
                parts.append(" ")
            prev = ch
            continue
        if prev is not None and not prev.text.isspace() and ch.x0 - prev.x1 > max(ch.size, 1.0) / 3:
            parts.append(" ")
        parts.append(ch.text)
        prev = ch
    text = "".join(parts).strip()
    non_space = [c for c in chars if not c.text.isspace()] or chars
    return Line(text, min(c.x0 for c in chars), max(c.x1 for c in chars),
                min(c.top for c in non_space), max(c.bottom for c in non_space),
                max((c.size for c in non_space), default=0.0), _lead(non_space))


def _lead(chars: list[Char]) -> float:
    """How wide the first word is: a layout wraps a line before a word that does not fit."""
    end = chars[0].x1
    if chars[0].text.isascii():
        for ch in chars[1:]:
            if not ch.text.isascii() or ch.text.isspace():
                break
            end = ch.x1
    return end - chars[0].x0


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def join_wrapped(pieces: Sequence[str]) -> str:
    """Lines a layout wrapped, as one text: Chinese joins directly, Latin words get a space."""
    out = ""
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and (_latin(out[-1]) and _latin(piece[0]) or out[-1] in ",;:" ):
            out += " "
        out += piece
    return out
