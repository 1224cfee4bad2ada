"""The registry import page: every row error shown with nothing written; a preview, then
the confirmed import; office roles only; unreadable files refused in Chinese."""

import io
import os
import time

import factory
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from inspection.choices import AttentionClass, ReceivingBody, UserRole
from inspection.models import Town, Village
from inspection.views.village_import import SESSION_KEY
from tests import factories as f
from tests.inspection.test_village_import import HEADERS, csv_file, village_rows, xlsx_file

pytestmark = pytest.mark.django_db

IMPORT = reverse("inspection:village_import")
CONFIRM = reverse("inspection:village_import_confirm")
CANCEL = reverse("inspection:village_import_cancel")
TEMPLATE = reverse("inspection:village_import_template")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def office(client):
    client.force_login(f.UserFactory(role=UserRole.OFFICE_STAFF))
    return client


def upload(rows=None, *, name="名册.csv", content: bytes | None = None) -> SimpleUploadedFile:
    if content is None:
        content = (xlsx_file if name.endswith(".xlsx") else csv_file)(rows).getvalue()
    return SimpleUploadedFile(name, content)


def kept_files(media) -> list:
    folder = media / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def check(client, file) -> object:
    page = client.post(IMPORT, {"file": file})
    assert page.status_code == 200
    return page


# -------------------------------------------------------------------------- who may


@pytest.mark.parametrize("role", [UserRole.OFFICE_STAFF, UserRole.OFFICE_LEAD])
def test_office_roles_open_the_page_with_the_template_links(client, role):
    client.force_login(f.UserFactory(role=role))
    page = client.get(IMPORT)
    text = page.content.decode()
    assert page.status_code == 200
    assert TEMPLATE in text
    assert "各列填写说明" in text


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
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_roles_are_refused(client, role, extra, method):
    client.force_login(f.UserFactory(role=role, **extra))
    for url in (IMPORT, TEMPLATE) if method == "get" else (IMPORT, CONFIRM, CANCEL):
        assert getattr(client, method)(url).status_code == 403
    assert not Village.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    assert client.get(IMPORT).status_code == 302


def test_the_templates_download(office):
    answer = office.get(TEMPLATE)
    assert answer.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert [cell.value for cell in workbook.active[1]] == HEADERS
    answer = office.get(TEMPLATE, {"format": "csv"})
    assert answer.content.decode("utf-8-sig").startswith(",".join(HEADERS))


# ------------------------------------------------------------------ step one: the check


def test_every_row_error_is_listed_and_nothing_is_written(office, media):
    village = f.VillageFactory(name="梅林村", population=100)
    rows = [
        HEADERS,
        [village.town.name, "梅林村", village.code, "行政村", "2000", "", "", "", "", "", ""],
        ["西夏墅镇", "新一村", "32041110", "行政村", "abc", "", "", "", "", "是", "风险"],
        ["西夏墅镇", "新二村", "320411102002", "行政村", "-5", "", "", "", "", "也许", ""],
    ]

    page = check(office, upload(rows, name="名册.xlsx"))

    errors = [(e.row, e.column) for e in page.context["row_errors"]]
    assert errors == [(3, "村代码"), (3, "人口"), (4, "人口"), (4, "一肩挑")]
    text = page.content.decode()
    assert "导入失败：发现4处错误，未写入任何数据。" in text
    assert "应为12位数字，实际为“32041110”。" in text
    assert "不能为负数" in text
    village.refresh_from_db()
    assert village.population == 100
    assert Village.objects.count() == 1
    assert not Town.objects.filter(name="西夏墅镇").exists()
    assert kept_files(media) == []


def test_a_good_file_shows_what_would_change_and_writes_nothing(office, media):
    town = f.TownFactory(name="西夏墅镇", code="320411102")
    village = f.VillageFactory(town=town, name="第1村", code="320411102001", population=5)
    rows = [HEADERS, *village_rows(3)]

    page = check(office, upload(rows))

    preview = page.context["preview"]
    assert (preview.result.created, preview.result.updated) == (2, 1)
    update = preview.rows[0]
    assert (update.number, update.action, update.code) == (2, "update", village.code)
    assert ("人口", 5, 1001) in [(c.column, c.old, c.new) for c in update.changes]
    text = page.content.decode()
    assert "如导入，将新增2个、更新1个" in text
    assert "确认导入" in text
    assert Village.objects.count() == 1
    village.refresh_from_db()
    assert village.population == 5
    assert len(kept_files(media)) == 1


# ------------------------------------------------------------------- step two: confirm


def test_confirming_imports_the_kept_file_and_removes_it(office, media):
    check(office, upload([HEADERS, *village_rows(3)]))
    token = office.session[SESSION_KEY]["token"]

    answer = office.post(CONFIRM, {"token": token})

    assert answer.status_code == 302
    assert answer.url == reverse("reports:village_list")
    assert Village.objects.filter(town__name="西夏墅镇").count() == 3
    assert kept_files(media) == []
    assert SESSION_KEY not in office.session
    page = office.get(answer.url)
    assert "导入完成：新增3个" in page.content.decode()


def test_an_xlsx_file_is_confirmed_just_the_same(office):
    rows = [HEADERS, *village_rows(2)]
    rows[1][-1] = "重点"
    check(office, upload(rows, name="名册.xlsx"))
    office.post(CONFIRM, {"token": office.session[SESSION_KEY]["token"]})
    assert Village.objects.get(code="320411102001").attention_class == AttentionClass.KEY_HAZARD


@pytest.mark.parametrize("token", ["", "0" * 32, "../../etc/passwd"])
def test_a_wrong_or_missing_token_imports_nothing(office, token):
    check(office, upload([HEADERS, *village_rows(2)]))
    answer = office.post(CONFIRM, {"token": token}, follow=True)
    assert answer.status_code == 200
    assert "待导入的文件已失效" in answer.content.decode()
    assert not Village.objects.exists()


def test_confirming_twice_imports_once(office):
    check(office, upload([HEADERS, *village_rows(2)]))
    token = office.session[SESSION_KEY]["token"]
    office.post(CONFIRM, {"token": token})
    again = office.post(CONFIRM, {"token": token}, follow=True)
    assert "待导入的文件已失效" in again.content.decode()
    assert Village.objects.count() == 2


def test_a_registry_changed_since_the_check_is_checked_again(office, media):
    check(office, upload([HEADERS, *village_rows(2)]))
    token = office.session[SESSION_KEY]["token"]
    # Meanwhile someone adds 第1村 to the town under another code.
    town = Town.objects.create(name="西夏墅镇", code="320411102")
    f.VillageFactory(town=town, name="第1村", code="320411102999")

    page = office.post(CONFIRM, {"token": token})

    assert page.status_code == 200
    assert "已有同名村(社区)“第1村”" in page.content.decode()
    assert Village.objects.count() == 1
    assert kept_files(media) == []


def test_cancel_removes_the_kept_file(office, media):
    check(office, upload([HEADERS, *village_rows(2)]))
    answer = office.post(CANCEL, follow=True)
    assert "已取消导入" in answer.content.decode()
    assert kept_files(media) == []
    assert not Village.objects.exists()


def test_a_second_upload_replaces_the_first_and_old_files_are_swept(office, media):
    folder = media / "imports"
    folder.mkdir()
    abandoned = folder / "village-0123456789abcdef0123456789abcdef.csv"
    abandoned.write_bytes(b"x")
    two_days_ago = time.time() - 2 * 86400
    os.utime(abandoned, (two_days_ago, two_days_ago))

    check(office, upload([HEADERS, *village_rows(2)]))
    first = kept_files(media)
    check(office, upload([HEADERS, *village_rows(3)]))

    assert len(kept_files(media)) == 1
    assert kept_files(media) != first


# ---------------------------------------------------------------- files that cannot be read


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("名册.xlsx", os.urandom(2048)), "无法读取该Excel文件"),
        (SimpleUploadedFile("名册.csv", b"\x00\xff\xfe" + os.urandom(512)), "CSV"),
        (SimpleUploadedFile("名册.txt", b"a,b\n"), "只能导入 .xlsx 或 .csv 文件"),
        (SimpleUploadedFile("名册.xls", b"\xd0\xcf\x11\xe0"), "不支持 .xls"),
        (SimpleUploadedFile("名册.csv", b""), "文件是空的。"),
        (SimpleUploadedFile("名册.csv", b"   \n\n"), "文件是空的。"),
        (SimpleUploadedFile("名册.xlsx", b"PK\x03\x04broken"), "无法读取该Excel文件"),
        (SimpleUploadedFile("名册.csv", "乡镇,村(社区),村代码\n".encode()), "没有数据行"),
    ],
)
def test_unreadable_files_are_refused_in_chinese(office, media, file, message):
    page = check(office, file)
    assert message in page.content.decode()
    assert "preview" not in page.context
    assert kept_files(media) == []
    assert not Village.objects.exists()


def test_no_file_at_all_is_a_field_error(office):
    page = office.post(IMPORT, {})
    assert page.status_code == 200
    assert "请选择要导入的名册文件。" in page.content.decode()


def test_a_file_with_thousands_of_errors_lists_the_first_thousand_and_states_the_total(office):
    rows = [HEADERS[:5], *([f"镇{n}", "", "1", "村", "x"] for n in range(700))]  # 3 errors a row

    page = check(office, upload(rows))

    text = page.content.decode()
    assert "错误清单（共 2100 处，未写入任何数据）" in text
    assert text.count('<tr><td class="num">') == 1000
    assert "另有 1100 处错误未列出" in text
    assert not Village.objects.exists()
