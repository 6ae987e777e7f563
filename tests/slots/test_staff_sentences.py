"""Staff counts stated in a department report's sentences (extract/slots/prose.py): the label words
of the 编制 figure in the order a sentence puts them (编制核定数, 核定人数) as well as the form's."""
from __future__ import annotations

from extract.config import Config, replace_models
from extract.pipeline import extract_path

CFG = replace_models(Config(), use_models=False)


def _staff(tmp_path, sentence: str) -> dict:
    p = tmp_path / "dept.txt"
    p.write_text("某某中心2023年度部门整体支出绩效自评报告\n一、部门基本情况\n" + sentence + "\n", encoding="utf-8")
    return {x["slot"]: x["value"]["value"] for x in extract_path(p, CFG)["fields"] if x["slot"].startswith("staff.")}


def test_the_authorized_count_named_编制核定(tmp_path):
    assert _staff(tmp_path, "（二）人员情况：内设3个科室，市编委编制核定数 15名。")["staff.authorized"] == 15


def test_the_authorized_count_named_核定人数_beside_the_actual(tmp_path):
    got = _staff(tmp_path, "本单位编制部门核定人数15人、在职人数12人、退休人数3人。")
    assert (got.get("staff.authorized"), got.get("staff.actual")) == (15, 12)


def test_the_actual_count_of_one_category_is_the_whole_where_no_other_category_is_counted(tmp_path):
    """A 事业单位 counts its staff as 实有事业人员; where the sentence counts another category after it
    (实有行政人员5人，事业人员7人) each is a part, and no whole is stated."""
    assert _staff(tmp_path, "市编委编制核定数 15名。实有事业人员 12 名、离退休人员 3 名。")["staff.actual"] == 12
    assert "staff.actual" not in _staff(tmp_path, "本单位实有行政人员5人，事业人员7人。")
