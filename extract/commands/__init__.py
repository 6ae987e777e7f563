"""Subcommands of `jixiao`, one module each, discovered by `extract.cli`."""
