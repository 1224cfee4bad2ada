"""The 统计报送 screens: upload the sample, create the quarter's table, preview it, take it
through review to sending, download the filled workbook; other roles are refused."""

import pytest
from django.test import Client

from reports.upward import services
from reports.upward.models import ReportStatus, StatisticsReport, StatisticsTemplate
from reports.upward.sample import sample_template
from tests.clock import today_is
from tests.reports.upward_kit import (
    AFTER_Q3,
    cells,
    media_root,  # noqa: F401
    third_quarter,
    xlsx,
)

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_report_page_reads_a_fixed_number_of_queries(django_assert_max_num_queries):
    """Each figure function once per group (and its rows once), whatever the records: 30
    for the sample (three groups, four figure functions)."""
    world = third_quarter()
    with today_is(AFTER_Q3):
        for _ in range(5):
            world.item(deadline=AFTER_Q3)
        template = services.statistics_template_upload(
            actor=world.office,
            name="市表",
            file=xlsx(sample_template([world.town_a, world.town_b])),
        )
        report = services.statistics_report_create(
            actor=world.office, template_id=template.pk, period="2026Q3"
        )
        client = signed_in(world.office)
        with django_assert_max_num_queries(40):
            assert client.get(f"/reports/upward/{report.pk}/").status_code == 200


def test_the_office_prepares_reviews_and_sends_the_table_on_the_screens():
    world = third_quarter()
    office, lead = signed_in(world.office), signed_in(world.lead)
    with today_is(AFTER_Q3):
        page = office.get("/reports/upward/")
        assert page.status_code == 200
        assert "统计报送" in page.content.decode()
        assert "/reports/upward/" in office.get("/reports/").content.decode()
        sample = office.get("/reports/upward/sample/")
        assert sample.status_code == 200 and sample.content[:2] == b"PK"
        content = sample_template([world.town_a, world.town_b])
        uploaded = office.post(
            "/reports/upward/",
            {"upload": "1", "upload-name": "市委巡察办季度统计表", "upload-file": xlsx(content)},
        )
        assert uploaded.status_code == 302, uploaded.content.decode()[:2000]
        template = StatisticsTemplate.objects.get()
        refused = office.post(
            "/reports/upward/",
            {"create": "1", "create-template": template.pk, "create-period": "2026Q5"},
        )
        assert "季度应为Q1至Q4" in refused.content.decode()
        created = office.post(
            "/reports/upward/",
            {"create": "1", "create-template": template.pk, "create-period": "2026Q3"},
        )
        report = StatisticsReport.objects.get()
        url = f"/reports/upward/{report.pk}/"
        assert created.url == url
        preview = office.get(url).content.decode()
        assert "problems__甲镇" not in preview  # keys are not shown, labels are
        assert "发现问题合计" in preview and "C6" in preview
        assert office.post(url, {"action": "submit"}).status_code == 302
        assert office.post(url, {"action": "approve"}).status_code == 403  # the preparer
        assert lead.post(url, {"action": "approve", "note": "核对无误"}).status_code == 302
        assert office.post(url, {"action": "send"}).status_code == 302
        report.refresh_from_db()
        assert report.status == ReportStatus.SENT
        download = office.get(f"{url}download/")
        filled = cells(
            b"".join(download.streaming_content) if download.streaming else download.content
        )
        assert (filled["B6"], filled["C6"], filled["D6"]) == (4, 3, 1)
        for persona in ("leadership", "officer_a", "leader_a", "stats"):
            client = signed_in(world.users[persona])
            assert client.get("/reports/upward/").status_code == 403, persona
            assert client.get(url).status_code == 403, persona
