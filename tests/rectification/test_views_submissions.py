"""The screens of the unit's 整改方案 and reports: the unit uploads, the town reviewer's
queue, the office's queue, 代录 shown as such, and what other roles get."""

import pytest
from django.urls import reverse

from rectification.choices import FeedbackDocument, SubmissionStatus
from rectification.models import UnitSubmission
from tests import factories as f
from tests.rectification.action_specs import pdf, submission

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.force_login(user)
    return client


def feedback_url(feedback):
    return reverse("rectification:submission_feedback", args=[feedback.pk])


def test_the_unit_uploads_its_plan_and_sees_it_waiting(client, world):
    feedback = world.feedback()
    client = signed_in(client, world.officer_a)
    page = client.get(feedback_url(feedback))
    text = page.content.decode()
    assert page.status_code == 200
    assert "主要负责人组织落实整改情况报告" in text
    assert "上传并报送" in text
    # The drafts: the unit generates its 整改方案 and 三清单.
    assert "整改三清单" in text

    answer = client.post(
        reverse("rectification:submission_upload", args=[feedback.pk]),
        {"kind": FeedbackDocument.PLAN, "file": pdf(), "note": "党支部会议研究通过"},
    )
    assert answer.status_code == 302
    version = UnitSubmission.objects.get()
    assert (version.kind, version.by_proxy, version.uploaded_by) == (
        FeedbackDocument.PLAN,
        False,
        world.officer_a,
    )
    text = client.get(feedback_url(feedback)).content.decode()
    assert "已报送" in text
    assert "党支部会议研究通过" in text


def test_a_bad_file_is_refused_next_to_the_field(client, world):
    feedback = world.feedback()
    page = signed_in(client, world.officer_a).post(
        reverse("rectification:submission_upload", args=[feedback.pk]),
        {"kind": FeedbackDocument.PLAN, "file": pdf("方案.exe")},
    )
    assert page.status_code == 200
    assert "不是可接受的文件类型" in page.content.decode()
    assert not UnitSubmission.objects.exists()


def test_town_reviewer_passes_a_village_plan_from_its_queue(client, world):
    version = submission(world)
    client = signed_in(client, world.reviewer_a)
    queue = client.get(reverse("rectification:submission_town_queue"))
    assert "甲一村" in queue.content.decode()
    page = client.get(feedback_url(version.feedback)).content.decode()
    assert "乡镇初审" in page and "提交审核意见" in page
    answer = client.post(
        reverse("rectification:submission_town_review", args=[version.pk]),
        {"decision": "approve", "reason": "同意上报"},
    )
    assert answer.status_code == 302
    version.refresh_from_db()
    assert version.status == SubmissionStatus.TOWN_REVIEWED
    # The other town's reviewer neither lists nor reaches it.
    client = signed_in(client, world.reviewer_b)
    assert (
        "甲一村" not in client.get(reverse("rectification:submission_town_queue")).content.decode()
    )
    assert client.get(feedback_url(version.feedback)).status_code == 404


def test_office_queue_holds_what_the_town_reviewed_not_what_it_did_not(client, world):
    waiting = submission(world)
    client = signed_in(client, world.office)
    assert (
        "甲一村"
        not in client.get(reverse("rectification:submission_office_queue")).content.decode()
    )
    page = client.get(feedback_url(waiting.feedback)).content.decode()
    assert "等待乡镇党委初审" in page and "提交审核意见" not in page
    waiting.status = SubmissionStatus.TOWN_REVIEWED
    waiting.town_reviewed_by = world.reviewer_a
    waiting.save()
    assert "甲一村" in client.get(reverse("rectification:submission_office_queue")).content.decode()
    page = client.post(
        reverse("rectification:submission_office_review", args=[waiting.pk]),
        {"decision": "return", "reason": ""},
    )
    assert page.status_code == 200
    assert "退回理由" in page.content.decode()
    client.post(
        reverse("rectification:submission_office_review", args=[waiting.pk]),
        {"decision": "return", "reason": "措施不具体"},
    )
    waiting.refresh_from_db()
    assert (waiting.status, waiting.return_reason) == (SubmissionStatus.RETURNED, "措施不具体")
    # The unit sees the reason and may upload again.
    text = signed_in(client, world.officer_a).get(feedback_url(waiting.feedback)).content.decode()
    assert "措施不具体" in text and "上传修改稿" in text


def test_proxy_upload_is_shown_as_such(client, world):
    feedback = world.feedback()
    client = signed_in(client, world.office)
    client.post(
        reverse("rectification:submission_upload", args=[feedback.pk]),
        {"kind": FeedbackDocument.REPORT, "file": pdf("整改情况报告.pdf")},
    )
    assert UnitSubmission.objects.get().by_proxy
    text = signed_in(client, world.officer_a).get(feedback_url(feedback)).content.decode()
    assert "代录" in text
    assert "未报送" in text  # the unit's own date stays empty


@pytest.mark.parametrize(
    ("persona", "name", "status"),
    [
        ("leader_a", "rectification:submission_feedback_list", 403),
        ("officer_a", "rectification:submission_town_queue", 403),
        ("reviewer_a", "rectification:submission_office_queue", 403),
        ("supervisor_a", "rectification:submission_feedback_list", 200),
    ],
)
def test_who_opens_which_screen(client, world, persona, name, status):
    assert signed_in(client, world.users[persona]).get(reverse(name)).status_code == status


def test_supervisor_reads_but_has_no_forms(client, world):
    submission(world)
    text = (
        signed_in(client, world.supervisor_a).get(feedback_url(world.feedback())).content.decode()
    )
    assert "整改方案.pdf" in text
    assert "提交审核意见" not in text and "上传并报送" not in text


def test_the_lists_take_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for index in range(12):
        assignment = f.AssignmentFactory(
            round=world.round,
            team=world.team_a,
            town=world.town_a,
            village=f.VillageFactory(town=world.town_a, name=f"甲{index}村"),
        )
        feedback = world.feedback(assignment=assignment)
        for kind in FeedbackDocument:
            submission(world, feedback=feedback, kind=kind)
    for persona, name in (
        ("office", "rectification:submission_feedback_list"),
        ("reviewer_a", "rectification:submission_town_queue"),
        ("officer_a", "rectification:submission_feedback_list"),
    ):
        client = signed_in(client, world.users[persona])
        client.get(reverse(name))
        with django_assert_max_num_queries(8):
            page = client.get(reverse(name))
        assert page.status_code == 200
        # 12 feedbacks on one page of the list; 36 versions fill a page of a queue.
        shown = "甲11村" in page.content.decode()
        assert shown if "list" in name else len(page.context["rows"]) == 30
    office = signed_in(client, world.office)
    for version in UnitSubmission.objects.all():
        version.status = SubmissionStatus.TOWN_REVIEWED
        version.town_reviewed_by = world.reviewer_a
        version.save()
    office.get(reverse("rectification:submission_office_queue"))
    with django_assert_max_num_queries(8):
        page = office.get(reverse("rectification:submission_office_queue"))
    assert len(page.context["rows"]) == 30


def test_a_paper_past_its_due_date_and_not_sent_is_marked_overdue(client, world):
    """The unit's list and its feedback page say 逾期未报送 of a paper past its date that
    it has not sent; a sent one, or one not yet due, is not marked."""
    import datetime

    from django.utils import timezone

    from rectification.models import Feedback

    feedback = world.feedback()
    today = timezone.localdate()
    Feedback.objects.filter(pk=feedback.pk).update(
        fed_back_on=today - datetime.timedelta(days=20),
        plan_due_on=today - datetime.timedelta(days=1),
        plan_submitted_on=None,
        report_due_on=today + datetime.timedelta(days=30),
        head_report_due_on=today + datetime.timedelta(days=30),
    )
    client = signed_in(client, world.officer_a)
    pages = [
        client.get(reverse("rectification:submission_feedback_list")).content.decode(),
        client.get(feedback_url(feedback)).content.decode(),
    ]
    for text in pages:
        assert text.count("逾期未报送") == 1
    # A version the office entered for the unit (代录) is not the unit's: still overdue, as
    # the red alert says.
    from rectification.services.submissions import submission_upload
    from tests.rectification.helpers import upload

    submission_upload(
        actor=world.office, feedback_id=feedback.pk, kind="plan", file=upload("整改方案.pdf")
    )
    assert "逾期未报送" in client.get(feedback_url(feedback)).content.decode()
    Feedback.objects.filter(pk=feedback.pk).update(plan_submitted_on=today)
    assert "逾期未报送" not in client.get(feedback_url(feedback)).content.decode()
