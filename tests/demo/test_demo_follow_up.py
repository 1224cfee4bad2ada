"""The demo's follow-up of rectification (issue 19): 督办函 and 提示函 at every stage, joint
inspections recorded by the supervisor, 整改公开 at three stages, and a 回头看 round whose
team has marked the previous items of the villages it revisits and reopened one found
back — each as the users see it, on the days its records claim, by the people they name."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from inspection.documents.models import Document
from inspection.models import User
from inspection.permissions import can
from rectification.choices import (
    ITEM_STATUSES_OPEN,
    LOOK_BACK_VERDICTS_REOPENING,
    EvaluationBatch,
    ItemStatus,
    LookBackVerdict,
    PublicityStatus,
)
from rectification.models import (
    Evaluation,
    JointInspection,
    LookBackCheck,
    RectificationItem,
    RectificationPublicity,
    SupervisionLetter,
)
from rectification.supervision_choices import LetterKind, LetterStatus
from rounds.choices import RoundMode, RoundStatus, TeamRole
from rounds.models import InspectionRound

pytestmark = pytest.mark.django_db


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def state_at(item: RectificationItem, moment: datetime.datetime):
    """The item as it stood at ``moment``: its last history row by then."""
    return item.history.filter(history_date__lte=moment).order_by("history_date").last()


def test_supervision_letters_at_every_stage_as_the_units_and_the_office_see_them(seeded, client):
    letters = list(
        SupervisionLetter.objects.select_related("assignment__village", "issued_by").order_by(
            "issued_on"
        )
    )
    assert {letter.status for letter in letters} == set(LetterStatus.values)
    assert {letter.kind for letter in letters} == set(LetterKind.values)
    today = timezone.localdate()
    for letter in letters:
        assert letter.issued_by.username == "office" and letter.issued_on < today
        items = list(letter.items.all())
        issued_at = letter.history.earliest("history_date").history_date
        assert items and local_day(issued_at) == letter.issued_on
        for item in items:
            then = state_at(item, issued_at)
            assert then.status in ITEM_STATUSES_OPEN  # red (or for a 提示函 yellow) that day
            if letter.kind == LetterKind.SUPERVISE:
                assert then.deadline < letter.issued_on
        # The unit's contact signed for it and replied; the office printed it when issued.
        if letter.status != LetterStatus.ISSUED:
            assert letter.issued_on < letter.signed_for_on < today
            assert can(letter.signed_for_by, "supervision_letter_sign_for", letter)
        if letter.status == LetterStatus.REPLIED:
            assert letter.signed_for_on <= letter.replied_on <= letter.reply_due_on
            assert letter.replied_by == letter.signed_for_by
            assert letter.reply_text and letter.reply_file.name.endswith(".pdf")
        printed = Document.objects.get(kind="supervision_letter", object_id=letter.pk)
        assert printed.number == letter.number and local_day(printed.created_at) == letter.issued_on
    # The office's list shows every letter; the village officer's, her village's letter.
    client.force_login(User.objects.get(username="office"))
    page = client.get(reverse("rectification:supervision_letter_list")).text
    assert all(letter.number in page for letter in letters)
    village_officer = User.objects.get(username="village_officer")
    own = [
        letter for letter in letters if letter.assignment.village_id == village_officer.village_id
    ]
    assert [letter.status for letter in own] == [LetterStatus.SIGNED_FOR]
    client.force_login(village_officer)
    page = client.get(reverse("rectification:supervision_letter_list")).text
    assert {letter.number for letter in letters if letter.number in page} == {own[0].number}


def test_joint_inspections_recorded_by_the_supervisor_name_overdue_items(seeded, client):
    supervisor = User.objects.get(username="supervisor")
    inspections = list(JointInspection.objects.prefetch_related("villages", "findings__item"))
    assert len(inspections) >= 2
    for inspection in inspections:
        assert inspection.recorded_by == supervisor
        assert local_day(inspection.recorded_at) == inspection.inspected_on
        assert inspection.office_members and inspection.organisation_members
        assert supervisor.full_name in inspection.commission_members
        villages = set(inspection.villages.all())
        findings = list(inspection.findings.all())
        assert inspection.summary and len(findings) == len(villages) >= 2
        for finding in findings:
            item = finding.item
            assert item.problem.assignment.village in villages
            then = state_at(item, inspection.recorded_at)
            assert then.status in ITEM_STATUSES_OPEN and then.deadline < inspection.inspected_on
    client.force_login(supervisor)
    page = client.get(reverse("rectification:joint_inspection_list")).text
    assert all(f"{inspection.inspected_on:%Y-%m-%d}" in page for inspection in inspections)


def test_publicity_at_three_stages(seeded, client):
    publicities = {
        publicity.status: publicity
        for publicity in RectificationPublicity.objects.select_related(
            "assignment__village", "assignment__round", "approved_by", "approval_recorded_by"
        )
    }
    assert set(publicities) == {
        PublicityStatus.ASSESSED,
        PublicityStatus.APPROVED,
        PublicityStatus.DRAFT,
    }
    # Each 公开稿 was generated when composed: the leading group approves a generated draft.
    for publicity in publicities.values():
        draft = Document.objects.get(kind="publicity_draft", object_id=publicity.pk)
        assert draft.created_at >= publicity.created_at
        if publicity.approved_on:
            assert local_day(draft.created_at) <= publicity.approved_on
    # One village all the way: approved with the group's minutes, posted, assessed.
    done = publicities[PublicityStatus.ASSESSED]
    assert done.assignment.round.status == RoundStatus.CLOSED
    assert Evaluation.objects.get(assignment=done.assignment).batch == EvaluationBatch.CLOSE
    assert done.approved_by is None and done.approval_document.name
    assert done.approval_recorded_by.username == "office"
    assert local_day(done.created_at) <= done.approved_on <= done.posted_on <= done.assessed_on
    assert done.place and done.posting_photo.name and done.channel
    assert done.sample_size == done.satisfied + done.basically_satisfied + done.dissatisfied > 0
    assert done.exemptions.exists()
    # One signed by the leading group's account, not posted; one awaiting the group.
    approved = publicities[PublicityStatus.APPROVED]
    assert approved.approved_by.username == "leadership" and approved.posted_on is None
    assert publicities[PublicityStatus.DRAFT].approved_on is None
    client.force_login(User.objects.get(username="office"))
    for publicity in publicities.values():
        page = client.get(reverse("rectification:publicity", args=[publicity.assignment_id])).text
        assert publicity.get_status_display() in page
        assert publicity.assignment.village.name in page


def test_look_back_round_shows_previous_items_and_reopened_one_found_back(seeded, client):
    look_back = InspectionRound.objects.get(mode=RoundMode.LOOK_BACK)
    closed = InspectionRound.objects.get(status=RoundStatus.CLOSED)
    assert look_back.revisits == closed and look_back.status == RoundStatus.ON_SITE
    today = timezone.localdate()
    assert look_back.on_site_from < today <= look_back.on_site_until
    # Its villages: the closed round's not closed by the evaluation, its look-back list first.
    assignments = list(
        look_back.assignments.select_related("village").order_by("on_site_from", "pk")
    )
    batches = {
        e.assignment.village_id: e.batch
        for e in Evaluation.objects.filter(assignment__round=closed).select_related("assignment")
    }
    assert batches[assignments[0].village_id] == EvaluationBatch.LOOK_BACK
    assert all(batches[a.village_id] != EvaluationBatch.CLOSE for a in assignments)
    team = look_back.teams.get()
    directing = set(
        team.memberships.filter(role__in=(TeamRole.LEADER, TeamRole.DEPUTY)).values_list(
            "user", flat=True
        )
    )
    checks = LookBackCheck.objects.filter(assignment__round=look_back).select_related("item")
    assert {check.verdict for check in checks} == set(LookBackVerdict.values)
    for check in checks:
        assert check.checked_by_id in directing and local_day(check.checked_at) < today
        assert check.item.problem.assignment.round_id == closed.pk
        assert check.item.problem.assignment.village_id == check.assignment.village_id
        assert check.reopened == (check.verdict in LOOK_BACK_VERDICTS_REOPENING)
        if check.reopened:  # 反弹回潮: open again for the look-back round, due weeks ahead
            item = check.item
            assert item.status in ITEM_STATUSES_OPEN and item.closed_at is None
            assert item.reopened_by_round == look_back and item.deadline > today
            assert item.reopened_at == check.checked_at
            assert item.history.latest("history_date").history_user_id == check.checked_by_id
    relapsed = checks.get(verdict=LookBackVerdict.RELAPSED)
    assert relapsed.assignment == assignments[0]
    # The first village is checked through, the next one half-way, the last not yet.
    counts = [checks.filter(assignment=a).count() for a in assignments]
    previous = [
        RectificationItem.objects.filter(
            problem__assignment__round=closed, problem__assignment__village=a.village
        ).count()
        for a in assignments
    ]
    assert counts[0] == previous[0] and 0 < counts[1] < previous[1] and counts[-1] == 0
    # The office opens the workbench: every previous item, the verdicts, the reopened one.
    client.force_login(User.objects.get(username="office"))
    page = client.get(reverse("rectification:look_back", args=[assignments[0].pk])).text
    assert f"整改条目 {previous[0]} 条，已核查 {counts[0]} 条" in page
    assert "已重新打开（反弹回潮）" in page and relapsed.note in page
    assert page.count('class="card look-back-item"') == previous[0]
    page = client.get(reverse("rectification:look_back", args=[assignments[-1].pk])).text
    assert "记录核查结论" in page  # the office may record the team's verdicts still owed
    assert not RectificationItem.objects.filter(
        problem__assignment__round=closed, status=ItemStatus.CLOSED, reopened_by_round=look_back
    ).exists()
