"""The benchmark's own databases: created, migrated and seeded when missing."""

import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg2

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")


def url(name: str) -> str:
    return f"{SERVER}/{name}"


class connect:
    """An autocommit connection to ``name`` as a context manager that closes it.

    (psycopg2's own ``with connection`` opens a transaction even in autocommit mode,
    in which CREATE DATABASE cannot run.)"""

    def __init__(self, name: str):
        self.connection = psycopg2.connect(url(name))
        self.connection.autocommit = True

    def __enter__(self):
        return self.connection

    def __exit__(self, *exc) -> None:
        self.connection.close()


def django_env(name: str, **extra) -> dict:
    """The environment of a Django process on database ``name``: production-like (no
    DEBUG, so no query log), tasks in-process, Redis db 9 never touched."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="inspection.settings",
        DATABASE_URL=url(name),
        DJANGO_DEBUG="false",
        REDIS_URL="",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(name: str, *args: str, debug: bool = False) -> None:
    env = django_env(name, DJANGO_DEBUG="true" if debug else "false")
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def ensure(name: str, preset: str, report=print) -> float | None:
    """Create, migrate and seed ``name`` with ``preset`` unless it is there; answer the
    seconds seeding took (None when the data was there already)."""
    with connect("postgres") as admin, admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            report(f"creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    manage(name, "migrate", "-v0")
    with connect(name) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM inspection_term WHERE name LIKE %s", [f"%{preset}%"])
        seeded = cursor.fetchone()[0] > 0
    if seeded:
        return None
    report(f"seeding {name} with the {preset} preset …")
    started = time.monotonic()
    manage(name, "seed_scale", "--preset", preset, debug=True)
    return time.monotonic() - started
