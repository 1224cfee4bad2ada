"""交办事项 to departments and 专题报告 / 巡察建议书 (findings.services.matters): the office
hands a matter on with a reply due, the department's liaison (or the office) records the
reply, overdue is derived from the dates; the thematic reports cover common problems; a
clue never goes to a department."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from findings.choices import ClueStatus, MatterStatus, ProblemStatus, ThematicReportKind
from findings.matter_selectors import matters_with_overdue, reports_with_overdue
from findings.models import Clue, DepartmentMatter
from findings.services import transfer_letter_send
from findings.services.matters import (
    department_matter_create,
    department_matter_reply,
    thematic_report_create,
    thematic_report_reply,
)
from inspection.attachments import evidence_download
from inspection.choices import ReceivingBody, UserRole
from inspection.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from inspection.permissions import visible
from rounds.choices import RoundStatus
from tests import factories as f
from tests.inspection.documents import media_root  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

DAY = datetime.timedelta(days=1)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def department_liaison():
    return f.UserFactory(role=UserRole.COMMISSION_LIAISON, receiving_body=ReceivingBody.DEPARTMENT)


def hand_on(world, **extra):
    values = {
        "actor": world.office,
        "round_id": world.round.pk,
        "department": "县民政局",
        "summary": "低保对象动态管理不及时，请核查整改。",
        "handed_on": timezone.localdate(),
    }
    return department_matter_create(**values | extra)


def refusal(call, field):
    with pytest.raises(ApplicationError) as refused:
        call()
    assert field in refused.value.errors, refused.value.errors
    return refused.value.errors[field][0]


# ------------------------------------------------------------------------------ matters


def test_a_matter_is_handed_on_with_its_reply_due_by_the_setting(world, settings):
    settings.INSPECTION_MATTER_REPLY_DAYS = 30
    today = timezone.localdate()
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    matter = hand_on(world, assignment_id=world.assignment_a.pk, problem_ids=[problem.pk])
    assert matter.status == MatterStatus.HANDED_ON
    assert matter.reply_due_on == today + 30 * DAY
    assert list(matter.problems.all()) == [problem]
    assert matter.history.get().history_user == world.office


def test_a_matter_takes_the_due_date_the_office_sets_not_before_it_was_handed_on(world):
    today = timezone.localdate()
    assert hand_on(world, reply_due_on=today + 10 * DAY).reply_due_on == today + 10 * DAY
    message = refusal(lambda: hand_on(world, reply_due_on=today - DAY), "reply_due_on")
    assert "回复期限不能早于交办日期" in message


def test_a_matter_without_department_or_text_is_refused_by_name(world):
    assert "承办部门" in refusal(lambda: hand_on(world, department=" "), "department")
    assert "交办事项" in refusal(lambda: hand_on(world, summary=""), "summary")
    assert "交办日期" in refusal(lambda: hand_on(world, handed_on=None), "handed_on")


def test_a_matter_names_only_problems_of_its_round_and_organisation(world):
    other = world.problem(assignment=world.assignment_b, status=ProblemStatus.CONFIRMED)
    draft = world.problem()
    elsewhere = f.ProblemFactory(status=ProblemStatus.CONFIRMED)
    message = refusal(lambda: hand_on(world, problem_ids=[elsewhere.pk, draft.pk]), "problems")
    assert f"#{elsewhere.pk}" in message and f"#{draft.pk}" in message
    message = refusal(
        lambda: hand_on(world, assignment_id=world.assignment_a.pk, problem_ids=[other.pk]),
        "problems",
    )
    assert "不属于所选巡察对象" in message


def test_an_archived_round_takes_no_new_matter(world):
    world.round.status = RoundStatus.CLOSED
    world.round.save()
    with pytest.raises(ConflictError, match="归档"):
        hand_on(world)


def test_the_department_liaison_records_the_reply_with_its_file(world):
    matter = hand_on(world)
    liaison = department_liaison()
    upload = SimpleUploadedFile("回复.pdf", PDF, content_type="application/pdf")
    replied = department_matter_reply(
        actor=liaison,
        matter_id=matter.pk,
        replied_on=timezone.localdate(),
        reply="已完成核查，清退3户。",
        reply_file=upload,
    )
    assert replied.status == MatterStatus.REPLIED
    assert replied.replied_by == liaison
    download = evidence_download(user=liaison, kind="matter_reply", pk=matter.pk)
    assert download.stream.read() == PDF
    with pytest.raises(NotFoundError):
        evidence_download(user=world.liaison, kind="matter_reply", pk=matter.pk)


def test_a_reply_is_refused_twice_before_the_handing_on_or_without_text(world):
    yesterday = timezone.localdate() - DAY
    matter = hand_on(world)
    message = refusal(
        lambda: department_matter_reply(
            actor=world.office, matter_id=matter.pk, replied_on=yesterday, reply="已办理。"
        ),
        "replied_on",
    )
    assert "回复日期不能早于交办日期" in message
    assert "回复情况" in refusal(
        lambda: department_matter_reply(
            actor=world.office, matter_id=matter.pk, replied_on=timezone.localdate(), reply=""
        ),
        "reply",
    )
    department_matter_reply(
        actor=world.office, matter_id=matter.pk, replied_on=timezone.localdate(), reply="已办理。"
    )
    with pytest.raises(ConflictError, match="已回复"):
        department_matter_reply(
            actor=world.office,
            matter_id=matter.pk,
            replied_on=timezone.localdate(),
            reply="再次回复。",
        )


def test_a_reply_file_of_the_wrong_kind_is_refused(world):
    matter = hand_on(world)
    upload = SimpleUploadedFile("回复.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    message = refusal(
        lambda: department_matter_reply(
            actor=world.office,
            matter_id=matter.pk,
            replied_on=timezone.localdate(),
            reply="已办理。",
            reply_file=upload,
        ),
        "reply_file",
    )
    assert "回复.exe" in message


def test_leadership_reads_matters_and_records_no_reply(world):
    matter = hand_on(world)
    assert visible(DepartmentMatter, world.leadership).get() == matter
    with pytest.raises(PermissionDeniedError):
        department_matter_reply(
            actor=world.leadership,
            matter_id=matter.pk,
            replied_on=timezone.localdate(),
            reply="已办理。",
        )


def test_only_the_office_leadership_and_department_liaisons_see_matters(world):
    matter = hand_on(world, assignment_id=world.assignment_a.pk)
    seeing = {name for name, user in world.users.items() if visible(DepartmentMatter, user)}
    assert seeing == {"office", "lead", "leadership"}
    assert list(visible(DepartmentMatter, department_liaison())) == [matter]


def test_overdue_is_derived_from_the_dates_as_of_a_day(world):
    today = timezone.localdate()
    due = f.DepartmentMatterFactory(handed_on=today - 40 * DAY, reply_due_on=today - 10 * DAY)
    f.DepartmentMatterFactory(handed_on=today - 5 * DAY, reply_due_on=today + 25 * DAY)
    late_reply = f.DepartmentMatterFactory(
        handed_on=today - 40 * DAY,
        reply_due_on=today - 10 * DAY,
        status=MatterStatus.REPLIED,
        replied_on=today - 2 * DAY,
        reply="已办理。",
    )
    overdue = matters_with_overdue(DepartmentMatter.objects.all()).filter(is_overdue=True)
    assert set(overdue) == {due}
    # Eight days ago the late reply had not come yet: it was overdue then.
    then = matters_with_overdue(DepartmentMatter.objects.all(), today - 8 * DAY)
    assert set(then.filter(is_overdue=True)) == {due, late_reply}


# ---------------------------------------------------------------------- thematic reports


def test_a_recommendation_goes_to_a_department_with_a_reply_due(world, settings):
    settings.INSPECTION_MATTER_REPLY_DAYS = 30
    today = timezone.localdate()
    common = world.problem(status=ProblemStatus.CONFIRMED, is_common=True)
    letter = thematic_report_create(
        actor=world.office,
        round_id=world.round.pk,
        kind=ThematicReportKind.RECOMMENDATION,
        title="关于加强农村集体资产管理的巡察建议书",
        addressee="县农业农村局",
        issued_on=today,
        problem_ids=[common.pk],
    )
    assert letter.reply_due_on == today + 30 * DAY
    assert list(letter.problems.all()) == [common]
    replied = thematic_report_reply(
        actor=world.office, report_id=letter.pk, replied_on=today, reply="已采纳。"
    )
    assert replied.replied_on == today
    with pytest.raises(ConflictError):
        thematic_report_reply(actor=world.office, report_id=letter.pk, replied_on=today, reply="x")


def test_a_recommendation_without_addressee_or_with_a_single_problem_is_refused(world):
    single = world.problem(status=ProblemStatus.CONFIRMED)

    def create(**extra):
        values = {
            "actor": world.office,
            "round_id": world.round.pk,
            "kind": ThematicReportKind.RECOMMENDATION,
            "title": "建议书",
            "addressee": "县农业农村局",
            "issued_on": timezone.localdate(),
        }
        return thematic_report_create(**values | extra)

    assert "主送单位" in refusal(lambda: create(addressee=""), "addressee")
    message = refusal(lambda: create(problem_ids=[single.pk]), "problems")
    assert "未标记为共性问题" in message
    assert "类别" in refusal(lambda: create(kind="letter"), "kind")


def test_a_thematic_report_owes_no_reply(world):
    today = timezone.localdate()
    report = f.ThematicReportFactory(round=world.round)
    message = refusal(
        lambda: thematic_report_create(
            actor=world.office,
            round_id=world.round.pk,
            kind=ThematicReportKind.THEMATIC_REPORT,
            title="专题报告",
            issued_on=today,
            reply_due_on=today + DAY,
        ),
        "reply_due_on",
    )
    assert "专题报告没有回复期限" in message
    with pytest.raises(ConflictError, match="只有巡察建议书"):
        thematic_report_reply(actor=world.office, report_id=report.pk, replied_on=today, reply="x")
    assert not reports_with_overdue(visible(type(report), world.office)).get().is_overdue


def test_thematic_reports_are_read_by_the_office_and_leadership_only(world):
    f.ThematicReportFactory(round=world.round)
    from findings.models import ThematicReport

    seeing = {name for name, user in world.users.items() if visible(ThematicReport, user)}
    assert seeing == {"office", "lead", "leadership"}
    assert not visible(ThematicReport, department_liaison()).exists()


# ------------------------------------------------------------------------------- clues


def test_a_clue_is_not_transferred_to_a_department(world):
    clue = world.clue(status=ClueStatus.APPROVED)
    message = refusal(
        lambda: transfer_letter_send(
            actor=world.office,
            clue_ids=[clue.pk],
            receiving_body=ReceivingBody.DEPARTMENT,
            sent_on=timezone.localdate(),
        ),
        "receiving_body",
    )
    assert "交办事项" in message
    clue.refresh_from_db()
    assert clue.status == ClueStatus.APPROVED


def test_the_database_refuses_a_department_clue(world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Clue.objects.filter(pk=clue.pk).update(receiving_body=ReceivingBody.DEPARTMENT)
