#!/usr/bin/env bash
# Installs the runtime lock (requirements.txt) into .venv, migrates, loads the demo county
# and serves on http://127.0.0.1:8000 — on SQLite with tasks in-process unless DATABASE_URL /
# REDIS_URL say otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
mkdir -p var
.venv/bin/python manage.py migrate --noinput
# The demo county loads once; on a database holding other data it is skipped, not fatal.
.venv/bin/python manage.py seed_demo || echo "seed_demo: demo data not loaded (see above); serving anyway."
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
