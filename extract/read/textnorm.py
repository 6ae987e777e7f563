"""A reading view of a report's text: simplified script, no pinyin glosses.

Some mirrors serve reports in traditional characters, often with the pinyin of a
character inserted after it (項(xiàng)目名稱(chēng)). Labels, kind words and org
tails are matched on a *view* of the text in which each traditional character is
replaced by its simplified form (one character for one, so offsets are kept) and the
pinyin glosses are removed (`View.pos` maps a view offset back into the text). The
values themselves are cut from the original text and keep the report's script; only
the glosses are dropped from them (`strip_pinyin`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_T = ("來個備傳債傷價儂內別務勵區員問單園執報壇實將專對導屬岡庫強復態應戶掛換搶撐撥撲據擬數斷時曉會東楊業標機檔權"
      "歐歸況減測準滅滿濟灣災為無環產畝當發監盤眾礎稅稈稟種稱積節簡糧級組結統經綜維編縣總績續臨與舉萬蓋藥處號衛補裝覽"
      "計設許評詢認說調請護變財貧責費貼資賦質購載輝轉農連進過達邁還鄧鄭鉤長門開關陳際險響頁項預領題額類顯館馬麥黃點"
      "綫線書廳鎮鄉體學醫場這聯殘軍礦運輸網廣陝貴雲遼龍齊劑歲爲審議餘職構創織勞動協黨辦劃範圍養護樓築圖"
      "優車國現離兩")
_S = ("来个备传债伤价侬内别务励区员问单园执报坛实将专对导属冈库强复态应户挂换抢撑拨扑据拟数断时晓会东杨业标机档权"
      "欧归况减测准灭满济湾灾为无环产亩当发监盘众础税秆禀种称积节简粮级组结统经综维编县总绩续临与举万盖药处号卫补装览"
      "计设许评询认说调请护变财贫责费贴资赋质购载辉转农连进过达迈还邓郑钩长门开关陈际险响页项预领题额类显馆马麦黄点"
      "线线书厅镇乡体学医场这联残军矿运输网广陕贵云辽龙齐剂岁为审议余职构创织劳动协党办划范围养护楼筑图"
      "优车国现离两")
assert len(_T) == len(_S), (len(_T), len(_S))
_T2S = str.maketrans(_T, _S)
# Figures in full width (１２．５％) and the CR of CRLF line ends: read as the ASCII figure and
# a space, one character for one, so that every pattern written for 12.5% and for LF-ended
# lines reads them (the values are cut from the original text and keep their width).
_WIDTH = str.maketrans("０１２３４５６７８９．％＋－\r", "0123456789.%+- ")
_READ = str.maketrans({**_T2S, **_WIDTH})

# A pinyin gloss: a bracketed latin syllable with a tone mark, right after a character.
PINYIN = re.compile(r"[(（]\s*[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ][a-zü]*\s*[)）]")


def open_bracket(text: str) -> bool:
    """More opening round brackets than closing ones: the text stops inside a bracket (a cell
    wrapped inside '相关性(5 / 分)', a figure inside '（含退休人员…' that is not the sentence's own)."""
    return text.count("(") + text.count("（") > text.count(")") + text.count("）")


def simplified(text: str) -> str:
    """Traditional characters to simplified ones, one for one (offsets are kept)."""
    return str(text or "").translate(_T2S)


def strip_pinyin(text: str) -> str:
    return PINYIN.sub("", str(text or ""))


def plain(text: str) -> str:
    """Simplified, without pinyin glosses: for matching labels and words."""
    return simplified(strip_pinyin(text))


@dataclass
class View:
    """`text` (simplified, glosses removed) and, for each of its characters, the offset
    of the same character in the original."""
    text: str
    offsets: list[int]
    source: str

    def pos(self, i: int) -> int:
        if i >= len(self.offsets):
            return len(self.source)
        return self.offsets[i]

    def original(self, start: int, end: int) -> str:
        """The original text of view[start:end], glosses removed, script kept."""
        if end <= start:
            return ""
        return strip_pinyin(self.source[self.pos(start):self.pos(end - 1) + 1])


def reading(text: str) -> str:
    """Simplified script, ASCII figures, no CR: one character for one (offsets are kept)."""
    return str(text or "").translate(_READ)


def view_of(text: str) -> View:
    out, offs, last = [], [], 0
    for m in PINYIN.finditer(text):
        out.append(text[last:m.start()])
        offs.extend(range(last, m.start()))
        last = m.end()
    out.append(text[last:])
    offs.extend(range(last, len(text)))
    return View(text=reading("".join(out)), offsets=offs, source=text)


def join_wrapped(text: str) -> tuple[str, list[int]]:
    """`text` with the line breaks that wrap a sentence removed (a break not after a
    sentence stop, a colon or a heading), and for each character its offset in `text`."""
    out, offs = [], []
    n = len(text)
    for i, ch in enumerate(text):
        if ch == "\n":
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < n else ""
            if prev and nxt and prev not in "。；;：:！？!?|\n\t " and nxt not in "\n\t |":
                continue
        out.append(ch)
        offs.append(i)
    return "".join(out), offs


_PIPE_BREAK_LINES = 12


def join_pipe_cells(text: str) -> str:
    """`text` with the line breaks inside the cells of a pipe row made spaces (same length,
    offsets kept): a row that starts with '|' and does not end with one continues on the
    next lines up to the one that ends with '|' (| 年初\n预算数 | 全年\n执行数 |, a web table
    whose header cells hold a <br>). Rows written without their outer pipes (a | b | c) are
    left as they are: there a line end is a row end."""
    if "|" not in text:
        return text
    out = list(text)
    lines = text.split("\n")
    pos, k = 0, 0
    starts = []
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    while k < len(lines):
        s = lines[k].strip(" \u3000\xa0\r")
        if s.startswith("|") and not s.endswith("|"):
            j = k + 1
            while j < len(lines) and j - k <= _PIPE_BREAK_LINES:
                t = lines[j].strip(" \u3000\xa0\r")
                if not t or t.startswith("|") or len(t) > 60:
                    break
                if t.endswith("|"):
                    for m in range(k, j):
                        out[starts[m] + len(lines[m])] = " "
                    k = j
                    break
                j += 1
        k += 1
    return "".join(out)
