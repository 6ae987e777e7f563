"""`jixiao calibrate DOCS GOLD [DOCS GOLD ...]`: fit the confidence calibrator."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from extract.cli.commands import UsageError, input_folder, output_file
from extract.config import load_config, model_path, replace_models
from extract.review.crossval import COPY_WEIGHT, calibrator, judged_documents, weighted


def register(sub) -> None:
    p = sub.add_parser("calibrate", help="fit confidence calibration on documents with gold/reviewed values",
                       description="Extract each document, judge every field and indicator against its gold "
                                   "file (as eval/score.py does), and fit the calibrator that turns item "
                                   "features into the probability of being right. Writes models/calibration.json.")
    p.add_argument("pairs", nargs="+", metavar="DOCS_DIR GOLD_DIR",
                   help="pairs of folders: documents and their gold JSON files (matched by file stem)")
    p.add_argument("-o", "--output", help="where to write (default: the config's models.calibrator)")
    p.add_argument("--as-published", action="store_true",
                   help="fit on the documents as they are only; by default each text document is also "
                        "judged re-flattened (pipes, spaces, one cell per line, run on: extract/learn/reflatten.py), "
                        "so the confidences are those of layouts the rules were not written for")
    p.add_argument("--copy-weight", type=float, default=COPY_WEIGHT,
                   help=f"weight of a re-flattened copy's item against one of a document as published "
                        f"(default {COPY_WEIGHT:g}: the copies stand for the layouts met at run time)")
    p.set_defaults(func=run)


def run(args) -> int:
    if len(args.pairs) % 2:
        print("calibrate takes pairs: DOCS_DIR GOLD_DIR [DOCS_DIR GOLD_DIR ...]", file=sys.stderr)
        return 2
    config = replace_models(load_config(args.config), use_models=False)
    for docs, gold in zip(args.pairs[::2], args.pairs[1::2]):
        input_folder(docs, "documents folder")
        if not any(input_folder(gold, "gold folder").glob("*.json")):
            raise UsageError(f"gold folder {gold} holds no gold .json files")
    out = args.output or str(model_path(config.models.calibrator))
    output_file(out)
    sets = [(docs, Path(docs), Path(gold)) for docs, gold in zip(args.pairs[::2], args.pairs[1::2])]
    docs = judged_documents(sets, config, reflattened=not args.as_published)
    samples = weighted(docs, args.copy_weight)
    if not samples:
        raise UsageError("no judged values: no document in the DOCS folders has a gold file of the same name")
    cal = calibrator(docs, args.copy_weight)
    cal.save(out)
    right = sum(ok for _, ok, _ in samples)
    print(json.dumps({"items": len(samples), "right": right, "written": out}))
    return 0
