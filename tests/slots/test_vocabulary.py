"""The forms' label vocabulary (extract/slots/vocabulary.py, TEMPLATES.md)."""
from extract.slots import vocabulary as vc


def test_a_printed_header_cell_is_a_column_word_without_its_spaces_and_letters():
    assert vc.funding_column_word("全年预算数（A）") == "full_year_budget"
    assert vc.funding_column_word("全 年 执行数") == "executed"
    assert vc.funding_column_word("项目资金") is None


def test_the_first_and_last_lines_of_a_wrapped_header_cell():
    assert vc.begins_funding_column_word("年初") and vc.begins_funding_column_word("执行")
    assert not vc.begins_funding_column_word("执行率")          # a whole word, not a piece of one
    assert vc.ends_funding_column_word("数") and vc.ends_funding_column_word("值")
    assert not vc.ends_funding_column_word("某某局")


def test_a_first_line_names_a_column_only_when_every_word_it_begins_is_of_that_column():
    assert vc.funding_column_head("全年执行") == "executed"
    assert vc.funding_column_head("年初") == "initial_budget"
    assert vc.funding_column_head("全年") is None              # 全年预算数 or 全年执行数


def test_a_column_word_with_one_character_misread_is_that_word_when_only_one_is_that_close():
    assert vc.misread_as("年初预匏数") == "年初预算数"
    assert vc.misread_as("调整预算将") == "调整预算数"
    assert vc.misread_as("全年预算数") is None              # no misread: the word itself
    assert vc.misread_as("预算") is None                    # too short to tell


def test_the_table_pass_and_the_cell_stream_know_the_same_funding_columns():
    from extract.slots import funding_cells, tables
    assert funding_cells.COLS is vc.FUNDING_COLUMNS
    assert [(p, c) for p, c, _ in tables.FUNDING_COLS] == list(vc.FUNDING_COLUMNS)
    assert [(p, c) for p, c, _ in tables.FUNDING_COLS_WIDE] == list(vc.FUNDING_COLUMNS_WIDE)


def test_the_table_pass_and_the_cell_stream_know_the_same_funding_rows():
    from extract.slots import funding_cells, tables
    assert funding_cells.ROWS is vc.FUNDING_ROWS
    assert set(tables.FUNDING_ROWS) <= set(vc.FUNDING_ROWS)
    assert {row for _, row in tables.FUNDING_ROWS} == {None, *vc.FORM_ROWS}   # 基本/项目支出 are no funding rows there


def test_a_part_by_level_of_government_is_no_row_of_the_form():
    from extract.slots import funding_cells
    assert funding_cells._row("中央财政资金") == (True, None)
    assert funding_cells._row("其中：当年财政拨款")[1] == "fiscal"
    assert funding_cells._row("一般公共预算安排") == (False, None)     # an allocation's words, not the fiscal row


def test_the_readers_know_the_same_three_public_labels():
    from extract.slots import funding_cells, prose, tables
    assert tables.THREE_PUBLIC_ROWS is vc.THREE_PUBLIC_ROWS and prose._TP_ROW is vc.THREE_PUBLIC_ROWS
    assert prose._GRID_TP_PART is vc.THREE_PUBLIC_PARTS
    for words in ("“三公”经费", "公务接待费", "公务用车购置及运行维护费", "因公出国（境）费"):
        assert tables._THREE_PUBLIC_WORD.search(words) and funding_cells._THREE_PUBLIC.search(words)


def test_a_staff_label_one_reader_knows_the_others_know_too():
    import re
    from extract.slots import prose, tables
    for word in ("编制人数", "人员编制数", "核定编制", "编制总数"):
        assert prose._STAFF_LABEL.match(word).group(2) and prose._GRID_STAFF.match(word).group(2)
        assert tables._match(tables.KV_LABELS, word) == "staff.authorized"
    for word in ("实有人数", "实有在职人数", "实际在职人数", "在职人数", "在编人数", "在职人员"):
        assert prose._STAFF_LABEL.match(word).group(3) and prose._GRID_STAFF.match(word).group(3)
        assert tables._match(tables.KV_LABELS, word) == "staff.actual"
    assert tables._STAFF_IN_CELL.search("编制人数15人，实有人数14人").group(1) == "编制人数"
    assert not re.fullmatch(vc.STAFF_AUTHORIZED, "行政编制")          # a part of the 编制, not the whole


def test_a_row_label_cell_wrapped_in_two_lines():
    assert vc.wrapped_row_label("年度资金", "总额") == "年度资金总额"
    assert vc.wrapped_row_label("其中：当年财政", "拨款") == "其中：当年财政拨款"
    assert vc.wrapped_row_label("其他资金", "总额") is None        # a whole label already
    assert vc.wrapped_row_label("某某", "总额") is None
