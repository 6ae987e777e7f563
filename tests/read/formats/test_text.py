"""The text reader: UTF-8 with or without BOM, GBK/GB18030, clear errors otherwise."""
import pytest

from extract.read.errors import ReadError
from extract.read.formats import read_bytes
from extract.read.formats.text import decode

SAMPLE = "部门整体支出绩效自评表\n年度资金总额\t2369.3\n"


@pytest.mark.parametrize("data, encoding", [
    (SAMPLE.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), "utf-8-sig"),
    (SAMPLE.encode("gbk"), "gb18030"),
    (SAMPLE.encode("gb18030"), "gb18030"),
])
def test_encodings_seen_in_reports_decode_to_the_same_text(data, encoding):
    text, enc = decode(data)
    assert text == SAMPLE and enc == encoding


def test_undecodable_bytes_give_a_clear_error():
    with pytest.raises(ReadError) as e:
        read_bytes(b"\x81\x20\xff\xfe\x80" * 200, "x.txt")
    assert e.value.code in ("undecodable", "binary")
    assert "UTF-8" in e.value.message or "binary" in e.value.message


def test_empty_and_whitespace_files_are_errors_not_empty_records():
    for data in (b"", b"   \n\n"):
        with pytest.raises(ReadError) as e:
            read_bytes(data, "x.txt")
        assert e.value.code == "empty"
