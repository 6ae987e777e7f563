"""The trained entity pipeline: tokenizer, suggester, annotation conversion, run-time tagging.

`segmenter` and `suggester` register the functions config.cfg names
(`jixiao.PkusegTokenizer.v1`, `jixiao.clause_suggester.v1`) in spaCy's registry; whatever
builds or loads the pipeline imports them first (`training.blank_pipeline`,
`models.load_models`). Nothing is imported here, so that `extract.learn.models` costs no spaCy
import when no trained pipeline is installed.
"""
