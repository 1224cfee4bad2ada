"""回头看: the look-back team reads its villages' previous ledger, marks each item 真改 /
假改 / 反弹, and a 反弹 reopens the item and links the two rounds (rectification.services
.look_back, rectification.look_back_scope, rectification/views/look_back.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from inspection.errors import (
    ApplicationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
)
from inspection.permissions import visible
from rectification.choices import ItemStatus, LookBackVerdict
from rectification.models import (
    LookBackCheck,
    ProgressEvidence,
    ProgressUpdate,
    RectificationItem,
    Verification,
)
from rectification.services import look_back_check
from rounds.choices import RoundStatus
from tests import factories as f
from tests.rectification.look_back_kit import look_back
from tests.rectification.test_views_items import page, post

pytestmark = pytest.mark.django_db


def check(world, lb, item, *, actor=None, verdict=LookBackVerdict.RELAPSED, note="合同又未公示"):
    return look_back_check(
        actor=actor or world.leader_a,
        assignment_id=lb.assignment_a.pk,
        item_id=item.pk,
        verdict=verdict,
        note=note,
    )


# ------------------------------------------------------------------------------ scope


def test_the_look_back_team_reads_its_villages_previous_ledger_and_nothing_else(world):
    lb = look_back(world)
    item_a = world.evidenced_item(status=ItemStatus.CLOSED)
    item_b = world.item(assignment=world.assignment_b, status=ItemStatus.CLOSED)
    Verification.objects.create(
        item=item_a, method="documents", result="passed", verifier=world.office
    )
    # member_a serves on both rounds' team A; a new inspector only on the look-back's.
    newcomer = f.UserFactory(role="inspector")
    f.TeamMemberFactory(team=lb.assignment_a.team, user=newcomer)
    assert list(visible(RectificationItem, newcomer)) == [item_a]
    assert visible(ProgressUpdate, newcomer).count() == 1
    assert visible(ProgressEvidence, newcomer).count() == 1
    assert visible(Verification, newcomer).count() == 1
    # team B of the look-back, in 乙一村, reads 乙一村's item but never 甲一村's
    assert list(visible(RectificationItem, world.leader_b)) == [item_b]
    assert visible(ProgressUpdate, world.leader_b).count() == 0
    assert not visible(Verification, world.leader_b).exists()


def test_once_the_look_back_round_is_archived_its_team_reads_the_earlier_ledger_no_more(world):
    lb = look_back(world)
    item_a = world.evidenced_item(status=ItemStatus.CLOSED)
    newcomer = f.UserFactory(role="inspector")
    f.TeamMemberFactory(team=lb.assignment_a.team, user=newcomer)
    assert list(visible(RectificationItem, newcomer)) == [item_a]
    lb.round.status = RoundStatus.CLOSED
    lb.round.save()
    assert not visible(RectificationItem, newcomer).exists()
    assert not visible(ProgressEvidence, newcomer).exists()


def test_a_look_back_of_another_round_opens_nothing(world):
    other = world.look_back_round(revisits=f.InspectionRoundFactory())
    team = f.TeamFactory(round=other, number=1)
    stranger = f.UserFactory(role="inspector")
    f.TeamMemberFactory(team=team, user=stranger)
    f.AssignmentFactory(round=other, team=team, village=world.assignment_a.village)
    world.item(status=ItemStatus.CLOSED)
    assert not visible(RectificationItem, stranger).exists()


# --------------------------------------------------------------------------- service


def test_a_relapse_reopens_the_item_and_links_both_rounds(world):
    lb = look_back(world)
    item = world.item(status=ItemStatus.CLOSED)

    result = check(world, lb, item, note="村集体鱼塘又未经民主程序发包")

    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert item.closed_at is None
    assert item.reopened_by_round == lb.round
    assert "反弹" in item.reopen_reason and "鱼塘" in item.reopen_reason
    assert result.reopened and result.checked_by == world.leader_a
    assert result.assignment == lb.assignment_a
    assert item.history.first().history_user == world.leader_a
    assert result.history.count() == 1


def test_a_sham_fix_reopens_too_and_a_genuine_one_leaves_the_item_closed(world):
    lb = look_back(world)
    sham, genuine = world.item(status=ItemStatus.CLOSED), world.item(status=ItemStatus.CLOSED)
    check(world, lb, sham, verdict=LookBackVerdict.SHAM, note="只有台账，现场未改")
    check(world, lb, genuine, verdict=LookBackVerdict.GENUINE, note="")
    sham.refresh_from_db()
    genuine.refresh_from_db()
    assert sham.status == ItemStatus.IN_PROGRESS and sham.reopened_by_round == lb.round
    assert genuine.status == ItemStatus.CLOSED and genuine.reopened_by_round is None
    assert not LookBackCheck.objects.get(item=genuine).reopened


def test_a_relapse_of_an_item_still_open_is_recorded_without_reopening(world):
    lb = look_back(world)
    item = world.item(status=ItemStatus.IN_PROGRESS)
    result = check(world, lb, item)
    item.refresh_from_db()
    assert not result.reopened and item.reopened_by_round is None


@pytest.mark.parametrize(
    ("verdict", "note", "status", "field"),
    [
        (LookBackVerdict.RELAPSED, "  ", ItemStatus.CLOSED, "note"),
        (LookBackVerdict.GENUINE, "", ItemStatus.IN_PROGRESS, "verdict"),
        ("fixed?", "x", ItemStatus.CLOSED, "verdict"),
    ],
    ids=["relapse-without-note", "genuine-while-open", "unknown-verdict"],
)
def test_bad_verdicts_are_refused_and_nothing_is_written(world, verdict, note, status, field):
    lb = look_back(world)
    item = world.item(status=status)
    with pytest.raises(ApplicationError) as error:
        check(world, lb, item, verdict=verdict, note=note)
    assert field in error.value.errors
    item.refresh_from_db()
    assert item.status == status and not LookBackCheck.objects.exists()


def test_one_verdict_per_item_per_look_back(world):
    lb = look_back(world)
    item = world.item(status=ItemStatus.CLOSED)
    check(world, lb, item, verdict=LookBackVerdict.GENUINE, note="")
    with pytest.raises(ConflictError):
        check(world, lb, item, actor=world.office)


def test_the_member_reads_but_the_leader_marks(world):
    lb = look_back(world)
    item = world.item(status=ItemStatus.CLOSED)
    with pytest.raises(PermissionDeniedError):
        check(world, lb, item, actor=world.member_a)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


def test_an_item_of_another_village_is_refused(world):
    lb = look_back(world)
    item_b = world.item(assignment=world.assignment_b, status=ItemStatus.CLOSED)
    with pytest.raises(NotFoundError):  # leader_a does not read 乙一村's ledger
        check(world, lb, item_b)
    with pytest.raises(ApplicationError) as error:  # the office does: wrong village
        check(world, lb, item_b, actor=world.office)
    assert "item" in error.value.errors


def test_a_look_back_not_yet_on_site_cannot_mark(world):
    lb = look_back(world, status=RoundStatus.PREPARATION)
    item = world.item(status=ItemStatus.CLOSED)
    with pytest.raises(ApplicationError):
        check(world, lb, item)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


# ---------------------------------------------------------------------------- screen


def workbench(lb) -> str:
    return f"/assignments/{lb.assignment_a.pk}/look-back/"


def test_the_workbench_shows_previous_items_with_evidence_and_verdict_buttons(world):
    lb = look_back(world)
    item = world.evidenced_item(status=ItemStatus.CLOSED, measures="重新履行民主程序并公示")
    leader = page(world.leader_a, workbench(lb))
    assert leader.status_code == 200
    assert "重新履行民主程序并公示" in leader.text
    assert "已重新履行民主程序。" in leader.text and "村民代表会议记录.pdf" in leader.text
    assert "反弹" in leader.text and f'value="{item.pk}"' in leader.text
    member = page(world.member_a, workbench(lb))
    assert "重新履行民主程序并公示" in member.text and f'value="{item.pk}"' not in member.text
    assert page(world.leader_b, workbench(lb)).status_code == 404
    assert page(world.officer_a, workbench(lb)).status_code == 403


def test_the_leader_marks_a_relapse_on_the_phone(world):
    lb = look_back(world)
    item = world.item(status=ItemStatus.CLOSED)
    deadline = timezone.localdate() + timezone.timedelta(days=30)
    response = post(
        world.leader_a,
        workbench(lb),
        {"item": item.pk, "verdict": "relapsed", "note": "又犯", "deadline": deadline},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS and item.deadline == deadline
    after = page(world.leader_a, workbench(lb))
    assert "已重新打开" in after.text and f'value="{item.pk}"' not in after.text


def test_a_relapse_without_a_note_comes_back_with_the_reason(world):
    lb = look_back(world)
    item = world.item(status=ItemStatus.CLOSED)
    response = post(world.leader_a, workbench(lb), {"item": item.pk, "verdict": "relapsed"})
    assert response.status_code == 400
    assert "认定假改或反弹须写明核查情况" in response.text
    assert post(world.member_a, workbench(lb), {"item": item.pk}).status_code == 403


def test_a_regular_assignment_has_no_workbench(world):
    assert page(world.office, f"/assignments/{world.assignment_a.pk}/look-back/").status_code == 404


def test_the_workbench_costs_the_same_for_many_items(world):
    lb = look_back(world)
    world.evidenced_item(status=ItemStatus.CLOSED)
    page(world.leader_a, workbench(lb))  # warm the caches a first request fills
    with CaptureQueriesContext(connection) as one:
        page(world.leader_a, workbench(lb))
    for _ in range(15):
        world.evidenced_item(status=ItemStatus.CLOSED)
    with CaptureQueriesContext(connection) as many:
        response = page(world.leader_a, workbench(lb))
    assert response.text.count("look-back-item") == 16
    assert len(many) == len(one), [q["sql"][:120] for q in many.captured_queries]


def test_the_api_lists_the_checks_to_whoever_reads_both_sides(world):
    from tests.rectification.test_api import as_user, ok

    lb = look_back(world)
    item = world.item(status=ItemStatus.CLOSED)
    done = check(world, lb, item)
    rows = ok(as_user(world.member_a).get("/api/v1/look-back-checks/"))["results"]
    assert [(row["id"], row["verdict"], row["reopened"]) for row in rows] == [
        (done.pk, "relapsed", True)
    ]
    assert not ok(as_user(world.leader_b).get("/api/v1/look-back-checks/"))["results"]


def test_the_team_page_of_a_look_back_village_links_to_the_workbench(world):
    lb = look_back(world)
    assert workbench(lb) in page(world.member_a, f"/team/assignments/{lb.assignment_a.pk}/").text
    regular = page(world.member_a, f"/team/assignments/{world.assignment_a.pk}/").text
    assert "/look-back/" not in regular


def test_the_unit_learns_a_verdict_at_the_look_backs_feedback_or_when_it_reopens(world):
    """A look-back's verdicts are its findings, told at its feedback: before it the unit
    and its town see only the one that reopened an item (the item says so anyway)."""
    lb = look_back(world)
    genuine, relapsed = (world.item(status=ItemStatus.CLOSED) for _ in range(2))
    check(world, lb, genuine, verdict=LookBackVerdict.GENUINE, note="")
    reopening = check(world, lb, relapsed)
    for reader in (world.officer_a, world.reviewer_a):
        assert list(visible(LookBackCheck, reader)) == [reopening]
    assert visible(LookBackCheck, world.supervisor_a).count() == 2
    assert visible(LookBackCheck, world.leader_a).count() == 2
    f.FeedbackFactory(assignment=lb.assignment_a, given_by=world.office)
    assert visible(LookBackCheck, world.officer_a).count() == 2


def test_the_office_reaches_each_villages_workbench_from_the_look_back_round(world):
    lb = look_back(world)
    text = page(world.office, f"/rounds/{lb.round.pk}/").content.decode()
    for assignment in (lb.assignment_a, lb.assignment_b):
        path = f"/assignments/{assignment.pk}/look-back/"
        assert f'href="{path}"' in text
        assert page(world.office, path).status_code == 200
    earlier = page(world.office, f"/rounds/{world.round.pk}/").content.decode()
    assert "/look-back/" not in earlier
