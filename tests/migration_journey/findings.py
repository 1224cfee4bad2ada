"""The findings app's data migrations on the journey. Each class makes its rows at the
leaf (as the product makes them), plants the old shape at its stop with that stop's
historical models, and reads what the migrations made of the rows; the checks are in
``test_journey.py``. Each section inspects a round of its own (``another_round``), so that
its papers are numbered, its clues lettered and its figures counted apart."""

import dataclasses
import datetime
import importlib
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import findings.reporter as live_reporter
from findings.catalogue import CATALOGUE, LEGACY_CLASSES
from findings.choices import ClueStatus, MatterStatus, ProblemStatus
from findings.models import (
    Clue,
    ClueSubject,
    DepartmentMatter,
    Problem,
    ProblemBasis,
    ProblemClass,
)
from inspection.choices import ReceivingBody
from inspection.models import Notification
from reports.statistics import StatisticsFilter, statistics_table
from reports.statistics import figures as fig
from reports.statistics.persons import clue_persons
from rounds.choices import RoundStatus, TeamRole
from tests import factories as f
from tests.findings.test_reporter_protection import CONTENT, named_petition
from tests.world import World

PAPERS = ("findings", "0006_submission_token")  # before the taxonomy and the 底稿
LETTERS = ("findings", "0011_inspection_reports")  # before the 移交函
MATTERS = ("findings", "0013_clue_transfer_letters")  # before the 交办事项


def another_round(world: World, *, status=RoundStatus.ON_SITE) -> World:
    """The world's people and villages in a round of their own (``build_world`` names
    its users, so one database holds one world)."""
    inspection_round = f.InspectionRoundFactory(status=status)
    team_a = f.TeamFactory(round=inspection_round, number=1)
    team_b = f.TeamFactory(round=inspection_round, number=2)
    f.TeamMemberFactory(team=team_a, user=world.leader_a, role=TeamRole.LEADER)
    f.TeamMemberFactory(team=team_a, user=world.member_a, role=TeamRole.MEMBER)
    f.TeamMemberFactory(team=team_b, user=world.leader_b, role=TeamRole.LEADER)
    return dataclasses.replace(
        world,
        round=inspection_round,
        team_a=team_a,
        team_b=team_b,
        assignment_a=f.AssignmentFactory(
            round=inspection_round,
            team=team_a,
            village=world.assignment_a.village,
            town=world.town_a,
        ),
        assignment_b=f.AssignmentFactory(
            round=inspection_round,
            team=team_b,
            village=world.assignment_b.village,
            town=world.town_b,
        ),
    )


class Taxonomy:
    """findings 0007–0009: the twelve former categories become classes of the taxonomy
    and nothing is lost: a problem of each category, and its history, is filed under the
    class of its category; migrated back, each problem has its category again."""

    def __init__(self):
        self.category = {f.ProblemFactory().pk: code for code in LEGACY_CLASSES}

    def plant(self, old) -> None:
        """At findings 0006: each problem, and each version of it, of one category."""
        problems = old.get_model("findings", "Problem").objects
        history = old.get_model("findings", "HistoricalProblem").objects
        for pk, category in self.category.items():
            problems.filter(pk=pk).update(category=category)
            history.filter(id=pk).update(category=category)
        self.planted = set(problems.filter(pk__in=self.category).values_list("category", flat=True))

    def look(self) -> None:
        """At the leaf: each problem's class (code, name), the classes of its versions."""
        self.filed = {}
        for problem in Problem.objects.select_related("problem_class").filter(pk__in=self.category):
            versions = set(problem.history.values_list("problem_class_id", flat=True))
            self.filed[problem.pk] = SimpleNamespace(
                code=problem.problem_class.code,
                name=problem.class_name,
                versions=versions,
                class_id=problem.problem_class_id,
            )
        self.classes = ProblemClass.objects.count()
        self.shipped = sum(len(classes) for _, _, aspects in CATALOGUE for _, classes in aspects)

    def look_back(self, old) -> None:
        """Back at findings 0006: each problem's category."""
        problems = old.get_model("findings", "Problem").objects.filter(pk__in=self.category)
        self.categories_back = dict(problems.values_list("pk", "category"))


class Papers:
    """findings 0010 (the 底稿): each problem's source interview and petition become its
    first links, it is numbered in the order recorded on its assignment, and a problem the
    leader confirmed under the one signature counts as submitted by its recorder and
    reviewed by that leader."""

    def __init__(self, world):
        self.world = world = another_round(world)
        self.interview = f.InterviewFactory(
            assignment=world.assignment_a, recorded_by=world.member_a
        )
        self.petition = f.PetitionFactory(assignment=world.assignment_a, round=world.round)
        self.draft = world.problem()
        self.confirmed = world.problem(status=ProblemStatus.CONFIRMED)
        self.other = world.problem(assignment=world.assignment_b)

    def plant(self, old) -> None:
        """At findings 0006: the draft's one source interview and petition."""
        old.get_model("findings", "Problem").objects.filter(pk=self.draft.pk).update(
            source_interview_id=self.interview.pk, source_petition_id=self.petition.pk
        )

    def look(self) -> None:
        self.draft_now = Problem.objects.get(pk=self.draft.pk)
        self.confirmed_now = Problem.objects.get(pk=self.confirmed.pk)
        self.other_now = Problem.objects.get(pk=self.other.pk)
        self.interviews = list(self.draft_now.interviews.values_list("pk", flat=True))
        self.petitions = list(self.draft_now.petitions.values_list("pk", flat=True))
        self.unnumbered_versions = Problem.history.filter(sequence__isnull=True).count()
        self.bases = ProblemBasis.objects.filter(title="中华人民共和国村民委员会组织法").count()


class PapersBack:
    """findings 0010 reversed: a paper's first linked interview and petition are its
    sources again, and a paper awaiting review or signature is a draft again (no status
    the old code lacks)."""

    def __init__(self, world):
        world = another_round(world)
        self.interviews = [
            f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
            for _ in range(2)
        ]
        self.petition = f.PetitionFactory(assignment=world.assignment_a, round=world.round)
        self.linked = world.problem()
        for interview in self.interviews:  # one by one: add(*many) links in no set order
            self.linked.interviews.add(interview)
        self.linked.petitions.add(self.petition)
        self.submitted = world.problem(status=ProblemStatus.SUBMITTED)
        self.reviewed = world.problem(status=ProblemStatus.REVIEWED)
        self.signed = world.problem(status=ProblemStatus.CONFIRMED)

    def look_back(self, old) -> None:
        """Back at findings 0006 (the journey's first step)."""
        problems = old.get_model("findings", "Problem").objects
        row = problems.get(pk=self.linked.pk)
        self.sources = (row.source_interview_id, row.source_petition_id)
        self.statuses = dict(problems.values_list("pk", "status"))


class Masking:
    """findings 0005, run where a problem still had its one source petition: problems made
    by the old 转为问题 (content copied) are masked with a history row, a problem not from a
    petition is left alone, the reminders quoting them are masked and read in one query
    however many problems change — and the migration is frozen: a later edit of
    ``findings.reporter`` (here made to mask nothing) does not change what it does."""

    migration = importlib.import_module(
        "findings.migrations.0005_reporter_masked_out_of_problem_facts"
    )

    def __init__(self, world):
        world = another_round(world)
        self.petition = named_petition(world)
        self.old_problem = world.problem(status="fed_back", facts=CONTENT, source="petition")
        self.plain = world.problem(status="fed_back", facts="村委会电话0519-86543210无人接听。")
        quote = f"惠民惠农资金：{CONTENT[:30]}…"
        self.reminder = Notification.objects.create(
            recipient=world.officer_a,
            title="整改预警",
            body=f"您有1项整改事项即将到期：\n1. {quote}",
            payload={"items": [{"title": quote}]},
        )
        self.sources, quotes = [(self.old_problem, self.petition)], []
        for number in range(3):
            numbered = named_petition(world, content=f"{CONTENT}{number}")
            problem = world.problem(status="fed_back", facts=f"{CONTENT}第{number}件")
            self.sources.append((problem, numbered))
            quotes.append(f"{problem.facts[:30]}…")
        self.digest = Notification.objects.create(
            recipient=world.officer_a,
            title="整改预警",
            body="\n".join(quotes),
            payload={"items": [{"title": quote} for quote in quotes]},
        )
        self.rows = self.old_problem.history.count()

    def run(self, old) -> None:
        """At findings 0006: each problem's one source petition set, the migration's
        function run again on them, with the live masking made to mask nothing."""
        problems = old.get_model("findings", "Problem").objects
        for problem, petition in self.sources:
            problems.filter(pk=problem.pk).update(source_petition_id=petition.pk)
        with pytest.MonkeyPatch.context() as patched, CaptureQueriesContext(connection) as queries:
            patched.setattr(live_reporter, "reporter_names", lambda petition: [])
            patched.setattr(live_reporter, "SELF_NAMED", live_reporter.re.compile(r"(?!x)x"))
            self.migration.mask_existing(old, None)
        self.notification_reads = [
            query["sql"]
            for query in queries.captured_queries
            # A read of the notifications: a SELECT, or on PostgreSQL the server-side cursor
            # (DECLARE … FOR SELECT) an iterator opens; not the UPDATE of a changed one.
            if "inspection_notification" in query["sql"]
            and query["sql"].lstrip().startswith(("SELECT", "DECLARE"))
        ]

    def look(self) -> None:
        problem = Problem.objects.get(pk=self.old_problem.pk)
        self.facts = problem.facts
        self.history_rows = problem.history.count()
        self.last_reason = problem.history.first().history_change_reason
        self.petitions = list(problem.petitions.values_list("pk", flat=True))
        self.plain_facts = Problem.objects.get(pk=self.plain.pk).facts
        self.notices = [
            (notice.body, str(notice.payload))
            for notice in Notification.objects.filter(pk__in=[self.reminder.pk, self.digest.pk])
        ]


DAY = datetime.date(2026, 5, 6)


class Letters:
    """findings 0013: clues the office approved before the leading group's sign-off
    existed become 巡察办已审核 (still awaiting the sign-off), and every transferred clue
    gets the 移交函 it was sent with: one letter per (letter number, body, date), its clues
    grouped under it, numbered in its year. The clues keep their numbers, bodies and
    dates, so the statistics do not change; migrating back removes the letters and
    restores 已审批."""

    def __init__(self, world):
        self.world = world = another_round(world)
        self.one = self.sent("新巡移〔2026〕7号")
        self.two = self.sent("新巡移〔2026〕7号", status=ClueStatus.CONCLUDED)
        self.other_body = self.sent("新巡移〔2026〕7号", body=ReceivingBody.ORGANISATION)
        self.alone = self.sent("县巡移字第3号", on=DAY + datetime.timedelta(days=2))
        self.approved = world.clue()
        self.proposed = world.clue()
        self.figures_before = self.figures()

    def sent(self, number, body=ReceivingBody.COMMISSION, on=DAY, status=ClueStatus.TRANSFERRED):
        extra = (
            {"outcome": "no_issue", "concluded_on": on} if status == ClueStatus.CONCLUDED else {}
        )
        return self.world.clue(
            status=status, body=body, letter_number=number, transferred_on=on, **extra
        )

    def figures(self):
        return fig.clues(StatisticsFilter(round_id=self.world.round.pk))

    def plant(self, old) -> None:
        """At findings 0011: a clue the office approved (已审批, a status gone since)."""
        old.get_model("findings", "Clue").objects.filter(pk=self.approved.pk).update(
            status="approved"
        )

    def look(self) -> None:
        clues = Clue.objects.filter(round=self.world.round).select_related("letter")
        self.clues = {clue.pk: clue for clue in clues}
        self.statuses = {pk: clue.status for pk, clue in self.clues.items()}
        self.letters = len({clue.letter_id for clue in clues if clue.letter_id})
        self.figures_after = self.figures()

    def look_back(self, old) -> None:
        """Back at findings 0011."""
        clues = old.get_model("findings", "Clue").objects
        self.approved_back = clues.get(pk=self.approved.pk).status
        self.number_back = clues.get(pk=self.one.pk).letter_number


class Matters:
    """findings 0014: clues transferred to a department become 交办事项: their dates carry
    over (transferred → handed on, result due → reply due, concluded → replied), they leave
    the clues and the clue figures; migrating back makes them department clues again."""

    def __init__(self, world):
        self.world = world = another_round(world)
        self.today = today = timezone.localdate()
        self.commission = world.clue(
            status=ClueStatus.CONCLUDED, outcome="case_filed", persons_case_filed=1
        )
        self.open_one = world.clue(
            status=ClueStatus.RECEIVED, transferred_on=today - datetime.timedelta(days=100)
        )
        self.answered = world.clue(status=ClueStatus.CONCLUDED, outcome_note="已督促整改到位。")
        self.problem = world.problem(status="confirmed")
        self.open_one.problems.add(self.problem)

    def figures(self) -> dict:
        filters = StatisticsFilter(round_id=self.world.round.pk)
        row = statistics_table(filters, figures=["clues"])[0]
        return {name: row[name] for name in ("clues_transferred", "clues_concluded", "case_rate")}

    def plant(self, old) -> None:
        """At findings 0013: two of the clues went to a department."""
        old.get_model("findings", "Clue").objects.filter(
            pk__in=[self.open_one.pk, self.answered.pk]
        ).update(receiving_body="department", receiving_unit="县民政局")
        self.figures_before = self.figures()

    def look(self) -> None:
        self.clues = list(Clue.objects.filter(round=self.world.round).values_list("pk", flat=True))
        self.figures_after = self.figures()
        matters = DepartmentMatter.objects.filter(round=self.world.round)
        self.pending = matters.get(status=MatterStatus.HANDED_ON)
        self.pending_problems = list(self.pending.problems.values_list("pk", flat=True))
        self.replied = matters.get(status=MatterStatus.REPLIED)

    def look_back(self, old) -> None:
        """Back at findings 0013."""
        clues = old.get_model("findings", "Clue").objects
        back = clues.filter(round_id=self.world.round.pk, receiving_body="department")
        back = list(back.order_by("transferred_on"))
        self.back = [(c.status, c.transferred_on, c.receiving_unit) for c in back]
        self.back_problems = list(back[0].problems.values_list("pk", flat=True))
        self.back_note = back[1].outcome_note


class Outcomes:
    """findings 0015: a concluded clue's counts become its persons' outcomes, in their
    order, as far as they fit; what did not fit is said in its 办结情况, and the new checks
    hold. Planted at findings 0013 (the stop of the 交办事项), the last one before."""

    def __init__(self, world):
        self.world = world = another_round(world)
        self.case = world.clue(status=ClueStatus.CONCLUDED, outcome="case_filed", **FILED)
        f.ClueSubjectFactory(clue=self.case, name="钱卫国")
        self.no_issue = world.clue(status=ClueStatus.CONCLUDED)  # 了结, one person
        self.organisational = world.clue(status=ClueStatus.CONCLUDED, outcome="organisational")

    def plant(self, old) -> None:
        """Counts as the former form took them: a case about two persons with three filed;
        the issue's 了结 with 50 sanctioned, 40 sent and 5,000,000 recovered."""
        clues = old.get_model("findings", "Clue").objects
        clues.filter(pk=self.case.pk).update(
            persons_case_filed=3,
            persons_sanctioned=2,
            persons_admonished=1,
            persons_to_judiciary=1,
            funds_recovered=8000,
        )
        clues.filter(pk=self.no_issue.pk).update(
            persons_sanctioned=50, persons_to_judiciary=40, funds_recovered=5_000_000
        )
        clues.filter(pk=self.organisational.pk).update(persons_admonished=1, funds_recovered=300)

    def look(self) -> None:
        self.clues = {clue.pk: clue for clue in Clue.objects.filter(round=self.world.round)}
        self.persons = {
            clue: [
                (s.case_filed, s.sanction_unsplit, s.admonition, s.to_judiciary)
                for s in ClueSubject.objects.filter(clue_id=clue).order_by("id")
            ]
            for clue in self.clues
        }
        concluded = Clue.history.filter(id=self.no_issue.pk, status=ClueStatus.CONCLUDED)
        self.history_sanctioned = set(concluded.values_list("persons_sanctioned", flat=True))
        self.figures = clue_persons(StatisticsFilter(round_id=self.world.round.pk))[None]


FILED = {"persons_case_filed": 1}
