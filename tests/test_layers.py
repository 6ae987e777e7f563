"""The package layout is the pipeline: each subpackage a stage, and no stage imports a later
one. A module may import from its own stage or an earlier one; the configuration, the
schema and the package's version are below every stage."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "extract"

# the stages, first to last; everything one of them imports must sit at its place or before
ORDER = ["schema", "config", "read", "slots", "learn", "quality", "pipeline", "store", "review", "cli"]
TOP_LEVEL = {"__init__.py", "schema.py", "config.py", "pipeline.py", "read", "slots", "learn", "quality", "store",
             "review", "cli"}


def _stage(module: str) -> str:
    """extract.slots.tables -> slots; extract.config -> config; extract -> '' (the package itself)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path, module: str):
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                yield node.lineno, (target + "." + alias.name if target == "extract" else target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        yield path, ".".join(parts)


def test_no_stage_imports_a_later_stage():
    upward = []
    for path, module in _modules():
        here = _stage(module)
        if here not in ORDER:
            continue
        for line, target in _imports(path, module):
            if target != "extract" and not target.startswith("extract."):
                continue
            there = _stage(target)
            if there in ("", "__version__"):
                continue
            assert there in ORDER, f"{module} imports {target}, which is in no stage of ORDER"
            if ORDER.index(there) > ORDER.index(here):
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line} ({here}) imports {target} ({there})")
    assert not upward, "imports from a later stage:\n" + "\n".join(upward)


def test_the_top_folder_holds_the_stages_the_schema_the_document_model_the_config_and_the_cli():
    entries = {p.name for p in PACKAGE.iterdir() if p.name != "__pycache__"}
    assert entries == TOP_LEVEL
    assert len(entries - {"__init__.py"}) <= 10
