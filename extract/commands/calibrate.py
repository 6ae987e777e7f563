"""`jixiao calibrate DOCS GOLD [DOCS GOLD ...]`: fit the confidence calibrator."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..calibration import features, fit
from ..config import load_config, replace_models
from ..evaluate import load_gold, stem
from ..judge import judge
from ..pipeline import extract_document
from ..readers import read_path


def register(sub) -> None:
    p = sub.add_parser("calibrate", help="fit confidence calibration on documents with gold/reviewed values",
                       description="Extract each document, judge every field and indicator against its gold "
                                   "file (as eval/score.py does), and fit the calibrator that turns item "
                                   "features into the probability of being right. Writes models/calibration.json.")
    p.add_argument("pairs", nargs="+", metavar="DOCS_DIR GOLD_DIR",
                   help="pairs of folders: documents and their gold JSON files (matched by file stem)")
    p.add_argument("-o", "--output", help="where to write (default: the config's models.calibrator)")
    p.set_defaults(func=run)


def samples_for(docs_dir: str, gold_dir: str, config) -> list[tuple[dict, bool, str]]:
    """(features, correct, document) for every item of every document that has gold."""
    gold = load_gold(gold_dir)
    out = []
    for path in sorted(Path(docs_dir).iterdir()):
        g = gold.get(stem(path.name))
        if g is None or not path.is_file():
            continue
        ex = extract_document(read_path(path, config.limits), config)
        for item, ok in judge(ex, g):
            out.append((features(item), ok, path.name))
    return out


def run(args) -> int:
    if len(args.pairs) % 2:
        print("calibrate takes pairs: DOCS_DIR GOLD_DIR [DOCS_DIR GOLD_DIR ...]", file=sys.stderr)
        return 2
    config = replace_models(load_config(args.config), use_models=False)
    samples = []
    for docs, gold in zip(args.pairs[::2], args.pairs[1::2]):
        samples.extend(samples_for(docs, gold, config))
    cal = fit((f, ok) for f, ok, _ in samples)
    out = args.output or load_config(args.config).models.calibrator
    cal.save(out)
    right = sum(ok for _, ok, _ in samples)
    print(json.dumps({"items": len(samples), "right": right, "written": out}))
    return 0
