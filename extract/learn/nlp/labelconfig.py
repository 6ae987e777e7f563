"""The Label Studio labeling config, generated from `extract.schema`.

Generated rather than written by hand so that a slot or entity label added to the schema
appears in the review tool at the next push, and so that `tasks.validate_task` checks
exported regions against exactly the names the reviewers could choose from.

Control names (`from_name` in Label Studio results) are the contract with the training
side, which reads annotations/ in Label Studio's export format:

- `item`      Labels FIELD | INDICATOR: a region holding one record value;
- `entity`    Labels of `schema.ENTITY_LABELS`: the trained pipeline's entities;
- `slot`      per-region Choices, one of `schema.SLOTS`, for FIELD regions;
- `attribute` per-region Choices, one of `schema.INDICATOR_ATTRIBUTES`, for INDICATOR regions;
- `value`     per-region TextArea: the normalised value as the reviewer corrected it
              (written so `extract.slots.normalize.parse_value` reads it back, e.g. `≥40 个`).

Two Labels controls, because "INDICATOR" is both an entity label and a record item.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from extract import schema

TEXT = "text"              # the <Text> object tag; every control points to it
ITEM = "item"
ENTITY = "entity"
SLOT = "slot"
ATTRIBUTE = "attribute"
VALUE = "value"

FIELD_LABEL = "FIELD"
INDICATOR_LABEL = "INDICATOR"
ITEM_LABELS = (FIELD_LABEL, INDICATOR_LABEL)

# control name -> the values a result of that control may carry
ALLOWED: dict[str, frozenset[str]] = {
    ITEM: frozenset(ITEM_LABELS),
    ENTITY: frozenset(schema.ENTITY_LABELS),
    SLOT: frozenset(schema.SLOTS),
    ATTRIBUTE: frozenset(schema.INDICATOR_ATTRIBUTES),
}
# control name -> Label Studio result type
TYPES: dict[str, str] = {ITEM: "labels", ENTITY: "labels", SLOT: "choices",
                         ATTRIBUTE: "choices", VALUE: "textarea"}

_ITEM_COLOURS = {FIELD_LABEL: "#1f77b4", INDICATOR_LABEL: "#9467bd"}
_ENTITY_COLOURS = ("#2ca02c", "#17becf", "#bcbd22", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f", "#d62728")


def label_config() -> str:
    """The XML labeling config for a jixiao review project."""
    view = ET.Element("View")
    ET.SubElement(view, "Header", value="$path", size="5")
    items = ET.SubElement(view, "Labels", name=ITEM, toName=TEXT, choice="single", showInline="true")
    for label in ITEM_LABELS:
        ET.SubElement(items, "Label", value=label, background=_ITEM_COLOURS[label])
    entities = ET.SubElement(view, "Labels", name=ENTITY, toName=TEXT, choice="single", showInline="true")
    for i, label in enumerate(schema.ENTITY_LABELS):
        ET.SubElement(entities, "Label", value=label, background=_ENTITY_COLOURS[i % len(_ENTITY_COLOURS)])
    # text on the left, the selected region's slot/attribute/value beside it (sticky), so a
    # reviewer of a long report need not scroll to the end of the text to correct a region
    row = ET.SubElement(view, "View", style="display: flex; align-items: flex-start; gap: 16px")
    ET.SubElement(ET.SubElement(row, "View", style="flex: 3; min-width: 0"),
                  "Text", name=TEXT, value="$text", granularity="symbol")
    side = ET.SubElement(row, "View", style="flex: 1; min-width: 260px; position: sticky; top: 0")
    region = ET.SubElement(side, "View", visibleWhen="region-selected")
    ET.SubElement(region, "Header", value="Slot (FIELD regions)", size="6")
    slots = ET.SubElement(region, "Choices", name=SLOT, toName=TEXT, perRegion="true",
                          choice="single", layout="select")
    for name, s in schema.SLOTS.items():
        attrs = {"value": name}
        if s.labels:
            attrs["hint"] = " / ".join(s.labels[:3])
        ET.SubElement(slots, "Choice", attrs)
    ET.SubElement(region, "Header", value="Indicator attribute (INDICATOR regions)", size="6")
    attributes = ET.SubElement(region, "Choices", name=ATTRIBUTE, toName=TEXT, perRegion="true",
                               choice="single", layout="select")
    for name in schema.INDICATOR_ATTRIBUTES:
        ET.SubElement(attributes, "Choice", value=name)
    ET.SubElement(region, "Header", value="Normalised value (correct it if wrong, e.g. ≥40 个, 9412.7 万元)",
                  size="6")
    ET.SubElement(region, "TextArea", name=VALUE, toName=TEXT, perRegion="true", editable="true",
                  maxSubmissions="1", rows="1")
    ET.indent(view)
    return ET.tostring(view, encoding="unicode")
