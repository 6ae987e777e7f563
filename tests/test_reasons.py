"""Every reason a record gives is one the schema module lists, so a reviewer's tool (and
`jixiao show`) can name each; the pool's records give them all from the list."""
from __future__ import annotations

import json

from extract.config import Config
from extract.pipeline import extract_path
from extract.schema import DOCUMENT_REASONS, REASONS

from tests.conftest import POOL


def test_every_reason_in_the_pool_records_is_the_schemas():
    seen = set()
    for path in sorted(POOL.glob("p0[0-9]*.txt"))[:100]:
        rec = json.loads(json.dumps(extract_path(path, Config())))
        for item in [*rec["fields"], *rec["indicators"]]:
            seen.update(item["reasons"])
        seen.update(rec["review"]["reasons"])
    assert seen, "no record of the pool gave a reason"
    assert seen <= set(REASONS) | set(DOCUMENT_REASONS), seen - set(REASONS) - set(DOCUMENT_REASONS)
