"""Reads of the team's pages: the inspector's assignments (today's first) and one
assignment's working totals and recent records.

These are the team's own running counts for the village (drafts included), for the team
to see what it has done; the statistics that count towards reports are defined once in
``reports.statistics``.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from findings.choices import ClueStatus, ProblemStatus
from findings.models import Clue, Problem
from inspection.permissions import visible
from rounds.choices import ActivityKind, RoundStatus
from rounds.models import Activity, Assignment, Interview, Petition

AT_WORK = (RoundStatus.ON_SITE, RoundStatus.REPORTING)
RECENT = 5


def _count_of(queryset, field_name: str = "assignment"):
    """A subquery counting the rows of ``queryset`` that point at the outer assignment."""
    rows = (
        queryset.filter(**{field_name: OuterRef("pk")})
        .order_by()
        .values(field_name)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def team_assignments(user, *, on=None):
    """The assignments of ``user``'s teams: those of a round on site whose dates cover
    today first (``is_today``), then the others at work, then the rest, latest first.

    Each carries ``problem_count``; the page asks ``rounds.must_lists.must_progress_for``
    for its rows.
    """
    today = on or timezone.localdate()
    starts = Coalesce("on_site_from", "round__on_site_from")
    ends = Coalesce("on_site_until", "round__on_site_until")
    return (
        visible(Assignment, user)
        .select_related("round", "town", "village", "team")
        .alias(starts_on=starts, ends_on=ends)
        .annotate(
            is_today=Case(
                When(
                    Q(round__status=RoundStatus.ON_SITE)
                    & (Q(starts_on__isnull=True) | Q(starts_on__lte=today))
                    & (Q(ends_on__isnull=True) | Q(ends_on__gte=today)),
                    then=Value(1),
                ),
                default=Value(0),
                output_field=IntegerField(),
            ),
            at_work=Case(
                When(round__status__in=AT_WORK, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            problem_count=_count_of(Problem.objects.all()),
        )
        .order_by(
            "-is_today",
            "-at_work",
            Coalesce("round__on_site_from", "round__created_at__date").desc(nulls_last=True),
            "-round_id",
            "starts_on",
            "town__code",
            "village__code",
        )
    )


@dataclass
class AssignmentTotals:
    interviews: int = 0
    activities: list[dict] = field(default_factory=list)  # one row a kind done
    questionnaires_distributed: int = 0
    questionnaires_returned: int = 0
    households: int = 0
    people_reached: int = 0
    petitions: int = 0
    problems: dict[str, int] = field(default_factory=dict)  # by status label
    problem_total: int = 0
    clues: int = 0
    clues_by_status: dict[str, int] = field(default_factory=dict)


def assignment_totals(user, assignment: Assignment) -> AssignmentTotals:
    """What the team has recorded at ``assignment`` so far (five queries)."""
    totals = AssignmentTotals()
    totals.interviews = visible(Interview, user).filter(assignment=assignment).count()
    kinds = dict(ActivityKind.choices)
    rows = (
        visible(Activity, user)
        .filter(assignment=assignment)
        .order_by()
        .values("kind")
        .annotate(
            n=Count("pk"),
            people=Sum("people_reached"),
            households=Sum("households"),
            distributed=Sum("questionnaires_distributed"),
            returned=Sum("questionnaires_returned"),
        )
    )
    by_kind = {row["kind"]: row for row in rows}
    for kind in ActivityKind.values:
        row = by_kind.get(kind)
        if row is None:
            continue
        totals.activities.append({"kind": kind, "label": kinds[kind], "count": row["n"]})
        totals.people_reached += row["people"] or 0
        totals.households += row["households"] or 0
        totals.questionnaires_distributed += row["distributed"] or 0
        totals.questionnaires_returned += row["returned"] or 0
    totals.petitions = visible(Petition, user).filter(assignment=assignment).count()
    problem_rows = dict(
        visible(Problem, user)
        .filter(assignment=assignment)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    for status, label in ProblemStatus.choices:
        totals.problems[str(label)] = problem_rows.get(status, 0)
    totals.problem_total = sum(problem_rows.values())
    clue_rows = dict(
        visible(Clue, user)
        .filter(assignment=assignment)
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    totals.clues = sum(clue_rows.values())
    totals.clues_by_status = {
        str(label): clue_rows[status] for status, label in ClueStatus.choices if status in clue_rows
    }
    return totals


def recent_records(user, assignment: Assignment) -> dict[str, list]:
    """The latest few interviews, activities, petitions and problems at ``assignment``."""
    at = {"assignment": assignment}
    return {
        "interviews": list(
            visible(Interview, user)
            .filter(**at)
            .select_related("assignment")
            .order_by("-held_at", "-id")[:RECENT]
        ),
        "activities": list(
            visible(Activity, user).filter(**at).order_by("-held_on", "-id")[:RECENT]
        ),
        "petitions": list(
            visible(Petition, user)
            .filter(**at)
            .select_related("assignment")
            .order_by("-received_at", "-id")[:RECENT]
        ),
        "problems": list(
            visible(Problem, user)
            .filter(**at)
            .select_related("problem_class")
            .annotate(evidence_count=Count("evidence"))
            .order_by("-created_at", "-id")[:RECENT]
        ),
    }


def assignment_problems(user, assignment: Assignment):
    """The problems of ``assignment``, drafts first, each with its evidence count."""
    return (
        visible(Problem, user)
        .filter(assignment=assignment)
        .select_related("recorded_by", "confirmed_by", "supervision_item", "problem_class")
        .annotate(
            evidence_count=Count("evidence", distinct=True),
            clue_count=Count("clues", distinct=True),
            draft_first=Case(
                When(status=ProblemStatus.DRAFT, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("draft_first", "-created_at", "-id")
    )
