#!/usr/bin/env bash
# The out-of-the-box run: installs the runtime lock (requirements.txt) into .venv, migrates,
# loads the demo county and serves on http://127.0.0.1:8000 with
# debug off (`manage.py serve`: one process; without REDIS_URL the periodic jobs and the
# exports run in it) — on SQLite unless DATABASE_URL / REDIS_URL say otherwise.
# DJANGO_DEBUG=true ./scripts/serve.sh shows Django's developer pages instead; an argument
# serves elsewhere (./scripts/serve.sh 127.0.0.1:8001).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
address="${1:-127.0.0.1:8000}"
step() { printf '\n==> %s\n' "$*"; }

# .venv/ with the runtime lock (scripts/runtime_lock.sh).
. scripts/runtime_lock.sh

mkdir -p var
step "Migrating the database (${DATABASE_URL:-SQLite: var/db.sqlite3})"
.venv/bin/python manage.py migrate --noinput --verbosity 1
step "Loading the demo county (seed_demo: the same every run; a second run adds nothing)"
# On a database holding other data the demo is skipped, not fatal.
.venv/bin/python manage.py seed_demo || echo "seed_demo: demo data not loaded (see above); serving anyway."

step "Serving on http://$address/ — sign in as office / demo-office-2026 (the other demo users: README.md). Ctrl-C stops."
DJANGO_DEBUG="${DJANGO_DEBUG:-false}" exec .venv/bin/python manage.py serve "$address"
