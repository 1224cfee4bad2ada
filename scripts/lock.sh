#!/usr/bin/env bash
# Re-locks the dependencies, every version pinned with its hashes (uv):
#   requirements.in     → requirements.txt      the runtime: what the image and serve.sh install
#   requirements-dev.in → requirements-dev.txt  tests and tools, at the runtime lock's versions
# Run it after editing a .in file. Extra arguments go to both compiles, e.g. --upgrade, or
# --upgrade-package django to move one pin to the newest version the .in file allows.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$python" -m venv .venv
[ -x .venv/bin/uv ] || .venv/bin/python -m pip install --quiet --disable-pip-version-check \
  --require-hashes -r requirements.txt -r requirements-dev.txt
compile=(.venv/bin/uv pip compile --quiet --generate-hashes --python-version 3.11
  --custom-compile-command ./scripts/lock.sh "$@")
"${compile[@]}" requirements.in -o requirements.txt
"${compile[@]}" requirements-dev.in -o requirements-dev.txt
