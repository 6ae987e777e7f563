"""Bulk runs: many files through the pipeline into a SQLite store, and tables out of it.

- `ingest.py`: walk folders, skip what is done, extract the rest in parallel (processes or
  Dask), each file exactly once across interruptions;
- `sqlite.py`: the store of records, files and errors;
- `export.py`: CSV, XLSX, Parquet or JSONL tables for the people who analyse them.
"""
