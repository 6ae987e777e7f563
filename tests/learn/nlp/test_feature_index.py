"""The feature index: which features a text can find, and loading only those."""
from __future__ import annotations

from extract.learn.nlp import feature_index
from extract.learn.nlp.feature_index import FeatureIndex, feature_key, text_keys


def test_a_feature_key_is_its_first_two_text_characters():
    assert feature_key("c.部") == "部"
    assert feature_key("c-1c.部.门") == "部门"
    assert feature_key("c-2c-1.**Num.年") == "年"
    assert feature_key("w1.绩效目标") == "绩效"
    assert feature_key("ww.l.**noWord***Num年度") == "年度"
    assert feature_key("ww.r.部门*预算") == "部门"
    assert feature_key("c.**Num") == ""
    assert feature_key("$$") == ""


def test_a_text_admits_its_characters_and_their_neighbours_past_tokens():
    nodes = ["部", "**Num", "门", "&", "**Letter"]
    assert text_keys(nodes) == {"", "部", "门", "&", "部门", "门&"}
    assert text_keys([]) == {""}


def test_every_feature_a_text_can_look_up_is_loaded_and_nothing_else_is_needed(tmp_path):
    names = {"$$": 0, "c.部": 1, "c.门": 2, "c-1c.部.门": 3, "w1.部门": 4, "c.**Num": 5,
             "ww.l.**noWord*部门": 6, "c.局": 7, "cc1.门.局": 8}
    feature_index.write(names, tmp_path, bits=3)
    index = FeatureIndex(tmp_path)
    assert len(index) == len(names)
    assert {"$$", "c.**Num"} <= set(index.feature_to_idx)          # token-only features: always there
    index.admit(["部", "门"])
    loaded = index.feature_to_idx
    for name in ("c.部", "c.门", "c-1c.部.门", "w1.部门", "ww.l.**noWord*部门"):
        assert loaded[name] == names[name]
    assert all(loaded[name] == names[name] for name in loaded)      # whatever else a bucket holds is right
    index.admit(["门", "局"])
    assert loaded["cc1.门.局"] == 8 and loaded["c.局"] == 7


def test_an_empty_index_loads(tmp_path):
    feature_index.write({}, tmp_path, bits=2)
    index = FeatureIndex(tmp_path)
    index.admit(["部"])
    assert len(index) == 0 and index.feature_to_idx == {}
