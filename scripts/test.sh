#!/usr/bin/env bash
# Runs the whole test suite (installing what it needs into .venv first).
# On SQLite by default; set DATABASE_URL and REDIS_URL to run against PostgreSQL and Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-2}" --dist loadfile "$@"
