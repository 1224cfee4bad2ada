"""findings 0013: clues the office approved before the leading group's sign-off existed
become 巡察办已审核 (still awaiting the sign-off), and every transferred clue gets the
移交函 it was sent with: one letter per (letter number, body, date), its clues grouped
under it, numbered in its year. The clues keep their numbers, bodies and dates, so the
statistics do not change; migrating back removes the letters and restores 已审批."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from findings.choices import ClueStatus
from findings.models import Clue, TransferLetter
from inspection.choices import ReceivingBody
from reports.statistics import StatisticsFilter
from reports.statistics import figures as fig
from tests.findings.clue_chain import transfer
from tests.world import build_world

BEFORE = ("findings", "0011_inspection_reports")
DAY = datetime.date(2026, 5, 6)


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


def migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def sent(world, number, body=ReceivingBody.COMMISSION, on=DAY, status=ClueStatus.TRANSFERRED):
    extra = {"outcome": "no_issue", "concluded_on": on} if status == ClueStatus.CONCLUDED else {}
    return world.clue(status=status, body=body, letter_number=number, transferred_on=on, **extra)


@pytest.mark.django_db(transaction=True)
def test_approved_clues_await_the_sign_off_and_transfers_get_their_letters():
    world = build_world()
    one = sent(world, "新巡移〔2026〕7号")
    two = sent(world, "新巡移〔2026〕7号", status=ClueStatus.CONCLUDED)
    other_body = sent(world, "新巡移〔2026〕7号", body=ReceivingBody.ORGANISATION)
    alone = sent(world, "县巡移字第3号", on=DAY + datetime.timedelta(days=2))
    approved = world.clue()
    proposed = world.clue()
    figures_before = fig.clues(StatisticsFilter(round_id=world.round.pk))
    try:
        executor = migrate([BEFORE])
        old = executor.loader.project_state([BEFORE]).apps
        old.get_model("findings", "Clue").objects.filter(pk=approved.pk).update(status="approved")

        migrate_forward()

        statuses = dict(Clue.objects.values_list("pk", "status"))
        assert statuses[approved.pk] == ClueStatus.REVIEWED
        assert statuses[proposed.pk] == ClueStatus.PROPOSED
        assert TransferLetter.objects.count() == 3
        first = Clue.objects.get(pk=one.pk).letter
        assert Clue.objects.get(pk=two.pk).letter == first
        assert (first.number, first.year, first.sequence) == ("新巡移〔2026〕7号", 2026, 7)
        assert (first.body, first.sent_on) == (ReceivingBody.COMMISSION, DAY)
        # The same number to another body: a letter of its own, its number told apart.
        second = Clue.objects.get(pk=other_body.pk).letter
        assert second != first and second.number == "新巡移〔2026〕7号（2）"
        assert second.body == ReceivingBody.ORGANISATION and second.sequence is None
        # A number of another form keeps it, outside the year's counter.
        third = Clue.objects.get(pk=alone.pk).letter
        assert (third.number, third.sequence) == ("县巡移字第3号", None)
        assert Clue.objects.get(pk=other_body.pk).letter_number == "新巡移〔2026〕7号"
        assert fig.clues(StatisticsFilter(round_id=world.round.pk)) == figures_before

        executor = migrate([BEFORE])
        old_clue = executor.loader.project_state([BEFORE]).apps.get_model("findings", "Clue")
        assert old_clue.objects.get(pk=approved.pk).status == "approved"
        assert old_clue.objects.get(pk=one.pk).letter_number == "新巡移〔2026〕7号"
    finally:
        migrate_forward()


@pytest.mark.django_db
def test_a_new_letter_numbers_after_the_migrated_ones(world):
    year = timezone.localdate().year
    TransferLetter.objects.create(
        number=f"新巡移〔{year}〕7号",
        year=year,
        sequence=7,
        sent_on=DAY,
        body=ReceivingBody.COMMISSION,
        created_by=world.office,
    )
    letter = transfer(office=world.office, leadership=world.leadership, clue_ids=[world.clue().pk])
    assert (letter.sequence, letter.number) == (8, f"巡察移〔{year}〕8号")
