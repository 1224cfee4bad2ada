"""The product apart from its tooling: production runs without the demo app (the image does
not ship it), installs only the runtime requirements, pinned with hashes, and the image
leaves out the tests, the benchmark and the screenshots.

No image registry is reachable here, so the Dockerfile and .dockerignore are read, not
built; production itself is started in a process of its own where ``demo`` cannot be
imported, as in the image."""

import ast
import importlib.metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

# Production settings, with every import of the demo app refused: the URLs, the admin, the
# API schema and the system checks load, and no command of the demo app is offered.
PRODUCTION_WITHOUT_DEMO = r"""
import importlib.abc, json, sys

class NoDemo(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "demo" or name.startswith("demo."):
            raise ModuleNotFoundError(f"No module named {name!r} (not in the image)")
        return None

sys.meta_path.insert(0, NoDemo())
import django
django.setup()
from django.conf import settings
from django.core.management import call_command, get_commands
from django.urls import get_resolver

get_resolver().url_patterns
call_command("check", "--fail-level", "ERROR")
call_command("spectacular", "--file", "/dev/null")
print(json.dumps({
    "apps": settings.INSTALLED_APPS,
    "commands": sorted(get_commands()),
    "loaded": sorted(name for name in sys.modules if name.split(".")[0] == "demo"),
}))
"""


def test_production_runs_without_the_demo_app():
    environment = os.environ | {
        "DJANGO_SETTINGS_MODULE": "inspection.settings.production",
        "DJANGO_SECRET_KEY": "test-" + "k" * 60,
        "DJANGO_ALLOWED_HOSTS": "xuncha.example.gov.cn",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    output = subprocess.run(
        [sys.executable, "-c", PRODUCTION_WITHOUT_DEMO],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert output.returncode == 0, output.stderr[-3000:]
    probe = json.loads(output.stdout.strip().splitlines()[-1])
    assert "demo" not in probe["apps"]
    assert not {"seed_demo", "seed_scale"} & set(probe["commands"])
    assert "statistics_upkeep" in probe["commands"]  # the product's own commands stay
    assert probe["loaded"] == []


def test_development_and_tests_install_the_demo_app():
    assert "demo" in settings.INSTALLED_APPS


def test_the_domain_the_code_cites_is_in_the_repository():
    """Code, tests and docs cite the domain definition as docs/DOMAIN.md, which is there."""
    root = settings.BASE_DIR
    assert (root / "docs" / "DOMAIN.md").read_text().startswith("# The domain")
    folders = [
        folder
        for folder in root.iterdir()
        if folder.is_dir() and not folder.name.startswith(".") and folder.name != "var"
    ]
    files = [*root.glob("*.md"), *(path for folder in folders for path in folder.rglob("*.py"))]
    stray = []
    for path in [*files, *root.glob("docs/*.md")]:
        if path.name == "DOMAIN.md" or path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"(?<![\w/])DOMAIN\.md", line) or "shared/" in line:
                stray.append(f"{path.relative_to(root)}:{number}")
    assert not stray


ROOT = settings.BASE_DIR
PRODUCT = ("inspection", "rounds", "findings", "rectification", "reports", "demo")
TOOLS = {
    "pytest", "pytest-django", "pytest-xdist", "factory-boy", "faker", "time-machine",
    "schemathesis", "hypothesis", "playwright", "ruff", "import-linter",
    "openapi-python-client",
}  # fmt: skip


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(path: str) -> dict[str, str]:
    """name → version of every requirement in a lock, each checked to be pinned with hashes."""
    text = (ROOT / path).read_text()
    pins = {}
    for block in re.split(r"\n(?=\S)", text):
        first = block.split("\\", 1)[0].strip()
        if not first or first.startswith(("#", "-")):
            continue
        name, _, version = first.partition("==")
        assert version and "--hash=sha256:" in block, f"{path}: {first} is not pinned with hashes"
        pins[normalized(name.split("[")[0])] = version.strip()
    return pins


def test_the_runtime_lock_pins_everything_with_hashes_and_holds_no_test_tool():
    runtime = locked("requirements.txt")
    assert {"django", "celery", "gunicorn", "psycopg2-binary"} <= set(runtime)
    assert not TOOLS & set(runtime)
    wanted = {
        normalized(re.split(r"[\[<>=!~ ;]", line, maxsplit=1)[0])
        for line in (ROOT / "requirements.in").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert wanted <= set(runtime), "requirements.txt is older than requirements.in"


def test_the_dev_lock_adds_the_tools_at_the_runtime_versions():
    runtime, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    assert {"pytest", "playwright", "ruff", "schemathesis"} <= set(dev)
    assert {name: dev[name] for name in set(dev) & set(runtime)} == {
        name: runtime[name] for name in set(dev) & set(runtime)
    }


def test_the_product_imports_only_what_the_runtime_lock_installs():
    """The apps (demo included: serve.sh runs it on the runtime lock) import nothing that
    only the test and tool lock brings."""
    distributions = importlib.metadata.packages_distributions()
    local = {path.name for path in ROOT.iterdir() if path.is_dir()} | {"gunicorn.conf"}
    imported = set()
    for app in PRODUCT:
        for path in (ROOT / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    imported |= {alias.name.split(".")[0] for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - local
    needed = {normalized(dist) for module in third_party for dist in distributions[module]}
    assert "django" in needed
    assert needed <= set(locked("requirements.txt"))


def test_the_dockerfile_installs_only_the_runtime_lock_with_hashes():
    dockerfile = "\n".join(
        line for line in (ROOT / "Dockerfile").read_text().splitlines() if not line.startswith("#")
    )
    instructions = re.sub(r"\\\n", " ", dockerfile)
    installs = [line for line in instructions.splitlines() if "pip install" in line]
    assert len(installs) == 1
    assert "--require-hashes" in installs[0]
    assert re.findall(r"-r\s+(\S+)", installs[0]) == ["requirements.txt"]
    assert "requirements-dev" not in dockerfile
    assert "playwright" not in dockerfile


def dockerignored(path: str) -> bool:
    """Whether .dockerignore keeps ``path`` out of the build context (Docker's rules: a
    pattern matches the path or a folder above it, ``**`` any folders, the last match
    wins, ``!`` re-includes)."""
    patterns = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    parts = path.split("/")
    candidates = ["/".join(parts[: n + 1]) for n in range(len(parts))]
    excluded = False
    for pattern in patterns:
        negate = pattern.startswith("!")
        glob = pattern.lstrip("!").strip("/")
        regex = re.escape(glob).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*")
        regex = regex.replace(r"\*", "[^/]*").replace(r"\?", "[^/]")
        if any(re.fullmatch(regex, candidate) for candidate in candidates):
            excluded = not negate
    return excluded


def test_the_image_leaves_out_the_tests_bench_screenshots_and_demo():
    for path in (
        "tests/test_packaging.py",
        "tests/browser/test_frame.py",
        "bench/__main__.py",
        "docs/screenshots/dashboard.png",
        "demo/county/build.py",
        "demo/management/commands/seed_demo.py",
        "test-artifacts/journey.png",
        "requirements-dev.txt",
        "requirements-dev.in",
        "reports/__pycache__/models.cpython-311.pyc",
    ):
        assert dockerignored(path), path
    for path in (
        "manage.py",
        "requirements.txt",
        "gunicorn.conf.py",
        "inspection/settings/production.py",
        "reports/statistics/version.py",
        "templates/404.html",
        "static/css/app.css",
        "locale/en/LC_MESSAGES/django.po",
        "scripts/backup.sh",
    ):
        assert not dockerignored(path), path
        assert (ROOT / path).exists(), path
