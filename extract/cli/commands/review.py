"""`jixiao review push|pull`: the Label Studio round trip.

push: records -> one task per document with the extraction as predictions, queued lowest
confidence first. pull: the reviewed tasks, checked, -> annotations/ in Label Studio's
export format (what `jixiao train` reads). --to-file / --from-file do the same without a
server. The API token is read from LABEL_STUDIO_API_KEY or LABEL_STUDIO_USER_TOKEN.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from extract.config import load_config
from extract.review.client import LabelStudio, LabelStudioError
from extract.review.roundtrip import (MODEL_VERSION, build_tasks, check_project_name, default_output,
                                      keep_reviewed, pull, push, read_records, write_json)

_TOKEN_NOTE = ("The API token is read from the environment (LABEL_STUDIO_API_KEY, else LABEL_STUDIO_USER_TOKEN), "
               "never from the command line. The server URL is --url, else LABEL_STUDIO_URL, else "
               "http://localhost:8080.")


def register(sub) -> None:
    p = sub.add_parser("review", help="send records to Label Studio for review, and bring the reviews back",
                       description="The Label Studio round trip. " + _TOKEN_NOTE)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    ps = actions.add_parser("push", help="create/update a project with one pre-annotated task per record",
                            description="Create or update a Label Studio project (labeling config generated from "
                                        "the schema) and import one task per document, with the record as "
                                        "predictions scored by confidence, so the queue shows the least "
                                        "confident documents first. Pushing a document again replaces its "
                                        "task. " + _TOKEN_NOTE)
    ps.add_argument("records", metavar="RECORDS.jsonl", help="records from `jixiao extract`")
    ps.add_argument("--project", help="the project's title (3-50 characters); needed unless --to-file")
    ps.add_argument("--url", help="Label Studio's URL")
    ps.add_argument("--to-file", metavar="TASKS.json",
                    help="write Label Studio's import JSON here instead of talking to a server")
    ps.add_argument("--model-version", default=MODEL_VERSION,
                    help=f"prediction model version (default {MODEL_VERSION})")
    ps.set_defaults(func=run_push)

    pl = actions.add_parser("pull", help="export the reviewed tasks into annotations/, checked",
                            description="Export the project's reviewed tasks (a snapshot export with "
                                        "annotations and predictions), check every region against the "
                                        "document text and the schema, and write the good tasks in Label "
                                        "Studio's JSON export format. Tasks with a bad region are listed and "
                                        "left out; the exit status is then 1. With nothing reviewed yet, nothing is written. "
                                        + _TOKEN_NOTE)
    pl.add_argument("--project", help="the project's title; needed unless --from-file")
    pl.add_argument("--url", help="Label Studio's URL")
    pl.add_argument("--from-file", metavar="EXPORT.json", help="read a Label Studio JSON export instead of a server")
    pl.add_argument("-o", "--output", help="where to write (default annotations/reviewed-PROJECT.json)")
    pl.set_defaults(func=run_pull)


def _fail(message: str) -> int:
    print(f"jixiao review: {message}", file=sys.stderr)
    return 2


def run_push(args) -> int:
    if not args.to_file and not args.project:
        return _fail("push needs --project NAME (or --to-file TASKS.json to write the tasks without a server)")
    try:
        records = read_records(args.records)
        if args.project:
            check_project_name(args.project)
    except (OSError, ValueError) as e:
        return _fail(str(e))
    built = build_tasks(records, load_config(args.config).limits, args.model_version)
    for note in built.notes:
        print(f"note   {note}", file=sys.stderr)
    if args.to_file:
        write_json(args.to_file, built.tasks)
        print(f"{len(built.tasks)} tasks written to {args.to_file} (Label Studio import JSON)", file=sys.stderr)
        return 0
    try:
        res = push(LabelStudio.from_env(args.url), args.project, built.tasks, args.model_version)
    except LabelStudioError as e:
        return _fail(str(e))
    print(f"project {args.project!r} (id {res.project_id}{', created' if res.created else ''}): "
          f"{res.imported} tasks imported, {res.replaced} old tasks replaced", file=sys.stderr)
    return 0


def run_pull(args) -> int:
    if not args.from_file and not args.project:
        return _fail("pull needs --project NAME (or --from-file EXPORT.json)")
    try:
        if args.from_file:
            with open(args.from_file, encoding="utf-8") as fh:
                result = keep_reviewed(json.load(fh))
        else:
            result = keep_reviewed(*pull(LabelStudio.from_env(args.url), args.project))
    except (OSError, ValueError, LabelStudioError) as e:
        return _fail(str(e))
    for problem in result.problems:
        print(f"bad    {problem}", file=sys.stderr)
    name = args.project or Path(args.from_file).stem
    if not result.tasks and not result.rejected:      # keep whatever an earlier pull wrote
        where = f"project {args.project!r}" if not args.from_file else args.from_file
        print(f"nothing reviewed yet in {where} ({result.unreviewed} tasks not reviewed): nothing written",
              file=sys.stderr)
        return 0
    out = write_json(args.output or default_output(name), result.tasks)
    print(f"{len(result.tasks)} reviewed tasks written to {out}; {result.rejected} left out for bad regions, "
          f"{result.unreviewed} not reviewed yet", file=sys.stderr)
    return 1 if result.rejected else 0
