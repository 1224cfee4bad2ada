#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an EMPTY database and an empty (or
# missing) media folder. See docs/BACKUP.md.
#
#   createdb -O inspection inspection_restored        # a new, empty database
#   DATABASE_URL=postgres://user:pass@host:5432/inspection_restored \
#   DJANGO_MEDIA_ROOT=/app/var/media  scripts/restore.sh var/backups/inspection-YYYYmmdd-HHMMSS
#
# It checks the checksums first, refuses a database that already has tables or a media
# folder that already has files, restores the database in one transaction (all or
# nothing; objects owned by whoever runs it), then unpacks the files.
set -euo pipefail
source_dir="${1:?usage: restore.sh <backup folder>}"
: "${DATABASE_URL:?set DATABASE_URL to the empty PostgreSQL database to restore into}"
root="$(cd "$(dirname "$0")/.." && pwd)"
media="${DJANGO_MEDIA_ROOT:-$root/var/media}"

for name in database.dump media.tar.gz SHA256SUMS; do
  [ -f "$source_dir/$name" ] || { echo "restore.sh: $source_dir/$name is missing." >&2; exit 2; }
done
(cd "$source_dir" && sha256sum --quiet --check SHA256SUMS) || {
  echo "restore.sh: checksums do not match; the backup is damaged." >&2
  exit 2
}

tables="$(psql "$DATABASE_URL" -XAtc \
  "select count(*) from pg_tables where schemaname not in ('pg_catalog', 'information_schema')")"
if [ "$tables" != "0" ]; then
  echo "restore.sh: the database already has $tables tables; restore only into an empty one." >&2
  exit 1
fi
if [ -d "$media" ] && [ -n "$(ls -A "$media")" ]; then
  echo "restore.sh: $media is not empty; restore the files only into an empty folder." >&2
  exit 1
fi

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DATABASE_URL" "$source_dir/database.dump"
# The statistics cache is keyed by the database's data version: a restored database would
# count its versions again from the backup's, so it gets a new epoch (cached answers of the
# database it replaces can never be served for it).
psql "$DATABASE_URL" -XqAtc \
  "UPDATE reports_statisticsversion SET epoch = md5(random()::text || clock_timestamp()::text)"
mkdir -p "$media"
tar -C "$media" --no-same-owner -xzf "$source_dir/media.tar.gz"

echo "restore.sh: restored $(grep -E '^(created|database):' "$source_dir/MANIFEST" | tr '\n' ' ')" >&2
echo "restore.sh: now run 'manage.py migrate' (applies nothing if the code is the same version) and 'manage.py check'." >&2
