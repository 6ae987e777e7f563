"""The labeling config is generated from the schema: every name a reviewer can pick is a
schema name, and every schema name can be picked."""
import xml.etree.ElementTree as ET

from extract import schema
from extract.learn.nlp.labelconfig import ALLOWED, ATTRIBUTE, ENTITY, ITEM, SLOT, VALUE, label_config


def _config():
    return ET.fromstring(label_config())


def _values(root, tag, name):
    (control,) = [c for c in root.iter(tag) if c.get("name") == name]
    return control, [c.get("value") for c in control]


def test_the_document_text_is_the_task_text():
    (text,) = list(_config().iter("Text"))
    assert text.get("name") == "text" and text.get("value") == "$text"


def test_entity_labels_are_the_schema_entity_labels():
    control, values = _values(_config(), "Labels", ENTITY)
    assert values == list(schema.ENTITY_LABELS) and control.get("toName") == "text"


def test_field_and_indicator_regions_have_their_own_labels():
    _, values = _values(_config(), "Labels", ITEM)
    assert values == ["FIELD", "INDICATOR"]


def test_every_slot_is_a_per_region_choice():
    control, values = _values(_config(), "Choices", SLOT)
    assert control.get("perRegion") == "true"
    assert values == list(schema.SLOTS)


def test_every_indicator_attribute_is_a_per_region_choice():
    control, values = _values(_config(), "Choices", ATTRIBUTE)
    assert control.get("perRegion") == "true"
    assert set(values) >= {"level1", "level2", "name", "content", "target", "actual", "weight", "score"}
    assert values == list(schema.INDICATOR_ATTRIBUTES)


def test_the_corrected_value_is_a_per_region_text_area():
    (area,) = [c for c in _config().iter("TextArea") if c.get("name") == VALUE]
    assert area.get("perRegion") == "true" and area.get("toName") == "text"


def test_validation_allows_exactly_what_the_config_offers():
    root = _config()
    for tag, name in (("Labels", ITEM), ("Labels", ENTITY), ("Choices", SLOT), ("Choices", ATTRIBUTE)):
        assert set(_values(root, tag, name)[1]) == ALLOWED[name]
