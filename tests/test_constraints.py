"""The database itself refuses rows that break the domain's invariants.

Each case builds a row that a form or service should never produce and checks that
the database answers with an IntegrityError naming the constraint; each also has a
neighbouring valid row accepted, so the test cannot pass on a broken fixture.
"""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from findings.choices import ClueOutcome, ClueStatus, DispositionMethod, ProblemStatus
from inspection.choices import AlertStage, Kinship, ReceivingBody, RecusalKind, UserRole
from inspection.models import RecusalDeclaration
from rectification.choices import ItemStatus, VerificationMethod
from rectification.models import Alert, ProgressUpdate, Verification
from rounds.choices import ActivityKind, PetitionDisposition, PetitionStatus, RoundMode, TeamRole
from tests import factories as f

TODAY = datetime.date(2026, 11, 20)
NOW = timezone.now()


def transferred(**extra):
    values = {
        "status": ClueStatus.TRANSFERRED,
        "receiving_body": ReceivingBody.COMMISSION,
        "letter_number": "新巡移〔2026〕7号",
        "transferred_on": TODAY,
    }
    return {**values, **extra}


def concluded(**extra):
    values = transferred(
        status=ClueStatus.CONCLUDED,
        disposition_method=DispositionMethod.PRELIMINARY_CHECK,
        outcome=ClueOutcome.ORGANISATIONAL,
        concluded_on=TODAY,
    )
    return {**values, **extra}


def verification(**values):
    item = f.RectificationItemFactory()
    verifier = f.UserFactory()
    return Verification.objects.create(item=item, verifier=verifier, result="passed", **values)


def alert(**values):
    return Alert.objects.create(due_on=TODAY, **values)


def leaders(count):
    team = f.TeamFactory()
    for _ in range(count):
        f.TeamMemberFactory(team=team, role=TeamRole.LEADER)


def recusal(**values):
    return RecusalDeclaration.objects.create(user=f.UserFactory(), **values)


# (constraint name, builder of the bad row, builder of a valid neighbour)
CASES = [
    (
        "town_code_nine_digits",
        lambda: f.TownFactory(code="32041110"),
        lambda: f.TownFactory(code="320411101"),
    ),
    (
        "village_code_twelve_digits",
        lambda: f.VillageFactory(code="32041110220A"),
        lambda: f.VillageFactory(code="320411102201"),
    ),
    (
        "village_code_twelve_digits",
        lambda: f.VillageFactory(code="32041110220"),
        lambda: f.VillageFactory(code="320411102202"),
    ),
    (
        "village_collective_income_non_negative",
        lambda: f.VillageFactory(collective_income=Decimal("-0.01")),
        lambda: f.VillageFactory(collective_income=Decimal("0")),
    ),
    (
        "population",  # PositiveIntegerField: a check on >= 0
        lambda: f.VillageFactory(population=-1),
        lambda: f.VillageFactory(population=0),
    ),
    (
        "village_unique_name_in_town",
        lambda: f.VillageFactory.create_batch(2, name="同名村", town=f.TownFactory()),
        lambda: f.VillageFactory.create_batch(2, town=f.TownFactory()),
    ),
    (
        "term_ends_after_start",
        lambda: f.TermFactory(name="x", starts_on=TODAY, ends_on=TODAY, is_current=False),
        lambda: f.TermFactory(
            name="y", starts_on=TODAY, ends_on=TODAY + datetime.timedelta(1), is_current=False
        ),
    ),
    (
        "term_one_current",
        lambda: (f.TermFactory(name="c"), f.TermFactory(name="d")),
        lambda: (f.TermFactory(name="a"), f.TermFactory(name="b", is_current=False)),
    ),
    (
        "user_liaison_has_receiving_body",
        lambda: f.UserFactory(role=UserRole.COMMISSION_LIAISON),
        lambda: f.UserFactory(
            role=UserRole.COMMISSION_LIAISON, receiving_body=ReceivingBody.COMMISSION
        ),
    ),
    (
        "user_officer_has_unit",
        lambda: f.UserFactory(role=UserRole.RECTIFICATION_OFFICER),
        lambda: f.UserFactory(role=UserRole.RECTIFICATION_OFFICER, town=f.TownFactory()),
    ),
    (
        "recusal_names_a_place",
        lambda: recusal(kind=RecusalKind.FORMER_UNIT),
        lambda: recusal(kind=RecusalKind.FORMER_UNIT, town=f.TownFactory()),
    ),
    (
        "recusal_relative_has_post",
        lambda: recusal(
            kind=RecusalKind.RELATIVE, village=f.VillageFactory(), relative_name="王五"
        ),
        lambda: recusal(
            kind=RecusalKind.RELATIVE,
            village=f.VillageFactory(),
            relative_name="王五",
            relative_post="村会计",
        ),
    ),
    (
        "roster_entry_dates_ordered",
        lambda: f.RosterEntryFactory(
            started_on=datetime.date(2021, 1, 5), ended_on=datetime.date(2020, 1, 1)
        ),
        lambda: f.RosterEntryFactory(
            started_on=datetime.date(2021, 1, 5), ended_on=datetime.date(2021, 1, 5)
        ),
    ),
    (
        "roster_entry_unique",
        lambda: f.RosterEntryFactory.create_batch(2, name="王五", village=f.VillageFactory()),
        lambda: f.RosterEntryFactory.create_batch(2, village=f.VillageFactory()),
    ),
    (
        "recusal_relative_has_name",
        lambda: recusal(kind=RecusalKind.RELATIVE, relation=Kinship.SPOUSE),
        lambda: recusal(kind=RecusalKind.RELATIVE, relation=Kinship.SPOUSE, relative_name="王五"),
    ),
    (
        "round_unique_ordinal_in_term",
        lambda: f.InspectionRoundFactory.create_batch(2, ordinal=5),
        lambda: f.InspectionRoundFactory.create_batch(2),
    ),
    (
        "round_thematic_has_theme",
        lambda: f.InspectionRoundFactory(mode=RoundMode.THEMATIC),
        lambda: f.InspectionRoundFactory(mode=RoundMode.THEMATIC, theme="惠民惠农资金"),
    ),
    (
        "round_look_back_names_round",
        lambda: f.InspectionRoundFactory(mode=RoundMode.LOOK_BACK),
        lambda: f.InspectionRoundFactory(
            mode=RoundMode.LOOK_BACK, revisits=f.InspectionRoundFactory()
        ),
    ),
    (
        "round_on_site_dates_ordered",
        lambda: f.InspectionRoundFactory(
            on_site_from=TODAY, on_site_until=TODAY - datetime.timedelta(1)
        ),
        lambda: f.InspectionRoundFactory(on_site_from=TODAY, on_site_until=TODAY),
    ),
    (
        "round_feedback_after_on_site",
        lambda: f.InspectionRoundFactory(
            on_site_until=TODAY, feedback_on=TODAY - datetime.timedelta(1)
        ),
        lambda: f.InspectionRoundFactory(on_site_until=TODAY, feedback_on=TODAY),
    ),
    (
        "team_unique_number_in_round",
        lambda: f.TeamFactory.create_batch(2, number=1, round=f.InspectionRoundFactory()),
        lambda: f.TeamFactory.create_batch(2, round=f.InspectionRoundFactory()),
    ),
    (
        "team_number_positive",
        lambda: f.TeamFactory(number=0),
        lambda: f.TeamFactory(number=1),
    ),
    ("team_one_leader", lambda: leaders(2), lambda: leaders(1)),
    (
        "assignment_unique_village_in_round",
        lambda: (a := f.AssignmentFactory(), f.AssignmentFactory(round=a.round, village=a.village)),
        lambda: (a := f.AssignmentFactory(), f.AssignmentFactory(village=a.village)),
    ),
    (
        "assignment_unique_town_committee_in_round",
        lambda: (
            a := f.AssignmentFactory(village=None, town=f.TownFactory()),
            f.AssignmentFactory(round=a.round, village=None, town=a.town),
        ),
        lambda: (
            a := f.AssignmentFactory(village=None, town=f.TownFactory()),
            f.AssignmentFactory(round=a.round, village=None, town=f.TownFactory()),
        ),
    ),
    (
        "assignment_override_has_reason",
        lambda: f.AssignmentFactory(recusal_overridden_by=f.UserFactory()),
        lambda: f.AssignmentFactory(
            recusal_overridden_by=f.UserFactory(), recusal_override_reason="本县无其他可派人员"
        ),
    ),
    (
        "activity_returned_not_above_distributed",
        lambda: f.ActivityFactory(
            kind=ActivityKind.QUESTIONNAIRE,
            questionnaires_distributed=10,
            questionnaires_returned=11,
        ),
        lambda: f.ActivityFactory(
            kind=ActivityKind.QUESTIONNAIRE,
            questionnaires_distributed=10,
            questionnaires_returned=10,
        ),
    ),
    (
        "activity_questionnaires_only_for_batches",
        lambda: f.ActivityFactory(kind=ActivityKind.SYMPOSIUM, questionnaires_distributed=5),
        lambda: f.ActivityFactory(kind=ActivityKind.SYMPOSIUM),
    ),
    (
        "petition_anonymous_has_no_reporter",
        lambda: f.PetitionFactory(is_anonymous=True),
        lambda: f.PetitionFactory(is_anonymous=True, reporter_name=""),
    ),
    (
        "petition_disposition_matches_status",
        lambda: f.PetitionFactory(status=PetitionStatus.DISPOSED),
        lambda: f.PetitionFactory(
            status=PetitionStatus.DISPOSED,
            disposition=PetitionDisposition.NO_ACTION,
            disposed_at=NOW,
        ),
    ),
    (
        "petition_disposition_matches_status",
        lambda: f.PetitionFactory(disposition=PetitionDisposition.NO_ACTION),
        lambda: f.PetitionFactory(),
    ),
    (
        "petition_referral_names_unit",
        lambda: f.PetitionFactory(
            status=PetitionStatus.DISPOSED,
            disposition=PetitionDisposition.REFERRED,
            disposed_at=NOW,
        ),
        lambda: f.PetitionFactory(
            status=PetitionStatus.DISPOSED,
            disposition=PetitionDisposition.REFERRED,
            referred_to="县民政局",
            disposed_at=NOW,
        ),
    ),
    (
        "problem_amount_non_negative",
        lambda: f.ProblemFactory(amount=Decimal("-1")),
        lambda: f.ProblemFactory(amount=Decimal("0")),
    ),
    (
        "problem_submitted_has_submitter",
        lambda: f.ProblemFactory(status=ProblemStatus.SUBMITTED, submitted_by=None),
        lambda: f.ProblemFactory(status=ProblemStatus.SUBMITTED),
    ),
    (
        "problem_reviewed_has_reviewer",
        lambda: f.ProblemFactory(status=ProblemStatus.FED_BACK, reviewed_at=None),
        lambda: f.ProblemFactory(status=ProblemStatus.REVIEWED),
    ),
    (
        "problem_confirmed_has_confirmer",
        lambda: f.ProblemFactory(status=ProblemStatus.CONFIRMED, confirmed_by=None),
        lambda: f.ProblemFactory(
            status=ProblemStatus.CONFIRMED, confirmed_by=f.UserFactory(), confirmed_at=NOW
        ),
    ),
    (
        "problem_number_unique_in_assignment",
        lambda: (
            p := f.ProblemFactory(),
            f.ProblemFactory(assignment=p.assignment, sequence=p.sequence),
        ),
        lambda: (p := f.ProblemFactory(), f.ProblemFactory(sequence=p.sequence)),
    ),
    (
        "clue_amount_non_negative",
        lambda: f.ClueFactory(amount=Decimal("-5")),
        lambda: f.ClueFactory(amount=Decimal("5")),
    ),
    (
        "clue_funds_recovered_non_negative",
        lambda: f.ClueFactory(funds_recovered=Decimal("-5")),
        lambda: f.ClueFactory(funds_recovered=Decimal("5")),
    ),
    (
        "clue_transfer_has_letter",
        lambda: f.ClueFactory(**transferred(letter_number="")),
        lambda: f.ClueFactory(**transferred()),
    ),
    (
        "clue_transfer_has_letter",
        lambda: f.ClueFactory(**transferred(status=ClueStatus.RECEIVED, transferred_on=None)),
        lambda: f.ClueFactory(**transferred(status=ClueStatus.RECEIVED)),
    ),
    (
        "clue_concluded_has_outcome",
        lambda: f.ClueFactory(**concluded(outcome="")),
        lambda: f.ClueFactory(**concluded()),
    ),
    (
        "clue_case_filed_names_persons",
        lambda: f.ClueFactory(**concluded(outcome=ClueOutcome.CASE_FILED)),
        lambda: f.ClueFactory(**concluded(outcome=ClueOutcome.CASE_FILED, persons_case_filed=1)),
    ),
    (
        "clue_persons_filed_only_in_a_case",
        lambda: f.ClueFactory(**concluded(persons_case_filed=1)),
        lambda: f.ClueFactory(**concluded(outcome=ClueOutcome.CASE_FILED, persons_case_filed=1)),
    ),
    (
        "clue_no_issue_has_no_measures",
        lambda: f.ClueFactory(**concluded(outcome=ClueOutcome.NO_ISSUE, funds_recovered=5)),
        lambda: f.ClueFactory(**concluded(outcome=ClueOutcome.ORGANISATIONAL, funds_recovered=5)),
    ),
    (
        "clue_no_issue_has_no_measures",
        lambda: f.ClueFactory(**concluded(outcome=ClueOutcome.NO_ISSUE, persons_admonished=1)),
        lambda: f.ClueFactory(**concluded(persons_admonished=1)),
    ),
    (
        "clue_sanctions_within_cases",
        lambda: f.ClueFactory(
            **concluded(outcome=ClueOutcome.CASE_FILED, persons_case_filed=1, persons_sanctioned=2)
        ),
        lambda: f.ClueFactory(
            **concluded(outcome=ClueOutcome.CASE_FILED, persons_case_filed=2, persons_sanctioned=2)
        ),
    ),
    (
        "clue_sanctions_within_cases",
        lambda: f.ClueFactory(**concluded(persons_to_judiciary=1)),
        lambda: f.ClueFactory(
            **concluded(
                outcome=ClueOutcome.CASE_FILED, persons_case_filed=1, persons_to_judiciary=1
            )
        ),
    ),
    (
        "clue_subject_sanction_after_case",
        lambda: f.ClueSubjectFactory(party_sanction="warning"),
        lambda: f.ClueSubjectFactory(party_sanction="warning", case_filed=True),
    ),
    (
        "clue_subject_sanction_after_case",
        lambda: f.ClueSubjectFactory(to_judiciary=True, organisational="removal"),
        lambda: f.ClueSubjectFactory(organisational="removal", admonition="admonishment"),
    ),
    (
        "clue_declined_has_reason",
        lambda: f.ClueFactory(status=ClueStatus.DECLINED),
        lambda: f.ClueFactory(status=ClueStatus.DECLINED, decline_reason="证据不足，转为问题"),
    ),
    (
        "feedback_due_dates_after_feedback",
        lambda: f.FeedbackFactory(fed_back_on=TODAY, plan_due_on=TODAY - datetime.timedelta(1)),
        lambda: f.FeedbackFactory(fed_back_on=TODAY, plan_due_on=TODAY),
    ),
    (
        "item_closed_has_time",
        lambda: f.RectificationItemFactory(status=ItemStatus.CLOSED),
        lambda: f.RectificationItemFactory(status=ItemStatus.CLOSED, closed_at=NOW),
    ),
    (
        "item_submitted_has_time",
        lambda: f.RectificationItemFactory(status=ItemStatus.SUBMITTED),
        lambda: f.RectificationItemFactory(status=ItemStatus.SUBMITTED, submitted_at=NOW),
    ),
    (
        "item_returned_has_reason",
        lambda: f.RectificationItemFactory(status=ItemStatus.RETURNED),
        lambda: f.RectificationItemFactory(status=ItemStatus.RETURNED, return_reason="佐证不足"),
    ),
    (
        "rectificationitem_problem_id",  # one ledger item per problem
        lambda: (
            i := f.RectificationItemFactory(),
            f.RectificationItemFactory(problem=i.problem, feedback=i.feedback),
        ),
        lambda: (
            i := f.RectificationItemFactory(),
            f.RectificationItemFactory(feedback=i.feedback),
        ),
    ),
    (
        "progress_percent_at_most_100",
        lambda: ProgressUpdate.objects.create(
            item=f.RectificationItemFactory(), text="完成", percent=101, author=f.UserFactory()
        ),
        lambda: ProgressUpdate.objects.create(
            item=f.RectificationItemFactory(), text="完成", percent=100, author=f.UserFactory()
        ),
    ),
    (
        "verification_assessment_has_score",
        lambda: verification(method=VerificationMethod.PUBLIC_ASSESSMENT),
        lambda: verification(method=VerificationMethod.PUBLIC_ASSESSMENT, satisfaction=96),
    ),
    (
        "verification_score_at_most_100",
        lambda: verification(method=VerificationMethod.PUBLIC_ASSESSMENT, satisfaction=101),
        lambda: verification(method=VerificationMethod.ON_SITE, satisfaction=100),
    ),
    (
        "alert_for_item_or_clue",
        lambda: alert(stage=AlertStage.RED),
        lambda: alert(stage=AlertStage.RED, item=f.RectificationItemFactory()),
    ),
    (
        "alert_for_item_or_clue",
        lambda: alert(
            stage=AlertStage.RED, item=f.RectificationItemFactory(), clue=f.ClueFactory()
        ),
        lambda: alert(stage=AlertStage.RED, clue=f.ClueFactory()),
    ),
    (
        "alert_once_per_item_stage",
        lambda: (
            a := alert(stage=AlertStage.GREEN, item=f.RectificationItemFactory()),
            alert(stage=AlertStage.GREEN, item=a.item),
        ),
        lambda: (
            a := alert(stage=AlertStage.GREEN, item=f.RectificationItemFactory()),
            alert(stage=AlertStage.YELLOW, item=a.item),
        ),
    ),
    (
        "alert_once_per_clue_stage",
        lambda: (
            a := alert(stage=AlertStage.RED, clue=f.ClueFactory()),
            alert(stage=AlertStage.RED, clue=a.clue),
        ),
        lambda: (
            alert(stage=AlertStage.RED, clue=f.ClueFactory()),
            alert(stage=AlertStage.RED, clue=f.ClueFactory()),
        ),
    ),
    # 交办事项 and 巡察建议书 (findings.models.matters); a clue never goes to a department.
    (
        "clue_not_to_department",
        lambda: f.ClueFactory(**transferred(receiving_body=ReceivingBody.DEPARTMENT)),
        lambda: f.ClueFactory(**transferred(receiving_body=ReceivingBody.ORGANISATION)),
    ),
    (
        "matter_reply_due_after_handed_on",
        lambda: f.DepartmentMatterFactory(handed_on=TODAY, reply_due_on=TODAY - ONE_DAY),
        lambda: f.DepartmentMatterFactory(handed_on=TODAY, reply_due_on=TODAY),
    ),
    (
        "matter_replied_has_reply",
        lambda: f.DepartmentMatterFactory(status="replied", replied_on=TODAY),
        lambda: f.DepartmentMatterFactory(status="replied", replied_on=TODAY, reply="已办理。"),
    ),
    (
        "recommendation_has_addressee_and_due",
        lambda: f.ThematicReportFactory(kind="recommendation", reply_due_on=TODAY),
        lambda: f.ThematicReportFactory(
            kind="recommendation", addressee="县农业农村局", reply_due_on=TODAY
        ),
    ),
    (
        "thematic_report_owes_no_reply",
        lambda: f.ThematicReportFactory(reply_due_on=TODAY),
        lambda: f.ThematicReportFactory(),
    ),
]

ONE_DAY = datetime.timedelta(days=1)


def constraint_named(error: IntegrityError, name: str) -> bool:
    """PostgreSQL names the violated constraint; SQLite names it for checks, columns for
    unique ones (so for those we accept any unique-constraint failure)."""
    text = str(error)
    return name in text or "UNIQUE constraint failed" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("constraint", "bad", "good"), CASES, ids=[f"{i:02d}-{c[0]}" for i, c in enumerate(CASES)]
)
def test_database_refuses_rows_breaking_an_invariant(constraint, bad, good):
    good()
    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        bad()
    assert constraint_named(refused.value, constraint), str(refused.value)


@pytest.mark.django_db
def test_constraints_are_named_in_the_postgresql_error(on_postgres):
    """On PostgreSQL the error names the violated constraint, so the API can explain it."""
    item = f.RectificationItemFactory()
    with pytest.raises(IntegrityError, match="alert_once_per_item_stage"), transaction.atomic():
        alert(stage=AlertStage.GREEN, item=item)
        alert(stage=AlertStage.GREEN, item=item)
