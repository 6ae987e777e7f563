"""The review page in a real headless Chromium: the Chinese text is drawn with real glyphs
(not tofu boxes) and the three confidence colours are on the document text."""
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from extract.cli import main
from extract.review.show import AMBER, CJK_FONTS, GREEN, RED

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTH, HEIGHT = 1280, 2000


@pytest.fixture(scope="module")
def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        message = "chromium is not installed: run `bash scripts/system.d/50-chromium.sh` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def screenshot(chromium: str, page: Path, tmp_path: Path, size=(WIDTH, HEIGHT), env=None) -> Image.Image:
    png = tmp_path / (page.stem + ".png")
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / ('profile-' + page.stem)}", f"--screenshot={png}",
                    f"--window-size={size[0]},{size[1]}", page.resolve().as_uri()],
                   capture_output=True, timeout=120, check=True, env=env)
    return Image.open(png).convert("RGB")


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))


def _count(img: Image.Image, colour: str, tolerance: int = 3) -> int:
    want = _rgb(colour)
    return sum(n for n, px in img.getcolors(img.width * img.height)
               if all(abs(a - b) <= tolerance for a, b in zip(px, want)))


def _ink(img: Image.Image) -> list[bool]:
    return [sum(px) < 384 for px in img.get_flattened_data()]


def test_the_document_text_shows_every_confidence_colour(chromium, records_file, tmp_path):
    page = tmp_path / "review.html"
    assert main(["show", str(records_file), "--html", str(page)]) == 0
    shot = screenshot(chromium, page, tmp_path)
    text_column = shot.crop((0, 160, WIDTH // 2 - 16, HEIGHT))     # below the legend, left of the tables
    for name, fill, _ in (RED, AMBER, GREEN):
        assert _count(text_column, fill) > 300, f"no {name} highlight ({fill}) on the document text"
    assert sum(_ink(text_column)) > 5000, "the document text is not drawn"


def _glyph_page(tmp_path: Path, name: str, text: str) -> Path:
    page = tmp_path / f"{name}.html"
    page.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>body {{ margin: 0; '
                    f'font-family: {CJK_FONTS}; font-size: 64px; color: #000; background: #fff; }}</style></head>'
                    f'<body><p>{text}</p></body></html>', encoding="utf-8")
    return page


def real_glyphs(chromium: str, tmp_path: Path, env=None) -> tuple[bool, str]:
    """Tofu draws every missing glyph as the same box, so two different strings of the
    same length give the same picture; real glyphs give different ones."""
    size = (800, 200)
    a = _ink(screenshot(chromium, _glyph_page(tmp_path, "a", "预算绩效自评"), tmp_path, size, env))
    b = _ink(screenshot(chromium, _glyph_page(tmp_path, "b", "长沙市科技局"), tmp_path, size, env))
    if sum(a) < 2000 or sum(b) < 2000:
        return False, "no text drawn"
    if sum(x != y for x, y in zip(a, b)) < 0.3 * min(sum(a), sum(b)):
        return False, "different Chinese strings look the same: the glyphs are tofu"
    return True, ""


def test_chinese_is_drawn_with_real_glyphs_not_tofu(chromium, tmp_path):
    ok, why = real_glyphs(chromium, tmp_path)
    assert ok, why


def test_the_tofu_check_fails_without_a_cjk_font(chromium, tmp_path):
    """The control: Chromium given only non-CJK fonts (or none) must fail the check above."""
    latin = Path("/usr/share/fonts/truetype/dejavu")
    fonts = latin if latin.is_dir() else tmp_path / "no-fonts"
    fonts.mkdir(exist_ok=True)
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><dir>{fonts}</dir>'
                    f'<cachedir>{tmp_path / "fc-cache"}</cachedir></fontconfig>', encoding="utf-8")
    ok, _ = real_glyphs(chromium, tmp_path, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    assert not ok
