"""`jixiao train`: annotations/ -> the spaCy pipeline and the slot linker in models/.

Wraps `spacy train config.cfg` (spaCy's own training loop and config) after converting the
Label Studio export files to DocBins, and trains the calibrated slot linker on the same
annotations. Prints the alignment check (entities the tokenizer cannot represent) and the
dev scores.
"""
from __future__ import annotations

import time
from pathlib import Path

from extract.cli.commands import input_file, input_folder
from extract.config import PROJECT_ROOT


def register(sub) -> None:
    p = sub.add_parser("train", help="train the entity pipeline and the slot linker from annotations/",
                       description="Convert annotations/ (Label Studio JSON export) to DocBins, run "
                                   "`spacy train config.cfg`, train the slot linker, write models/.")
    p.add_argument("--annotations", default=str(PROJECT_ROOT / "annotations"),
                   help="folder of Label Studio export files (default: the project's annotations/)")
    p.add_argument("--spacy-config", default=str(PROJECT_ROOT / "config.cfg"),
                   help="the spaCy training config (default: the project's config.cfg)")
    p.add_argument("--output", default=str(PROJECT_ROOT / "models"),
                   help="where pipeline/ and linker.npz go (default: the project's models/, where extraction "
                        "finds them)")
    p.add_argument("--build", default=str(PROJECT_ROOT / "build" / "nlp"),
                   help="scratch folder for DocBins and checkpoints (default: the project's build/nlp)")
    p.add_argument("--max-steps", type=int, help="override [training] max_steps (a quick run)")
    p.add_argument("--linker-only", action="store_true", help="retrain only the slot linker")
    p.set_defaults(func=run)


def run(args) -> int:
    from extract.learn.nlp.training import load_annotations, train_all
    input_folder(args.annotations, "annotations folder")
    input_file(args.spacy_config, "spaCy training config")
    t0 = time.time()
    texts = load_annotations(Path(args.annotations))
    overrides = {"training.max_steps": args.max_steps} if args.max_steps else {}
    report = train_all(texts, Path(args.spacy_config), Path(args.output), Path(args.build), overrides,
                       spacy=not args.linker_only)
    a, p = report.alignment, report.alignment_plain
    print(f"documents {report.documents} (train {report.train_docs}, dev {report.dev_docs})")
    print(f"alignment with figure splitting: {a.summary()}")
    print(f"alignment with pkuseg alone:     {p.summary()}")
    for doc, label, text in a.misaligned:
        print(f"  not on token boundaries: {doc} {label} {text!r}")
    if report.spacy_scores:
        s = report.spacy_scores
        print(f"dev spans P {s.get('spans_sc_p', 0):.3f} R {s.get('spans_sc_r', 0):.3f} F {s.get('spans_sc_f', 0):.3f}")
    for path in (report.pipeline, report.linker, report.lexicon):
        if path:
            print(f"wrote {path}")
    print(f"done in {time.time() - t0:.0f} s")
    return 0
