"""The Village admin: list, the registry import page and the template download."""

import io

import openpyxl
import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse

import inspection.admin_village  # noqa: F401  (registers Village until inspection/admin.py does)
from inspection.admin_village import VillageAdmin
from inspection.models import Town, Village
from tests.factories import UserFactory, VillageFactory
from tests.inspection.test_village_import import HEADERS, village_rows, xlsx_file

pytestmark = pytest.mark.django_db

# URL names, reversed inside the tests: the URLconf must load after Village is registered.
IMPORT = "admin:inspection_village_import"
TEMPLATE = "admin:inspection_village_import_template"
CHANGELIST = "admin:inspection_village_changelist"


def upload(rows: list[list], name: str = "名册.xlsx") -> io.BytesIO:
    file_obj = xlsx_file(rows)
    file_obj.name = name
    return file_obj


def staff_with(*codenames: str):
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="inspection", codename__in=codenames)
    )
    return user


def test_village_is_registered_with_the_import_admin():
    assert isinstance(admin.site._registry[Village], VillageAdmin)


def test_changelist_lists_villages_with_the_import_buttons(
    admin_client, django_assert_max_num_queries
):
    VillageFactory.create_batch(5)
    village = VillageFactory(name="梅林村")

    with django_assert_max_num_queries(12):
        response = admin_client.get(reverse(CHANGELIST))

    content = response.content.decode()
    assert response.status_code == 200
    assert "导入村(社区)名册" in content
    assert "下载导入模板" in content
    assert reverse(IMPORT) in content
    response = admin_client.get(reverse(CHANGELIST), {"q": village.code})
    assert list(response.context["cl"].result_list) == [village]


def test_import_page_shows_the_form(admin_client):
    response = admin_client.get(reverse(IMPORT))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'enctype="multipart/form-data"' in content
    assert "集体经济收入" in content  # the column explanations


def test_upload_with_errors_shows_every_error_and_writes_nothing(admin_client):
    rows = [HEADERS, *village_rows(4)]
    rows[2][2] = "32041110220"
    rows[4][4] = "很多"

    response = admin_client.post(reverse(IMPORT), {"file": upload(rows)})

    assert response.status_code == 200
    assert [str(error) for error in response.context["row_errors"]] == [
        "第3行「村代码」：应为12位数字，实际为“32041110220”。",
        "第5行「人口」：应为非负整数，实际为“很多”。",
    ]
    content = response.content.decode()
    assert "导入失败：发现2处错误，未写入任何数据。" in content
    assert "应为12位数字，实际为“32041110220”。" in content
    assert "<td>5</td><td>人口</td>" in content
    assert (Town.objects.count(), Village.objects.count()) == (0, 0)


def test_upload_of_an_unreadable_file_shows_the_message(admin_client):
    file_obj = io.BytesIO(b"not a workbook")
    file_obj.name = "名册.xlsx"

    response = admin_client.post(reverse(IMPORT), {"file": file_obj})

    assert response.status_code == 200
    assert "无法读取该Excel文件" in response.content.decode()


def test_upload_ok_creates_and_redirects_with_the_counts(admin_client):
    response = admin_client.post(reverse(IMPORT), {"file": upload([HEADERS, *village_rows(3)])})

    assert response.status_code == 302
    assert response.url == reverse(CHANGELIST)
    assert Village.objects.count() == 3
    response = admin_client.get(response.url)
    assert "导入完成：新增3个、更新0个、未变化0个村(社区)" in response.content.decode()


def test_upload_as_a_dry_run_shows_the_counts_and_writes_nothing(admin_client):
    response = admin_client.post(
        reverse(IMPORT), {"file": upload([HEADERS, *village_rows(3)]), "dry_run": "on"}
    )

    assert response.status_code == 200
    assert "校验通过，未写入任何数据。如导入，将新增3个" in response.content.decode()
    assert Village.objects.count() == 0


def test_template_download_is_an_xlsx_with_the_eleven_columns(admin_client):
    response = admin_client.get(reverse(TEMPLATE))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in workbook.worksheets[0][1]] == HEADERS
    assert workbook.sheetnames == ["村(社区)名册", "填写说明"]


def test_template_download_as_csv(admin_client):
    response = admin_client.get(reverse(TEMPLATE), {"format": "csv"})

    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig").splitlines()[0] == ",".join(HEADERS)


@pytest.mark.parametrize("url", [IMPORT, TEMPLATE])
def test_a_user_who_is_not_staff_is_sent_to_the_login(client, url):
    client.force_login(UserFactory(is_staff=False))

    response = client.get(reverse(url))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize(
    "codenames", [(), ("view_village",), ("change_village",), ("add_village",)]
)
@pytest.mark.parametrize("url", [IMPORT, TEMPLATE])
def test_staff_without_add_and_change_permission_is_refused(client, url, codenames):
    client.force_login(staff_with(*codenames))

    assert client.get(reverse(url)).status_code == 403
    assert (
        client.post(reverse(url), {"file": upload([HEADERS, *village_rows(1)])}).status_code == 403
    )
    assert Village.objects.count() == 0


def test_staff_with_add_and_change_permission_may_import(client):
    client.force_login(staff_with("add_village", "change_village", "view_village"))

    assert "导入村(社区)名册" in client.get(reverse(CHANGELIST)).content.decode()
    response = client.post(reverse(IMPORT), {"file": upload([HEADERS, *village_rows(2)])})

    assert response.status_code == 302
    assert Village.objects.count() == 2


def test_staff_who_may_only_view_sees_no_import_button(client):
    client.force_login(staff_with("view_village"))

    response = client.get(reverse(CHANGELIST))

    assert response.status_code == 200
    assert "导入村(社区)名册" not in response.content.decode()
