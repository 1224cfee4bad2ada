"""The product apart from its tooling: production runs without the demo app (the image does
not ship it), installs only the runtime requirements, pinned with hashes, and the image
leaves out the tests, the benchmark and the screenshots.

No image registry is reachable here, so the Dockerfile and .dockerignore are read, not
built; production itself is started in a process of its own where ``demo`` cannot be
imported, as in the image."""

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
    stray = []
    for path in [*root.glob("*.md"), *root.glob("docs/*.md"), *root.rglob("*.py")]:
        if ".venv" in path.parts or path.name == "DOMAIN.md" or path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if re.search(r"(?<![\w/])DOMAIN\.md", line) or "shared/" in line:
                stray.append(f"{path.relative_to(root)}:{number}")
    assert not stray
