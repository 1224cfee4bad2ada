"""What a team's package holds (docs/DOMAIN.md "Confidentiality": the 单机版): the records
the team's pages read, as Django's serializer rows with their pks kept (the "python" format,
its values as JSON writes them: dates as ISO text, which its deserializer reads back).

The seeds are what the team's pages list (its assignments and their villages' profiles and
rosters, the round's must-list, the taxonomy of 底稿, the templates, the records already made
for its assignments); every record a seed points at (a town, a village, a user who signed)
is added with it, so the laptop's database holds no dangling reference. Accounts travel
with their password hash only for the team's members: everyone else's is made unusable, and
no account carries its groups (the laptop gives each one its role's group on load).
"""

import base64
import json
from collections import defaultdict

from django.apps import apps
from django.core import serializers
from django.db import models
from django.db.models import Q

from findings.models import (
    Problem,
    ProblemAspect,
    ProblemBasis,
    ProblemClass,
    ProblemEvidence,
    ProblemFocus,
)
from inspection.documents.models import DocumentTemplate
from inspection.models import (
    RosterEntry,
    VillageFinance,
    VillagePartyOrganisation,
    VillageProject,
)
from rectification.models import ImmediateOrder, ImmediateOrderCounter
from rounds.models import (
    Activity,
    Assignment,
    AssignmentBrief,
    InspectionMode,
    Interview,
    MustItem,
    MustItemCheck,
    Petition,
    PetitionPhoto,
    SupervisionItem,
    TeamMember,
    VillagePortrait,
)

# Never followed nor packaged: the laptop's migrate makes its own (other pks).
SKIPPED = {"auth.group", "auth.permission", "contenttypes.contenttype"}
UNUSABLE_PASSWORD = "!standalone"


def seeds(team) -> list[models.QuerySet]:
    """The querysets the team's pages read (each closed over what it points at later)."""
    assignments = Assignment.objects.filter(team=team)
    villages = assignments.exclude(village=None).values("village")
    petitions = Petition.objects.filter(assignment__in=assignments)
    problems = Problem.objects.filter(assignment__in=assignments)
    return [
        type(team).objects.filter(pk=team.pk),
        TeamMember.objects.filter(team=team),
        assignments,
        InspectionMode.objects.all(),
        SupervisionItem.objects.all(),
        VillagePartyOrganisation.objects.filter(village__in=villages),
        RosterEntry.objects.filter(village__in=villages),
        VillageFinance.objects.filter(village__in=villages),
        VillageProject.objects.filter(village__in=villages),
        VillagePortrait.objects.filter(assignment__in=assignments),
        AssignmentBrief.objects.filter(assignment__in=assignments),
        MustItem.objects.filter(Q(round=None) | Q(round=team.round_id)),  # county's and round's
        MustItemCheck.objects.filter(assignment__in=assignments),
        ProblemFocus.objects.all(),
        ProblemAspect.objects.all(),
        ProblemClass.objects.all(),
        ProblemBasis.objects.all(),
        DocumentTemplate.objects.all(),
        Interview.objects.filter(assignment__in=assignments),
        Activity.objects.filter(assignment__in=assignments),
        petitions,
        PetitionPhoto.objects.filter(petition__in=petitions),
        problems,
        ProblemEvidence.objects.filter(problem__in=problems),
        ImmediateOrder.objects.filter(team=team),
        ImmediateOrderCounter.objects.all(),
    ]


def _targets(model) -> list[tuple[str, type]]:
    """(attname, target model) of each forward reference of ``model`` the closure follows."""
    found = []
    for field in model._meta.concrete_fields:
        if field.is_relation and field.related_model._meta.label_lower not in SKIPPED:
            found.append((field.attname, field.related_model))
    return found


def _m2m(model) -> list[models.ManyToManyField]:
    return [
        field
        for field in model._meta.many_to_many
        if field.related_model._meta.label_lower not in SKIPPED
    ]


def collect(querysets) -> dict[type, dict[int, models.Model]]:
    """Every record of ``querysets`` and, transitively, every record they point at."""
    held: dict[type, dict[int, models.Model]] = defaultdict(dict)
    pending: dict[type, set] = defaultdict(set)
    for queryset in querysets:
        for obj in queryset.order_by("pk"):
            held[queryset.model][obj.pk] = obj
    fresh = {model: set(objs) for model, objs in held.items()}
    while fresh:
        for model, pks in fresh.items():
            objs = [held[model][pk] for pk in pks]
            for attname, target in _targets(model):
                pending[target].update(getattr(obj, attname) for obj in objs)
            for field in _m2m(model):
                through = field.remote_field.through.objects.filter(
                    **{f"{field.m2m_field_name()}__in": pks}
                ).values_list(field.m2m_reverse_name(), flat=True)
                pending[field.related_model].update(through)
        fresh = {}
        for target, pks in pending.items():
            missing = {pk for pk in pks if pk is not None} - set(held[target])
            if missing:
                held[target].update(target._default_manager.in_bulk(missing))
                fresh[target] = missing
        pending = defaultdict(set)
    return held


def serialize(held, member_hashes: dict[int, str]) -> tuple[list[dict], dict[str, str]]:
    """(rows, files): the rows in an order that loads (targets first, as far as the
    models' order allows), and each file's bytes (base64) by its storage name. A member's
    account carries the hash of its laptop password (``member_hashes``), never its central
    one; every other account an unusable one."""
    rows, files = [], {}
    for model in _load_order(held):
        objs = sorted(held[model].values(), key=lambda obj: obj.pk)
        for row in json.loads(serializers.serialize("json", objs)):
            row = {"model": row["model"], "pk": row["pk"], "fields": row["fields"]}
            if model._meta.label_lower == apps.get_model("inspection", "User")._meta.label_lower:
                row["fields"].pop("groups", None)
                row["fields"].pop("user_permissions", None)
                row["fields"]["password"] = member_hashes.get(row["pk"], UNUSABLE_PASSWORD)
            rows.append(row)
        for obj in objs:
            for field in model._meta.concrete_fields:
                if isinstance(field, models.FileField):
                    value = getattr(obj, field.attname)
                    if value and value.name not in files:
                        with value.open("rb") as handle:
                            files[value.name] = base64.b64encode(handle.read()).decode()
    return rows, files


def _load_order(held) -> list[type]:
    """The models, each after those it points at where there is no cycle."""
    ordered, seen = [], set()

    def visit(model, path):
        if model in seen or model in path:
            return
        for _, target in _targets(model):
            if target in held:
                visit(target, path | {model})
        seen.add(model)
        ordered.append(model)

    for model in sorted(held, key=lambda m: m._meta.label_lower):
        visit(model, frozenset())
    return ordered


def versions(held) -> dict[str, object]:
    """``{"app.model:pk": history id}`` of the packaged assignments, memberships and team:
    what the import compares to see a change made centrally since packaging."""
    found = {}
    for model in (Assignment, TeamMember, apps.get_model("rounds", "Team")):
        pks = list(held.get(model, {}))
        history = getattr(model, "history", None)
        latest = {}
        if history is not None and pks:
            for pk, history_id in (
                history.filter(id__in=pks)
                .order_by("id", "history_id")
                .values_list("id", "history_id")
            ):
                latest[pk] = history_id
        for pk in pks:
            found[f"{model._meta.label_lower}:{pk}"] = latest.get(pk)
    return found
