"""Every entry point reaches a sync through pupilsync.admission, and the shape holds.

The same contracts are in pyproject.toml for `lint-imports`, which `python3 dev.py test` runs;
these tests keep them in the suite and say in words what each one protects."""

import subprocess
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTRY_POINTS = ("pupilsync.web", "pupilsync.management", "pupilsync.tasks", "pupilsync.api")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(
        "pupilsync", "wonde", exclude_type_checking_imports=True, cache_dir=None
    )


def importers_of(graph: grimp.ImportGraph, module: str) -> set[str]:
    return set(graph.find_modules_that_directly_import(module))


def test_it_lets_only_the_admission_module_import_the_engine(graph):
    importers = importers_of(graph, "pupilsync.sync.engine") - {"pupilsync.sync.report"}
    assert importers == {"pupilsync.admission"}


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_no_entry_point_imports_the_engine_itself(graph, entry):
    direct = graph.find_matching_direct_imports(
        import_expression=f"{entry}.** -> pupilsync.sync.engine"
    )
    assert direct == []


@pytest.mark.parametrize("entry", ENTRY_POINTS)
def test_no_entry_point_names_the_engines_entry_function(entry):
    # An import inside a function, or a string path handed to a task, would slip past the graph.
    package = ROOT / entry.replace(".", "/")
    files = [package.with_suffix(".py")] if package.with_suffix(".py").exists() else []
    files += sorted(package.rglob("*.py")) if package.is_dir() else []
    assert files
    named = [
        f.name for f in files if "sync_school(" in f.read_text() or "plan_sync(" in f.read_text()
    ]
    assert named == []


def test_the_engine_asks_nothing_of_the_schedule(graph):
    # The door asks the schedule and hands its answer in; not even a chain leads back to it.
    assert not graph.chain_exists(
        importer="pupilsync.sync.engine", imported="pupilsync.scheduling", as_packages=True
    )


def test_the_import_contracts_hold():
    done = subprocess.run(
        [str(ROOT / ".venv/bin/lint-imports"), "--no-logo", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]
