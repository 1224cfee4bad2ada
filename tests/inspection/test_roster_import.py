"""The roster import (两委及村务监督委员会名册): errors with row and column, all or nothing,
idempotent, a village's roster replaced as the file states it; the command."""

import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inspection.choices import RosterBody, UserRole
from inspection.errors import PermissionDeniedError
from inspection.models import RosterEntry
from inspection.roster_import import SHEET_NAME, roster_import, roster_template_xlsx
from inspection.village_import import VillageImportError
from tests import factories as f

pytestmark = pytest.mark.django_db

HEADERS = ["村代码", "村(社区)", "姓名", "所属组织", "职务", "任职起始", "任职截止", "党员"]


def xlsx(rows: list[list], *, title: str = SHEET_NAME) -> io.BytesIO:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def run(rows, *, actor=None, dry_run=False, headers=HEADERS):
    return roster_import(
        file_obj=xlsx([headers, *rows]), filename="名册.xlsx", actor=actor, dry_run=dry_run
    )


def errors_of(rows, headers=HEADERS) -> list[str]:
    with pytest.raises(VillageImportError) as error:
        run(rows, headers=headers)
    return [str(row_error) for row_error in error.value.row_errors]


@pytest.fixture
def villages():
    first = f.VillageFactory(name="梅林村")
    second = f.VillageFactory(name="桃园村", town=first.town)
    return first, second


def rows_of(village):
    return [
        [village.code, village.name, "王建国", "村党组织", "书记", "2021-01-05", "", "是"],
        [village.code, village.name, "王建国", "村民委员会", "主任", "2021/1/5", "", "是"],
        [village.code, "", "李秀英", "村务监督委员会", "主任委员", "2021年1月", "", "否"],
        [village.code, "", "赵前任", "村党组织", "副书记", "2018-01-01", "2020-12-31", ""],
    ]


def test_a_roster_is_imported_with_its_dates_bodies_and_party_membership(villages):
    first, _ = villages
    result = run(rows_of(first))
    assert (result.villages, result.created, result.updated, result.removed) == (1, 4, 0, 0)
    entries = {(e.name, e.body): e for e in RosterEntry.objects.filter(village=first)}
    secretary = entries[("王建国", RosterBody.PARTY)]
    assert (secretary.post, secretary.started_on, secretary.ended_on) == (
        "书记",
        datetime.date(2021, 1, 5),
        None,
    )
    assert entries[("李秀英", RosterBody.SUPERVISION)].started_on == datetime.date(2021, 1, 1)
    assert entries[("李秀英", RosterBody.SUPERVISION)].is_party_member is False
    assert entries[("赵前任", RosterBody.PARTY)].ended_on == datetime.date(2020, 12, 31)
    assert "导入完成" in result.summary()


def test_importing_the_same_file_twice_changes_nothing(villages):
    first, _ = villages
    run(rows_of(first))
    before = list(RosterEntry.objects.values_list("pk", "ended_on", "is_party_member"))
    history = RosterEntry.history.count()
    result = run(rows_of(first))
    assert (result.created, result.updated, result.removed, result.unchanged) == (0, 0, 0, 4)
    assert list(RosterEntry.objects.values_list("pk", "ended_on", "is_party_member")) == before
    assert RosterEntry.history.count() == history


def test_a_reimport_replaces_the_village_s_roster_and_leaves_other_villages(villages):
    first, second = villages
    office = f.UserFactory(role=UserRole.OFFICE_STAFF)
    kept = f.RosterEntryFactory(village=second, name="别村人")
    run(rows_of(first))
    secretary = RosterEntry.objects.get(village=first, name="王建国", body=RosterBody.PARTY)
    rows = rows_of(first)[:2]  # 李秀英 and 赵前任 no longer listed
    rows[0][6] = "2024-06-30"  # the secretary left office
    result = run(rows, actor=office)
    assert (result.created, result.updated, result.removed, result.unchanged) == (0, 1, 2, 1)
    secretary.refresh_from_db()
    assert secretary.ended_on == datetime.date(2024, 6, 30)
    assert secretary.history.latest().history_user == office
    assert set(RosterEntry.objects.filter(village=first).values_list("name", flat=True)) == {
        "王建国"
    }
    assert RosterEntry.objects.filter(pk=kept.pk).exists()


def test_every_error_is_listed_with_row_and_column_and_nothing_is_written(villages):
    first, _ = villages
    rows = [
        [first.code, first.name, "王建国", "村党组织", "书记", "2021-01-05", "", "是"],
        ["999999999999", "", "张三", "村党组织", "委员", "2021-01-05", "", ""],
        [first.code, "错村", "", "党小组", "书记", "去年", "", "也许"],
        [first.code, "", "李四", "村民委员会", "委员", "2021-01-05", "2020-01-01", ""],
        [first.code, first.name, "王建国", "村党组织", "书记", "2021-01-05", "", "是"],
        [first.code, "", "=A1", "村民委员会", "委员", "2021-01-05", "", ""],
    ]
    errors = errors_of(rows)
    unknown = "第3行「村代码」：系统中没有村代码为“999999999999”的村(社区)，请先导入村(社区)名册。"
    assert unknown in errors
    assert any(e.startswith("第4行「村(社区)」：与村代码") for e in errors)
    assert "第4行「姓名」：必填，不能为空。" in errors
    assert any(e.startswith("第4行「所属组织」：应为") for e in errors)
    assert any(e.startswith("第4行「任职起始」：应为日期") for e in errors)
    assert any(e.startswith("第4行「党员」：应为“是”或“否”") for e in errors)
    assert any(e.startswith("第5行「任职截止」：任职截止（2020-01-01）不能早于") for e in errors)
    assert any(e.startswith("第6行「姓名」：与第2行重复") for e in errors)
    assert any(e.startswith("第7行「姓名」：不能是公式") for e in errors)
    assert not RosterEntry.objects.exists()


def test_header_errors_name_the_column():
    errors = errors_of([["320411102201", "", "张三"]], headers=["村代码", "村名", "姓名"])
    assert any(e.startswith("第1行「村名」：不是可导入的列名") for e in errors)
    assert "第1行：缺少必填列「所属组织」（表头须在第1行）。" in errors
    assert "第1行：缺少必填列「任职起始」（表头须在第1行）。" in errors


def test_a_dry_run_counts_and_writes_nothing(villages):
    first, _ = villages
    result = run(rows_of(first), dry_run=True)
    assert (result.created, result.dry_run) == (4, True)
    assert "未写入任何数据" in result.summary()
    assert not RosterEntry.objects.exists()


def test_only_the_office_imports(villages):
    first, _ = villages
    for role in (UserRole.INSPECTOR, UserRole.LEADERSHIP):
        with pytest.raises(PermissionDeniedError):
            run(rows_of(first), actor=f.UserFactory(role=role))
    assert not RosterEntry.objects.exists()


def test_the_template_is_read_back_as_an_import_file(villages):
    first, _ = villages
    workbook = openpyxl.load_workbook(io.BytesIO(roster_template_xlsx()))
    sheet = workbook[SHEET_NAME]
    assert [cell.value for cell in sheet[1]] == HEADERS
    sheet["A2"] = first.code
    sheet["B2"] = first.name
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    result = roster_import(file_obj=buffer, filename="模板.xlsx")
    assert result.created == 1


def test_the_command_imports_and_prints_every_error(villages, tmp_path):
    first, _ = villages
    good = tmp_path / "名册.xlsx"
    good.write_bytes(xlsx([HEADERS, *rows_of(first)]).getvalue())
    out = io.StringIO()
    call_command("import_roster", str(good), "--dry-run", stdout=out)
    assert "校验通过" in out.getvalue() and not RosterEntry.objects.exists()
    call_command("import_roster", str(good), stdout=out)
    assert RosterEntry.objects.count() == 4
    bad = tmp_path / "错.xlsx"
    bad.write_bytes(xlsx([HEADERS, [first.code, "", "", "", "", "", "", ""]]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_roster", str(bad), stderr=err)
    assert "第2行「姓名」：必填，不能为空。" in err.getvalue()


cell = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12),
    st.sampled_from(["村党组织", "村委会", "书记", "2021-01-05", "是", "王五"]),
    st.integers(min_value=-(10**13), max_value=10**13),
    st.dates(),
    st.booleans(),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.lists(cell, min_size=0, max_size=9), min_size=1, max_size=6))
def test_any_file_is_imported_or_refused_with_located_errors(villages, rows):
    """Whatever the cells, the import answers with its result or with errors that each
    name a row (never a 500), and a refused file writes nothing."""
    before = RosterEntry.objects.count()
    try:
        run(rows)
    except VillageImportError as error:
        assert error.row_errors
        assert RosterEntry.objects.count() == before
