"""Subcommands of `jixiao`, one module each, discovered by `extract.cli`.

A user mistake (a path that does not exist, an output folder that is missing, a config
key jixiao does not know) is raised as `UsageError`: `cli.main` prints it as one line,
`jixiao COMMAND: what is wrong; what to do`, and exits with its code (2), no traceback.
"""
from __future__ import annotations

import os
from pathlib import Path


class UsageError(Exception):
    """A mistake in how jixiao was called: one line on stderr and a non-zero exit."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def output_file(path: str | Path, option: str = "-o") -> Path:
    """`path` as a file jixiao can write, or a UsageError saying why not."""
    p = Path(path)
    if p.is_dir():
        raise UsageError(f"{option} {p} is a folder: give a file name inside it, e.g. {p / 'out'}")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.exists():
        raise UsageError(f"cannot write {p}: the folder {parent} does not exist; create it (mkdir -p {parent}) "
                         f"or choose another {option}")
    if not parent.is_dir():
        raise UsageError(f"cannot write {p}: {parent} is a file, not a folder; choose another {option}")
    if not os.access(parent, os.W_OK | os.X_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise UsageError(f"cannot write {p}: permission denied; choose a writable {option}")
    return p


def input_file(path: str | Path, what: str) -> Path:
    """`path` as an existing, readable file, or a UsageError saying what is wrong."""
    p = Path(path)
    if not p.exists():
        raise UsageError(f"{what} {p} does not exist; check the path")
    if p.is_dir():
        raise UsageError(f"{what} {p} is a folder, not a file")
    if not os.access(p, os.R_OK):
        raise UsageError(f"cannot read {what} {p}: permission denied")
    return p


def input_folder(path: str | Path, what: str) -> Path:
    """`path` as an existing folder, or a UsageError saying what is wrong."""
    p = Path(path)
    if not p.exists():
        raise UsageError(f"{what} {p} does not exist; check the path")
    if not p.is_dir():
        raise UsageError(f"{what} {p} is a file, not a folder")
    return p


def existing_inputs(paths: list[str]) -> None:
    """Every report path named on the command line exists, or a UsageError naming the first
    that does not (before anything is created or written)."""
    for raw in paths:
        if not os.path.lexists(raw):
            raise UsageError(f"{raw}: no such file or folder; check the path")


def add_include_option(parser) -> None:
    """`--include EXT|GLOB` of the commands that walk folders (`include_patterns` reads it)."""
    parser.add_argument("--include", action="append", default=[], metavar="EXT|GLOB",
                        help="also read these files in folders, e.g. --include .md or --include '*.csv' "
                             "(repeatable; by default folders give only report formats)")


def include_patterns(values: list[str]) -> list[str]:
    """--include values, each possibly comma-separated."""
    return [v.strip() for raw in values for v in raw.split(",") if v.strip()]
