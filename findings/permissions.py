"""Who sees which problems and clues, and who may read the persons concerned.

Scopes (DOMAIN.md): the office and leadership read everything (leadership with names
masked); an inspector reads what their team recorded; a rectification officer reads
the problems of their unit once fed back (those in their ledger); the commission
liaison reads only the clues transferred to their body, and the problems behind them.
"""

from django.db.models import Exists, OuterRef, Q

from findings.choices import CLUE_STATUSES_TRANSFERRED, ProblemStatus
from findings.models import Clue, ClueSubject, Problem
from inspection.permissions import (
    is_inspector,
    is_liaison,
    is_office,
    is_officer,
    membership_exists,
    reads_all,
    scope_of,
    team_ids_of,
    unit_condition,
)
from rounds.models import TeamMember


def _clues_of_my_body(user):
    return Clue.objects.filter(
        receiving_body=user.receiving_body, status__in=CLUE_STATUSES_TRANSFERRED
    )


@scope_of(Problem)
def visible_problems(user):
    problems = Problem.objects.all()
    if reads_all(user):
        return problems
    if is_inspector(user):
        return problems.filter(membership_exists(user, "assignment__team_id"))
    if is_officer(user):
        return problems.filter(unit_condition(user, "assignment__"), status=ProblemStatus.FED_BACK)
    if is_liaison(user):
        behind = _clues_of_my_body(user).filter(problems=OuterRef("pk"))
        return problems.filter(Exists(behind))
    return problems.none()


@scope_of(Clue)
def visible_clues(user):
    clues = Clue.objects.all()
    if reads_all(user):
        return clues
    if is_inspector(user):
        in_round = TeamMember.objects.filter(team__round_id=OuterRef("round_id"), user_id=user.pk)
        return clues.filter(
            membership_exists(user, "assignment__team_id")
            | (Q(assignment__isnull=True) & Exists(in_round))
        )
    if is_liaison(user):
        return _clues_of_my_body(user)
    return clues.none()


@scope_of(ClueSubject)
def visible_clue_subjects(user):
    return ClueSubject.objects.filter(clue__in=visible_clues(user))


def sees_clue_subjects(user, clue: Clue) -> bool:
    """The office, the team that proposed it, and the liaison of the receiving body.

    Leadership reads clues with the persons concerned masked.
    """
    if is_office(user):
        return True
    if is_liaison(user):
        return clue.receiving_body == user.receiving_body and clue.status in (
            CLUE_STATUSES_TRANSFERRED
        )
    if is_inspector(user):
        if clue.assignment_id:
            return clue.assignment.team_id in team_ids_of(user)
        return clue.proposed_by_id == user.pk
    return False
