"""jixiao: Chinese budget performance-evaluation reports into structured, checked records.

Data flows one way: readers (file -> Document) -> layout (blocks, tables) -> values
(normalize) -> slots and indicators -> checks -> confidence -> record.
`extract.pipeline.extract_records` is the one extraction function every caller uses: it reads
one file and gives one record per report in it (SCHEMA.md `document.part`: a workbook with a
form per sheet, a report with a project's form appended). `extract_path` is its first record,
for a caller that knows the file holds one report.
"""
__version__ = "0.1.0"
