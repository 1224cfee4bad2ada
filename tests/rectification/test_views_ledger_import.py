"""The ledger import page: errors listed by row and column with nothing written; a
preview, then the confirmed import; the template; office roles only."""

import datetime
import io
from zoneinfo import ZoneInfo

import factory
import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspection.choices import ReceivingBody, UserRole
from rectification.ledger_import import COLUMNS
from rectification.models import RectificationItem
from tests import factories as f
from tests.rectification.ledger_import_kit import registry, row, workbook

pytestmark = pytest.mark.django_db

IMPORT = reverse("rectification:ledger_import")
CONFIRM = reverse("rectification:ledger_import_confirm")
CANCEL = reverse("rectification:ledger_import_cancel")
TEMPLATE = reverse("rectification:ledger_import_template")


@pytest.fixture(autouse=True)
def clock():
    moment = datetime.datetime(2026, 3, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def office(client):
    registry()
    client.force_login(f.UserFactory(role=UserRole.OFFICE_STAFF))
    return client


def upload(rows) -> SimpleUploadedFile:
    return SimpleUploadedFile("台账.xlsx", workbook(rows))


@pytest.mark.parametrize("role", [UserRole.OFFICE_STAFF, UserRole.OFFICE_LEAD])
def test_office_roles_open_the_page_with_the_template_and_its_columns(client, role):
    client.force_login(f.UserFactory(role=role))
    text = client.get(IMPORT).content.decode()
    assert TEMPLATE in text and "各列填写说明" in text and "销号日期" in text
    items = client.get(reverse("rectification:item_list")).content.decode()
    assert IMPORT in items


@pytest.mark.parametrize(
    ("role", "extra"),
    [
        (UserRole.LEADERSHIP, {}),
        (UserRole.INSPECTOR, {}),
        (UserRole.COMMISSION_LIAISON, {"receiving_body": ReceivingBody.COMMISSION}),
        (UserRole.RECTIFICATION_OFFICER, {"town": factory.SubFactory(f.TownFactory)}),
        (UserRole.STATISTICS_CLIENT, {}),
    ],
)
def test_other_roles_are_refused(client, role, extra):
    registry()
    client.force_login(f.UserFactory(role=role, **extra))
    for url in (IMPORT, TEMPLATE):
        assert client.get(url).status_code == 403
    for url in (IMPORT, CONFIRM, CANCEL):
        assert client.post(url, {"file": upload([row()])}).status_code == 403
    assert not RectificationItem.objects.exists()


def test_the_template_downloads_with_the_header_and_a_sample_row(office):
    answer = office.get(TEMPLATE)
    assert answer.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content)).active
    assert [cell.value for cell in sheet[1]] == [column.header for column in COLUMNS]
    assert sheet["A2"].value == "十四届县委第三轮巡察"


def test_errors_are_listed_by_row_and_column_and_nothing_is_written(office, media_root):
    page = office.post(IMPORT, {"file": upload([row(), row(序号=2, 状态="退回", 销号日期="")])})
    text = page.content.decode()
    assert page.status_code == 200
    assert "导入失败：发现1处错误，未写入任何数据。" in text
    assert '<td class="num">3</td><td>状态</td>' in text
    assert not RectificationItem.objects.exists()
    assert not (media_root / "imports").exists() or not any((media_root / "imports").iterdir())


def test_preview_then_confirm_imports_once(office):
    page = office.post(IMPORT, {"file": upload([row(), row(序号=2, 状态="待整改", 销号日期="")])})
    text = page.content.decode()
    assert "校验通过，尚未写入" in text and "确认导入（新增 2 条）" in text
    assert 'id="import-rows"' in text and "甲镇甲1村" in text
    assert not RectificationItem.objects.exists()
    token = office.session["ledger_import"]["token"]

    answer = office.post(CONFIRM, {"token": token})

    assert answer.status_code == 302 and answer.url == reverse("rectification:item_list")
    assert RectificationItem.objects.count() == 2
    again = office.post(CONFIRM, {"token": token})  # the kept file is gone
    assert again.status_code == 302 and RectificationItem.objects.count() == 2
    page = office.post(IMPORT, {"file": upload([row(), row(序号=2, 状态="待整改", 销号日期="")])})
    assert "文件中的各行均已导入且未变化，无需再次导入。" in page.content.decode()


def test_cancel_discards_the_checked_file(office):
    office.post(IMPORT, {"file": upload([row()])})
    token = office.session["ledger_import"]["token"]
    assert office.post(CANCEL).status_code == 302
    office.post(CONFIRM, {"token": token})
    assert not RectificationItem.objects.exists()
