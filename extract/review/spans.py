"""Where a record's values sit in its document text: one list for the review task and
the review page, so both show the same spans under the same ids.

Ids say where a span came from, so a reviewed region can be traced back to the record:
`f<n>` field n, `i<n>-<attribute>` indicator n's attribute, `e<n>` entity n.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

FIELD, INDICATOR, ENTITY = "field", "indicator", "entity"


@dataclass(frozen=True)
class Item:
    id: str
    kind: str                    # field | indicator | entity
    start: int
    end: int
    confidence: Optional[float]
    source: dict                 # the field, indicator or entity of the record
    name: str                    # the slot, the indicator attribute, or the entity label


def in_text(span: Optional[dict], length: int) -> bool:
    """A span that can be shown: integer offsets, not empty, inside the text."""
    if not span:
        return False
    start, end = span.get("start"), span.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def record_spans(record: dict, length: int) -> tuple[list[Item], list[str]]:
    """Every shown span of the record, and a note for each one left out.

    A span that is empty or outside the text is left out rather than shown at a wrong
    place; the caller reports the notes.
    """
    items: list[Item] = []
    skipped: list[str] = []

    def add(item_id: str, kind: str, span: Optional[dict], conf: Optional[float], source: dict, name: str) -> None:
        if in_text(span, length):
            items.append(Item(item_id, kind, span["start"], span["end"], conf, source, name))
        else:
            skipped.append(f"{kind} {name} ({item_id}): span {span} is not inside the text")

    for n, f in enumerate(record.get("fields") or []):
        add(f"f{n}", FIELD, f.get("span"), f.get("confidence"), f, f.get("slot") or "")
    for n, ind in enumerate(record.get("indicators") or []):
        for attr, span in (ind.get("attribute_spans") or {}).items():
            add(f"i{n}-{attr}", INDICATOR, span, ind.get("confidence"), ind, attr)
    for n, e in enumerate(record.get("entities") or []):
        add(f"e{n}", ENTITY, e, e.get("score"), e, e.get("label") or "")
    return items, skipped
