"""What the tables mean (extract/slots/tables.py): label | value cells of a department's form."""
import pytest

from extract.pipeline import extract_document
from extract.read.formats import read_path

HEAD = "某县农业农村局2023年度部门整体支出绩效自评表\n"


def _staff(tmp_path, body):
    p = tmp_path / "form.txt"
    p.write_text(HEAD + body + "\n", encoding="utf-8")
    ex = extract_document(read_path(p))
    return ex.number("staff.authorized"), ex.number("staff.actual")


@pytest.mark.parametrize("body", [
    "部门编制数\t15\t年末实有人数\t14",
    "单位编制人数\t15\t单位实有人数\t14",
    "年初编制数\t15\t年末实有人数\t14",
    "核定编制\t15\t实有\t14",
    "编制内人数\t15\t编制内实有人数\t14",
])
def test_staff_label_cells_with_the_units_words(tmp_path, body):
    """编制数 / 实有人数 label cells with the unit's words before them (部门, 单位, 年初, 年末)."""
    assert _staff(tmp_path, body) == (15, 14)


@pytest.mark.parametrize("body", [
    "编制情况\t编制数15人\t实有人数14人",
    "在职人员控制率\t编制人数15人，实有人数14人",
])
def test_a_staff_label_and_its_figure_in_one_cell(tmp_path, body):
    assert _staff(tmp_path, body) == (15, 14)


def test_retired_staff_in_a_cell_are_not_the_head_count(tmp_path):
    assert _staff(tmp_path, "人员情况\t编制数15人，退休在职人数3人")[1] is None


def test_staff_labels_over_figures_that_carry_their_measure_word(tmp_path):
    """'编制人数 实有人数 在职人员控制率' over '15人 14人 93.33%': each figure under its label."""
    assert _staff(tmp_path, "编制人数\t实有人数\t在职人员控制率\n15人\t14人\t93.33%") == (15, 14)
