"""scripts/backup.sh and scripts/restore.sh (docs/BACKUP.md): the demo county, with evidence
files of every kind, backed up and restored into an empty database and an empty media
folder, answers every statistic, every table's row count, every sequence and every file's
bytes exactly as before; and the restore refuses a database that is not empty."""

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dj_database_url
import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(settings.BASE_DIR)
SERVER = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER.startswith(("postgres://", "postgresql://"))

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ON_POSTGRES, reason="needs PostgreSQL: the backup is pg_dump and pg_restore"
    ),
]


def database_url(name: str) -> str:
    """DATABASE_URL with its database replaced by ``name``."""
    base, _, rest = SERVER.rpartition("/")
    query = rest.partition("?")[2]
    return f"{base}/{name}" + (f"?{query}" if query else "")


def run(command: list[str], *, database: str, media: Path, check: bool = True, **extra):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PYTEST_XDIST_WORKER")}
    env |= {"DATABASE_URL": database_url(database), "DJANGO_MEDIA_ROOT": str(media), **extra}
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    if check:
        assert done.returncode == 0, f"{command}\n{done.stdout}\n{done.stderr}"
    return done


def admin(sql: str) -> None:
    subprocess.run(
        ["psql", database_url("postgres"), "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def restore_target():
    """A new database beside the test database, dropped after the test."""
    name = f"{dj_database_url.parse(SERVER)['NAME']}_backup_restored"
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}" TEMPLATE template0')
    yield name
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def snapshot(database: str, media: Path, on: datetime.date) -> dict:
    python = sys.executable
    done = run(
        [python, "-m", "tests.backup_snapshot", "snapshot", on.isoformat()],
        database=database,
        media=media,
    )
    return json.loads(done.stdout)


def test_a_restored_backup_answers_every_figure_and_file_as_the_original(
    seeded, demo_media, restore_target, tmp_path
):
    """The source is the test database, fresh from its migrations, with the demo county
    seeded (``seeded`` commits it, and empties the tables after the module), its evidence
    files (the demo's progress photos and PDFs) in the media folder beside the others."""
    source, restored = connection.settings_dict["NAME"], restore_target
    media, media_restored, backups = tmp_path / "media", tmp_path / "restored", tmp_path / "bk"
    shutil.copytree(demo_media, media)
    python = sys.executable
    run([python, "-m", "tests.backup_snapshot", "attach"], database=source, media=media)
    on = datetime.date.today()
    before = snapshot(source, media, on)

    backup = run(["scripts/backup.sh", str(backups)], database=source, media=media)
    folder = Path(backup.stdout.strip().splitlines()[-1])
    assert sorted(p.name for p in folder.iterdir()) == [
        "MANIFEST",
        "SHA256SUMS",
        "database.dump",
        "media.tar.gz",
    ]
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    run(["scripts/restore.sh", str(folder)], database=restored, media=media_restored)
    run([python, "manage.py", "migrate", "--check", "-v", "0"], database=restored, media=media)
    after = snapshot(restored, media_restored, on)

    # Not a comparison of two empty answers: the demo county and its files are there (its
    # cross inspection is partly fed back: some 370 ledger items).
    assert before["counts"]["findings_problem"] > 400
    assert before["counts"]["rectification_rectificationitem"] > 300
    # Five attached here, the rest the demo's evidence (the files of its progress notes; the
    # folder may also hold a file an earlier module of the process uploaded).
    assert len(before["evidence"]) > 900 and len(before["files"]) >= len(before["evidence"])
    assert sum(isinstance(v, list) and len(v) > 1 for v in before["statistics"].values()) > 30
    for part in ("counts", "sequences", "evidence", "files", "statistics"):
        assert after[part] == before[part], part

    again = run(
        ["scripts/restore.sh", str(folder)], database=restored, media=tmp_path / "x", check=False
    )
    assert again.returncode == 1
    assert "restore only into an empty one" in again.stderr
