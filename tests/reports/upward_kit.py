"""Building blocks of the 统计报送 tests: a county's third quarter, the sample template
uploaded, and a table of it taken through review and sent."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from findings.choices import ProblemStatus
from rectification.choices import ItemStatus
from reports.upward import services
from reports.upward.sample import sample_template
from rounds.choices import RoundStatus
from tests.clock import today_is
from tests.world import build_world

JULY = datetime.date(2026, 7, 10)
AUGUST = datetime.date(2026, 8, 20)
AFTER_Q3 = datetime.date(2026, 10, 9)
NOVEMBER = datetime.date(2026, 11, 12)
AFTER_Q4 = datetime.date(2027, 1, 8)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Templates and sent tables are filed under a media root of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


def xlsx(content: bytes, name: str = "市委巡察办统计表.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=XLSX)


def third_quarter():
    """甲镇: two problems (July) and one ledger item due 1 August, never closed; 乙镇: one
    problem (August)."""
    with today_is(JULY):
        world = build_world(round_status=RoundStatus.ON_SITE)
        world.q3_problems = [world.problem(status=ProblemStatus.CONFIRMED) for _ in range(2)]
        world.q3_item = world.item(
            status=ItemStatus.IN_PROGRESS, deadline=datetime.date(2026, 8, 1)
        )
    with today_is(AUGUST):
        world.q3_problems.append(
            world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
        )
    return world


def upload_sample(world):
    content = sample_template([world.town_a, world.town_b])
    return services.statistics_template_upload(
        actor=world.office, name="市委巡察办季度统计表", file=xlsx(content)
    )


def sent_report(world, template, period: str):
    report = services.statistics_report_create(
        actor=world.office, template_id=template.pk, period=period
    )
    services.statistics_report_submit(actor=world.office, report_id=report.pk)
    services.statistics_report_approve(actor=world.lead, report_id=report.pk)
    report = services.statistics_report_send(actor=world.office, report_id=report.pk)
    report.refresh_from_db()
    return report


def cells(content: bytes, sheet: str = "统计表") -> dict:
    workbook = load_workbook(io.BytesIO(content))
    return {
        cell.coordinate: cell.value
        for row in workbook[sheet].iter_rows()
        for cell in row
        if cell.value is not None
    }
