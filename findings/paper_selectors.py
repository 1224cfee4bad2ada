"""Reads of the 底稿's signatures: the queues of the team's phone pages and a paper's
supporting-material list (derived from its links and files, never stored)."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.utils.translation import gettext as _

from findings.choices import ProblemStatus
from findings.models import Problem, ProblemEvidence
from inspection.permissions import visible
from rounds.membership import led_team_ids_of, reviewer_condition
from rounds.models import Activity, Interview, Petition

PAPER_RELATED = (
    "assignment__round",
    "assignment__town",
    "assignment__village",
    "assignment__team",
    "recorded_by",
    "submitted_by",
    "reviewed_by",
    "confirmed_by",
    "basis",
    "problem_class__aspect__focus",
)


def _queue_conditions(user) -> dict[str, Q]:
    return {
        "review": Q(status=ProblemStatus.SUBMITTED)
        & reviewer_condition(user, "assignment__team_id", "submitted_by_id"),
        "sign": Q(status=ProblemStatus.REVIEWED, assignment__team_id__in=led_team_ids_of(user)),
        "returned": Q(status=ProblemStatus.DRAFT, recorded_by_id=user.pk) & ~Q(return_reason=""),
    }


def signature_counts(user) -> dict[str, int]:
    """How many papers await ``user``'s review (复核), signature (审签), and how many of
    their own drafts came back with a reason (one query)."""
    conditions = _queue_conditions(user)
    return visible(Problem, user).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()}
    )


def signature_queues(user) -> dict[str, list[Problem]]:
    """The papers of each queue, oldest waiting first (one query a queue)."""
    papers = visible(Problem, user).select_related(*PAPER_RELATED)
    order = {
        "review": ("submitted_at", "id"),
        "sign": ("reviewed_at", "id"),
        "returned": ("-id",),
    }
    return {
        name: list(papers.filter(condition).order_by(*order[name]))
        for name, condition in _queue_conditions(user).items()
    }


def paper_for(user, queryset=None):
    """The papers ``user`` opens, with what a paper page shows prefetched: the links
    ``user`` may open and the files."""
    papers = queryset if queryset is not None else visible(Problem, user)
    return papers.select_related(*PAPER_RELATED).prefetch_related(
        Prefetch("interviews", visible(Interview, user).order_by("held_at", "id")),
        Prefetch("activities", visible(Activity, user).order_by("held_on", "id")),
        Prefetch("petitions", visible(Petition, user).order_by("received_at", "id")),
        Prefetch("evidence", ProblemEvidence.objects.select_related("uploaded_by").order_by("id")),
    )


@dataclass(frozen=True)
class Material:
    kind: str
    label: str


def paper_materials(problem: Problem) -> list[Material]:
    """The supporting-material list (佐证材料清单) of a paper fetched by ``paper_for``: the
    interviews, activities and petitions it was found through (those the reader may open;
    the others are left out, not named) and its files."""
    materials = [Material(_("谈话记录"), str(i)) for i in problem.interviews.all()]
    materials += [Material(_("活动记录"), str(a)) for a in problem.activities.all()]
    materials += [Material(_("信访件"), str(p)) for p in problem.petitions.all()]
    materials += [Material(_("佐证文件"), e.original_name) for e in problem.evidence.all()]
    return materials
