"""The ledger item's life: plan, progress, submit (rectification/services/items.py)."""

import datetime

import pytest
from django.utils import timezone

from inspection.errors import ConflictError, PermissionDeniedError
from rectification.choices import ITEM_STATUSES_OPEN, ItemStatus, RectificationMode
from rectification.models import Milestone, ProgressEvidence
from rectification.services import item_post_progress, item_submit, item_update_plan
from rectification.services.items import POST_PROGRESS, SUBMIT
from tests.rectification.helpers import assert_one_new_history_row, refused, upload

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def not_in(statuses):
    return [s for s in ItemStatus.values if s not in statuses]


# ----------------------------------------------------------------------- item_update_plan


def test_officer_fills_in_the_plan(world):
    item = world.item(measures="", responsible_person="")
    before = item.history.count()

    item = item_update_plan(
        actor=world.officer_a,
        item_id=item.pk,
        measures="重新履行民主程序，规范合同管理。",
        target="合同全部经村民代表会议表决并公示。",
        responsible_unit="甲一村党总支",
        responsible_person="张卫东",
        supervising_leader="李镇长",
        note="报送整改方案",
    )

    item.refresh_from_db()
    assert item.measures == "重新履行民主程序，规范合同管理。"
    assert item.target == "合同全部经村民代表会议表决并公示。"
    assert item.responsible_unit == "甲一村党总支"
    assert (item.responsible_person, item.supervising_leader) == ("张卫东", "李镇长")
    assert item.status == ItemStatus.PENDING
    assert_one_new_history_row(item, before=before, actor=world.officer_a, note="报送整改方案")


@pytest.mark.parametrize("status", ITEM_STATUSES_OPEN)
def test_plan_can_change_while_the_item_is_open(world, status):
    item = world.item(status=status)
    item = item_update_plan(actor=world.office, item_id=item.pk, target="全面规范")
    assert item.target == "全面规范"
    assert item.status == status


@pytest.mark.parametrize("status", not_in(ITEM_STATUSES_OPEN))
def test_plan_is_fixed_once_submitted_or_closed(world, status):
    item = world.item(status=status)
    with pytest.raises(ConflictError):
        item_update_plan(actor=world.office, item_id=item.pk, target="全面规范")


def test_long_term_deadline_is_the_last_milestone(world):
    item = world.item()
    first, last = TODAY() + 30 * DAY, TODAY() + 300 * DAY

    item = item_update_plan(
        actor=world.office,
        item_id=item.pk,
        mode=RectificationMode.LONG_TERM,
        milestones=[("完成合同清理", first), ("建立长效机制", last)],
    )

    item.refresh_from_db()
    assert item.mode == RectificationMode.LONG_TERM
    assert item.deadline == last
    assert list(item.milestones.values_list("title", "due_on")) == [
        ("完成合同清理", first),
        ("建立长效机制", last),
    ]


def test_replacing_milestones_keeps_completion_of_those_kept(world):
    item = world.item(mode=RectificationMode.LONG_TERM)
    done = Milestone.objects.create(
        item=item, title="完成合同清理", due_on=TODAY(), completed_on=TODAY() - DAY
    )
    Milestone.objects.create(item=item, title="旧阶段", due_on=TODAY() + 10 * DAY)

    item_update_plan(
        actor=world.office,
        item_id=item.pk,
        milestones=[("完成合同清理", TODAY()), ("建立长效机制", TODAY() + 90 * DAY)],
    )

    milestones = {m.title: m for m in item.milestones.all()}
    assert set(milestones) == {"完成合同清理", "建立长效机制"}
    assert milestones["完成合同清理"].completed_on == done.completed_on
    assert milestones["建立长效机制"].completed_on is None


def test_long_term_keeps_stored_milestones_when_none_given(world):
    item = world.item(mode=RectificationMode.LONG_TERM, deadline=TODAY() + 50 * DAY)
    Milestone.objects.create(item=item, title="阶段一", due_on=TODAY() + 50 * DAY)

    item = item_update_plan(actor=world.officer_a, item_id=item.pk, target="长效")

    assert item.deadline == TODAY() + 50 * DAY
    assert item.milestones.count() == 1


def test_long_term_needs_a_milestone(world):
    item = world.item()
    with refused("milestones", match="至少设置一个阶段目标"):
        item_update_plan(actor=world.office, item_id=item.pk, mode=RectificationMode.LONG_TERM)
    with refused("milestones", match="至少设置一个阶段目标"):
        item_update_plan(
            actor=world.office, item_id=item.pk, mode=RectificationMode.LONG_TERM, milestones=[]
        )


@pytest.mark.parametrize(
    ("milestone", "message"),
    [
        (("", TODAY() + DAY), "阶段目标的内容"),
        (("阶段一", None), "完成时限"),
        (("阶段一", TODAY() - 400 * DAY), "不能早于反馈日期"),
    ],
)
def test_each_milestone_is_checked(world, milestone, message):
    item = world.item()
    with refused("milestones", match=message):
        item_update_plan(
            actor=world.office,
            item_id=item.pk,
            mode=RectificationMode.LONG_TERM,
            milestones=[milestone],
        )


def test_long_term_deadline_cannot_be_set_apart_from_milestones(world):
    item = world.item()
    with refused("deadline", match="由最后一个阶段目标"):
        item_update_plan(
            actor=world.office,
            item_id=item.pk,
            mode=RectificationMode.LONG_TERM,
            milestones=[("阶段一", TODAY() + 10 * DAY)],
            deadline=TODAY() + 20 * DAY,
        )


def test_milestones_only_for_long_term(world):
    item = world.item()
    with refused("milestones", match="只有长期整改"):
        item_update_plan(
            actor=world.office, item_id=item.pk, milestones=[("阶段一", TODAY() + DAY)]
        )


def test_leaving_long_term_drops_the_milestones(world):
    item = world.item(mode=RectificationMode.LONG_TERM)
    Milestone.objects.create(item=item, title="阶段一", due_on=item.deadline)

    item = item_update_plan(
        actor=world.office, item_id=item.pk, mode=RectificationMode.TIME_LIMITED
    )

    assert item.mode == RectificationMode.TIME_LIMITED
    assert not item.milestones.exists()


def test_office_may_postpone_a_deadline(world):
    item = world.item()
    later = item.deadline + 30 * DAY
    item = item_update_plan(actor=world.office, item_id=item.pk, deadline=later)
    assert item.deadline == later


def test_officer_may_not_postpone_their_own_deadline(world):
    item = world.item()
    with pytest.raises(PermissionDeniedError, match="只有巡察办可以延后整改时限"):
        item_update_plan(actor=world.officer_a, item_id=item.pk, deadline=item.deadline + DAY)


def test_officer_may_not_postpone_through_milestones(world):
    item = world.item()
    with pytest.raises(PermissionDeniedError, match="只有巡察办可以延后整改时限"):
        item_update_plan(
            actor=world.officer_a,
            item_id=item.pk,
            mode=RectificationMode.LONG_TERM,
            milestones=[("阶段一", item.deadline + 100 * DAY)],
        )


def test_officer_may_bring_a_deadline_forward(world):
    item = world.item()
    earlier = item.deadline - 10 * DAY
    item = item_update_plan(actor=world.officer_a, item_id=item.pk, deadline=earlier)
    assert item.deadline == earlier


def test_deadline_not_before_the_feedback(world):
    item = world.item()
    with refused("deadline", match="不能早于反馈日期"):
        item_update_plan(
            actor=world.office,
            item_id=item.pk,
            deadline=item.feedback.fed_back_on - DAY,
        )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"mode": "someday"}, "mode"),
        ({"responsible_unit_kind": "nobody"}, "responsible_unit_kind"),
        ({"responsible_unit": "  "}, "responsible_unit"),
    ],
)
def test_plan_inputs_are_checked(world, changes, field):
    item = world.item()
    with refused(field):
        item_update_plan(actor=world.office, item_id=item.pk, **changes)


def test_measures_stay_once_work_started(world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    with refused("measures", match="整改措施不能为空"):
        item_update_plan(actor=world.officer_a, item_id=item.pk, measures="")


# --------------------------------------------------------------------- item_post_progress


def test_post_progress_with_evidence(world, media_root):
    item = world.item()
    before = item.history.count()

    update = item_post_progress(
        actor=world.officer_a,
        item_id=item.pk,
        text="已召开村民代表会议，重新表决合同。",
        percent=60,
        evidence=[upload("会议记录.pdf"), upload("公示照片.jpg")],
        note="第一次进展",
    )

    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    assert_one_new_history_row(item, before=before, actor=world.officer_a, note="第一次进展")
    assert (update.item, update.author, update.percent) == (item, world.officer_a, 60)
    evidence = list(update.evidence.order_by("pk"))
    assert [e.original_name for e in evidence] == ["会议记录.pdf", "公示照片.jpg"]
    assert all(e.uploaded_by == world.officer_a for e in evidence)
    assert (media_root / evidence[0].file.name).exists()


@pytest.mark.parametrize("status", POST_PROGRESS.sources)
def test_post_progress_from_each_open_state(world, status):
    item = world.item(status=status)
    item_post_progress(actor=world.office, item_id=item.pk, text="推进中", percent=10)
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


@pytest.mark.parametrize("status", not_in(POST_PROGRESS.sources))
def test_post_progress_from_a_forbidden_state(world, status):
    item = world.item(status=status)
    with pytest.raises(ConflictError):
        item_post_progress(actor=world.office, item_id=item.pk, text="推进中", percent=10)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"text": " "}, "text"),
        ({"percent": -1}, "percent"),
        ({"percent": 101}, "percent"),
        ({"percent": None}, "percent"),
        ({"percent": True}, "percent"),
        ({"evidence": [upload(content=b"")]}, "evidence"),
    ],
)
def test_post_progress_inputs_are_checked(world, changes, field):
    item = world.item()
    values = {"text": "推进中", "percent": 10} | changes
    with refused(field):
        item_post_progress(actor=world.officer_a, item_id=item.pk, **values)
    assert not item.progress_updates.exists()


def test_post_progress_needs_measures_first(world):
    item = world.item(measures="")
    with refused("measures", match="整改措施"):
        item_post_progress(actor=world.officer_a, item_id=item.pk, text="推进中", percent=10)


# ---------------------------------------------------------------------------- item_submit


def test_submit(world):
    item = world.evidenced_item()
    before = item.history.count()

    item = item_submit(actor=world.officer_a, item_id=item.pk, note="申请对账销号")

    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED
    assert item.submitted_by == world.officer_a
    assert item.submitted_at is not None
    assert_one_new_history_row(item, before=before, actor=world.officer_a, note="申请对账销号")


@pytest.mark.parametrize("status", SUBMIT.sources)
def test_submit_from_each_allowed_state(world, status):
    item = world.evidenced_item(status=status)
    assert item_submit(actor=world.office, item_id=item.pk).status == ItemStatus.SUBMITTED


@pytest.mark.parametrize("status", not_in(SUBMIT.sources))
def test_submit_from_a_forbidden_state(world, status):
    item = world.evidenced_item(status=status)
    with pytest.raises(ConflictError):
        item_submit(actor=world.office, item_id=item.pk)


def test_submit_needs_evidence(world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    with refused("evidence", match="申请销号须上传整改佐证材料"):
        item_submit(actor=world.officer_a, item_id=item.pk)


def test_submit_needs_measures(world):
    item = world.evidenced_item(measures="")
    with refused("measures"):
        item_submit(actor=world.officer_a, item_id=item.pk)


def test_evidence_of_another_item_does_not_count(world):
    world.evidenced_item()
    item = world.item(status=ItemStatus.IN_PROGRESS)
    assert not ProgressEvidence.objects.filter(update__item=item).exists()
    with refused("evidence"):
        item_submit(actor=world.officer_a, item_id=item.pk)
