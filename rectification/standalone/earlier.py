"""A laptop's later bundle (docs/DOMAIN.md "Confidentiality": what the team records comes
back once and only once).

A laptop's bundle holds every record made there since the package was loaded, so a team
that sends a bundle mid-way and another at the end sends its first records twice, in
files with different digests. The records an earlier bundle of the same package brought
are not written again: a later record pointing at one points at its central pk, and a
record changed on the laptop after the bundle that brought it is a conflict (the change is
not carried: the office corrects the central record, where it has been worked on since).
"""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from rectification.models import TeamBundleImport, TeamPackage


def brought_before(package: TeamPackage) -> tuple[dict[str, int], dict[str, object]]:
    """({laptop ref: central pk}, {laptop ref: when the bundle that brought it was made})
    over the package's earlier imports."""
    pks, made = {}, {}
    imports = TeamBundleImport.objects.filter(package=package).order_by("imported_at", "pk")
    for earlier in imports.only("created", "bundle_made_at", "imported_at"):
        for ref, pk in (earlier.created or {}).items():
            pks[ref] = pk
            made[ref] = earlier.bundle_made_at or earlier.imported_at
    return pks, made


def changed_since(records: list[dict], made: dict[str, object]) -> list[dict]:
    """A conflict for each record brought before whose laptop history goes on after the
    bundle that brought it was made."""
    conflicts = []
    for record in records:
        ref = str(record.get("ref"))
        if ref not in made:
            continue
        later = [
            row
            for row in record.get("history") or []
            if (at := parse_datetime(str(row.get("at") or ""))) and at > made[ref]
        ]
        if later:
            conflicts.append(
                {
                    "kind": "changed_after_import",
                    "message": _(
                        "记录 %(ref)s 已随%(at)s生成的回传包导入；此后在单机版上的%(n)s次修改"
                        "不会导入，请在系统中直接更正。"
                    )
                    % {
                        "ref": ref,
                        "at": f"{timezone.localtime(made[ref]):%Y-%m-%d %H:%M}",
                        "n": len(later),
                    },
                    "refs": [ref],
                }
            )
    return conflicts
