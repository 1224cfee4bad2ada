"""The demo county's history is the real one: each record reached its state through the
services, on the dates it shows, by the people its page names (issue 16).

The county is seeded once for the module (committed, then wiped at the end).
"""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from demo.county.clue_plan import OTHER_SUSPICION, SUSPICIONS
from demo.county.common import HISTORY_REASON
from demo.county.onsite_texts import PETITIONS_TO_CLUE
from demo.county.texts import FACT_CLASSES
from findings.catalogue import LEGACY_CLASSES
from findings.choices import ClueStatus, ProblemStatus
from findings.models import Clue, Problem
from inspection.choices import ReceivingBody, UserRole
from rounds.choices import PetitionStatus, RoundStatus, TeamRole
from rounds.models import InspectionRound, Petition, TeamMember
from rounds.models.rounds import chinese_ordinal
from tests.seeding import SEEDED_APPS

pytestmark = pytest.mark.django_db

OFFICE = (UserRole.OFFICE_STAFF, UserRole.OFFICE_LEAD)


def rows(record) -> list:
    """The record's history rows in the order they were written."""
    return list(record.history.order_by("history_id").select_related("history_user"))


def in_date_order(history: list) -> bool:
    dates = [row.history_date for row in history]
    return dates == sorted(dates)


def leader_of(assignment):
    return TeamMember.objects.get(team_id=assignment.team_id, role=TeamRole.LEADER).user


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def test_no_history_row_is_the_seed_s_own(seeded):
    now = timezone.now()
    for label in SEEDED_APPS:
        for model in apps.get_app_config(label).get_models():
            history = getattr(model, "history", None)
            if history is None:
                continue
            written = model.history.model.objects
            assert not written.filter(history_change_reason=HISTORY_REASON).exists(), model
            assert not written.filter(history_date__gt=now).exists(), model


def test_rounds_are_planned_and_moved_by_the_office_and_carry_the_term(seeded):
    for inspection_round in InspectionRound.objects.all():
        assert inspection_round.title.startswith(
            f"十四届县委第{chinese_ordinal(inspection_round.ordinal)}轮巡察"
        )
        history = rows(inspection_round)
        assert in_date_order(history)
        assert {row.history_user.role for row in history} <= set(OFFICE)
        statuses = [row.status for row in history]
        assert statuses[0] == RoundStatus.PLANNING
        went = history[statuses.index(RoundStatus.ON_SITE)]
        assert local_day(went.history_date) == inspection_round.on_site_from
        if inspection_round.status != RoundStatus.ON_SITE:
            # The teams left on the planned day (撤离), by the office.
            left = history[statuses.index(RoundStatus.REPORTING)]
            assert local_day(left.history_date) == inspection_round.on_site_until


def test_every_clue_s_trail_follows_its_steps_by_the_people_it_names(seeded):
    clues = Clue.objects.select_related(
        "assignment", "proposed_by", "approved_by", "received_by", "round"
    )
    assert clues.count() >= 30
    for clue in clues:
        history = rows(clue)
        assert in_date_order(history), clue.pk
        by_status = {}
        for row in history:
            assert row.status not in by_status, (clue.pk, row.status)  # one step each
            by_status[row.status] = row
        proposed = by_status[ClueStatus.PROPOSED]
        assert proposed.history_type == "+"
        assert proposed.history_date == clue.proposed_at
        assert proposed.history_user == clue.proposed_by == leader_of(clue.assignment)
        if ClueStatus.REVIEWED in by_status:
            reviewed = by_status[ClueStatus.REVIEWED]
            assert reviewed.history_user == clue.approved_by
            assert clue.approved_by.role in OFFICE and clue.approved_by != clue.proposed_by
            assert reviewed.history_date == clue.approved_at
        if ClueStatus.APPROVED in by_status:
            # The leading group's sign-off, by a leadership account, after the review.
            signed = by_status[ClueStatus.APPROVED]
            assert signed.history_user == clue.signed_off_by
            assert clue.signed_off_by.role == UserRole.LEADERSHIP
            assert signed.history_date > clue.approved_at
        if clue.status == ClueStatus.DECLINED:
            assert by_status[ClueStatus.DECLINED].history_user.role in OFFICE
        if ClueStatus.TRANSFERRED in by_status:
            transferred = by_status[ClueStatus.TRANSFERRED]
            assert transferred.history_user.role in OFFICE
            assert local_day(transferred.history_date) == clue.transferred_on
            if clue.transferred_on_site:
                assert clue.transferred_on <= clue.round.on_site_until
        if ClueStatus.RECEIVED in by_status:
            received = by_status[ClueStatus.RECEIVED]
            assert received.history_user == clue.received_by
            assert clue.received_by.receiving_body == clue.receiving_body
            assert received.history_date == clue.received_at
        if ClueStatus.DISPOSING in by_status:
            disposing = by_status[ClueStatus.DISPOSING]
            assert disposing.history_user == clue.received_by
            assert local_day(disposing.history_date) == clue.disposed_on
        if ClueStatus.CONCLUDED in by_status:
            concluded = by_status[ClueStatus.CONCLUDED]
            assert concluded.history_user == clue.received_by
            assert local_day(concluded.history_date) == clue.concluded_on
        assert history[-1].status == clue.status


def test_every_clue_is_about_the_matter_of_its_sources(seeded):
    petition_categories = {text: category for text, category, _ in PETITIONS_TO_CLUE}
    # A source problem is filed under its matter's class or a class of that matter
    # (demo.county.texts.FACT_CLASSES): the matters each class can come from.
    matters = {code: {code} for code in LEGACY_CLASSES}
    for matter, rules in FACT_CLASSES.items():
        for _, code in rules:
            matters.setdefault(code, set()).add(matter)
    for clue in Clue.objects.prefetch_related("problems__problem_class", "petitions"):
        problems, petitions = list(clue.problems.all()), list(clue.petitions.all())
        assert problems or petitions
        if problems:
            shared = set.intersection(*(matters[p.problem_class.code] for p in problems))
            assert shared, clue.pk
            assert any(problem.facts in clue.summary for problem in problems), clue.pk
            suspicions = {SUSPICIONS.get(category, OTHER_SUSPICION) for category in shared}
            assert any(suspicion in clue.summary for suspicion in suspicions), clue.pk
            continue
        (petition,) = petitions
        matches = [c for text, c in petition_categories.items() if text in petition.content]
        assert len(matches) == 1, clue.pk
        assert SUSPICIONS.get(matches[0], OTHER_SUSPICION) in clue.summary, clue.pk


def test_every_problem_is_recorded_by_the_team_and_signed_by_the_right_people(seeded):
    """Recorded by the team; submitted by a member, reviewed by a deputy (副组长), signed
    by the leader, each on its day and on site; the on-site round shows every stage."""
    problems = Problem.objects.select_related("assignment__round", "recorded_by", "confirmed_by")
    statuses = set(problems.values_list("status", flat=True))
    assert {"draft", "submitted", "reviewed", "confirmed", "fed_back"} <= statuses
    assert problems.filter(status=ProblemStatus.DRAFT).exclude(return_reason="").exists()
    for problem in problems:
        assignment = problem.assignment
        history = rows(problem)
        assert in_date_order(history), problem.pk
        created = history[0]
        assert created.history_type == "+" and created.history_user == problem.recorded_by
        assert created.history_date == problem.created_at
        roles = dict(
            TeamMember.objects.filter(team_id=assignment.team_id).values_list("user", "role")
        )
        assert problem.recorded_by_id in roles
        drafts = [row for row in history if row.status == ProblemStatus.DRAFT]
        assert {row.history_user_id for row in drafts} <= set(roles)
        signed = {
            status: [row for row in history if row.status == status][:1]
            for status in ("submitted", "reviewed", "confirmed")
        }
        if problem.status == ProblemStatus.DRAFT:
            assert not signed["confirmed"] and problem.confirmed_at is None
            continue
        assert roles[problem.submitted_by_id] == TeamRole.MEMBER
        assert signed["submitted"][0].history_date == problem.submitted_at
        if problem.status == ProblemStatus.SUBMITTED:
            continue
        assert roles[problem.reviewed_by_id] == TeamRole.DEPUTY
        assert signed["reviewed"][0].history_user == problem.reviewed_by
        assert problem.created_at < problem.submitted_at < problem.reviewed_at
        if problem.status == ProblemStatus.REVIEWED:
            continue
        assert problem.confirmed_by == leader_of(assignment)
        assert signed["confirmed"][0].history_user == problem.confirmed_by
        assert signed["confirmed"][0].history_date == problem.confirmed_at > problem.reviewed_at
        # Signed on site: before the round left its villages.
        assert local_day(problem.confirmed_at) <= assignment.round.on_site_until


def test_every_petition_is_registered_by_the_team_and_disposed_of_by_its_leader(seeded):
    for petition in Petition.objects.select_related("assignment", "recorded_by", "disposed_by"):
        history = rows(petition)
        assert in_date_order(history), petition.pk
        assert history[0].history_type == "+"
        assert history[0].history_user == petition.recorded_by
        assert history[0].history_date == petition.received_at
        if petition.status == PetitionStatus.DISPOSED:
            disposed = history[-1]
            assert disposed.status == PetitionStatus.DISPOSED
            assert disposed.history_user == petition.disposed_by == leader_of(petition.assignment)
            assert disposed.history_date == petition.disposed_at > petition.received_at


def test_a_clue_of_the_commission_owes_its_result_in_ten_days(seeded):
    """So the morning scan warns the liaison today (the notification centre is not empty)."""
    due_on = timezone.localdate() + datetime.timedelta(days=10)
    owing = Clue.objects.filter(
        receiving_body=ReceivingBody.COMMISSION, status=ClueStatus.TRANSFERRED, result_due_on=due_on
    )
    assert owing.exists()
