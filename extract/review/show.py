"""The review page of `jixiao show`: look at a record on its document before trusting it.

One self-contained HTML file (inline CSS, UTF-8, a CJK font stack, no scripts, nothing
fetched): the document text with every extracted value highlighted where the record says
it came from, coloured by confidence, next to the record as tables. Red is below
`LOW`, amber below the review threshold, green at or above it, so a reader sees at a
glance what to check. Fields and indicator attributes are filled; entities (the trained
pipeline's spans) are underlined, since they often sit under a field.

A file that holds several reports (SCHEMA.md `document.part`) gives one page with a section
per report: each shows its own stretch of the file's text (`document.span`) beside its
record, with ids prefixed per report so the tables link into the right section.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, replace
from typing import Optional

from extract.review.spans import ENTITY, FIELD, INDICATOR, Item, record_spans
from extract.review.tasks import format_value
from extract.schema import reason_text

LOW = 0.5
# (name, fill colour, underline colour); the browser test looks for these fills in a screenshot
RED = ("low", "#ff8c8c", "#d40000")
AMBER = ("mid", "#ffc94d", "#c77800")
GREEN = ("high", "#8fe08f", "#1a8f1a")
CJK_FONTS = ('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", '
             '"Microsoft YaHei", "SimHei", sans-serif')


def band(confidence: Optional[float], threshold: float) -> tuple[str, str, str]:
    """The colour band of a confidence (no confidence counts as the lowest)."""
    c = confidence if confidence is not None else 0.0
    if c < LOW:
        return RED
    return AMBER if c < threshold else GREEN


@dataclass(frozen=True)
class Mark:
    """One highlighted span: an id the tables link to, a tooltip, how sure, how drawn."""
    id: str
    start: int
    end: int
    title: str
    confidence: Optional[float]
    fill: bool                   # fields and indicator attributes fill; entities underline


def _title(item: Item) -> str:
    if item.kind == FIELD:
        what = f"{item.name} = {format_value(item.source.get('value'))}"
    elif item.kind == INDICATOR:
        what = f"indicator {item.id.split('-')[0][1:]} {item.name}: {item.source.get('name') or ''}"
    else:
        what = item.name
    return f"{what} ({_conf(item.confidence)})"


def marks(record: dict, text_length: int, prefix: str = "") -> list[Mark]:
    """Every span of the record that lies inside the text (ids after `prefix`)."""
    items, _ = record_spans(record, text_length)
    return [Mark(prefix + i.id, i.start, i.end, _title(i), i.confidence, i.kind != ENTITY) for i in items]


def _conf(c: Optional[float]) -> str:
    return "no confidence" if c is None else f"confidence {c:.2f}"


def highlight(text: str, items: list[Mark], threshold: float) -> str:
    """The text as HTML, cut at every span boundary so overlapping spans all show.

    A piece covered by a field or indicator is filled in the colour of its least confident
    cover; a piece covered by entities only is underlined. Each span's first piece carries
    the span's id, so the tables link to it.
    """
    cuts = sorted({0, len(text)} | {m.start for m in items} | {m.end for m in items})
    starts: dict[int, list[Mark]] = {}
    for m in items:
        starts.setdefault(m.start, []).append(m)
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        cover = [m for m in items if m.start <= a and b <= m.end]
        if not cover:
            parts.append(piece)
            continue
        filled = [m for m in cover if m.fill]
        worst = min(filled or cover, key=lambda m: m.confidence if m.confidence is not None else 0.0)
        name = band(worst.confidence, threshold)[0]
        cls = f"hl {name}" if filled else f"ent {name}"
        anchors = "".join(f'<a id="{m.id}"></a>' for m in starts.get(a, []))
        title = html.escape(" | ".join(m.title for m in cover), quote=True)
        parts.append(f'{anchors}<span class="{cls}" title="{title}">{piece}</span>')
    return "".join(parts)


def _cell(x: object) -> str:
    return html.escape("" if x is None else str(x))


def _reasons(codes: Optional[list]) -> str:
    """Reason codes, each with its sentence (schema.reason_text) on hover: what happened and
    what to look at, in the reviewer's words rather than the code's."""
    return ", ".join(f'<abbr title="{_cell(reason_text(c))}">{_cell(c)}</abbr>' for c in codes or [])


def _flag(item: dict) -> str:
    return '<span class="flag">review</span>' if item.get("needs_review") else "ok"


def _chip(conf: Optional[float], threshold: float) -> str:
    name = band(conf, threshold)[0]
    return f'<span class="chip {name}">{"–" if conf is None else f"{conf:.2f}"}</span>'


def fields_table(record: dict, threshold: float, prefix: str = "") -> str:
    rows = []
    for n, f in enumerate(record.get("fields") or []):
        value = f.get("value") or {}
        span = f.get("span") or {}
        rows.append(
            f'<tr><td><a href="#{prefix}f{n}">{_cell(f.get("slot"))}</a></td><td>{_cell(value.get("raw"))}</td>'
            f'<td>{_cell(format_value(value))}</td><td>{_chip(f.get("confidence"), threshold)}</td>'
            f'<td>{_flag(f)}</td><td>{_reasons(f.get("reasons"))}</td>'
            f'<td>{_cell(f.get("evidence"))}{"" if span.get("page") is None else " p." + str(span["page"])}</td></tr>')
    head = "<tr><th>slot</th><th>raw</th><th>normalised</th><th>confidence</th><th>review</th>" \
           "<th>reasons</th><th>evidence</th></tr>"
    return f'<div class="wide"><table class="rec"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def indicators_table(record: dict, threshold: float, prefix: str = "") -> str:
    rows = []
    for n, ind in enumerate(record.get("indicators") or []):
        anchor = next(iter(ind.get("attribute_spans") or {}), None)
        name = _cell(ind.get("name"))
        if anchor:
            name = f'<a href="#{prefix}i{n}-{anchor}">{name}</a>'
        rows.append(
            f'<tr><td>{_cell(ind.get("level1"))}</td><td>{_cell(ind.get("level2"))}</td><td>{name}</td>'
            f'<td>{_cell(ind.get("content"))}</td><td>{_cell(format_value(ind.get("target")))}</td>'
            f'<td>{_cell(format_value(ind.get("actual")))}</td><td>{_cell(format_value(ind.get("weight")))}</td>'
            f'<td>{_cell(format_value(ind.get("score")))}</td><td>{_chip(ind.get("confidence"), threshold)}</td>'
            f'<td>{_flag(ind)}</td><td>{_reasons(ind.get("reasons"))}</td></tr>')
    head = "<tr><th>一级</th><th>二级</th><th>name</th><th>content</th><th>target</th><th>actual</th>" \
           "<th>weight</th><th>score</th><th>confidence</th><th>review</th><th>reasons</th></tr>"
    return f'<div class="wide"><table class="rec ind"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table></div>'


def _css() -> str:
    fills = "".join(f".hl.{n}, .swatch.{n} {{ background: {fill}; }} .ent.{n} {{ border-bottom: 3px solid {line}; }} "
                    f".chip.{n} {{ background: {fill}; }}\n" for n, fill, line in (RED, AMBER, GREEN))
    return f"""
body {{ font-family: {CJK_FONTS}; margin: 0; color: #111; background: #fff; font-size: 15px; }}
header {{ padding: 10px 16px; border-bottom: 1px solid #ccc; background: #f6f6f6; }}
header h1 {{ font-size: 18px; margin: 0 0 4px 0; }}
.meta {{ color: #444; font-size: 13px; }}
.legend span {{ display: inline-block; padding: 1px 8px; margin-right: 8px; }}
main {{ display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; padding: 12px 16px; }}
.doc {{ white-space: pre-wrap; tab-size: 4; line-height: 1.7; word-break: break-all; }}
.hl {{ border-radius: 2px; box-shadow: inset 0 0 0 1px rgba(0, 0, 0, 0.12); }}
.ent {{ padding-bottom: 1px; }}
.error {{ color: #b00; font-weight: bold; }}
h2 {{ font-size: 16px; margin: 4px 0 6px 0; }}
table.rec {{ border-collapse: collapse; width: 100%; font-size: 12px; margin-bottom: 14px; }}
.wide {{ overflow-x: auto; }}
table.ind td:nth-child(1), table.ind td:nth-child(2) {{ min-width: 4.5em; }}
table.ind td:nth-child(3), table.ind td:nth-child(4) {{ min-width: 9em; }}
table.rec th, table.rec td {{ border: 1px solid #ccc; padding: 2px 4px; vertical-align: top; text-align: left; }}
table.rec th {{ background: #eee; }}
.chip {{ padding: 0 4px; border-radius: 3px; }}
.flag {{ color: #b00; font-weight: bold; }}
section.report {{ border-top: 3px solid #888; }}
section.report > h2 {{ padding: 8px 16px 0 16px; margin: 0; font-size: 17px; }}
section.report > .meta {{ padding: 2px 16px 0 16px; }}
nav.reports {{ margin-top: 4px; }}
nav.reports a {{ margin-right: 12px; }}
{fills}"""


def part_label(part: Optional[dict]) -> str:
    """A report's place in its file as words: `sheet 做好科技普及工作`, `heading …`."""
    if not part:
        return ""
    if not isinstance(part, dict):
        return str(part)
    return ", ".join(f"{k} {v}" for k, v in part.items())


def _summary(record: dict) -> str:
    review = record.get("review") or {}
    return (f'{len(record.get("fields") or [])} fields, {len(record.get("indicators") or [])} indicators, '
            f'{len(record.get("entities") or [])} entities; '
            + ("needs review: " + (_reasons(review.get("reasons")) or "yes")
               if review.get("needs_review") else "no review needed"))


def _legend(threshold: float) -> str:
    return (f'<span class="swatch {RED[0]}">confidence &lt; {LOW:g}</span>'
            f'<span class="swatch {AMBER[0]}">&lt; {threshold:g} (review threshold)</span>'
            f'<span class="swatch {GREEN[0]}">≥ {threshold:g}</span>'
            f'<span class="key ent {GREEN[0]}">underlined: entity</span>')


def _body(record: dict, text: Optional[str], threshold: float, prefix: str = "") -> str:
    """The text of the record's report (its `document.span` of the file's text, else all of
    it) highlighted, beside the record's tables."""
    if record.get("error"):
        body_text = f'<p class="error">{_cell(record["error"])}</p>'
    elif text is None:
        body_text = '<p class="error">the document text could not be read again: highlights are not shown</p>'
    else:
        span = (record.get("document") or {}).get("span") or {}
        start, end = span.get("start", 0), span.get("end", len(text))
        if not (0 <= start <= end <= len(text)):
            start, end = 0, len(text)
        shown = [replace(m, start=m.start - start, end=m.end - start)
                 for m in marks(record, len(text), prefix) if start <= m.start and m.end <= end]
        body_text = f'<div class="doc">{highlight(text[start:end], shown, threshold)}</div>'
    return f"""<main><section><h2>Document text</h2>{body_text}</section>
<section><h2>Fields</h2>{fields_table(record, threshold, prefix)}
<h2>Indicators</h2>{indicators_table(record, threshold, prefix)}</section></main>"""


def _page(title: str, header: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{_cell(title)} — jixiao</title>
<style>{_css()}</style></head>
<body>
<header><h1>{_cell(title)}</h1>
{header}</header>
{body}
</body></html>
"""


def render(record: dict, text: Optional[str], threshold: float) -> str:
    """The whole page for one record and its document text (None when it could not be read).
    A record of one report among several in its file shows that report's part of the text."""
    doc = record.get("document") or {}
    title = doc.get("path") or doc.get("id") or "record"
    where = part_label(doc.get("part"))
    header = (f'<div class="meta">document {_cell(doc.get("id"))} · {_cell(doc.get("format"))} · '
              + (f'report: {_cell(where)} · ' if where else "") + f'{_summary(record)}</div>\n'
              f'<div class="legend meta">{_legend(threshold)}</div>')
    return _page(title, header, _body(record, text, threshold))


def render_reports(records: list[dict], text: Optional[str], threshold: float) -> str:
    """One page for every report of one file: a section per record, in file order, each with
    its own text and tables; a file with one report gets `render`'s page."""
    if len(records) == 1:
        return render(records[0], text, threshold)
    doc = records[0].get("document") or {}
    title = doc.get("path") or doc.get("id") or "record"
    links = "".join(f'<a href="#r{k}">{k}. {_cell(part_label((r.get("document") or {}).get("part")) or "report")}</a>'
                    for k, r in enumerate(records, 1))
    header = (f'<div class="meta">document {_cell(doc.get("id"))} · {_cell(doc.get("format"))} · '
              f'{len(records)} reports in this file</div>\n'
              f'<nav class="reports meta">{links}</nav>\n<div class="legend meta">{_legend(threshold)}</div>')
    sections = []
    for k, r in enumerate(records, 1):
        where = part_label((r.get("document") or {}).get("part"))
        sections.append(f'<section class="report" id="r{k}"><h2>Report {k} of {len(records)}'
                        + (f': {_cell(where)}' if where else "") + f'</h2>\n<div class="meta">{_summary(r)}</div>\n'
                        + _body(r, text, threshold, f"r{k}-") + "</section>")
    return _page(title, header, "\n".join(sections))
