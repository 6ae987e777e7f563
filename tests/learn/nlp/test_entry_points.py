"""spaCy the spaCy way: the pipeline's tokenizer and suggester are registered through entry
points (pyproject.toml: spacy_tokenizers, spacy_misc), so `spacy.load("models/pipeline")`
works in a fresh interpreter after `pip install` without importing jixiao first."""
import importlib.util
import subprocess
import sys
from importlib.metadata import entry_points

from extract.config import PROJECT_ROOT

LOAD = """
import sys
import spacy
assert not any(m == "extract" or m.startswith("extract.") for m in sys.modules), "jixiao imported before load"
nlp = spacy.load(sys.argv[1])
print(type(nlp.tokenizer).__name__, " ".join(nlp.pipe_names))
if sys.argv[2] == "tokenize":
    print("|".join(t.text for t in nlp("2023年度预算执行率95.32%")))
"""


def test_the_entry_points_name_the_registered_functions():
    tokenizers = {e.name: e.value for e in entry_points(group="spacy_tokenizers")}
    misc = {e.name: e.value for e in entry_points(group="spacy_misc")}
    assert tokenizers.get("jixiao.PkusegTokenizer.v1") == "extract.learn.nlp.segmenter:create_pkuseg_tokenizer", \
        "reinstall jixiao (pip install -e .) to register its entry points"
    assert misc.get("jixiao.clause_suggester.v1") == "extract.learn.nlp.suggester:build_clause_suggester"


def test_spacy_loads_the_shipped_pipeline_without_importing_jixiao_first(tmp_path):
    tokenize = "tokenize" if importlib.util.find_spec("pkuseg") is not None else "load-only"
    run = subprocess.run([sys.executable, "-c", LOAD, str(PROJECT_ROOT / "models" / "pipeline"), tokenize],
                         cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0].split()[0] == "PkusegTokenizer" and "spancat" in lines[0].split()
    if tokenize == "tokenize":
        assert lines[-1] == "2023|年度|预算|执行率|95.32|%"       # figures split from their units
