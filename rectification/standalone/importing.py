"""Importing a team's bundle (docs/DOMAIN.md "Confidentiality": the standalone copy's
bundle is imported back, checked against what changed centrally, once and only once).

``team_bundle_import`` opens the file with its package's key (an altered file, or one of
another package, is refused with the reason), answers a bundle imported before without
changing anything, lists the conflicts, and writes every record or none: the records
are written inside one transaction, and a preview (``dry_run``), or a bundle with
conflicts the office has not accepted, rolls that transaction back. Accepted conflicts
are kept on the import's row; central records are never changed by an import.
"""

import uuid
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from inspection.permissions import authorize
from rectification.models import TeamBundleImport, TeamPackage
from rectification.standalone import bounds, envelope
from rectification.standalone.conflicts import bundle_conflicts
from rectification.standalone.earlier import brought_before, changed_since
from rectification.standalone.records import BundleRefused, Written, write_record
from rounds.models import Team

MAX_BYTES = 512 * 1024 * 1024  # a bundle carries photos: generous, but bounded


class _Rollback(Exception):
    """Leaves the writing transaction of a preview, or of unaccepted conflicts."""


@dataclass
class BundleAnswer:
    """What an import did or would do."""

    package: TeamPackage
    counts: dict[str, int] = field(default_factory=dict)
    conflicts: list[dict] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)  # model, ref, label: for the preview
    earlier: TeamBundleImport | None = None  # imported before: nothing changed
    saved: TeamBundleImport | None = None  # imported now

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count_lines(self) -> list[tuple[str, int]]:
        return [
            (str(apps.get_model(label)._meta.verbose_name), n) for label, n in self.counts.items()
        ]

    def summary(self) -> str:
        if self.earlier is not None:
            return _("已导入，未作更改：该回传包已于%(at)s由%(user)s导入。") % {
                "at": f"{timezone.localtime(self.earlier.imported_at):%Y-%m-%d %H:%M}",
                "user": self.earlier.imported_by,
            }
        counts = _("，").join(
            _("%(model)s%(count)s条") % {"model": name, "count": n}
            for name, n in self.count_lines()
        )
        counts = counts or _("无新记录")
        if self.saved is not None:
            return _("已导入%(team)s的回传包：%(counts)s。") % {
                "team": self.package.team.name,
                "counts": counts,
            }
        return _("校验通过，尚未写入：将新增%(counts)s。") % {"counts": counts}


def _package_of(data: bytes) -> tuple[TeamPackage, dict, dict]:
    """The package the bundle names, locked, and the bundle's body, opened and checked."""
    header = envelope.read_header(data, envelope.BUNDLE)
    package = (
        TeamPackage.objects.select_for_update()
        .select_related("team")
        .filter(uuid=_uuid(header.get("package")))
        .first()
    )
    if package is None:
        raise BundleRefused(_("数据包不属于本系统发出的任何组。"))
    header, body = envelope.open_sealed(data, envelope.BUNDLE, package.bundle_key)
    claimed = {header.get("team"), body.get("team")}
    if claimed != {package.team_id} or str(body.get("package")) != str(package.uuid):
        other = _team_name(
            header.get("team") if header.get("team") != package.team_id else body.get("team")
        )
        raise BundleRefused(
            _("数据包不属于%(team)s：它声称来自%(other)s。")
            % {"team": package.team.name, "other": other}
        )
    if not isinstance(body.get("records"), list):
        raise BundleRefused(_("数据包中没有记录清单，无法导入。"))
    return package, header, body


def _uuid(value) -> str | None:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return None


def _moment(value):
    try:
        moment = parse_datetime(str(value or ""))
    except ValueError:  # well formed, out of range
        return None
    return moment if moment is not None and moment.tzinfo is not None else None


def _team_name(team_id) -> str:
    team = Team.objects.filter(pk=team_id).first() if isinstance(team_id, int) else None
    return team.name if team is not None else _("未知的巡察组（%(id)s）") % {"id": team_id}


def _write(
    records: list[dict], conflicts: list[dict], before: dict[str, int]
) -> tuple[Written, list[dict]]:
    """Write every record; one touched by a conflict as the laptop wrote it (the service
    would refuse what the office chose to keep), the others through the screens' service.
    A record an earlier bundle brought (``before``) is not written again."""
    written, shown = Written(), []
    written.pks.update(before)
    records = [record for record in records if str(record.get("ref")) not in before]
    touched = {ref for conflict in conflicts for ref in conflict["refs"]}
    for record in records:
        through_service = str(record.get("ref")) not in touched
        instance = write_record(record, written, through_service=through_service)
        shown.append(
            {
                "model": str(instance._meta.verbose_name),
                "ref": record.get("ref"),
                "central": instance.pk,
            }
        )
    return written, shown


@transaction.atomic
def team_bundle_import(
    *,
    actor,
    data: bytes,
    filename: str = "",
    accept_conflicts: bool = False,
    dry_run: bool = False,
) -> BundleAnswer:
    """Import the bundle ``data`` (the file's bytes) once; see the module's docstring.
    Without ``accept_conflicts``, a bundle with conflicts is only previewed."""
    authorize(actor, "team_bundle_import")
    if len(data) > MAX_BYTES:
        raise BundleRefused(_("回传包超过%(mb)sMB，无法导入。") % {"mb": MAX_BYTES // 2**20})
    try:
        package, header, body = _package_of(data)
    except envelope.SealError as error:
        raise BundleRefused(str(error)) from error
    digest = envelope.digest(data)
    answer = BundleAnswer(package=package)
    answer.earlier = (
        TeamBundleImport.objects.filter(digest=digest).select_related("imported_by").first()
    )
    if answer.earlier is not None:
        return answer
    bounds.check_shape(body["records"])
    before, made = brought_before(package)
    new = [record for record in body["records"] if str(record.get("ref")) not in before]
    bounds.Bounds(package).check(new)
    answer.conflicts = bundle_conflicts(package, new) + changed_since(body["records"], made)
    apply = not dry_run and (accept_conflicts or not answer.conflicts)
    try:
        with transaction.atomic():
            written, answer.records = _write(body["records"], answer.conflicts, before)
            answer.counts = written.counts
            if not apply:
                raise _Rollback
    except _Rollback:
        return answer
    answer.saved = TeamBundleImport.objects.create(
        package=package,
        digest=digest,
        filename=filename[:255],
        bundle_made_at=_moment(header.get("made_at")),
        imported_by=actor,
        counts=written.counts,
        conflicts=answer.conflicts,
        conflicts_accepted=bool(answer.conflicts),
        created={ref: pk for ref, pk in written.pks.items() if ref not in before},
    )
    return answer
