"""The committed fixtures are real: CJK fonts embedded, the seeds' Chinese in the text layer."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from extract.read.formats import read_path

from reader_helpers import FIXTURES, ROOT, SEEDS, STEMS, squash

sys.path.insert(0, str(ROOT / "scripts"))
import make_fixtures  # noqa: E402

poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")


@pytest.mark.parametrize("stem", STEMS)
def test_every_seed_has_every_format(stem):
    for sub, ext in (("docx", "docx"), ("pdf", "pdf"), ("xlsx", "xlsx"), ("html", "html")):
        assert (FIXTURES / sub / f"{stem}.{ext}").stat().st_size > 1000


@poppler
@pytest.mark.parametrize("stem", STEMS)
def test_pdf_embeds_a_cjk_font_with_unicode_map(stem):
    out = subprocess.run(["pdffonts", str(FIXTURES / "pdf" / f"{stem}.pdf")], capture_output=True, text=True).stdout
    rows = [ln.split() for ln in out.splitlines()[2:]]
    assert any(make_fixtures.CJK_FONTS.search(r[0]) and r[-5:-2] == ["yes", "yes", "yes"] for r in rows), out


@pytest.mark.parametrize("stem", STEMS)
def test_pdf_text_holds_the_seeds_chinese(stem):
    """Every paragraph of the seed is in the PDF's text (whitespace aside)."""
    items = make_fixtures.parse_seed((SEEDS / f"{stem}.txt").read_text(encoding="utf-8"))
    text = squash(read_path(FIXTURES / "pdf" / f"{stem}.pdf").text)
    paragraphs = [squash(i.text) for i in items if i.kind == "p" and len(squash(i.text)) > 4]
    missing = [p for p in paragraphs if p not in text]
    assert not missing, missing[:3]


@poppler
def test_a_page_renders_with_glyphs(tmp_path):
    """pdftoppm draws the page: ink on it, not empty boxes only (checked by eye when made)."""
    from PIL import Image, ImageStat
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1",
                    str(FIXTURES / "pdf" / f"{STEMS[0]}.pdf"), str(tmp_path / "p")], check=True)
    (png,) = tmp_path.glob("p*.png")
    img = Image.open(png).convert("L")
    dark = sum(1 for v in img.tobytes() if v < 128)
    assert 0.005 < dark / (img.width * img.height) < 0.3
    assert ImageStat.Stat(img).mean[0] > 150


def test_seed_parser_reads_cells_and_continuation_lines():
    items = make_fixtures.parse_seed("标题\n\t一级\n指标\n\t二级指标\n\n\t产出\n\t数量\n")
    assert items[0].text == "标题"
    assert items[1].rows == [["一级\n指标", "二级指标"], ["产出", "数量"]]
    grid = make_fixtures.plan_merges([["一级指标", "二级指标", "三级指标"], ["产出", "数量", "a"], ["", "", "b"]])
    assert grid[1][0].rowspan == 2 and grid[2][0] is None
