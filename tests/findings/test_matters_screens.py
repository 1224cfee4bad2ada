"""The 交办事项 and 专题报告 / 巡察建议书 screens and API: lists by round with late replies
marked, the office's forms, the reply form for the department's liaison, 404 for every
role outside the scope, documents generated and rendered, no N+1."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from findings.choices import MatterStatus, ProblemStatus, ThematicReportKind
from findings.models import DepartmentMatter, ThematicReport
from inspection.choices import ReceivingBody, UserRole
from inspection.documents.downloads import document_download
from inspection.documents.services import document_generate
from inspection.errors import PermissionDeniedError
from tests import factories as f
from tests.inspection.documents import docx_text, media_root  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

DAY = datetime.timedelta(days=1)


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_of(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def department_liaison():
    return f.UserFactory(role=UserRole.COMMISSION_LIAISON, receiving_body=ReceivingBody.DEPARTMENT)


def late_matter(world, **extra):
    today = timezone.localdate()
    values = {
        "assignment": world.assignment_a,
        "handed_on": today - 40 * DAY,
        "reply_due_on": today - 10 * DAY,
    }
    return f.DepartmentMatterFactory(**values | extra)


def recommendation(world, **extra):
    values = {
        "round": world.round,
        "kind": ThematicReportKind.RECOMMENDATION,
        "title": "关于加强农村集体资产管理的巡察建议书",
        "addressee": "县农业农村局",
        "reply_due_on": timezone.localdate() + 30 * DAY,
    }
    return f.ThematicReportFactory(**values | extra)


# ------------------------------------------------------------------------------- screens


def test_the_office_lists_the_rounds_matters_with_the_late_marked(world):
    matter = late_matter(world)
    page = client_of(world.office).get(f"/matters/?round={world.round.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-matter="{matter.pk}"' in html
    assert "逾期未回复" in html
    only_late = client_of(world.office).get(f"/matters/?overdue=true&round={world.round.pk}")
    assert f'data-matter="{matter.pk}"' in only_late.content.decode()


def test_the_round_page_links_to_matters_and_thematic_reports(world):
    html = client_of(world.office).get(f"/rounds/{world.round.pk}/").content.decode()
    assert f"/matters/?round={world.round.pk}" in html
    assert f"/thematic-reports/?round={world.round.pk}" in html


def test_the_office_hands_a_matter_on_through_its_form(world):
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    client = client_of(world.office)
    path = f"/matters/new/?round={world.round.pk}"
    assert client.get(path).status_code == 200
    answer = client.post(
        path,
        {
            "department": "县民政局",
            "summary": "低保动态管理不及时。",
            "handed_on": timezone.localdate().isoformat(),
            "problem_ids": [problem.pk],
        },
    )
    matter = DepartmentMatter.objects.get()
    assert answer.status_code == 302 and answer.url == f"/matters/{matter.pk}/"
    assert list(matter.problems.all()) == [problem]


def test_a_refused_matter_shows_the_message_at_its_field(world):
    answer = client_of(world.office).post(
        f"/matters/new/?round={world.round.pk}",
        {
            "department": "县民政局",
            "summary": "低保动态管理不及时。",
            "handed_on": timezone.localdate().isoformat(),
            "reply_due_on": (timezone.localdate() - DAY).isoformat(),
        },
    )
    assert answer.status_code == 200
    assert "回复期限不能早于交办日期" in answer.content.decode()
    assert not DepartmentMatter.objects.exists()


def test_the_department_liaison_replies_on_the_matters_page(world):
    matter = late_matter(world)
    client = client_of(department_liaison())
    assert "登记回复" in client.get(f"/matters/{matter.pk}/").content.decode()
    answer = client.post(
        f"/matters/{matter.pk}/",
        {"replied_on": timezone.localdate().isoformat(), "reply": "已核查清退。"},
    )
    assert answer.status_code == 302
    matter.refresh_from_db()
    assert matter.status == MatterStatus.REPLIED


def test_leadership_reads_the_matter_without_the_reply_form(world):
    matter = late_matter(world)
    html = client_of(world.leadership).get(f"/matters/{matter.pk}/").content.decode()
    assert matter.summary in html and "登记回复" not in html


@pytest.mark.parametrize(
    "persona", ["leader_a", "member_a", "leader_b", "liaison", "liaison_org", "officer_a"]
)
def test_a_matter_is_absent_for_the_roles_outside_its_scope(world, persona):
    matter = late_matter(world)
    user = world.users[persona]
    assert client_of(user).get(f"/matters/{matter.pk}/").status_code in (403, 404)
    assert api_of(user).get(f"/api/v1/department-matters/{matter.pk}/").status_code == 404
    listed = api_of(user).get("/api/v1/department-matters/")
    assert listed.status_code == 200 and listed.json()["results"] == []


def test_a_thematic_report_is_absent_for_a_department_liaison(world):
    report = recommendation(world)
    liaison = department_liaison()
    assert api_of(liaison).get(f"/api/v1/thematic-reports/{report.pk}/").status_code == 404
    assert client_of(liaison).get(f"/thematic-reports/{report.pk}/").status_code == 403


def test_the_office_records_a_recommendation_and_its_reply_on_screen(world):
    common = world.problem(status=ProblemStatus.CONFIRMED, is_common=True)
    client = client_of(world.office)
    answer = client.post(
        f"/thematic-reports/new/?round={world.round.pk}",
        {
            "kind": ThematicReportKind.RECOMMENDATION,
            "title": "关于加强农村集体资产管理的巡察建议书",
            "addressee": "县农业农村局",
            "issued_on": timezone.localdate().isoformat(),
            "problem_ids": [common.pk],
        },
    )
    report = ThematicReport.objects.get()
    assert answer.status_code == 302
    page = client.get(f"/thematic-reports/{report.pk}/").content.decode()
    assert "巡察建议书" in page and "登记巡察建议书回复" in page
    client.post(
        f"/thematic-reports/{report.pk}/",
        {"replied_on": timezone.localdate().isoformat(), "reply": "已采纳。"},
    )
    report.refresh_from_db()
    assert report.replied_on == timezone.localdate()
    listing = client.get(f"/thematic-reports/?round={world.round.pk}")
    assert f'data-report="{report.pk}"' in listing.content.decode()


# ----------------------------------------------------------------------------------- API


def test_the_api_hands_on_and_answers_a_matter(world):
    office = api_of(world.office)
    created = office.post(
        "/api/v1/department-matters/",
        {
            "round_id": world.round.pk,
            "department": "县民政局",
            "summary": "低保动态管理不及时。",
            "handed_on": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == MatterStatus.HANDED_ON and body["is_overdue"] is False
    replied = api_of(department_liaison()).post(
        f"/api/v1/department-matters/{body['id']}/reply/",
        {"replied_on": timezone.localdate().isoformat(), "reply": "已办理。"},
        format="json",
    )
    assert replied.status_code == 200 and replied.json()["status"] == MatterStatus.REPLIED
    again = office.post(
        f"/api/v1/department-matters/{body['id']}/reply/",
        {"replied_on": timezone.localdate().isoformat(), "reply": "已办理。"},
        format="json",
    )
    assert again.status_code == 409


def test_the_api_refuses_a_recommendation_without_addressee_with_the_message(world):
    answer = api_of(world.office).post(
        "/api/v1/thematic-reports/",
        {
            "round_id": world.round.pk,
            "kind": ThematicReportKind.RECOMMENDATION,
            "title": "建议书",
            "issued_on": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert answer.status_code == 400
    assert "主送单位" in str(answer.json())


def test_leadership_may_not_write_through_the_api(world):
    answer = api_of(world.leadership).post(
        "/api/v1/thematic-reports/",
        {
            "round_id": world.round.pk,
            "kind": ThematicReportKind.THEMATIC_REPORT,
            "title": "专题报告",
            "issued_on": timezone.localdate().isoformat(),
        },
        format="json",
    )
    assert answer.status_code == 403


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert call().status_code == 200
    return len(captured)


def test_lists_do_not_grow_with_rows(world):
    office = client_of(world.office)
    api = api_of(world.office)
    screen = f"/matters/?round={world.round.pk}"
    problem = world.problem(status=ProblemStatus.CONFIRMED, is_common=True)
    for _ in range(2):
        late_matter(world).problems.add(problem)
        recommendation(world).problems.add(problem)
    few = [
        _queries(lambda: office.get(screen)),
        _queries(lambda: api.get("/api/v1/department-matters/")),
        _queries(lambda: api.get("/api/v1/thematic-reports/")),
        _queries(lambda: office.get(f"/thematic-reports/?round={world.round.pk}")),
    ]
    for _ in range(8):
        late_matter(world).problems.add(problem)
        recommendation(world).problems.add(problem)
    many = [
        _queries(lambda: office.get(screen)),
        _queries(lambda: api.get("/api/v1/department-matters/")),
        _queries(lambda: api.get("/api/v1/thematic-reports/")),
        _queries(lambda: office.get(f"/thematic-reports/?round={world.round.pk}")),
    ]
    assert many == few


# ----------------------------------------------------------------------------- documents


def test_the_recommendation_letter_prints_its_addressee_due_date_and_problems(world):
    common = world.problem(status=ProblemStatus.CONFIRMED, is_common=True, title="鱼塘发包")
    report = recommendation(world)
    report.problems.add(common)
    document = document_generate(
        actor=world.office, kind="recommendation_letter", subject_id=report.pk
    )
    assert document.number.startswith("县巡建〔")
    text = docx_text(document_download(user=world.leadership, pk=document.pk).stream.read())
    assert "县农业农村局：" in text and "鱼塘发包" in text and common.number in text
    assert "书面回复县委巡察办" in text
    with pytest.raises(PermissionDeniedError):
        document_generate(actor=world.office, kind="thematic_report", subject_id=report.pk)


def test_the_thematic_report_goes_to_the_leading_group(world):
    report = f.ThematicReportFactory(round=world.round, body="部分村集体资产发包不规范。")
    document = document_generate(actor=world.office, kind="thematic_report", subject_id=report.pk)
    text = docx_text(document_download(user=world.office, pk=document.pk).stream.read())
    assert "县委巡察工作领导小组：" in text and "部分村集体资产发包不规范。" in text
    assert "特此报告。" in text


def test_the_thematic_report_page_offers_its_documents_panel(world):
    report = f.ThematicReportFactory(round=world.round)
    html = client_of(world.office).get(f"/thematic-reports/{report.pk}/").content
    assert "专题报告" in html.decode()


def test_render_documents_writes_the_rounds_thematic_report_and_letter(world, tmp_path):
    f.ThematicReportFactory(round=world.round, title="关于三资管理的专题报告")
    recommendation(world)
    out = tmp_path / "out"
    call_command("render_documents", round=world.round.pk, out=out, user=world.office.username)
    names = sorted(path.name for path in out.iterdir())
    assert any("专题报告" in name for name in names), names
    assert any("巡察建议书" in name for name in names), names


def test_a_department_liaison_finds_the_matters_in_the_menu_and_a_commission_none(world):
    matter = late_matter(world)
    page = client_of(department_liaison()).get("/matters/").content.decode()
    assert 'href="/matters/"' in page and f'data-matter="{matter.pk}"' in page
    commission = client_of(world.liaison).get("/matters/")
    assert commission.status_code == 200
    assert f'data-matter="{matter.pk}"' not in commission.content.decode()
