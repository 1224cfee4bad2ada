#!/usr/bin/env bash
# Builds the offline installation kit into OUTDIR, on a connected machine (issue 22, part 3):
#   ./scripts/offline_kit.sh OUTDIR [--tar] [--download-debs] [--only STEP,...] [--platform x86_64]
# The wheels of both locks (hash-checked), the container image (docker save, or why not),
# the Debian packages (listed, downloaded with --download-debs), the shipped templates and
# their fonts' names, the source, INSTALL.md and MANIFEST.sha256. The procedure that
# installs from it on a machine with no route out: docs/DEPLOYMENT.md.
# The wheels are for the Python that runs this (CPython 3.11, like the target's) unless
# --platform names the target's processor (those Debian 12 installs) or a pip platform tag.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-}"
if [ -z "$python" ]; then
  python=python3
  if [ -x .venv/bin/python ]; then python=.venv/bin/python; fi
fi
exec "$python" scripts/offline_kit.py "$@"
