#!/usr/bin/env bash
# Runs the whole test suite (installing the runtime and the test locks into .venv first).
# On SQLite by default; set DATABASE_URL and REDIS_URL to run against PostgreSQL and Redis.
#
# The suite runs in two pytest-xdist processes, and the schemathesis module beside them in
# a process of its own: under xdist, schemathesis runs its per-operation tests as subtests
# of one item, and they then generate far fewer requests than the 100 per operation the
# module asks for. Arguments (paths, -k, -x …) run just those, in two processes.
# --no-loadscope-reorder: the modules go out in tests/conftest.py's order (its FIRST, the
# long ones), not pytest-xdist's default of most tests first, which sent the long modules
# of one or two tests (the state machine, the backup, the paging) out last.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
  -r requirements.txt -r requirements-dev.txt
pytest=(.venv/bin/python -m pytest)
# The run's processes seed the demo county once between them (tests/seeding.py: on
# PostgreSQL the first to need it writes it here, the others load it).
share="$(mktemp -d)"
trap 'rm -rf "$share"' EXIT
export INSPECTION_TEST_SHARE="$share"
# On PostgreSQL the processes copy one database migrated once (scripts/test_template.py).
INSPECTION_TEST_TEMPLATE="$(.venv/bin/python scripts/test_template.py)"
export INSPECTION_TEST_TEMPLATE
if [ "$#" -gt 0 ]; then
  "${pytest[@]}" -n "${PYTEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "$@"
  exit
fi
fuzz_log="$(mktemp)"
trap 'rm -rf "$fuzz_log" "$share"' EXIT
# The test processes take the Redis databases REDIS_URL names and those below it (15, 14 …:
# tests/conftest.py); the schemathesis process takes the next one down, not the first
# process's, so neither meets the other's queues, results or cache.
fuzz_env=(env)
redis_db="${REDIS_URL:-}"
redis_db="${redis_db##*/}"
if [[ "$redis_db" =~ ^[0-9]+$ ]] && ((redis_db >= ${PYTEST_WORKERS:-2})); then
  fuzz_env+=("REDIS_URL=${REDIS_URL%/*}/$((redis_db - ${PYTEST_WORKERS:-2}))")
fi
"${fuzz_env[@]}" "${pytest[@]}" -p no:xdist -q tests/test_api_schemathesis.py >"$fuzz_log" 2>&1 &
fuzz=$!
status=0
"${pytest[@]}" -n "${PYTEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder \
  --ignore=tests/test_api_schemathesis.py \
  || status=$?
fuzz_status=0
wait "$fuzz" || fuzz_status=$?
echo "== schemathesis (tests/test_api_schemathesis.py, its own process)"
if [ "$fuzz_status" -eq 0 ]; then
  tail -n 40 "$fuzz_log"
else
  # The failures in full (less the logged 4xx lines), so that CI's output says what failed.
  grep -v '^WARNING  django.request' "$fuzz_log" | tail -n 400
fi
[ "$status" -eq 0 ] && [ "$fuzz_status" -eq 0 ]
