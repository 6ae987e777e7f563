"""jixiao: Chinese budget performance-evaluation reports into structured, checked records.

Data flows one way: readers (file -> Document) -> layout (blocks, tables) -> values
(normalize) -> slots and indicators -> checks -> confidence -> record.
`extract.pipeline.extract_path` is the one extraction function every caller uses.
"""
__version__ = "0.1.0"
