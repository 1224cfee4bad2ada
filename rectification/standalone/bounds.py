"""What a team's bundle may write (docs/DOMAIN.md "Confidentiality": the standalone copy
brings back the team's own on-site work, nothing else).

The bundle is sealed with a key the laptop holds, so whoever holds the laptop's database
can write any bundle: its contents are checked as untrusted input before anything is
written, and a bundle outside these bounds is refused naming the record (never offered
as a conflict the office might accept):

- its shape: a list of records, each with its fields, history rows and files as the
  laptop's ``team_bundle`` writes them (a malformed file is refused, never a 500);
- its scope: the assignments, team and round of the package, and only central records
  (a 底稿, a petition, an order) of those assignments;
- its authors: every history row's user and every author field is one of the members the
  package was made for (only they could sign in on the laptop);
- a 底稿's signatures (docs/DOMAIN.md "Problem papers"): created as a draft, each status
  change one of the paper's transitions, in a history row of the one who signs it, the
  review by the team's deputy or leader, the 审签 by its leader, and the record's final
  state the last row's.
"""

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from findings.choices import ProblemStatus
from findings.models import Problem
from rectification.models import Feedback, FeedbackIssue, ImmediateOrder
from rectification.standalone.conflicts import AUTHOR_FIELDS
from rectification.standalone.records import IMPORTED_MODELS, refuse
from rounds.choices import TeamRole
from rounds.models import Activity, Interview, Petition, TeamMember

# The central records a bundle's record may point at by pk, and the path to their
# assignment: anything else of another team's is out of the package.
SCOPED = {
    "findings.problem": (Problem, "assignment_id"),
    "rounds.petition": (Petition, "assignment_id"),
    "rounds.interview": (Interview, "assignment_id"),
    "rounds.activity": (Activity, "assignment_id"),
    "rectification.immediateorder": (ImmediateOrder, "assignment_id"),
    "rectification.feedback": (Feedback, "assignment_id"),
    "rectification.feedbackissue": (FeedbackIssue, "assignment_id"),
}
SIGNATURES = ("submitted_by", "reviewed_by", "confirmed_by")
# status before → status after, and the signature the change gives (None: a return).
PAPER_STEPS = {
    (ProblemStatus.DRAFT, ProblemStatus.SUBMITTED): "submitted_by",
    (ProblemStatus.SUBMITTED, ProblemStatus.REVIEWED): "reviewed_by",
    (ProblemStatus.REVIEWED, ProblemStatus.CONFIRMED): "confirmed_by",
    (ProblemStatus.SUBMITTED, ProblemStatus.DRAFT): None,
    (ProblemStatus.REVIEWED, ProblemStatus.DRAFT): None,
}


def _malformed(record) -> Exception:
    return refuse(record if isinstance(record, dict) else {}, _("记录的格式不对。"))


def check_shape(records: list) -> None:
    """Every record as ``team_bundle`` writes it: refused naming the first that is not."""
    for record in records:
        if not isinstance(record, dict) or not isinstance(record.get("ref"), str):
            raise _malformed(record)
        history = record.get("history") or []
        files = record.get("files") or {}
        if not isinstance(record.get("fields") or {}, dict) or not isinstance(history, list):
            raise _malformed(record)
        if not isinstance(files, dict) or not all(
            isinstance(given, dict)
            and isinstance(given.get("name"), str)
            and isinstance(given.get("data"), str)
            for given in files.values()
        ):
            raise _malformed(record)
        for row in history:
            if not isinstance(row, dict) or not isinstance(row.get("fields") or {}, dict):
                raise _malformed(record)
            user, at = row.get("user"), row.get("at")
            if user is not None and (not isinstance(user, int) or isinstance(user, bool)):
                raise _malformed(record)
            if at is not None and not _moment(at):
                raise _malformed(record)
        for value in (record.get("fields") or {}).values():
            if isinstance(value, list) and not all(isinstance(item, int | dict) for item in value):
                raise _malformed(record)


def _moment(value) -> bool:
    try:
        moment = parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return False
    return moment is not None and moment.tzinfo is not None  # the laptop writes its zone


def _states(record: dict) -> list[dict]:
    """The record's field snapshots: each history row's, then its final fields."""
    rows = [row.get("fields") or {} for row in record.get("history") or []]
    return [*rows, record.get("fields") or {}]


def _pks(value) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [pk for pk in values if isinstance(pk, int) and not isinstance(pk, bool)]


class Bounds:
    """The package's scope and members, checked against each record of a bundle."""

    def __init__(self, package):
        contents = package.contents or {}
        self.team_id = package.team_id
        self.round_id = package.team.round_id
        self.assignments = set(contents.get("assignments") or ())
        members = contents.get("members")
        if members is None:  # a package made before its members were listed
            members = TeamMember.objects.filter(team_id=self.team_id).values_list(
                "user_id", flat=True
            )
        self.members = set(members)
        roles = TeamMember.objects.filter(team_id=self.team_id).values_list("user_id", "role")
        self.roles = dict(roles)

    def check(self, records: list[dict]) -> None:
        for record in records:
            label = str(record.get("model", "")).lower()
            if not str(record.get("ref")).startswith(f"{label}:"):
                raise refuse(record, _("记录编号与记录的类别不符。"))
            for fields in _states(record):
                self._scope(record, label, fields)
                self._authors(record, fields)
            for row in record.get("history") or []:
                if row.get("user") is not None and row["user"] not in self.members:
                    raise self._not_member(record, row["user"])
            if label == Problem._meta.label_lower:
                self._signatures(record)

    def _scope(self, record: dict, label: str, fields: dict) -> None:
        outside = _("它指向本组数据包以外的%(what)s。")
        for pk in _pks(fields.get("assignment")):
            if pk not in self.assignments:
                raise refuse(record, outside % {"what": _("巡察对象")})
        if "team" in fields and fields["team"] != self.team_id:
            raise refuse(record, outside % {"what": _("巡察组")})
        for pk in _pks(fields.get("round")):
            if pk != self.round_id:
                raise refuse(record, outside % {"what": _("巡察轮次")})
        model = apps.get_model(label) if label in IMPORTED_MODELS else None
        for name, value in fields.items():
            target = _related_label(model, name)
            pks = set(_pks(value))
            if target not in SCOPED or not pks:
                continue
            related, path = SCOPED[target]
            found = related._default_manager.filter(pk__in=pks).values_list(path, flat=True)
            if not set(found) <= self.assignments:  # a missing one is refused when written
                raise refuse(record, outside % {"what": related._meta.verbose_name})

    def _authors(self, record: dict, fields: dict) -> None:
        for name in AUTHOR_FIELDS & set(fields):
            for pk in _pks(fields[name]):
                if pk not in self.members:
                    raise self._not_member(record, pk)

    def _not_member(self, record: dict, user_id: int) -> Exception:
        return refuse(
            record,
            _("用户 #%(user)s 不是数据包所属巡察组的成员，不能在单机版上记录或签署。")
            % {"user": user_id},
        )

    def _signatures(self, record: dict) -> None:
        """A 底稿's signatures as ``findings.services.signatures`` gives them."""
        rows = record.get("history") or []
        states = [row.get("fields") or {} for row in rows]
        final = record.get("fields") or {}
        if not states:
            states, rows = [final], [{}]
        elif any(final.get(name) != states[-1].get(name) for name in ("status", *SIGNATURES)):
            raise refuse(record, _("底稿的状态或签名与其最后一条历史记录不符。"))
        if states[0].get("status") != ProblemStatus.DRAFT or any(
            states[0].get(name) for name in SIGNATURES
        ):
            raise refuse(record, _("单机版上的底稿须从草稿开始。"))
        for before, after, row in zip(states, states[1:], rows[1:], strict=False):
            self._step(record, before, after, row)

    def _step(self, record: dict, before: dict, after: dict, row: dict) -> None:
        was, now = before.get("status"), after.get("status")
        if was == now:
            if any(after.get(name) != before.get(name) for name in SIGNATURES):
                raise refuse(record, _("底稿的签名只能随其状态的变化给出。"))
            return
        if (was, now) not in PAPER_STEPS:
            message = _("底稿不能从“%(was)s”直接变为“%(now)s”。") % {"was": was, "now": now}
            raise refuse(record, message)
        signature = PAPER_STEPS[was, now]
        if signature is None:
            return
        signer = after.get(signature)
        if signer is None or signer != row.get("user"):
            raise refuse(record, _("底稿的签名须由签名人本人在单机版上作出。"))
        allowed = {
            "reviewed_by": (TeamRole.LEADER, TeamRole.DEPUTY),
            "confirmed_by": (TeamRole.LEADER,),
        }.get(signature)
        if allowed and self.roles.get(signer, allowed[0]) not in allowed:
            raise refuse(record, _("用户 #%(user)s 在本组的职务不能作此签名。") % {"user": signer})


def _related_label(model, name: str) -> str | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # refused, naming the record, when it is written
        return None
    return field.related_model._meta.label_lower if field.is_relation else None
