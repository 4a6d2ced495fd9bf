"""The package installs anywhere: a wheel built from the checkout, installed into a fresh venv outside it,
answers the flagship question, loads and exports, reading seed/ and cypher/ from inside the wheel."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

import kg
from kg.resources import VERSION

REPO = Path(__file__).resolve().parents[1]
SHIPPED = ("pyproject.toml", "README.md", "kg", "seed", "cypher", "tools")  # what the build reads


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the checkout (so the build leaves nothing in the work tree)."""
    src = tmp_path_factory.mktemp("src")
    for name in SHIPPED:
        item = REPO / name
        if item.is_dir():
            shutil.copytree(item, src / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, src / name)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(src)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    [built] = out.glob("oncokg-*.whl")
    return built


def test_the_wheel_carries_the_seed_and_the_cypher_files(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder, suffix, prefix in (("seed", ".yaml", "kg/_data/seed/"), ("cypher", ".cypher", "kg/_data/cypher/"),
                                   ("tools/neo4j", ".xml", "kg/_data/neo4j/")):
        expected = {prefix + p.relative_to(REPO / folder).as_posix() for p in (REPO / folder).rglob(f"*{suffix}")}
        assert expected and expected <= names, sorted(expected - names)
    assert "kg/templates/case.yaml" in names


def test_an_installed_wheel_works_outside_the_checkout(wheel: Path, tmp_path: Path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    # The dependencies come from the running environment's site-packages (listed after the new venv's own, so
    # its kg is the wheel's), so no index is needed.
    [own] = env_dir.glob("lib/python*/site-packages")
    (own / "running-environment.pth").write_text(
        "\n".join(p for p in sys.path if p.endswith(("site-packages", "dist-packages"))) + "\n")
    bin_dir = env_dir / "bin"
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KG_SEED_DIR", "VIRTUAL_ENV")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}", KG_STATE_DIR=str(tmp_path / "state"), COLUMNS="200")

    def run(*args: str) -> subprocess.CompletedProcess:
        proc = subprocess.run(args, cwd=work, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        assert proc.returncode == 0, f"{args}: {proc.stderr}"
        return proc

    run(str(bin_dir / "python"), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel))
    where = run(str(bin_dir / "python"), "-c",
                "import kg, kg.resources as r; print(kg.__file__); print(r.path('seed')); print(r.path('cypher'))")
    assert all(Path(p).is_relative_to(env_dir) for p in where.stdout.split()), where.stdout

    kg_script = str(bin_dir / "kg")
    asked = run(kg_script, "ask", "alk-cns-after-crizotinib")
    assert "alectinib" in asked.stdout
    assert re.search(r"^\d+ row\(s\) from the memory store, graph [0-9a-f]{16}\.$", asked.stdout, re.M), asked.stdout

    loaded = run(kg_script, "load")
    assert re.fullmatch(r"The memory store holds \d+ nodes and \d+ relationships from \d+ files "
                        r"\(graph [0-9a-f]{16}\); .*\n", loaded.stdout), loaded.stdout

    exported = run(kg_script, "export", "-f", "graphml", "-o", "graph.graphml")
    assert re.fullmatch(r"Wrote \d+ nodes and \d+ relationships as graphml to graph.graphml\.\n", exported.stderr)
    assert (work / "graph.graphml").read_text(encoding="utf-8").startswith("<?xml")


def test_the_version_is_the_one_pyproject_states():
    """kg --version, the GEXF creator and the release manifest read kg.resources.VERSION: pyproject.toml's."""
    assert kg.__version__ == VERSION == tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
