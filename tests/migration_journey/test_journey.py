"""The data migrations, each run on the schema it was written for, in one journey.

Every section (``findings.py``, ``rectification.py``, ``reports.py``) makes its rows at
the leaf as the product makes them. The database then goes back once to the earliest
node any section needs, and forward stop by stop; at each stop the sections whose old
shape exists only there plant it with that stop's historical models:

=====================================  ==========================================
findings 0006, rectification 0008,     read what going back kept (papers' sources
reports 0003 (one step back)           and statuses, feedback, items; no trigger);
                                       plant categories and sources; run the
                                       masking migration again
findings 0011                          plant an approved clue; two papers' numbers
findings 0013, rectification 0010      plant department clues (figures before);
                                       read the feedback kept
rectification before 0014              plant the old 问责 rows
the leaf                               read what every migration made
findings 0013, then 0011, then 0006    read what migrating back makes of it
the leaf again, then a flush           as a transactional test leaves the database
=====================================  ==========================================

Nine steps in all, where a test of each migration made its own, twenty-eight (walk.py
says what a step costs; the way back after the leaf is about half of the journey's time).
The fixture gathers what it read; the tests below check it, each old test's checks in one
or two tests, so that a failure names what broke.
"""

import datetime

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

from findings.catalogue import LEGACY_CLASSES
from findings.choices import ClueStatus
from findings.models import Problem
from inspection.choices import ReceivingBody
from inspection.models import User
from tests.findings.test_reporter_protection import MASKED, shows_reporter
from tests.migration_journey.findings import (
    DAY,
    LETTERS,
    MATTERS,
    PAPERS,
    Letters,
    Masking,
    Matters,
    Outcomes,
    Papers,
    PapersBack,
    Taxonomy,
)
from tests.migration_journey.rectification import (
    ACCOUNTABILITY,
    BATCHES,
    FEEDBACK_DAY,
    HEAD_REPORT_DUE_DAYS,
    PLANS,
    Accountability,
    Batches,
    Issues,
    Plans,
)
from tests.migration_journey.reports import TRIGGERS, Triggers
from tests.migration_journey.states import forget
from tests.migration_journey.walk import at_leaf, flush, migrate, parent_in_app
from tests.seeding import FAST_HASHERS
from tests.world import build_world

# As the old tests of each migration were: pytest-django sets up the test database for the
# tests that ask for it (the journey would walk, and flush, whatever database it met), and
# runs them after the tests that roll back.
pytestmark = pytest.mark.django_db(transaction=True)


class Journey:
    """Each old test's rows (a section each), then the walk (the table above)."""

    def __init__(self):
        world = build_world()
        self.taxonomy = Taxonomy()
        self.papers = Papers(world)
        self.papers_back = PapersBack(world)
        self.masking = Masking(world)
        self.letters = Letters(world)
        self.matters = Matters(world)
        self.outcomes = Outcomes(world)
        self.batches = Batches()
        self.issues = Issues(world)
        self.plans = Plans()
        self.accountability = Accountability()
        self.triggers = Triggers()

    def walk(self) -> None:
        # Back, in one step, to the earliest node of each app a section needs.
        old = migrate(PAPERS, BATCHES, TRIGGERS)
        self.papers_back.look_back(old)
        self.batches.look_back(old)
        self.issues.look_back(old)
        self.triggers.back = self.triggers.look()
        self.taxonomy.plant(old)
        self.papers.plant(old)
        self.masking.run(old)

        old = migrate(LETTERS)
        self.letters.plant(old)
        self.issues.plant(old)

        old = migrate(MATTERS, PLANS)
        self.matters.plant(old)
        self.outcomes.plant(old)
        self.plans.look_back(old)

        old = migrate(parent_in_app(ACCOUNTABILITY))
        self.accountability.plant(old)

        # The leaf: what every migration made of the rows.
        migrate()
        for section in (
            self.taxonomy,
            self.papers,
            self.masking,
            self.letters,
            self.matters,
            self.outcomes,
            self.batches,
            self.issues,
            self.plans,
            self.accountability,
        ):
            section.look()
        self.triggers.leaf = self.triggers.look()

        # Back again, to the node each reversed migration's old test went back to.
        self.matters.look_back(migrate(MATTERS))
        self.letters.look_back(migrate(LETTERS))
        # reports 0004 stays: on SQLite the way forward rebuilds rectification_feedback
        # (rectification 0009) after it, dropping the table's triggers, and the leaf must
        # have them again (reports 0011 puts back any missing).
        self.taxonomy.look_back(migrate(PAPERS))

        migrate()
        self.at_leaf = at_leaf()
        self.triggers.end = self.triggers.look()


@pytest.fixture(scope="module")
def journey(django_db_setup, django_db_blocker):
    """The journey, on committed data as a ``django_db(transaction=True)`` test; the
    database is left at the leaf and empty, whatever failed on the way."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=FAST_HASHERS,
            INSPECTION_HEAD_REPORT_DUE_DAYS=HEAD_REPORT_DUE_DAYS,
        ),
        translation.override(settings.LANGUAGE_CODE),
    ):
        try:
            journey = Journey()
            journey.walk()
            return journey
        finally:
            try:
                migrate()
            finally:
                try:
                    flush()
                finally:
                    forget()  # the states kept for the journey (states.py) go with it


# ----------------------------------------------------------------------------- findings

# The labels of the twelve categories before the taxonomy (findings.choices as it was).
FORMER_LABELS = {
    "leadership": "党的领导/决策部署落实",
    "collective_assets": '"三资"管理',
    "welfare_funds": "惠民惠农资金",
    "land_acquisition": "征地拆迁",
    "projects": "工程项目",
    "petty_corruption": "侵害群众利益/微腐败",
    "formalism": "形式主义官僚主义",
    "conduct": "违反八项规定精神/作风",
    "party_organisation": "基层党组织建设",
    "cadres": "村干部队伍建设",
    "prior_rectification": "上轮整改不到位",
    "other": "其他",
}


def test_every_problem_of_the_twelve_categories_gets_the_class_of_its_category(journey):
    taxonomy = journey.taxonomy
    assert taxonomy.planted == set(LEGACY_CLASSES)
    assert taxonomy.filed.keys() == taxonomy.category.keys()
    for pk, category in taxonomy.category.items():
        filed = taxonomy.filed[pk]
        assert filed.code == category
        # The same name (the quotes now the Chinese ones).
        assert filed.name.replace("“", '"').replace("”", '"') == FORMER_LABELS[category]
        assert filed.versions == {filed.class_id}
    assert taxonomy.classes == taxonomy.shipped


def test_migrating_the_taxonomy_back_gives_each_problem_the_category_of_its_class(journey):
    assert journey.taxonomy.categories_back == journey.taxonomy.category


def test_the_working_papers_migration_loses_nothing(journey):
    """Each problem's source interview and petition become its first links, it is numbered
    in the order recorded on its assignment, and a problem the leader confirmed under the
    one signature counts as submitted by its recorder and reviewed by that leader."""
    papers = journey.papers
    world, draft, confirmed = papers.world, papers.draft_now, papers.confirmed_now
    assert papers.interviews == [papers.interview.pk]
    assert papers.petitions == [papers.petition.pk]
    village = world.assignment_a.target_name
    assert (draft.sequence, draft.number) == (1, f"一组-{village}-001")
    assert confirmed.number == f"一组-{village}-002"
    assert confirmed.submitted_by_id == confirmed.recorded_by_id == world.member_a.pk
    assert confirmed.reviewed_by_id == confirmed.confirmed_by_id == world.leader_a.pk
    assert draft.submitted_by_id is None and draft.reviewed_by_id is None
    assert papers.other_now.sequence == 1
    assert papers.unnumbered_versions == 0
    assert papers.bases == 2


def test_the_working_papers_migration_goes_back_keeping_each_papers_first_sources(journey):
    """Reversed, a paper's first linked interview and petition are its sources again, and
    a paper awaiting review or signature is a draft again (no status the old code lacks)."""
    back = journey.papers_back
    assert back.sources == (back.interviews[0].pk, back.petition.pk)
    statuses = back.statuses
    assert statuses[back.submitted.pk] == statuses[back.reviewed.pk] == "draft"
    assert statuses[back.signed.pk] == "confirmed"


def test_the_masking_migration_masks_what_was_made_before_reads_reminders_once_and_is_frozen(
    journey,
):
    """findings 0005 masks the problems the old 转为问题 made, with a history row, leaves a
    problem not from a petition alone, masks the reminders quoting them reading them in
    one query, and does so with the live masking made to mask nothing (it is frozen)."""
    masking = journey.masking
    assert masking.facts == MASKED
    assert masking.history_rows == masking.rows + 1
    assert masking.last_reason == masking.migration.REASON
    assert masking.petitions == [masking.petition.pk]
    assert "0519-86543210" in masking.plain_facts  # not from a petition: left alone
    assert len(masking.notices) == 2
    for body, payload in masking.notices:
        assert not shows_reporter(body) and not shows_reporter(payload)
    assert len(masking.notification_reads) == 1, masking.notification_reads


def test_approved_clues_await_the_sign_off_and_transfers_get_their_letters(journey):
    letters = journey.letters
    clues, statuses = letters.clues, letters.statuses
    assert statuses[letters.approved.pk] == ClueStatus.REVIEWED
    assert statuses[letters.proposed.pk] == ClueStatus.PROPOSED
    assert letters.letters == 3
    first = clues[letters.one.pk].letter
    assert clues[letters.two.pk].letter == first
    assert (first.number, first.year, first.sequence) == ("新巡移〔2026〕7号", 2026, 7)
    assert (first.body, first.sent_on) == (ReceivingBody.COMMISSION, DAY)
    # The same number to another body: a letter of its own, its number told apart.
    second = clues[letters.other_body.pk].letter
    assert second != first and second.number == "新巡移〔2026〕7号（2）"
    assert second.body == ReceivingBody.ORGANISATION and second.sequence is None
    # A number of another form keeps it, outside the year's counter.
    third = clues[letters.alone.pk].letter
    assert (third.number, third.sequence) == ("县巡移字第3号", None)
    assert clues[letters.other_body.pk].letter_number == "新巡移〔2026〕7号"
    assert letters.figures_after == letters.figures_before


def test_migrating_the_letters_back_restores_approved_and_keeps_the_numbers(journey):
    assert journey.letters.approved_back == "approved"
    assert journey.letters.number_back == "新巡移〔2026〕7号"


def test_department_clues_become_matters_with_their_dates(journey):
    matters = journey.matters
    today = matters.today
    # Before: three clues transferred, two concluded, one case of three.
    assert matters.figures_before == {
        "clues_transferred": 3,
        "clues_concluded": 2,
        "case_rate": round(1 / 3, 4),
    }
    assert matters.clues == [matters.commission.pk]
    # After: the department's two are matters, not clues.
    assert matters.figures_after == {
        "clues_transferred": 1,
        "clues_concluded": 1,
        "case_rate": 1.0,
    }
    pending = matters.pending
    assert pending.department == "县民政局"
    assert pending.handed_on == today - datetime.timedelta(days=100)
    assert pending.reply_due_on == matters.open_one.result_due_on
    assert pending.assignment_id == matters.world.assignment_a.pk
    assert matters.pending_problems == [matters.problem.pk]
    assert pending.summary == matters.open_one.summary
    assert matters.replied.replied_on == today
    assert matters.replied.reply == "已督促整改到位。"


def test_matters_migrated_back_are_department_clues_again(journey):
    matters = journey.matters
    today = matters.today
    assert matters.back == [
        (ClueStatus.TRANSFERRED, today - datetime.timedelta(days=100), "县民政局"),
        (ClueStatus.CONCLUDED, today, "县民政局"),
    ]
    assert matters.back_problems == [matters.problem.pk]
    assert matters.back_note == "已督促整改到位。"


# ------------------------------------------------------------------------ rectification


def test_clue_counts_become_the_persons_outcomes_as_far_as_they_fit(journey):
    outcomes = journey.outcomes
    case = outcomes.clues[outcomes.case.pk]
    # Two persons: both filed and sanctioned (kind unrecorded), the first sent to the
    # judiciary and admonished; three filed did not fit, and the note says so.
    assert outcomes.persons[case.pk] == [(True, True, "unsplit", True), (True, True, "", False)]
    assert (case.persons_case_filed, case.persons_sanctioned, case.persons_admonished) == (2, 2, 1)
    assert case.funds_recovered == 8000
    assert "原登记立案3人" in case.outcome_note and "计为立案2人" in case.outcome_note
    # The issue's 了结: nothing fits; the money is no longer counted, and the note says so.
    no_issue = outcomes.clues[outcomes.no_issue.pk]
    assert outcomes.persons[no_issue.pk] == [(False, False, "", False)]
    assert (no_issue.persons_sanctioned, no_issue.persons_to_judiciary) == (0, 0)
    assert no_issue.funds_recovered == 0 and "追回资金5000000.00元" in no_issue.outcome_note
    assert outcomes.history_sanctioned == {0}
    # An organisational outcome keeps its admonished person and its money, untouched.
    organisational = outcomes.clues[outcomes.organisational.pk]
    assert outcomes.persons[organisational.pk] == [(False, False, "unsplit", False)]
    assert organisational.funds_recovered == 300 and organisational.outcome_note == ""
    assert outcomes.figures["persons_sanctioned"] == 2
    assert outcomes.figures["persons_handled"] == 3
    assert outcomes.figures["persons_party_sanctioned"] == 0


def test_existing_feedback_gets_one_batch_per_round(journey):
    batches = journey.batches
    first, second, elsewhere = batches.first, batches.second, batches.elsewhere
    assert batches.kept == 3
    assert batches.batches == 2
    batch = batches.batch_of[first.pk]
    assert batches.batch_of[second.pk] == batch
    assert (batch.round_id, batch.fed_back_on, batch.given_by_id) == (
        first.assignment.round_id,
        FEEDBACK_DAY,
        batches.office.pk,
    )
    other = batches.batch_of[elsewhere.pk]
    assert (other.round_id, other.fed_back_on) == (
        elsewhere.assignment.round_id,
        elsewhere.fed_back_on,
    )


def test_each_fed_back_item_gets_an_issue_numbered_by_its_problem(journey):
    issues = journey.issues
    first, third, in_b = issues.first, issues.third, issues.in_b
    assert issues.kept == 3
    got = issues.issues
    assert (got[first.pk].number, got[third.pk].number) == (1, 2)
    assert got[in_b.pk].number == 1
    assert got[first.pk].assignment_id == issues.world.assignment_a.pk
    assert got[first.pk].title == first.problem.title
    assert got[first.pk].aspect_id == issues.first_aspect
    assert issues.placed == [first.problem_id]
    assert issues.issue_count == 3
    assert not issues.ordered_placed
    assert issues.figures_after == issues.figures_before


def test_existing_feedback_gets_its_head_report_due_date(journey):
    plans = journey.plans
    assert plans.kept == 2
    assert plans.now.keys() == {plans.first.pk, plans.second.pk}
    first, second = plans.now[plans.first.pk], plans.now[plans.second.pk]
    assert first.head_report_due_on == FEEDBACK_DAY + datetime.timedelta(days=50)
    assert second.head_report_due_on == FEEDBACK_DAY + datetime.timedelta(days=59)
    assert first.plan_submitted_on == FEEDBACK_DAY
    assert first.head_report_submitted_on is None


def test_old_accountability_rows_become_proposals_decisions_or_first_form(journey):
    a = journey.accountability
    office, clerk = a.office.pk, a.clerk.pk
    assert a.counts == (1, 3, 3)
    talk = a.talk
    assert (talk.kind, talk.person_name, talk.reason, talk.conducted_on) == (
        "talk",
        "人0",
        "事由0",
        a.DAY,
    )
    assert (talk.recorded_by_id, talk.assignment_id, talk.body) == (clerk, a.assignment.pk, "")
    forms = a.decisions
    assert {name: d.form for name, d in forms.items()} == {
        "人1": "circulated",
        "人2": "admonishment",
        "人3": "disciplinary",
    }
    for n, (_name, decision) in enumerate(sorted(forms.items()), start=1):
        proposal = decision.proposal
        assert decision.migrated and not decision.document and decision.signed_by_id is None
        assert decision.decided_on == proposal.proposed_on == a.DAY + datetime.timedelta(days=n)
        assert proposal.facts == f"事由{n}" and proposal.status == "decided"
        assert proposal.target_kind == "person" and proposal.person_post == "村党总支书记"
        assert decision.recorded_by_id == proposal.proposed_by_id == (office if n % 2 else clerk)
    assert a.items["人1"] == [a.item.pk]
    assert forms["人3"].proposal.assignment_id == a.other.pk
    assert a.histories["人2"].decision == [(a.recorded_at, clerk, "迁移自原问责登记")]
    assert a.histories["人1"].proposal == [office]


# ------------------------------------------------------------------------------ reports


def test_the_migration_installs_the_triggers_and_its_reverse_removes_them(journey):
    back, leaf = journey.triggers.back, journey.triggers.leaf
    assert not back.present
    assert not back.write_seen  # without triggers a write goes unseen
    assert not leaf.missing
    assert leaf.write_seen


def test_the_journey_ends_at_the_leaf_with_every_trigger(journey):
    """What the tests after this module meet: every migration applied, every trigger."""
    assert journey.at_leaf
    assert not journey.triggers.end.missing
    assert journey.triggers.end.write_seen


def test_the_journey_leaves_the_database_empty(journey):
    assert not Problem.objects.exists() and not User.objects.exists()
