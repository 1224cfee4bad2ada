"""督办函 / 提示函 and 联合督查: who issues and records them, what they may cover, the
unit's 签收 and reply, and who sees them (rectification.services.supervision_letters,
joint_inspections)."""

import pytest
from django.utils import timezone

from inspection.documents.models import DocumentCounter
from inspection.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from inspection.permissions import visible
from rectification.choices import ItemStatus
from rectification.models import JointInspection, JointInspectionFinding, SupervisionLetter
from rectification.services import (
    supervision_letter_issue,
    supervision_letter_reply,
    supervision_letter_sign_for,
)
from rectification.supervision_choices import LetterKind, LetterStatus
from tests.rectification.supervision_kit import (
    days,
    green_item,
    inspection,
    letter,
    red_item,
    reply_pdf,
    yellow_item,
)

pytestmark = pytest.mark.django_db


def issue(world, kind, *items, actor=None):
    return supervision_letter_issue(
        actor=actor or world.office,
        assignment_id=world.assignment_a.pk,
        kind=kind,
        item_ids=[item.pk for item in items],
    )


# ------------------------------------------------------------------------- issuing


def test_a_supervision_letter_is_numbered_per_kind_and_year_and_owes_a_reply(world, settings):
    settings.INSPECTION_SUPERVISION_REPLY_DAYS = 7
    year = timezone.localdate().year
    first = letter(world)
    second = letter(world)
    reminder = letter(world, yellow_item(world), kind=LetterKind.REMIND)

    assert (first.number, second.number) == (f"督办〔{year}〕1号", f"督办〔{year}〕2号")
    assert reminder.number == f"提示〔{year}〕1号"
    assert first.reply_due_on == days(7)
    assert first.status == LetterStatus.ISSUED
    assert first.history.count() == 1
    assert DocumentCounter.objects.get(kind="supervision_letter.supervise", year=year).last == 2


def test_only_red_items_go_into_a_supervise_letter(world):
    red, yellow, green = red_item(world), yellow_item(world), green_item(world)
    closed = world.item(status=ItemStatus.CLOSED, deadline=days(-3))
    for refused in (yellow, green, closed):
        with pytest.raises(ApplicationError, match=f"台账#{refused.pk}未逾期"):
            issue(world, LetterKind.SUPERVISE, red, refused)
    assert not SupervisionLetter.objects.exists()
    assert list(issue(world, LetterKind.SUPERVISE, red).items.all()) == [red]


def test_a_reminder_covers_yellow_and_red_items_but_not_green_ones(world):
    red, yellow, green = red_item(world), yellow_item(world), green_item(world)
    with pytest.raises(ApplicationError, match="不是黄色或红色"):
        issue(world, LetterKind.REMIND, yellow, green)
    reminder = issue(world, LetterKind.REMIND, yellow, red)
    assert set(reminder.items.all()) == {red, yellow}


def test_a_letter_covers_items_of_its_own_assignment_only(world):
    other = world.item(assignment=world.assignment_b, deadline=days(-2))
    with pytest.raises(ApplicationError, match="不属于本巡察对象"):
        issue(world, LetterKind.SUPERVISE, red_item(world), other)
    with pytest.raises(ApplicationError, match="至少一条"):
        issue(world, LetterKind.SUPERVISE)
    with pytest.raises(ApplicationError, match="函件类型"):
        issue(world, "urgent", red_item(world))


@pytest.mark.parametrize("persona", ["supervisor_a", "officer_a", "reviewer_a", "leadership"])
def test_only_the_office_issues_letters(world, persona):
    with pytest.raises(PermissionDeniedError):
        issue(world, LetterKind.SUPERVISE, red_item(world), actor=world.users[persona])
    assert not SupervisionLetter.objects.exists()


# -------------------------------------------------------------- 签收 and the reply


def test_the_unit_signs_for_the_letter_then_replies_with_its_file(world):
    sent = letter(world)
    with pytest.raises(ConflictError):  # no reply before 签收
        supervision_letter_reply(
            actor=world.officer_a, letter_id=sent.pk, text="已整改。", reply_file=reply_pdf()
        )
    signed = supervision_letter_sign_for(
        actor=world.officer_a, letter_id=sent.pk, signed_on=timezone.localdate()
    )
    assert (signed.status, signed.signed_for_by) == (LetterStatus.SIGNED_FOR, world.officer_a)
    with pytest.raises(ApplicationError, match="回复文件"):
        supervision_letter_reply(
            actor=world.officer_a, letter_id=sent.pk, text="已整改。", reply_file=None
        )
    with pytest.raises(ApplicationError, match="回复内容"):
        supervision_letter_reply(
            actor=world.officer_a, letter_id=sent.pk, text="  ", reply_file=reply_pdf()
        )
    replied = supervision_letter_reply(
        actor=world.officer_a,
        letter_id=sent.pk,
        text="已召开村民代表会议重新表决，合同已公示。",
        reply_file=reply_pdf(),
    )
    replied.refresh_from_db()
    assert replied.status == LetterStatus.REPLIED
    assert replied.replied_on == timezone.localdate()
    assert replied.reply_file.name.endswith(".pdf")
    assert replied.history.count() == 3
    with pytest.raises(ConflictError):
        supervision_letter_sign_for(
            actor=world.officer_a, letter_id=sent.pk, signed_on=timezone.localdate()
        )


def test_signing_for_is_the_units_and_not_before_the_letter(world):
    sent = letter(world)
    with pytest.raises(ApplicationError, match="不能早于"):
        supervision_letter_sign_for(actor=world.officer_a, letter_id=sent.pk, signed_on=days(-1))
    with pytest.raises(PermissionDeniedError):
        supervision_letter_sign_for(
            actor=world.office, letter_id=sent.pk, signed_on=timezone.localdate()
        )
    with pytest.raises(NotFoundError):
        supervision_letter_sign_for(
            actor=world.officer_b, letter_id=sent.pk, signed_on=timezone.localdate()
        )
    sent.refresh_from_db()
    assert sent.status == LetterStatus.ISSUED


def test_letters_are_seen_in_reach_only(world):
    sent = letter(world)
    for persona in ("office", "leadership", "officer_a", "reviewer_a", "supervisor_a"):
        assert list(visible(SupervisionLetter, world.users[persona])) == [sent], persona
    for persona in ("officer_b", "reviewer_b", "supervisor_b", "liaison", "stats"):
        assert not visible(SupervisionLetter, world.users[persona]).exists(), persona


# ---------------------------------------------------------------------- 联合督查


def test_the_office_records_a_joint_inspection_with_findings_linked_to_items(world):
    item = red_item(world)
    recorded = inspection(
        world,
        findings=[
            {"text": "合同仍未公示。", "item_id": item.pk},
            {"text": "村务公开栏未更新。"},
            {"text": "", "item_id": None},  # an empty row of the form is skipped
        ],
    )
    assert list(recorded.villages.all()) == [world.assignment_a.village]
    assert [(f.text, f.item) for f in recorded.findings.all()] == [
        ("合同仍未公示。", item),
        ("村务公开栏未更新。", None),
    ]
    assert recorded.history.count() == 1 and recorded.recorded_by == world.office


def test_a_supervisor_records_in_reach_naming_their_own_bodys_members(world):
    recorded = inspection(world, world.supervisor_a, organisation_members="", office_members="")
    assert recorded.recorded_by == world.supervisor_a
    with pytest.raises(ApplicationError, match="纪委监委人员"):
        inspection(world, world.supervisor_a, commission_members="")
    with pytest.raises(NotFoundError):
        inspection(world, world.supervisor_b)  # 甲一村 is in town A
    with pytest.raises(ApplicationError, match="巡察办人员"):
        inspection(world, office_members=" ")
    assert JointInspection.objects.count() == 1


def test_a_finding_links_only_an_item_of_the_villages_inspected(world):
    other = world.item(assignment=world.assignment_b, deadline=days(-2))
    with pytest.raises(ApplicationError, match="不属于所督查的村"):
        inspection(world, findings=[{"text": "未整改。", "item_id": other.pk}])
    with pytest.raises(ApplicationError, match="督查日期不能晚于今天"):
        inspection(world, inspected_on=days(1))
    with pytest.raises(ApplicationError, match="请选择督查的村"):
        inspection(world, village_ids=[])
    assert not JointInspection.objects.exists()


@pytest.mark.parametrize("persona", ["officer_a", "reviewer_a", "leader_a", "leadership"])
def test_others_do_not_record_joint_inspections(world, persona):
    with pytest.raises(PermissionDeniedError):
        inspection(world, world.users[persona])


def test_joint_inspections_are_seen_in_reach_only(world):
    in_a = inspection(world, findings=[{"text": "甲村台账不全。", "item_id": red_item(world).pk}])
    in_b = inspection(world, village=world.assignment_b.village)
    assert set(visible(JointInspection, world.supervisor_a)) == {in_a}
    assert set(visible(JointInspection, world.supervisor_b)) == {in_b}
    assert set(visible(JointInspection, world.officer_a)) == {in_a}
    assert set(visible(JointInspection, world.office)) == {in_a, in_b}
    for persona in ("leader_a", "liaison", "stats"):
        assert not visible(JointInspection, world.users[persona]).exists()
    assert visible(JointInspectionFinding, world.reviewer_a).count() == 1
    assert visible(JointInspectionFinding, world.reviewer_b).count() == 1


def test_an_inspection_of_two_towns_is_not_read_by_either_towns_unit(world):
    both = inspection(
        world,
        village_ids=[world.assignment_a.village.pk, world.assignment_b.village.pk],
        findings=[{"text": "乙村账目混乱。"}],
    )
    for persona in ("officer_a", "reviewer_a", "supervisor_a", "officer_b", "reviewer_b"):
        assert not visible(JointInspection, world.users[persona]).filter(pk=both.pk).exists()
        assert not visible(JointInspectionFinding, world.users[persona]).exists()
    assert visible(JointInspection, world.office).filter(pk=both.pk).exists()


# --------------------------------------------------------------------------- alerts


def test_readers_of_a_unit_see_its_item_and_plan_alerts_not_clue_alerts(world):
    from inspection.choices import AlertStage
    from rectification.models import Alert

    today = timezone.localdate()
    item_alert = Alert.objects.create(item=red_item(world), stage=AlertStage.RED, due_on=today)
    plan_alert = Alert.objects.create(
        feedback=world.feedback(), document="plan", stage=AlertStage.YELLOW, due_on=today
    )
    Alert.objects.create(clue=world.clue(), stage=AlertStage.RED, due_on=today)
    other = Alert.objects.create(
        feedback=world.feedback(assignment=world.assignment_b),
        document="report",
        stage=AlertStage.RED,
        due_on=today,
    )
    for persona in ("supervisor_a", "reviewer_a", "officer_a"):
        assert set(visible(Alert, world.users[persona])) == {item_alert, plan_alert}, persona
    assert set(visible(Alert, world.supervisor_b)) == {other}
    assert set(visible(Alert, world.leader_a)) == {item_alert}
