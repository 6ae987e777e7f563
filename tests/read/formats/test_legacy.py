"""Legacy .doc/.xls: converted with LibreOffice when it is installed, a clear error when not."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from extract.pipeline import extract_path
from extract.read.errors import ReadError
from extract.read.formats import read_path

from reader_helpers import FIXTURES

STEM = "004_6f163e2949542c61"
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice not installed (scripts/system.d/10-documents.sh)")


@pytest.fixture(scope="module")
def legacy_files(tmp_path_factory):
    """.doc and .xls made by LibreOffice from the fixtures (binary Office formats)."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    out = tmp_path_factory.mktemp("legacy")
    profile = out / "profile"
    for src, fmt in ((FIXTURES / "docx" / f"{STEM}.docx", "doc"), (FIXTURES / "xlsx" / f"{STEM}.xlsx", "xls")):
        subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                        "--convert-to", fmt, "--outdir", str(out), str(src)], check=True, timeout=180,
                       capture_output=True)
    return out / f"{STEM}.doc", out / f"{STEM}.xls"


@needs_soffice
@pytest.mark.slow
def test_doc_is_converted_and_read_like_the_docx(legacy_files):
    doc = read_path(legacy_files[0])
    assert doc.format == "doc" and doc.meta["converted_with"] == "libreoffice"
    assert "2020年部门整体支出绩效目标申报表" in doc.text
    assert "部门基本信息\t编制 人数\t23\t实有 人数\t25" in doc.text
    assert list(doc.tables())


@needs_soffice
@pytest.mark.slow
def test_xls_is_converted_and_read_like_the_xlsx(legacy_files):
    doc = read_path(legacy_files[1])
    assert doc.format == "xls"
    assert "部门基本信息\t编制 人数\t23\t实有 人数\t25" in doc.text


def test_without_libreoffice_the_error_says_what_to_install(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None)
    with pytest.raises(ReadError) as e:
        read_path(path)
    assert e.value.code == "converter_missing"
    assert "apt-get install libreoffice-writer libreoffice-calc" in e.value.message
    assert extract_path(path)["error_code"] == "converter_missing"


@needs_soffice
def test_garbage_ole_file_fails_conversion(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 4096)
    with pytest.raises(ReadError) as e:
        read_path(path)
    assert e.value.code in ("conversion_failed", "empty")
