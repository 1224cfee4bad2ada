#!/usr/bin/env bash
# The team's standalone copy (单机版) on a laptop with no network: ./scripts/standalone.sh FILE
# Runs the package FILE the office made (manage.py team_package) on the embedded default —
# SQLite and files under var/standalone/<package>/, no Redis, the tasks in the process —
# with the 单机版 banner and what needs the office turned off (INSPECTION_STANDALONE).
# The passphrase comes from XUNCHA_PASSPHRASE or is asked for, the first time only: later
# runs of the same package serve what is already loaded. When the work is done,
#   ./scripts/standalone.sh FILE --bundle OUT
# writes the bundle the office imports (manage.py team_bundle on the laptop's database; the
# office: manage.py import_team_bundle, or the import screen).
# A second argument serves elsewhere (./scripts/standalone.sh FILE 127.0.0.1:8001).
set -euo pipefail
# The files named are read and written where the caller is, before moving to the checkout.
package_file="$(realpath -e "${1:?usage: ./scripts/standalone.sh PACKAGE-FILE [ADDRESS | --bundle OUT]}")"
address="${2:-127.0.0.1:8000}"
bundle_out=""
if [ "$address" = "--bundle" ]; then
    bundle_out="$(realpath -m "${3:?usage: ./scripts/standalone.sh PACKAGE-FILE --bundle OUT}")"
fi
cd "$(dirname "$0")/.."
python="${PYTHON:-python3}"
step() { printf '\n==> %s\n' "$*"; }

# .venv/ with the runtime lock (scripts/runtime_lock.sh).
. scripts/runtime_lock.sh

# The package's id, from its header (readable without the passphrase).
package=$(.venv/bin/python - "$package_file" <<'PY'
import json, re, sys
with open(sys.argv[1], "rb") as handle:
    magic, header = handle.readline(), handle.readline()
if magic.strip() != b"XUNCHA-PACKAGE-1":
    sys.exit("not a team package (XUNCHA-PACKAGE-1): " + sys.argv[1])
package = json.loads(header)["package"]
if not re.fullmatch(r"[0-9a-f-]{36}", package):
    sys.exit("the package's header is damaged")
print(package)
PY
)
var_dir="var/standalone/$package"
mkdir -p "$var_dir"
chmod 700 "$var_dir"
export INSPECTION_VAR_DIR="$var_dir"
export DATABASE_URL="sqlite:///$PWD/$var_dir/db.sqlite3"
export INSPECTION_STANDALONE=true
unset REDIS_URL

if [ -n "$bundle_out" ]; then
    [ -f "$var_dir/standalone.json" ] || { echo "This package was never loaded here: no bundle to write." >&2; exit 1; }
    step "Writing the bundle for the office: $bundle_out"
    exec .venv/bin/python manage.py team_bundle --out "$bundle_out"
fi

step "Migrating the laptop's database ($var_dir/db.sqlite3; the first time: about a minute)"
.venv/bin/python manage.py migrate --noinput --verbosity 1
if [ ! -f "$var_dir/standalone.json" ]; then
    step "Loading the package $package_file"
    .venv/bin/python manage.py load_team_package "$package_file"
else
    step "The package is already loaded ($var_dir/standalone.json)"
fi

step "Serving the 单机版 on http://$address/ — the team signs in with its own accounts. Ctrl-C stops.
    The bundle for the office, when the work is done: ./scripts/standalone.sh $package_file --bundle OUT"
DJANGO_DEBUG="${DJANGO_DEBUG:-false}" exec .venv/bin/python manage.py serve "$address"
