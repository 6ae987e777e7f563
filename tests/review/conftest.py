"""Fixtures for the review tests: a record built by hand from a gold file, and a real
Label Studio server started (and stopped) with scripts/labelstudio.sh.

The hand-built record places gold values at the spans where they occur in the seed text,
so these tests do not depend on how well the extractor does today; one test also runs
the real extractor.
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from extract.read.formats import read_path
from extract.schema import TEXT_SLOTS
from extract.slots.normalize import Value, parse_value
from extract.slots.record import Entity, Extraction, Field, Indicator, to_record
from tests.conftest import GOLD, ROOT, SEEDS

SEED = "000_a14a1736b6f849a3"
CONFIDENCES = (0.3, 0.7, 0.99)          # one of each colour band: red, amber, green (threshold 0.96)
SCRIPT = ROOT / "scripts" / "labelstudio.sh"


def _find(text: str, needle: str, after: int = 0) -> int:
    return text.find(needle, after) if needle else -1


def _as_text(v: object) -> str:
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    return str(v)


def gold_record(stem: str = SEED) -> dict:
    """A record of the seed whose fields are the gold values found in the text."""
    seed = SEEDS / f"{stem}.txt"
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    doc = read_path(seed)
    text = doc.text
    ex = Extraction(document=doc)
    for slot, value in gold["fields"].items():
        needle = _as_text(value)
        at = _find(text, needle)
        if at < 0:
            continue
        raw = text[at:at + len(needle)]
        conf = CONFIDENCES[len(ex.fields) % len(CONFIDENCES)]
        ex.fields.append(Field(slot=slot, value=Value.text(raw) if slot in TEXT_SLOTS else parse_value(raw),
                               span=doc.span(at, at + len(needle)), evidence="table", confidence=conf,
                               needs_review=conf < 0.96, reasons=["low_confidence"] if conf < 0.96 else []))
        if slot not in TEXT_SLOTS:
            ex.entities.append(Entity("AMOUNT", at, at + len(needle), raw, score=conf))
    for g in gold["indicators"]:
        name_at = _find(text, g.get("name") or "")
        if name_at < 0:
            continue
        spans = {"name": doc.span(name_at, name_at + len(g["name"]))}
        content_at = _find(text, g.get("content") or "", name_at)
        if content_at >= 0:
            spans["content"] = doc.span(content_at, content_at + len(g["content"]))
        ex.indicators.append(Indicator(name=g["name"], level1=g.get("level1"), level2=g.get("level2"),
                                       content=g.get("content"), weight=g.get("weight"), score=g.get("score"),
                                       span=spans["name"], confidence=0.99, spans=spans))
    record = to_record(ex)
    record["document"]["path"] = str(seed)
    return record


@pytest.fixture
def record() -> dict:
    return gold_record()


@pytest.fixture
def records_file(tmp_path: Path, record: dict) -> Path:
    p = tmp_path / "records.jsonl"
    p.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return p


# --- a real Label Studio ---------------------------------------------------------------------

@dataclass
class Server:
    url: str
    token: str
    data_dir: Path
    asked_port: int             # the port asked for, which was busy: the server took another


def _installed() -> bool:
    venvs = [os.environ.get("JIXIAO_LABEL_STUDIO_VENV", ""), "/opt/label-studio-venv",
             str(Path.home() / ".cache/jixiao/label-studio-venv")]
    return any(v and (Path(v) / "bin" / "label-studio").exists() for v in venvs)


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A fresh Label Studio on 127.0.0.1 for this test session, stopped at its end."""
    if not _installed():
        message = "label-studio is not installed: run `bash scripts/system.d/40-label-studio.sh` (make test does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    data_dir = tmp_path_factory.mktemp("label-studio")
    token = secrets.token_hex(20)
    env = {**os.environ,
           "LABEL_STUDIO_USERNAME": "reviewer@example.com",
           "LABEL_STUDIO_PASSWORD": secrets.token_urlsafe(12),
           "LABEL_STUDIO_USER_TOKEN": token,
           "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true"}
    # Ask for a port that is busy: Label Studio then takes another without a word, and the
    # start script must find out which (this is how it behaves with a port in use).
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        asked = busy.getsockname()[1]
        started = subprocess.run(["bash", str(SCRIPT), "start", "--data-dir", str(data_dir), "--port", str(asked)],
                                 env=env, capture_output=True, text=True, timeout=400)
    try:
        if started.returncode != 0:
            pytest.fail(f"Label Studio did not start:\n{started.stderr[-3000:]}")
        yield Server(started.stdout.strip().splitlines()[-1], token, data_dir, asked)
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", "--data-dir", str(data_dir)], capture_output=True, timeout=60)
