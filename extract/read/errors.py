"""Errors that name one bad input and let the batch go on.

Each carries a short machine `code` (stored in the record's `error` and the store's
errors table) and a message in English that says what happened and what to do.
"""
from __future__ import annotations


class ReadError(Exception):
    """A file that cannot be read into a Document."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    def to_json(self) -> dict:
        return {"code": self.code, "message": self.message}

    def __str__(self) -> str:  # what the record's `error` shows
        return f"{self.code}: {self.message}"
