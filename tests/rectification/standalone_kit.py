"""Packages and bundles for the import tests, sealed as the laptop seals them
(rectification.standalone.envelope), without the laptop's code."""

import base64
import datetime
import uuid

from django.utils import timezone

from findings.choices import ProblemSource, ProblemStatus
from rectification.models import TeamPackage
from rectification.standalone import envelope
from rounds.choices import ActivityKind, IntervieweeCategory, PetitionChannel
from tests.factories import catalogue_class

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def package_for(world, team=None) -> TeamPackage:
    """The package the office made for ``team`` (A's by default), with its assignments'
    versions as of now."""
    team = team or world.team_a
    assignments = list(team.assignments.all())
    versions = {f"rounds.assignment:{a.pk}": a.history.latest().history_id for a in assignments}
    versions[f"rounds.inspectionround:{team.round_id}"] = team.round.history.latest().history_id
    return TeamPackage.objects.create(
        team=team,
        made_by=world.office,
        bundle_key=envelope.new_bundle_key(),
        contents={
            "assignments": [a.pk for a in assignments],
            "members": sorted(team.memberships.values_list("user_id", flat=True)),
            "versions": versions,
        },
    )


def moment(hours_ago: int = 2) -> str:
    return (timezone.now() - datetime.timedelta(hours=hours_ago)).isoformat()


def interview(world, ref="rounds.interview:901", **fields) -> dict:
    values = {
        "assignment": world.assignment_a.pk,
        "held_at": moment(3),
        "interviewee_name": "单机谈话对象",
        "interviewee_category": IntervieweeCategory.VETERAN_PARTY_MEMBER.value,
        "recorder": world.member_a.pk,
        "recorded_by": world.member_a.pk,
        "interviewers": [world.leader_a.pk, world.member_a.pk],
        "created_at": moment(3),
    }
    return {"model": "rounds.interview", "ref": ref, "fields": values | fields, "history": []}


def activity(world, ref="rounds.activity:902", **fields) -> dict:
    values = {
        "assignment": world.assignment_a.pk,
        "kind": ActivityKind.SYMPOSIUM.value,
        "held_on": timezone.localdate().isoformat(),
        "people_reached": 12,
        "recorded_by": world.member_a.pk,
    }
    return {"model": "rounds.activity", "ref": ref, "fields": values | fields, "history": []}


def petition(world, ref="rounds.petition:904", **fields) -> dict:
    values = {
        "round": world.round.pk,
        "assignment": world.assignment_a.pk,
        "channel": PetitionChannel.LETTER.value,
        "received_at": moment(4),
        "is_anonymous": True,
        "content": "单机版登记的来信",
        "recorded_by": world.member_a.pk,
    }
    history = [{"type": "+", "at": moment(4), "user": world.member_a.pk, "reason": ""}]
    return {"model": "rounds.petition", "ref": ref, "fields": values | fields, "history": history}


def problem(world, ref="findings.problem:903", *, interview_ref=None, **fields) -> dict:
    """A draft 底稿 by member_a, submitted by her an hour later (two history rows)."""
    draft = {
        "assignment": world.assignment_a.pk,
        "facts": "单机版上记录的问题",
        "source": ProblemSource.INTERVIEW.value,
        "status": ProblemStatus.DRAFT.value,
        "recorded_by": world.member_a.pk,
        "sequence": 1,
        "number": "laptop-001",
        "interviews": [{"ref": interview_ref}] if interview_ref else [],
    }
    submitted = draft | {
        "problem_class": catalogue_class().pk,
        "status": ProblemStatus.SUBMITTED.value,
        "submitted_by": world.member_a.pk,
        "submitted_at": moment(1),
    }
    history = [
        {"type": "+", "at": moment(2), "user": world.member_a.pk, "reason": "", "fields": draft},
        {
            "type": "~",
            "at": moment(1),
            "user": world.member_a.pk,
            "reason": "提交",
            "fields": submitted,
        },
    ]
    return {
        "model": "findings.problem",
        "ref": ref,
        "fields": submitted | fields,
        "history": history,
    }


def evidence(world, problem_ref="findings.problem:903") -> dict:
    """A photo of the paper ``problem_ref``, uploaded on the laptop by member_a."""
    photo = {"name": "账本.png", "data": base64.b64encode(PNG).decode()}
    fields = {
        "problem": {"ref": problem_ref},
        "original_name": "账本.png",
        "uploaded_by": world.member_a.pk,
        "uploaded_at": moment(1),
    }
    ref = "findings.problemevidence:905"
    files = {"file": photo}
    return {"model": "findings.problemevidence", "ref": ref, "fields": fields, "files": files}


def bundle(package: TeamPackage, records: list, *, team=None, key=None) -> bytes:
    """The file a laptop writes (``team_bundle``): header and body name the package."""
    team_id = team if team is not None else package.team_id
    header = {"package": str(package.uuid), "team": team_id, "made_at": timezone.now().isoformat()}
    body = {"format": 1, "package": str(package.uuid), "team": team_id, "records": records}
    return envelope.seal(envelope.BUNDLE, header, body, key or package.bundle_key)


def unknown_package_bundle(world) -> bytes:
    header = {"package": str(uuid.uuid4()), "team": world.team_a.pk, "made_at": moment()}
    body = {"format": 1, "package": header["package"], "team": world.team_a.pk, "records": []}
    return envelope.seal(envelope.BUNDLE, header, body, envelope.new_bundle_key())


def _reference(field, value, made: set):
    label = field.related_model._meta.label_lower
    return {"ref": f"{label}:{value}"} if (label, value) in made else value


def _plain(field, value, made: set):
    if field.is_relation:
        return None if value is None else _reference(field, value, made)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, int | float | str | bool) or value is None else str(value)


def as_laptop_records(objs: list) -> list[dict]:
    """``objs`` as a laptop's ``team_bundle`` writes them (the contract's format): each
    points at the others by ref, at everything else by central pk, with its history."""
    made = {(type(obj)._meta.label_lower, obj.pk) for obj in objs}
    records = []
    for obj in objs:
        model = type(obj)
        concrete = [f for f in model._meta.concrete_fields if not f.primary_key]
        fields = {f.name: _plain(f, getattr(obj, f.attname), made) for f in concrete}
        for f in model._meta.many_to_many:
            fields[f.name] = [_reference(f, o.pk, made) for o in f.value_from_object(obj)]
        history = []
        for row in obj.history.order_by("history_date") if hasattr(obj, "history") else ():
            tracked = [f for f in concrete if hasattr(row, f.attname)]
            snapshot = {f.name: _plain(f, getattr(row, f.attname), made) for f in tracked}
            at, user = row.history_date.isoformat(), row.history_user_id
            history.append({"type": row.history_type, "at": at, "user": user, "fields": snapshot})
        label = model._meta.label_lower
        ref = f"{label}:{obj.pk}"
        records.append({"model": label, "ref": ref, "fields": fields, "history": history})
    return records


def signed_history(world, fields: dict) -> list[dict]:
    """A signed 底稿's laptop history ending in ``fields``: drafted and submitted by
    member_a, reviewed and signed by leader_a (team A has no deputy), an hour apart."""
    unsigned = {"submitted_by": None, "reviewed_by": None, "confirmed_by": None}
    draft = fields | unsigned | {"status": ProblemStatus.DRAFT.value}
    submitted = draft | {"status": ProblemStatus.SUBMITTED.value}
    submitted["submitted_by"] = world.member_a.pk
    reviewed = submitted | {"status": ProblemStatus.REVIEWED.value}
    reviewed["reviewed_by"] = world.leader_a.pk
    steps = [
        ("+", world.member_a, draft),
        ("~", world.member_a, submitted),
        ("~", world.leader_a, reviewed),
        ("~", world.leader_a, fields),
    ]
    return [
        {"type": kind, "at": moment(4 - n), "user": user.pk, "reason": "", "fields": state}
        for n, (kind, user, state) in enumerate(steps)
    ]
