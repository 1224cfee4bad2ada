"""SECURITY.md maps every threat to the tests that show its defence: those tests must exist."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "SECURITY.md").read_text()


def _references() -> list[tuple[str, str | None]]:
    """Every `tests/...` reference in the doc, as (path, test name or None); a bare
    `::name` continues the last path named before it."""
    found, last = [], None
    for token in re.findall(r"`([^`]*)`", DOC):
        if token.startswith("tests/"):
            path, _, name = token.partition("::")
            last = path
            found.append((path, name.split("[")[0] or None))
        elif token.startswith("::") and last:
            found.append((last, token[2:].split("[")[0]))
    return found


def test_the_doc_names_tests_for_every_threat():
    rows = [line for line in DOC.splitlines() if re.match(r"\| *\d+ *\|", line)]
    assert len(rows) >= 15
    for row in rows:
        assert "`tests/" in row, f"a threat without a test: {row[:80]}"


def test_every_test_the_doc_names_exists():
    missing = []
    for path, name in _references():
        target = ROOT / path
        if not target.exists():
            missing.append(path)
            continue
        if name is None:
            continue
        sources = [target] if target.is_file() else list(target.rglob("test_*.py"))
        if not any(re.search(rf"def {re.escape(name)}\b", s.read_text()) for s in sources):
            missing.append(f"{path}::{name}")
    assert not missing, f"SECURITY.md names tests that do not exist: {missing}"
