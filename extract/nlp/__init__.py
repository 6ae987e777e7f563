"""The trained entity pipeline: tokenizer, suggester, annotation conversion, run-time tagging.

Importing this package registers the functions config.cfg names (`jixiao.PkusegTokenizer.v1`,
`jixiao.clause_suggester.v1`) in spaCy's registry; everything that trains or loads the
pipeline imports it first.
"""
from . import segmenter, suggester  # noqa: F401  (registrations)
