"""An installation with no internet (issue 22, part 3; docs/DEPLOYMENT.md).

The kit's wheel step (scripts/offline_kit.sh) gathers the runtime lock's wheels; a fresh
virtual environment installs them with `pip --no-index --require-hashes` and nothing else
in reach (no pip configuration, no proxy, an index address that answers nothing), and
`manage.py check` passes there under the default and the production settings. The kit's
other steps say what they did or why not, and its MANIFEST verifies.

The download goes through pip's HTTP cache: a second run reads the wheels from the cache.
OFFLINE_KIT_WHEELS names a folder of runtime wheels made beforehand, to skip the download.
"""

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
KIT = ROOT / "scripts" / "offline_kit.sh"
# Nothing but what the kit holds: no configuration file (it names local mirrors and
# find-links here), no proxy, and an index that would refuse any connection.
OFFLINE = {
    "PIP_CONFIG_FILE": os.devnull,
    "PIP_NO_INDEX": "1",
    "PIP_INDEX_URL": "http://127.0.0.1:9/simple/",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    "PYTHONNOUSERSITE": "1",
}


def bare_environment(home: Path, **extra: str) -> dict[str, str]:
    """The process environment less pip's and proxies' settings and the test run's own."""
    kept = {"PATH", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"}
    env = {name: value for name, value in os.environ.items() if name in kept}
    return {**env, "HOME": str(home), **extra}


def run(command: list, env: dict, cwd=ROOT) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def kit(tmp_path_factory) -> Path:
    """The kit's runtime wheels, templates and image steps, with no docker in reach."""
    out = tmp_path_factory.mktemp("kit")
    prepared = os.environ.get("OFFLINE_KIT_WHEELS")
    steps = "templates,image,debs" if prepared else "wheels-runtime,templates,image,debs"
    # The connected side: the machine's own pip settings (its cache, mirrors, registry).
    env = {**os.environ, "DOCKER": str(out / "no-docker-here"), "PYTHON": sys.executable}
    output = run([KIT, out, "--only", steps], env=env)
    (out / "build.log").write_text(output)
    return out


@pytest.fixture(scope="module")
def wheels(kit) -> Path:
    prepared = os.environ.get("OFFLINE_KIT_WHEELS")
    return Path(prepared).resolve() if prepared else kit / "wheels" / "runtime"


@pytest.fixture(scope="module")
def installed(wheels, tmp_path_factory) -> Path:
    """A fresh virtual environment holding the runtime lock, installed from the kit alone."""
    work = tmp_path_factory.mktemp("offline-venv")
    venv = work / "venv"
    env = bare_environment(work, **OFFLINE)
    run([sys.executable, "-m", "venv", venv], env=env)
    python = venv / "bin" / "python"
    pip = [python, "-m", "pip", "install", "--quiet", "--no-index", "--no-compile"]
    run(
        [*pip, "--find-links", wheels, "--require-hashes", "-r", ROOT / "requirements.txt"], env=env
    )
    return python


def test_every_pin_of_the_runtime_lock_is_a_wheel_in_the_kit(kit):
    if os.environ.get("OFFLINE_KIT_WHEELS"):
        pytest.skip("a prepared wheel folder: the kit's wheel step did not run")
    lock = (ROOT / "requirements.txt").read_text()
    pins = {
        line.split("==")[0].lower().replace("_", "-")
        for line in lock.splitlines()
        if "==" in line and not line.startswith((" ", "#"))
    }
    wheels = {
        p.name.split("-")[0].lower().replace("_", "-")
        for p in (kit / "wheels" / "runtime").glob("*.whl")
    }
    assert pins and pins == wheels
    assert (kit / "lock" / "requirements.txt").read_text() == lock  # no wheel was built


def test_the_runtime_installed_with_no_index_passes_the_checks(installed, tmp_path):
    env = bare_environment(tmp_path, **OFFLINE, INSPECTION_VAR_DIR=str(tmp_path / "var"))
    # Nothing of the test run's environment leaks in: the venv imports its own Django.
    where = run([installed, "-c", "import django; print(django.__file__)"], env=env)
    assert str(installed.parent.parent) in where
    assert "System check identified no issues" in run([installed, "manage.py", "check"], env=env)
    production = {
        **env,
        "DJANGO_SETTINGS_MODULE": "inspection.settings.production",
        "DJANGO_SECRET_KEY": "offline-" + hashlib.sha256(str(tmp_path).encode()).hexdigest(),
        "DJANGO_ALLOWED_HOSTS": "xuncha.example.gov.cn",
    }
    for settings_module in ("inspection.settings.production", "inspection.settings.public"):
        output = run(
            [installed, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
            env={**production, "DJANGO_SETTINGS_MODULE": settings_module},
        )
        assert "System check identified no issues" in output, settings_module


def test_the_kit_ships_the_templates_with_their_fonts_names(kit):
    shipped = sorted(ROOT.glob("*/documents/*.docx"))
    copied = (kit / "templates").rglob("*.docx")
    assert shipped and sorted(p.name for p in copied) == sorted(p.name for p in shipped)
    fonts = (kit / "templates" / "FONTS.txt").read_text()
    for name in ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "AR PL UMing CN"):
        assert name in fonts
    aliases = (kit / "fonts" / "65-gbt9704.conf").read_bytes()
    assert aliases == (ROOT / ".ci" / "fonts.conf").read_bytes()


def test_the_image_step_without_docker_is_skipped_saying_why(kit):
    assert "image: SKIPPED: no docker command" in (kit / "build.log").read_text()
    note = (kit / "image" / "SKIPPED.txt").read_text()
    assert "docker save" in note and "docker build" in note
    assert "image: skipped" in (kit / "KIT.txt").read_text()


def test_the_debian_packages_are_listed_with_the_command_that_downloads_them(kit):
    listed = (kit / "debs" / "packages.txt").read_text().split()
    for package in ("postgresql", "redis-server", "libreoffice-writer-nogui", "python3-venv"):
        assert package in listed
    assert "apt-get download" in (kit / "debs" / "download.sh").read_text()


def test_the_manifest_holds_every_file_with_its_sha256(kit):
    lines = (kit / "MANIFEST.sha256").read_text().splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in lines}
    files = {
        p.relative_to(kit).as_posix()
        for p in kit.rglob("*")
        if p.is_file() and p.name not in {"MANIFEST.sha256", "build.log"}
    }
    assert set(listed) == files
    assert "INSTALL.md" in listed
    for name, digest in listed.items():
        assert hashlib.sha256((kit / name).read_bytes()).hexdigest() == digest, name
