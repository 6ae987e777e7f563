#!/usr/bin/env python3
"""Build real DOCX, PDF, XLSX and HTML versions of the seed reports for the reader tests.

    .venv/bin/python scripts/make_fixtures.py [--seeds corpus/seeds] [--out corpus/fixtures]

The seeds are flattened text; we parse their paragraphs and tables back (seed 000 has
one tab-separated row per line; the others one cell per line starting with a tab, rows
separated by empty lines, a line without a tab continuing the previous cell), and
rebuild the merged cells a report would have: in indicator tables the 一级/二级 cells
left empty below a filled one are merged vertically (real w:vMerge), elsewhere a
filled cell absorbs the empty cells right of it (w:gridSpan). Each DOCX gets a
"— N —" page-number footer. LibreOffice converts the DOCX files to PDF (a CJK font
must be installed, or the PDF text layer is junk: we check with pdffonts and render a
page with pdftoppm for a look). The XLSX versions store figures as numbers with the
number format that displays them as in the seed, so a reader must format them back.
`multi/three_projects.xlsx` is a workbook of three project self-evaluation forms, one per
sheet, made of seed 000's tables (a form per 三级指标, named after it): a file that holds
several reports. The generated files are committed: tests never need LibreOffice.
"""
from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CJK_FONT = "WenQuanYi Zen Hei"
CJK_FONTS = re.compile(r"WenQuanYi|Noto\w*CJK|SourceHan|SimSun|SimHei|FangSong|KaiTi|Droid\w*Fallback", re.I)
LEVEL_HEADERS = ("一级指标", "二级指标")
NAME_HEADERS = ("三级指标", "指标内容")
TOTAL = re.compile(r"^(合计|总计|小计|总分|合\s*计)$")
NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")
PERCENT = re.compile(r"^-?\d+(?:\.(\d+))?%$")


@dataclass
class Span:
    """One cell of the rebuilt table: its text and how far it spans."""
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Item:
    kind: str                                   # "p" or "table"
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


# ---------------------------------------------------------------- parsing the seeds

def parse_seed(text: str) -> list[Item]:
    """Paragraphs and tables of a flattened seed, in order."""
    lines = text.splitlines()
    if any("\t" in ln.lstrip(" \t")[:-1] for ln in lines if ln.strip()):
        return _parse_tsv(lines)
    return _parse_cell_lines(lines)


def _parse_tsv(lines: list[str]) -> list[Item]:
    items: list[Item] = []
    for ln in lines:
        if "\t" in ln:
            if not items or items[-1].kind != "table":
                items.append(Item("table"))
            items[-1].rows.append([c.strip() for c in ln.split("\t")])
        elif ln.strip():
            items.append(Item("p", ln.strip()))
    return items


def _parse_cell_lines(lines: list[str]) -> list[Item]:
    items: list[Item] = []
    row: list[str] | None = None
    for ln in lines:
        if not ln.strip() and not ln.startswith("\t"):
            if row is not None:
                _add_row(items, row)
                row = None
            continue
        stripped = ln.lstrip(" ")
        if stripped.startswith("\t"):
            row = row if row is not None else []
            row.append(stripped[1:].strip())
        elif row is not None:
            row[-1] = (row[-1] + "\n" + ln.strip()).strip()
        else:
            items.append(Item("p", ln.strip()))
    if row is not None:
        _add_row(items, row)
    return items


def _add_row(items: list[Item], row: list[str]) -> None:
    if not items or items[-1].kind != "table":
        items.append(Item("table"))
    items[-1].rows.append(row)


# ---------------------------------------------------------------- merges

def plan_merges(rows: list[list[str]]) -> list[list[Span | None]]:
    """A rectangular grid with the merges a real report table has (None = covered)."""
    n_cols = max(len(r) for r in rows)
    grid: list[list[Span | None]] = []
    for r in rows:
        if len(r) < n_cols and TOTAL.match(squash(r[0])) and r[0]:
            # a 合计 row is short because its label spans the leading columns (序号 + 项目)
            missing = n_cols - len(r)
            grid.append([Span(r[0], colspan=missing + 1)] + [None] * missing + [Span(t) for t in r[1:]])
        else:
            grid.append([Span(t) for t in r] + [Span("") for _ in range(n_cols - len(r))])
    header = next((i for i, r in enumerate(rows) if any(squash(c) in LEVEL_HEADERS for c in r)), None)
    level_cols: list[int] = []
    name_col = None
    if header is not None:
        hdr = [squash(c) for c in rows[header]]
        level_cols = list(range(0, max(i for i, c in enumerate(hdr) if c in LEVEL_HEADERS) + 1))
        name_col = next((i for i, c in enumerate(hdr) if c in NAME_HEADERS), None)
    indicator_rows = set()
    if header is not None and name_col is not None:
        r = header + 1
        while r < len(rows) and name_col < len(rows[r]) and rows[r][name_col].strip():
            indicator_rows.add(r)
            r += 1
    for r, row in enumerate(grid):
        if r in indicator_rows or r == header:
            continue
        c = 0
        while c < n_cols:                       # a filled cell absorbs the empty cells right of it
            cell = row[c]
            if cell is not None and cell.text:
                k = c + cell.colspan
                while k < n_cols and row[k] is not None and not row[k].text:
                    row[k] = None
                    k += 1
                cell.colspan = k - c
                c = k
            else:
                c += 1
    for c in level_cols:                        # 一级/二级 merged down over the empty cells below
        r = header + 1 if header is not None else 0
        while r < len(rows):
            cell = grid[r][c]
            if r in indicator_rows and cell is not None and cell.text:
                k = r + 1
                while k in indicator_rows and grid[k][c] is not None and not grid[k][c].text:
                    grid[k][c] = None
                    k += 1
                cell.rowspan = k - r
                r = k
            else:
                r += 1
    return grid


# ---------------------------------------------------------------- DOCX

def write_docx(items: list[Item], path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10)
    normal.font.name = CJK_FONT
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), CJK_FONT)

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, None), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = "1"
        run._r.append(el)
    footer.add_run(" —")

    first = True
    for item in items:
        if item.kind == "p":
            style = "Heading 1" if first else None
            p = doc.add_paragraph(item.text, style=style)
            first = False
            continue
        grid = plan_merges(item.rows)
        table = doc.add_table(rows=len(grid), cols=len(grid[0]))
        table.style = "Table Grid"
        for r, row in enumerate(grid):
            for c, span in enumerate(row):
                if span is None:
                    continue
                cell = table.cell(r, c)
                lines = span.text.split("\n")
                cell.paragraphs[0].text = lines[0]
                for extra in lines[1:]:
                    cell.add_paragraph(extra)
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(8)
        for r, row in enumerate(grid):           # merge after filling: python-docx joins texts
            for c, span in enumerate(row):
                if span is not None and (span.rowspan > 1 or span.colspan > 1):
                    table.cell(r, c).merge(table.cell(r + span.rowspan - 1, c + span.colspan - 1))
        doc.add_paragraph("")
    doc.save(path)


# ---------------------------------------------------------------- XLSX

def write_xlsx(items: list[Item], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "自评表"
    _fill_sheet(ws, items)
    wb.save(path)


def _fill_sheet(ws, items: list[Item]) -> None:
    r = 1
    for item in items:
        if item.kind == "p":
            ws.cell(r, 1, item.text)
            r += 2
            continue
        grid = plan_merges(item.rows)
        for i, row in enumerate(grid):
            for c, span in enumerate(row):
                if span is None:
                    continue
                cell = ws.cell(r + i, c + 1)
                _set_value(cell, span.text)
                if span.rowspan > 1 or span.colspan > 1:
                    ws.merge_cells(start_row=r + i, start_column=c + 1,
                                   end_row=r + i + span.rowspan - 1, end_column=c + span.colspan)
        r += len(grid) + 1


def _set_value(cell, text: str) -> None:
    """Figures as numbers with the number format that shows them as the seed writes them."""
    m = NUMBER.match(text)
    if m:
        decimals = len(m.group(1) or "")
        cell.value = int(text) if not decimals else float(text)
        cell.number_format = "0." + "0" * decimals if decimals else "General"
        return
    m = PERCENT.match(text)
    if m:
        decimals = len(m.group(1) or "")
        cell.value = float(text[:-1]) / 100
        cell.number_format = "0." + "0" * decimals + "%" if decimals else "0%"
        return
    cell.value = text


# ---------------------------------------------------------------- several reports in one workbook

MULTI_SEED = "000_a14a1736b6f849a3"         # the seed whose tables the project forms are made of
MULTI_NAME = "three_projects.xlsx"
_SHEET_BAD = re.compile(r"[\\/?*\[\]:：]")


def project_forms(items: list[Item], department: str, year: str) -> list[tuple[str, list[Item]]]:
    """Project self-evaluation forms (项目支出绩效自评表, TEMPLATES.md) made of a seed's
    department form: one per distinct 三级指标 of its indicator table, each named after it,
    with the seed's funding rows and the indicator rows of that 三级指标 (一级 and 二级
    written on the first row of each group, as a form of its own would)."""
    table = next(i for i in items if i.kind == "table")
    rows = table.rows
    header = next(r for r, row in enumerate(rows) if any(squash(c) in LEVEL_HEADERS for c in row))
    first = next(r for r, row in enumerate(rows) if any("预算数" in c for c in row))   # the funding header
    end = next(r for r in range(first + 1, header) if not any(NUMBER.match(c.replace("%", "")) for c in rows[r]))
    funding = rows[first:end]
    level1 = ""
    by_name: dict[str, list[list[str]]] = {}
    for row in rows[header + 1:]:
        if len(row) < 9 or TOTAL.match(squash(row[0])):
            continue
        level1 = row[1] or level1
        if row[3] and row[7].strip():                     # a named row with its weight
            by_name.setdefault(row[3], []).append([level1, row[2], *row[3:]])
    head = [c for c in rows[header][1:]]
    forms = []
    for name, found in by_name.items():
        body, last1 = [], None
        for r in found:
            body.append(["" if r[0] == last1 else r[0], *r[1:]])   # 一级 merged down its group
            last1 = r[0]
        forms.append((name, [Item("p", f"{year}年度项目支出绩效自评表"),
                             Item("table", rows=[["项目名称", name, "", "", "", "", ""],
                                                 ["主管部门", department, "", "实施单位", department, "", ""],
                                                 *[list(r) for r in funding]]),
                             Item("table", rows=[head, *body])]))
    return forms


def write_multi_xlsx(seed_items: list[Item], path: Path, department: str, year: str, n: int = 3) -> list[str]:
    """A workbook with one project's form per sheet (issue 14.6: one record per report):
    the first `n` forms of `project_forms`; returns their project names."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    names = []
    for name, items in project_forms(seed_items, department, year)[:n]:
        ws = wb.create_sheet(_SHEET_BAD.sub("", name)[:12])
        _fill_sheet(ws, items)
        names.append(name)
    wb.save(path)
    return names


# ---------------------------------------------------------------- HTML

def write_html(items: list[Item], path: Path) -> None:
    """A government-site page in GBK: navigation, header, footer and scripts around the report."""
    out = ['<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">',
           "<title>绩效自评</title><script>var nav = '首页 | 政务公开';</script>",
           "<style>td{border:1px solid #000}</style></head><body>",
           '<div class="header"><a href="/">首页</a> 政府信息公开 第 1 页</div>',
           '<nav><ul><li>机构概况</li><li>政策文件</li></ul></nav><div class="content">']
    for item in items:
        if item.kind == "p":
            out.append(f"<p>{html.escape(item.text)}</p>")
            continue
        out.append('<table border="1">')
        for row in plan_merges(item.rows):
            out.append("<tr>")
            for span in row:
                if span is None:
                    continue
                attrs = (f' rowspan="{span.rowspan}"' if span.rowspan > 1 else "") + \
                        (f' colspan="{span.colspan}"' if span.colspan > 1 else "")
                out.append(f"<td{attrs}>{'<br>'.join(html.escape(x) for x in span.text.split(chr(10)))}</td>")
            out.append("</tr>")
        out.append("</table>")
    out.append('</div><div id="footer">版权所有 网站标识码 4301120001</div></body></html>')
    path.write_bytes("\n".join(out).encode("gbk", errors="xmlcharrefreplace"))


# ---------------------------------------------------------------- PDF

def convert_to_pdf(docx_files: list[Path], out_dir: Path) -> None:
    soffice = shutil.which("soffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-writer (scripts/system.d/10-documents.sh)")
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_files)],
                       check=True, timeout=600, capture_output=True)


def check_pdf(pdf: Path, needle: str) -> None:
    """An embedded CJK font and the seed's Chinese in the text layer, else stop."""
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    if not any(CJK_FONTS.search(ln) and ln.split()[-5:-2] == ["yes", "yes", "yes"] for ln in fonts.splitlines()[2:]):
        sys.exit(f"{pdf}: no embedded CJK font (pdffonts):\n{fonts}\ninstall fonts-wqy-zenhei")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    if needle not in squash(text):
        sys.exit(f"{pdf}: the text layer does not hold {needle!r}: junk glyph mapping?")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", default=str(ROOT / "corpus" / "seeds"))
    ap.add_argument("--out", default=str(ROOT / "corpus" / "fixtures"))
    ap.add_argument("--png", action="store_true", help="also render page 1 of each PDF to PNG in /tmp")
    args = ap.parse_args(argv)
    out = Path(args.out)
    for sub in ("docx", "pdf", "xlsx", "html"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    docx_files = []
    seeds = sorted(Path(args.seeds).glob("*.txt"))
    for seed in seeds:
        items = parse_seed(seed.read_text(encoding="utf-8"))
        target = out / "docx" / f"{seed.stem}.docx"
        write_docx(items, target)
        docx_files.append(target)
        write_xlsx(items, out / "xlsx" / f"{seed.stem}.xlsx")
        write_html(items, out / "html" / f"{seed.stem}.html")
        print(f"{seed.stem}: {sum(i.kind == 'p' for i in items)} paragraphs, "
              f"{sum(i.kind == 'table' for i in items)} tables")
    multi = out / "multi"
    multi.mkdir(parents=True, exist_ok=True)
    seed = Path(args.seeds) / f"{MULTI_SEED}.txt"
    names = write_multi_xlsx(parse_seed(seed.read_text(encoding="utf-8")), multi / MULTI_NAME,
                             "长沙市望城区科学技术局", "2023")
    print(f"{MULTI_NAME}: one project form per sheet: {', '.join(names)}")
    convert_to_pdf(docx_files, out / "pdf")
    for seed in seeds:
        pdf = out / "pdf" / f"{seed.stem}.pdf"
        items = parse_seed(seed.read_text(encoding="utf-8"))
        needle = squash(next(i.text for i in items if i.kind == "p"))[:8] if any(i.kind == "p" for i in items) \
            else squash(items[0].rows[0][0])[:6]
        check_pdf(pdf, needle)
        if args.png:
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                            f"/tmp/fixture-{seed.stem}"], check=True)
    print(f"wrote {len(seeds)} × docx, pdf, xlsx, html into {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
