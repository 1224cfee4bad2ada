"""The 巡察报告 and its sealed annex (findings/report_documents.py): the on-site figures
equal the statistics API's for the village, problems grouped 四个聚焦 → 方面 with their
底稿 numbers, clues as counts only; the annex lists the clues, higher 密级, and is absent
for every role without clue access, on the page, in downloads and in workbooks."""

import datetime

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from findings.choices import ClueStatus, ProblemStatus
from findings.report_documents import report_context
from findings.services import report_draft
from inspection.documents.downloads import document_download
from inspection.documents.models import Document
from inspection.documents.services import document_generate
from inspection.errors import NotFoundError
from inspection.permissions import visible
from reports.exports.scope import audience_for
from reports.exports.workbook import build_workbook
from reports.statistics import StatisticsFilter
from rounds.choices import ActivityKind, PetitionDisposition, PetitionStatus
from tests import factories as f
from tests.findings.test_documents_papers import text_of
from tests.inspection.documents import media_root  # noqa: F401
from tests.world import PERSONAS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

ANNEX_READERS = {"office", "lead", "leader_a"}
SUMMARY = "村会计涉嫌虚报冒领补贴资金。"


@pytest.fixture
def records(world):
    """甲一村's on-site work, two signed papers of one aspect and a draft, one clue."""
    a = world.assignment_a
    for _ in range(3):
        f.InterviewFactory(assignment=a)
    f.InterviewFactory(assignment=world.assignment_b)
    f.ActivityFactory(assignment=a, kind=ActivityKind.SYMPOSIUM)
    f.ActivityFactory(assignment=a, kind=ActivityKind.HOUSEHOLD_VISIT, households=7)
    f.ActivityFactory(
        assignment=a,
        kind=ActivityKind.QUESTIONNAIRE,
        questionnaires_distributed=30,
        questionnaires_returned=28,
    )
    f.PetitionFactory(
        assignment=a,
        status=PetitionStatus.DISPOSED,
        disposition=PetitionDisposition.REFERRED,
        referred_to="县民政局",
        disposed_at=timezone.now(),
    )
    f.PetitionFactory(assignment=a)
    assets = f.catalogue_class("collective_assets")
    for title in ("鱼塘发包未经民主程序", "集体资产台账不全"):
        world.problem(status=ProblemStatus.CONFIRMED, title=title, problem_class=assets)
    world.problem(title="草稿问题不入报告")
    world.clue(summary=SUMMARY)
    world.clue(status=ClueStatus.DECLINED, summary="不予移交的线索")
    return world


def test_the_reports_figures_equal_the_statistics_api_for_the_village(records):
    world = records
    report = report_draft(actor=world.leader_a, assignment_id=world.assignment_a.pk)
    context = report_context(world.office, report)
    client = APIClient()
    client.force_authenticate(world.office)
    answer = client.get(
        "/api/v1/statistics/",
        {"round": world.round.pk, "village": world.assignment_a.village_id},
    )
    assert answer.status_code == 200, answer.content
    api = answer.json()[0]["figures"]
    for name, value in context["figures"].items():
        assert api[name] == value, name
    assert api["problems"] == context["problem_count"] == 2
    assert context["figures"]["interviews"] == 3
    assert (context["clues"], context["clue_persons"]) == (1, 1)


def test_the_report_groups_problems_and_counts_clues_without_naming_them(records):
    world = records
    world.assignment_a.on_site_from = datetime.date(2026, 3, 2)
    world.assignment_a.on_site_until = datetime.date(2026, 3, 13)
    world.assignment_a.save()
    report = report_draft(actor=world.leader_a, assignment_id=world.assignment_a.pk)
    text = text_of(Document.objects.get(kind="inspection_report", object_id=report.pk))
    assert "开展个别谈话3人次，召开座谈会1次，发放调查问卷30份、回收28份，走访群众7户" in text
    assert "受理信访举报2件（已处置1件）" in text
    assert "第一巡察组于2026年3月2日至2026年3月13日对中共" in text
    assert "聚焦群众身边不正之风和腐败问题" in text
    assert "方面，共2个问题。" in text
    assert "鱼塘发包未经民主程序" in text and "一组-" in text
    assert "草稿问题不入报告" not in text
    assert "发现问题线索1件，涉及1人" in text and "具体情况见密封附件" in text
    assert SUMMARY not in text and "赵德明" not in text
    assert "意见建议" in text


def test_the_annex_lists_the_clues_under_a_higher_classification(records):
    world = records
    report = report_draft(actor=world.leader_a, assignment_id=world.assignment_a.pk)
    annex = Document.objects.get(kind="inspection_report_annex", object_id=report.pk)
    assert annex.get_classification_display() == "秘密"
    text = text_of(annex)
    assert SUMMARY in text and "赵德明" in text and "不予移交的线索" not in text
    assert "共1件，涉及1人" in text


def test_the_annex_is_absent_for_every_role_without_clue_access(records, client):
    world = records
    report = report_draft(actor=world.office, assignment_id=world.assignment_a.pk)
    annex = document_generate(
        actor=world.office, kind="inspection_report_annex", subject_id=report.pk
    )
    for persona in PERSONAS:
        user = world.users[persona]
        listed = visible(Document, user).filter(pk=annex.pk).exists()
        client.force_login(user)
        answer = client.get(f"/documents/{annex.pk}/")
        if persona in ANNEX_READERS:
            assert listed and document_download(user=user, pk=annex.pk)
            assert answer.status_code == 200, persona
        else:
            assert not listed, persona
            with pytest.raises(NotFoundError):
                document_download(user=user, pk=annex.pk)
            assert answer.status_code == 404, persona


def test_no_workbook_a_role_without_clue_access_downloads_holds_the_annex(records, tmp_path):
    world = records
    world.clue(status=ClueStatus.TRANSFERRED, summary=SUMMARY)
    for persona in ("leadership", "stats", "officer_a"):
        path = tmp_path / f"{persona}.xlsx"
        build_workbook(
            audience=audience_for(world.users[persona]),
            filters=StatisticsFilter(round_id=world.round.pk),
            on=timezone.localdate(),
            path=path,
        )
        cells = {
            str(value)
            for sheet in load_workbook(path, read_only=True).worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        }
        assert not any(SUMMARY in cell or "赵德明" in cell for cell in cells), persona


def test_once_the_leading_group_agreed_the_report_no_new_version_is_made(world):
    """The text the leading group agreed is the one heard and fed back: regenerating or
    uploading an edited copy is refused, saying why; before, both make a new version."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from findings.choices import DecisionOutcome, ReportStage
    from findings.services import report_record_decision
    from inspection.documents.services import document_upload_version
    from inspection.errors import ConflictError
    from tests.findings.reports_kit import report_through

    world.round.on_site_until = timezone.localdate() - datetime.timedelta(days=5)
    world.round.save()
    report = report_draft(actor=world.office, assignment_id=world.assignment_a.pk)
    first = Document.objects.get(kind="inspection_report", object_id=report.pk)
    second = document_generate(actor=world.office, kind="inspection_report", subject_id=report.pk)
    assert second.version == 2
    report_through(world.assignment_a, actor=world.office, stage=ReportStage.OFFICE_CONSULTATION)
    report_record_decision(
        actor=world.leadership,
        report_id=report.pk,
        stage=ReportStage.LEADING_GROUP,
        held_on=timezone.localdate(),
        outcome=DecisionOutcome.AGREED,
        opinion="原则同意。",
    )
    with pytest.raises(ConflictError, match="领导小组审议原则同意"):
        document_generate(actor=world.office, kind="inspection_report", subject_id=report.pk)
    edited = SimpleUploadedFile("报告修改稿.docx", second.file.open("rb").read())
    with pytest.raises(ConflictError, match="领导小组审议原则同意"):
        document_upload_version(actor=world.office, document_id=first.pk, file=edited)
    assert Document.objects.filter(kind="inspection_report", object_id=report.pk).count() == 2


def _generating_queries(world, kind: str, subject) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        document_generate(actor=world.office, kind=kind, subject_id=subject.pk)
    return len(queries)


@pytest.mark.parametrize("kind", ["inspection_report", "inspection_report_annex"])
def test_the_report_reads_as_many_queries_however_large_the_organisation(records, kind):
    """No query a problem, an aspect, a clue or a person: the largest organisation of the
    province costs the report the queries of the smallest (issue 23: < 2 s)."""
    world = records
    report = report_draft(actor=world.office, assignment_id=world.assignment_a.pk)
    document_generate(actor=world.office, kind=kind, subject_id=report.pk)  # version 2 on
    few = _generating_queries(world, kind, report)
    for code in ("funds_misuse", "subsidy_fraud", "bidding"):
        problem_class = f.catalogue_class(code)
        for n in range(4):
            world.problem(
                status=ProblemStatus.CONFIRMED, title=f"{code}问题{n}", problem_class=problem_class
            )
    for n in range(5):
        clue = world.clue(status=ClueStatus.TRANSFERRED, summary=f"线索{n}")
        f.ClueSubjectFactory(clue=clue, name=f"钱{n}")
        f.InterviewFactory(assignment=world.assignment_a)
    many = _generating_queries(world, kind, report)
    assert many == few <= 40, (few, many)
    if kind == "inspection_report":
        text = text_of(Document.objects.filter(kind=kind, object_id=report.pk).latest("version"))
        assert "巡察发现14个问题" in text
