"""The layers and the one write path.

Imports point one way: inspection < rounds < findings < rectification < reports; the root
(settings, root URLs and the API router, Celery, WSGI) may import every app. Screens, API
views, forms and the admin parse input and call ONE service; they never open a
transaction of their own. A compound action is a service (``clues_review_bulk``,
``team_create_with_members`` …) that the screen and the API both call, so the API can do
what the screens do.

import-linter holds both as contracts (pyproject.toml) and runs here as in CI. This test
also reads the source of every screen, API, form and admin module and names the file and
line of any ``transaction.atomic`` / ``atomic(`` however it was imported.
"""

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("inspection", "rounds", "findings", "rectification", "reports")

# Modules allowed to open a transaction, each with the reason.
ALLOWED = {
    # A read-only transaction around one query, for its ``SET LOCAL join_collapse_limit``
    # (PostgreSQL only): pagination plumbing, it writes nothing and calls no service.
    "inspection/api/pagination.py": "SET LOCAL for a read, no write",
}


def _layer_modules() -> list[Path]:
    found: set[Path] = set()
    for app in APPS:
        base = ROOT / app
        for folder in ("views", "api", "forms"):
            found.update((base / folder).rglob("*.py"))
        # web.py: what every screen shares; *_forms.py: forms by another name (team_forms).
        for pattern in ("views.py", "forms.py", "*_forms.py", "web.py", "admin.py", "admin_*.py"):
            found.update(base.glob(pattern))
    return sorted(found)


MODULES = _layer_modules()


def transactions_opened(source: str) -> list[tuple[int, str]]:
    """(line, what) of each ``atomic`` used in ``source``: ``transaction.atomic`` (called
    or as a decorator), a bare ``atomic`` imported from ``django.db.transaction``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "atomic":
            found.append((node.lineno, ast.unparse(node)))
        elif isinstance(node, ast.Name) and node.id == "atomic":
            found.append((node.lineno, "atomic"))
        elif isinstance(node, ast.ImportFrom) and any(a.name == "atomic" for a in node.names):
            found.append((node.lineno, f"from {node.module} import atomic"))
    return found


def test_the_layers_are_found():
    names = {str(path.relative_to(ROOT)) for path in MODULES}
    assert "findings/views/clues.py" in names
    assert "rounds/api/views/planning.py" in names
    assert "rectification/forms/ledger.py" in names
    assert "rounds/admin.py" in names
    assert "inspection/web.py" in names
    assert "findings/team_forms.py" in names


def test_the_check_sees_every_way_of_opening_a_transaction():
    source = (
        "from django.db import transaction\n"
        "from django.db.transaction import atomic\n"
        "with transaction.atomic():\n    pass\n"
        "@atomic\ndef f():\n    pass\n"
    )
    assert sorted({line for line, _ in transactions_opened(source)}) == [2, 3, 5]


@pytest.mark.parametrize("path", MODULES, ids=[str(path.relative_to(ROOT)) for path in MODULES])
def test_no_view_form_or_admin_opens_a_transaction(path):
    name = str(path.relative_to(ROOT))
    if name in ALLOWED:
        return
    found = transactions_opened(path.read_text(encoding="utf-8"))
    assert not found, "\n".join(
        f"{name}:{line}: {what} — a view opens no transaction; make the action a service"
        for line, what in found
    )


def test_the_import_contracts_are_kept():
    """lint-imports over pyproject.toml's contracts: no app imports one above it, and no
    screen, API, form or admin module imports django.db.transaction."""
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _contract(contract_id: str) -> dict:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(contract for contract in contracts if contract["id"] == contract_id)


def test_the_transaction_contract_covers_every_screen_api_form_and_admin_module():
    """A new app's views or forms are not left out of the contract: each module this file
    reads is one of its source modules or inside one."""
    sources = _contract("views-open-no-transaction")["source_modules"]
    left_out = []
    for path in MODULES:
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        if not any(module == source or module.startswith(f"{source}.") for source in sources):
            left_out.append(module)
    assert not left_out, f"add to source_modules in pyproject.toml: {left_out}"
