"""Data migrations of problems, run on the schema they were written for: the database is
taken back to ``findings 0006`` (before the 底稿's fields), data is planted there in the
old shape, and the migrations run forward again."""

import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from findings.choices import ProblemStatus
from findings.models import Problem, ProblemBasis
from inspection.models import Notification
from tests import factories as f
from tests.findings.test_reporter_protection import CONTENT, MASKED, named_petition, shows_reporter
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_PAPERS = [("findings", "0006_submission_token")]


def migrate(targets=None):
    """The database migrated to ``targets`` (every app's latest when None); answers the
    apps of that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def test_the_working_papers_migration_loses_nothing():
    """Each problem's source interview and petition become its first links, it is numbered
    in the order recorded on its assignment, and a problem the leader confirmed under the
    one signature counts as submitted by its recorder and reviewed by that leader."""
    world = build_world()
    interview = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    petition = f.PetitionFactory(assignment=world.assignment_a, round=world.round)
    draft = world.problem()
    confirmed = world.problem(status=ProblemStatus.CONFIRMED)
    other = world.problem(assignment=world.assignment_b)
    try:
        old = migrate(BEFORE_PAPERS)
        old.get_model("findings", "Problem").objects.filter(pk=draft.pk).update(
            source_interview_id=interview.pk, source_petition_id=petition.pk
        )
    finally:
        migrate()
    draft.refresh_from_db()
    assert list(draft.interviews.all()) == [interview]
    assert list(draft.petitions.all()) == [petition]
    village = world.assignment_a.target_name
    assert (draft.sequence, draft.number) == (1, f"一组-{village}-001")
    confirmed.refresh_from_db()
    assert confirmed.number == f"一组-{village}-002"
    assert confirmed.submitted_by == confirmed.recorded_by == world.member_a
    assert confirmed.reviewed_by == confirmed.confirmed_by == world.leader_a
    assert draft.submitted_by is None and draft.reviewed_by is None
    other.refresh_from_db()
    assert other.sequence == 1
    assert Problem.history.filter(sequence__isnull=True).count() == 0
    assert ProblemBasis.objects.filter(title="中华人民共和国村民委员会组织法").count() == 2


def test_the_working_papers_migration_goes_back_keeping_each_papers_first_sources():
    """Reversed, a paper's first linked interview and petition are its sources again, and
    a paper awaiting review or signature is a draft again (no status the old code lacks)."""
    world = build_world()
    interviews = [
        f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
        for _ in range(2)
    ]
    petition = f.PetitionFactory(assignment=world.assignment_a, round=world.round)
    linked = world.problem()
    for interview in interviews:  # one by one: add(*many) links in no set order
        linked.interviews.add(interview)
    linked.petitions.add(petition)
    submitted = world.problem(status=ProblemStatus.SUBMITTED)
    reviewed = world.problem(status=ProblemStatus.REVIEWED)
    signed = world.problem(status=ProblemStatus.CONFIRMED)
    try:
        old = migrate(BEFORE_PAPERS)
        problems = old.get_model("findings", "Problem").objects
        row = problems.get(pk=linked.pk)
        assert (row.source_interview_id, row.source_petition_id) == (
            interviews[0].pk,
            petition.pk,
        )
        statuses = dict(problems.values_list("pk", "status"))
        assert statuses[submitted.pk] == statuses[reviewed.pk] == "draft"
        assert statuses[signed.pk] == "confirmed"
    finally:
        migrate()


def test_the_masking_migration_masks_what_was_made_before_reads_reminders_once_and_is_frozen(
    monkeypatch,
):
    """findings 0005, run where a problem still had its one source petition: problems made
    by the old 转为问题 (content copied) are masked with a history row, a problem not from a
    petition is left alone, the reminders quoting them are masked and read in one query
    however many problems change — and the migration is frozen: a later edit of
    ``findings.reporter`` (here made to mask nothing) does not change what it does.
    (One trip back to 0006 for the three: each trip costs the suite about a minute.)"""
    from django.test.utils import CaptureQueriesContext

    import findings.reporter as live

    world = build_world()
    petition = named_petition(world)
    old_problem = world.problem(status="fed_back", facts=CONTENT, source="petition")
    plain = world.problem(status="fed_back", facts="村委会电话0519-86543210无人接听。")
    quote = f"惠民惠农资金：{CONTENT[:30]}…"
    reminder = Notification.objects.create(
        recipient=world.officer_a,
        title="整改预警",
        body=f"您有1项整改事项即将到期：\n1. {quote}",
        payload={"items": [{"title": quote}]},
    )
    sources, quotes = [(old_problem, petition)], []
    for number in range(3):
        numbered = named_petition(world, content=f"{CONTENT}{number}")
        problem = world.problem(status="fed_back", facts=f"{CONTENT}第{number}件")
        sources.append((problem, numbered))
        quotes.append(f"{problem.facts[:30]}…")
    digest = Notification.objects.create(
        recipient=world.officer_a,
        title="整改预警",
        body="\n".join(quotes),
        payload={"items": [{"title": quote} for quote in quotes]},
    )
    rows = old_problem.history.count()
    migration = _masking_migration()
    try:
        old = _at_0006_from_petitions(sources)
        with monkeypatch.context() as patched, CaptureQueriesContext(connection) as queries:
            patched.setattr(live, "reporter_names", lambda petition: [])
            patched.setattr(live, "SELF_NAMED", live.re.compile(r"(?!x)x"))
            migration.mask_existing(old, None)
    finally:
        migrate()
    old_problem.refresh_from_db()
    assert old_problem.facts == MASKED
    assert old_problem.history.count() == rows + 1
    assert old_problem.history.first().history_change_reason == migration.REASON
    assert list(old_problem.petitions.all()) == [petition]
    plain.refresh_from_db()
    assert "0519-86543210" in plain.facts  # not from a petition: left alone
    for notice in (reminder, digest):
        notice.refresh_from_db()
        assert not shows_reporter(notice.body) and not shows_reporter(str(notice.payload))
    reads = [
        query["sql"]
        for query in queries.captured_queries
        # A read of the notifications: a SELECT, or on PostgreSQL the server-side cursor
        # (DECLARE … FOR SELECT) an iterator opens; not the UPDATE of a changed one.
        if "inspection_notification" in query["sql"]
        and query["sql"].lstrip().startswith(("SELECT", "DECLARE"))
    ]
    assert len(reads) == 1, reads


def _at_0006_from_petitions(problems_and_petitions):
    """Back at findings 0006, each problem's one source petition set; answers those apps."""
    old = migrate(BEFORE_PAPERS)
    model = old.get_model("findings", "Problem")
    for problem, petition in problems_and_petitions:
        model.objects.filter(pk=problem.pk).update(source_petition_id=petition.pk)
    return old


def _masking_migration():
    return importlib.import_module("findings.migrations.0005_reporter_masked_out_of_problem_facts")
