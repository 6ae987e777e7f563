"""`jixiao text PATH`: the document text that every span points into."""
from __future__ import annotations

import sys

from extract.config import load_config
from extract.read.errors import ReadError
from extract.read.formats import read_path


def register(sub) -> None:
    p = sub.add_parser("text", help="print a document's extracted text (what record spans index)",
                       description="Print the text as the project extracted it. Record spans "
                                   "(start, end) are character offsets into exactly this text.")
    p.add_argument("path", metavar="PATH")
    p.set_defaults(func=run)


def run(args) -> int:
    try:
        doc = read_path(args.path, load_config(args.config).limits)
    except ReadError as e:
        print(f"{args.path}: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(doc.text)
    return 0
