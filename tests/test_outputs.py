"""Running the suite leaves ``git status`` clean: what tests write goes to ignored paths.

The browser journeys' screenshots, the README's included, land in ``test-artifacts/``
(git-ignored); ``docs/screenshots/`` is written only when asked
(``UPDATE_README_SCREENSHOTS=1``, tests/browser/conftest.py)."""

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, README_SCREENSHOTS, readme_screenshots

ROOT = Path(__file__).resolve().parents[1]


def ignored_by_git(path: Path) -> bool:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a checkout")
    answer = subprocess.run(
        ["git", "check-ignore", "-q", str(path.relative_to(ROOT))], cwd=ROOT, check=False
    )
    return answer.returncode == 0


def test_screenshots_go_to_an_ignored_folder(monkeypatch):
    monkeypatch.delenv("UPDATE_README_SCREENSHOTS", raising=False)
    assert readme_screenshots().is_relative_to(ARTIFACTS)
    assert ignored_by_git(ARTIFACTS / "dashboard.png")
    assert ignored_by_git(readme_screenshots() / "dashboard.png")
    assert not ignored_by_git(README_SCREENSHOTS / "dashboard.png")  # tracked: asked only
    monkeypatch.setenv("UPDATE_README_SCREENSHOTS", "1")
    assert readme_screenshots() == README_SCREENSHOTS


def test_only_the_browser_fixtures_take_screenshots():
    """Every ``screenshot(path=…)`` of the tests goes through ``snap`` or ``readme_shot``."""
    writers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "tests").rglob("*.py")
        if ".screenshot(path=" in path.read_text(encoding="utf-8") and path != Path(__file__)
    ]
    assert writers == ["tests/browser/conftest.py"]
