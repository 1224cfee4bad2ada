"""What changed centrally while a team worked on its standalone copy (docs/DOMAIN.md
"Confidentiality": the bundle is checked against what changed centrally, and added
without overwriting it).

A conflict is listed, never resolved by the import: a member who recorded on the laptop
and has since left the team, an assignment moved to another team or whose on-site period
was ended, a record the bundle points at that was changed since the package was made
(its latest history row is not the one packaged: ``TeamPackage.contents["versions"]``).
"""

from collections import defaultdict

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _

from inspection.models import User
from rounds.choices import ON_SITE_WORK
from rounds.models import Assignment, TeamMember

# The fields naming who did the work on the laptop (the unit's contact a ledger item
# names is not a member, and is not one of these).
AUTHOR_FIELDS = frozenset({
    "recorded_by", "recorder", "interviewers", "uploaded_by", "issued_by", "submitted_by",
    "reviewed_by", "confirmed_by", "signed_for_recorded_by", "disposed_by",
})  # fmt: skip


def _central_pks(records: list[dict]) -> dict[str, dict[int, set[str]]]:
    """{model label: {central pk: refs of the records pointing at it}}, over the records'
    fields and their history rows (a history row's user included)."""
    found: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))
    user_label = User._meta.label_lower
    for record in records:
        ref = str(record.get("ref"))
        try:
            model = apps.get_model(str(record.get("model")))
        except (LookupError, ValueError):
            continue  # refused, naming the record, when it is written
        snapshots = [record.get("fields") or {}]
        snapshots += [row.get("fields") or {} for row in record.get("history") or []]
        for row in record.get("history") or []:
            if isinstance(row.get("user"), int):
                found[user_label][row["user"]].add(ref)
        for fields in snapshots:
            for name, value in fields.items():
                relation = _relation(model, name)
                if relation is None:
                    continue
                label = relation.related_model._meta.label_lower
                if label == user_label and name not in AUTHOR_FIELDS:
                    continue
                for pk in value if isinstance(value, list) else [value]:
                    if isinstance(pk, int) and not isinstance(pk, bool):
                        found[label][pk].add(ref)
    return found


def _relation(model, name: str):
    try:
        model_field = model._meta.get_field(name)
    except FieldDoesNotExist:  # refused, naming the record, when it is written
        return None
    return model_field if model_field.is_relation and model_field.related_model else None


def _conflict(kind: str, message: str, refs: set[str]) -> dict:
    return {"kind": kind, "message": message, "refs": sorted(refs)}


def _members_removed(package, users: dict[int, set[str]]) -> list[dict]:
    members = set(
        TeamMember.objects.filter(
            team_id=package.team_id, user_id__in=users, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    conflicts = []
    for user in User.objects.filter(pk__in=set(users) - members).order_by("pk"):
        message = _(
            "%(name)s（%(account)s）已不是%(team)s的成员或账号已停用：其在单机版上记录或签署的%(count)s条"
            "记录将照原样导入，不恢复其成员身份。"
        ) % {
            "name": user.get_full_name() or user.username,
            "account": user.username,
            "team": package.team.name,
            "count": len(users[user.pk]),
        }
        conflicts.append(_conflict("member_removed", message, users[user.pk]))
    return conflicts


def _packaged_row(model, pk: int, version):
    """The historical row of ``model`` #pk packaged, if the package recorded it."""
    if version is None or not hasattr(model, "history"):
        return None
    return model.history.filter(id=pk, history_id=version).first()


def _assignments_changed(package, pointed: dict[int, set[str]], versions: dict) -> list[dict]:
    conflicts = []
    rows = Assignment.objects.filter(pk__in=pointed).select_related("team", "round")
    for assignment in rows.order_by("pk"):
        refs = pointed[assignment.pk]
        values = {"assignment": assignment.target_name, "team": package.team.name}
        if assignment.round.status not in ON_SITE_WORK:
            values["status"] = assignment.round.get_status_display()
            message = _("巡察对象%(assignment)s所在轮次已进入“%(status)s”阶段。") % values
            conflicts.append(_conflict("round_moved_on", message, refs))
        if assignment.team_id != package.team_id:
            values["other"] = assignment.team.name if assignment.team else _("未安排巡察组")
            message = _("巡察对象%(assignment)s已由%(team)s调整为%(other)s。") % values
            conflicts.append(_conflict("assignment_moved", message, refs))
            continue
        packaged = _packaged_row(Assignment, assignment.pk, versions.get(_key(assignment)))
        if packaged is not None and packaged.on_site_until != assignment.on_site_until:
            values["until"] = assignment.on_site_until or _("未定")
            message = _("巡察对象%(assignment)s的撤离日期已改为%(until)s。") % values
            conflicts.append(_conflict("assignment_ended", message, refs))
    return conflicts


def _key(instance) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def _changed_since(pointed: dict[str, dict[int, set[str]]], versions: dict) -> list[dict]:
    """Records the package recorded a version of, whose latest history row is another."""
    conflicts = []
    for label, pks in pointed.items():
        model = apps.get_model(label)
        if label == Assignment._meta.label_lower or not hasattr(model, "history"):
            continue
        packaged = {pk: versions[f"{label}:{pk}"] for pk in pks if f"{label}:{pk}" in versions}
        latest = dict(
            model.history.filter(id__in=packaged)
            .order_by("id", "-history_id")
            .distinct("id")
            .values_list("id", "history_id")
        )
        for pk, version in sorted(packaged.items()):
            if pk in latest and latest[pk] != version:
                message = _(
                    "%(model)s #%(pk)s 在数据包制作后已在系统中被修改，导入不覆盖其修改。"
                ) % {
                    "model": model._meta.verbose_name,
                    "pk": pk,
                }
                conflicts.append(_conflict("changed", message, pks[pk]))
    return conflicts


def bundle_conflicts(package, records: list[dict]) -> list[dict]:
    """Every conflict between the bundle's records and the central state, in order:
    members, assignments, other records changed."""
    pointed = _central_pks(records)
    versions = (package.contents or {}).get("versions") or {}
    return [
        *_members_removed(package, pointed.get(User._meta.label_lower, {})),
        *_assignments_changed(package, pointed.get(Assignment._meta.label_lower, {}), versions),
        *_changed_since(pointed, versions),
    ]
