"""The fast loop's markers point at tests that exist: a module renamed or a test moved would
otherwise drop out of its marker silently and slow the loop down (or, for ``browser``,
run where no chromium is)."""

import ast
import tomllib
from pathlib import Path

from tests.conftest import MARKED

ROOT = Path(__file__).resolve().parent.parent


def test_every_marker_is_registered():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    registered = {line.split(":")[0] for line in config["tool"]["pytest"]["ini_options"]["markers"]}
    assert set(MARKED) <= registered


def test_every_marked_prefix_names_tests_that_exist():
    for marker, prefixes in MARKED.items():
        for prefix in prefixes:
            path, _, name = prefix.partition("::")
            target = ROOT / path
            assert target.exists(), (marker, prefix)
            if target.is_dir():
                assert list(target.glob("test_*.py")), (marker, prefix)
            elif name:
                tree = ast.parse(target.read_text())
                functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
                assert name in functions, (marker, prefix)
            else:
                assert target.name.startswith("test_"), (marker, prefix)
