#!/usr/bin/env bash
# Backs up the application: the database (pg_dump, custom format) and the uploaded files
# (a tar of MEDIA_ROOT), into one new dated folder, with checksums. See docs/BACKUP.md.
#
#   DATABASE_URL=postgres://user:pass@host:5432/inspection \
#   DJANGO_MEDIA_ROOT=/app/var/media  scripts/backup.sh [folder]
#
# The folder defaults to $BACKUP_DIR, else var/backups; the backup goes into
# <folder>/inspection-YYYYmmdd-HHMMSS/ (readable by its owner only), whose path is the
# last line printed. The backup holds confidential material: encrypt it before it leaves
# the server (docs/BACKUP.md).
set -euo pipefail
umask 077
root="$(cd "$(dirname "$0")/.." && pwd)"

: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database to back up}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "backup.sh: DATABASE_URL is not a PostgreSQL URL; only PostgreSQL is backed up." >&2; exit 2 ;;
esac
media="${DJANGO_MEDIA_ROOT:-$root/var/media}"
parent="${1:-${BACKUP_DIR:-$root/var/backups}}"
stamp="$(date +%Y%m%d-%H%M%S)"
target="$parent/inspection-$stamp"
if [ -e "$target" ]; then
  echo "backup.sh: $target already exists; not overwriting." >&2
  exit 1
fi
mkdir -p "$parent"
mkdir "$target"
trap 'echo "backup.sh: failed; removing the incomplete $target" >&2; rm -rf "$target"' ERR

# The database first, then the files: a file uploaded meanwhile is only an extra in the
# tar, while every row in the dump finds its file (files are never rewritten in place).
pg_dump --format=custom --compress=6 --file="$target/database.dump" "$DATABASE_URL"
if [ -d "$media" ]; then
  tar -C "$media" -czf "$target/media.tar.gz" .
else
  echo "backup.sh: no uploaded files yet ($media does not exist); the tar is empty." >&2
  tar -czf "$target/media.tar.gz" -T /dev/null
fi

database="${DATABASE_URL##*/}"
database="${database%%\?*}"
{
  echo "created: $(date --iso-8601=seconds)"
  echo "host: $(hostname)"
  echo "database: $database"
  echo "pg_dump: $(pg_dump --version)"
  echo "tables: $(pg_restore --list "$target/database.dump" | grep -c ' TABLE DATA ' || true)"
  echo "files: $(tar -tzf "$target/media.tar.gz" | grep -vc '/$' || true)"
  echo "git: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} >"$target/MANIFEST"
(cd "$target" && sha256sum database.dump media.tar.gz MANIFEST >SHA256SUMS)
trap - ERR
echo "backup.sh: $(du -sh "$target" | cut -f1) written" >&2
echo "$target"
