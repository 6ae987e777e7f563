"""One damaged file must not stop a batch: unexpected failures inside a reader become a ReadError.

The parsing libraries raise whatever they raise on damaged input (PdfiumError, KeyError,
lxml errors, RecursionError on absurd nesting …). A reader runs its body under
`reading(kind)` (or is decorated with `guarded(kind)`) so that anything but a ReadError comes out as `unreadable`, naming
the exception, and `extract_path` records it and goes on.
"""
from __future__ import annotations

import functools
from contextlib import contextmanager
from typing import Callable, Iterator

from extract.read.errors import ReadError


@contextmanager
def reading(kind: str) -> Iterator[None]:
    try:
        yield
    except ReadError:
        raise
    except (MemoryError, KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:
        raise ReadError("unreadable", f"the {kind} file could not be read ({type(e).__name__}: {e}); "
                        "it is probably damaged: re-save or re-export it, and report it if it opens "
                        "normally elsewhere") from None


def guarded(kind: str) -> Callable:
    """Decorator form of `reading`: the reader's whole body runs under it."""
    def wrap(reader: Callable) -> Callable:
        @functools.wraps(reader)
        def read(*args, **kwargs):
            with reading(kind):
                return reader(*args, **kwargs)
        return read
    return wrap
