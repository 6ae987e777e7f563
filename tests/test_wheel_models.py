"""A non-editable install (`pip install .`, a wheel, an sdist) carries the shipped models and
finds them: the repository keeps its top-level models/ folder, a built distribution installs a
copy under <prefix>/share/jixiao/models, and `config.model_path` looks there when the project
root beside the package has no models/. Built offline from a copy of the sources, installed
into a fresh venv; no network, no build isolation."""
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from extract.config import PROJECT_ROOT

from tests.conftest import SEEDS

MODELS = PROJECT_ROOT / "models"
SHIPPED = ("pipeline", "linker", "lexicon", "calibrator")

# prints where the installed package finds each shipped model, run by the installed Python
WHERE = """
import json, extract, extract.config as c
m = c.Config().models
print(json.dumps({"package": extract.__file__,
                  **{name: str(c.model_path(getattr(m, name))) for name in %r}}))
""" % (SHIPPED,)


def _model_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts}


def _run(*argv, **kw):
    run = subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=120, **kw)
    assert run.returncode == 0, run.stdout + run.stderr
    return run


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A copy of the sources (so the build writes nothing into the work tree), its wheel and sdist."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "MANIFEST.in"):
        if (PROJECT_ROOT / name).exists():
            shutil.copy(PROJECT_ROOT / name, src / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(PROJECT_ROOT / "extract", src / "extract", ignore=ignore)
    shutil.copytree(MODELS, src / "models", ignore=ignore)
    dist = tmp / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q",
         "-w", dist, src)
    _run(sys.executable, "-c", f"from setuptools import build_meta as b; b.build_sdist({str(dist)!r})", cwd=src)
    (wheel,), (sdist,) = dist.glob("*.whl"), dist.glob("*.tar.gz")
    return tmp, wheel, sdist


def test_the_wheel_carries_every_shipped_model_file_under_share_jixiao_models(built):
    _, wheel, _ = built
    with zipfile.ZipFile(wheel) as z:
        data = {n.split("/share/jixiao/models/", 1)[1]: z.read(n) for n in z.namelist()
                if "/share/jixiao/models/" in n}
        names = z.namelist()
    assert data == _model_files(MODELS)                     # every file, byte for byte, in the same tree
    assert not any(n.startswith("models/") for n in names)  # not a top-level `models` package in site-packages


def test_the_sdist_carries_the_models_so_a_wheel_built_from_it_does_too(built):
    _, _, sdist = built
    with tarfile.open(sdist) as t:
        inside = {m.name.split("/", 1)[1] for m in t.getmembers() if m.isfile()}
    assert {f"models/{name}" for name in _model_files(MODELS)} <= inside


def test_a_non_editable_install_finds_the_shipped_models_in_its_own_prefix(built):
    tmp, wheel, _ = built
    venv = tmp / "v"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel)
    where = json.loads(_run(python, "-c", WHERE, cwd=tmp).stdout)
    venv = venv.resolve()
    assert Path(where["package"]).resolve().is_relative_to(venv)          # the installed copy, not the checkout
    shared = venv / "share" / "jixiao" / "models"
    assert where["pipeline"] == str(shared / "pipeline")
    assert where["linker"] == str(shared / "linker.npz")
    assert where["lexicon"] == str(shared / "lexicon.json")
    assert where["calibrator"] == str(shared / "calibration.json")
    assert _model_files(shared) == _model_files(MODELS)


def test_an_installed_wheel_gives_the_checkouts_records_from_any_folder(built):
    """The wheel in a fresh venv whose dependencies come from this Python's site-packages (a
    .pth line: its editable jixiao is not imported, the venv's own copy is), run in a folder
    of its own: the same records as the checkout, every model found as the checkout finds it."""
    tmp, wheel, _ = built
    venv = tmp / "run"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel)
    (site,) = venv.glob("lib/python*/site-packages")
    (site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    elsewhere = tmp / "data"
    elsewhere.mkdir()
    installed, checkout = tmp / "installed.jsonl", tmp / "checkout.jsonl"
    _run(python, "-m", "extract.cli", "extract", SEEDS, "-o", installed, "-q", cwd=elsewhere)
    assert Path(_run(python, "-c", "import extract; print(extract.__file__)", cwd=elsewhere).stdout.strip()) \
        .resolve().is_relative_to(venv.resolve())
    _run(sys.executable, "-m", "extract.cli", "extract", SEEDS, "-o", checkout, "-q", cwd=PROJECT_ROOT)
    a, b = (installed.read_text(encoding="utf-8"), checkout.read_text(encoding="utf-8"))
    assert a == b
    assert all(json.loads(line)["extractor"]["models"]["lexicon"] == "ok" for line in a.splitlines())


def test_an_install_under_another_prefix_is_found_through_its_file_list(built):
    """`pip install --prefix P` (or --user): the data are not under the running Python's prefix,
    so model_path reads where they went from the distribution's own record of its files."""
    tmp, wheel, _ = built
    prefix, venv = tmp / "elsewhere", tmp / "bare"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    # pip runs as the bare venv's Python (--python), and --ignore-installed: a --prefix install
    # must never uninstall the jixiao of the Python running these tests
    _run(sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install", "--no-deps", "--no-index",
         "--ignore-installed", "-q", "--prefix", prefix, wheel)
    (site,) = prefix.glob("lib/python*/site-packages")
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONNOUSERSITE": "1"}
    where = json.loads(_run(venv / "bin" / "python", "-c", WHERE, cwd=tmp, env=env).stdout)
    assert where["lexicon"] == str(prefix.resolve() / "share" / "jixiao" / "models" / "lexicon.json")
    assert where["pipeline"] == str(prefix.resolve() / "share" / "jixiao" / "models" / "pipeline")


def test_a_checkout_still_uses_its_own_models_folder():
    from extract.config import Config, model_path
    assert model_path(Config().models.pipeline) == MODELS / "pipeline"
