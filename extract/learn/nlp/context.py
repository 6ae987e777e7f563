"""Where a span sits in flattened report text: its row header, column header, section heading.

Reports reach us as text with tables flattened into tab-separated lines, so the context
that tells a figure's meaning (`年度资金总额` row × `全年执行数` column, or the `分值`
column of an indicator row, or the heading `三、"三公"经费`) is recovered from the text
itself. Both the slot linker (features) and the annotation bootstrap (disambiguating which
gold slot a figure is) use these, so training and run time read context the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．](?!\d))")
_DIGIT = re.compile(r"\d")
MAX_HEADER_LOOKBACK = 25        # lines searched upwards for a column header
MAX_HEADING_LOOKBACK = 4000     # characters searched upwards for a section heading


@dataclass(frozen=True)
class Context:
    left: str            # up to 16 characters before the span on its line (cell breaks kept)
    right: str           # up to 8 characters after it on its line
    row_header: str      # the first non-empty cell of the span's line, when the line is a table row
    column_header: str   # the cell above, in the nearest header-like line with the same cell index
    heading: str         # the nearest numbered heading line above
    cell_index: int      # the span's cell on its line (0 when the line has no tabs)


def line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def _cells(line: str) -> list[str]:
    return line.split("\t")


def column_header(text: str, line_start: int, index: int) -> str:
    """The nearest cell above at `index` that reads like a header (text without digits)."""
    pos = line_start
    for _ in range(MAX_HEADER_LOOKBACK):
        if pos <= 0:
            break
        prev_start = text.rfind("\n", 0, pos - 1) + 1
        cells = _cells(text[prev_start:pos - 1])
        if len(cells) > index and len(cells) >= 2:
            cell = cells[index].strip()
            if cell and not _DIGIT.search(cell):
                return cell[:20]
        pos = prev_start
    return ""


def section_heading(text: str, pos: int) -> str:
    floor = max(0, pos - MAX_HEADING_LOOKBACK)
    end = text.rfind("\n", 0, pos)
    while end > floor:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if len(line) <= 40 and _HEADING.match(line):
            return line.strip()[:30]
        end = start - 1
    return ""


def context_of(text: str, start: int, end: int) -> Context:
    """The context of the span text[start:end]."""
    ls, le = line_bounds(text, start)
    line = text[ls:le]
    index = text.count("\t", ls, start)
    row_header = ""
    if "\t" in line:
        row_header = next((c.strip() for c in _cells(line) if c.strip()), "")[:20]
    return Context(
        left=text[max(ls, start - 16):start],
        right=text[end:min(le, end + 8)],
        row_header=row_header,
        column_header=column_header(text, ls, index) if "\t" in line else "",
        heading=section_heading(text, start),
        cell_index=index,
    )
