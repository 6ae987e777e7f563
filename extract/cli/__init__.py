"""`jixiao`: the command line. Each subcommand lives in `extract/cli/commands/<name>.py`
and exposes `register(subparsers)`; they are discovered, so adding a command is adding
a module.
"""
from __future__ import annotations

import argparse
import importlib
import logging
import pkgutil
import sys
from typing import Optional

from extract.cli import commands
from extract.cli.commands import UsageError
from extract.config import ConfigError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jixiao",
        description="Read Chinese budget performance-evaluation reports (预算绩效自评报告/自评表/绩效目标表) "
                    "into checked, reviewable records of the canonical schema.")
    parser.add_argument("--config", help="a jixiao.toml to use instead of ./jixiao.toml")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress and decisions")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Optional[list[str]] = None) -> int:
    """Run one command. A user mistake (`UsageError`, a bad config file) is one line on
    stderr and exit status 2, never a traceback; `-v` logs jixiao's own decisions (not the
    libraries' chatter)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("extract").setLevel(logging.INFO if args.verbose else logging.WARNING)
    try:
        return int(args.func(args) or 0)
    except (UsageError, ConfigError) as e:
        print(f"jixiao {args.command}: {e}", file=sys.stderr)
        return getattr(e, "code", 2)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130

