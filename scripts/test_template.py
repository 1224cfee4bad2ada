"""The test databases' template, for scripts/test.sh: on PostgreSQL, one database migrated
once (``<name>_test_template``), which every test process copies (``TEST["TEMPLATE"]``,
set by tests/conftest.py from ``INSPECTION_TEST_TEMPLATE``) instead of running every
migration again — some fifty seconds of Django's model-state rendering a process. Prints
the template's name, or nothing where there is none to make (SQLite)."""

import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg2

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    config = dj_database_url.parse(url)
    template = f"{config['NAME']}_test_template"
    server = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{template}"')
        cursor.execute(f'CREATE DATABASE "{template}"')
    server.close()
    migrated = url.rsplit("/", 1)[0] + f"/{template}"
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": migrated},
        check=True,
    )
    print(template)


if __name__ == "__main__":
    main()
