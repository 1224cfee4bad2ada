"""The village registry import: reading, validation, writing, and the command."""

import csv
import io
import time
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from inspection import village_import as module
from inspection.choices import AttentionClass, TownKind, VillageKind
from inspection.models import Town, Village
from inspection.village_import import (
    VillageImportError,
    read_rows,
    template_csv,
    template_xlsx,
    village_import,
)
from tests.factories import TownFactory, VillageFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "乡镇",
    "村(社区)",
    "村代码",
    "类型",
    "人口",
    "户数",
    "党员数",
    "集体经济收入",
    "信访量",
    "一肩挑",
    "关注类别",
]
SHUFFLED = ["村代码", "关注类别", "人口", "乡镇", "一肩挑", "集体经济收入", "类型", "村(社区)"]


def xlsx_file(rows: list[list], *, title: str | None = None) -> io.BytesIO:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    if title:
        sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def csv_file(rows: list[list], encoding: str = "utf-8-sig") -> io.BytesIO:
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return io.BytesIO(text.getvalue().encode(encoding))


def village_rows(count: int, *, town: str = "西夏墅镇", prefix: str = "320411102") -> list[list]:
    """``count`` data rows in the full column order, one town."""
    return [
        [
            town,
            f"第{n}村",
            f"{prefix}{n:03d}",
            "行政村",
            1000 + n,
            300,
            40,
            "1,000.50",
            1,
            "否",
            "一般",
        ]
        for n in range(1, count + 1)
    ]


def import_rows(rows: list[list], filename: str = "名册.xlsx", **kwargs):
    file_obj = xlsx_file(rows) if filename.endswith(".xlsx") else csv_file(rows)
    return village_import(file_obj=file_obj, filename=filename, **kwargs)


def errors_of(rows: list[list] | io.BytesIO, filename: str = "名册.xlsx") -> list[str]:
    file_obj = rows if isinstance(rows, io.BytesIO) else xlsx_file(rows)
    with pytest.raises(VillageImportError) as caught:
        village_import(file_obj=file_obj, filename=filename)
    return [str(error) for error in caught.value.row_errors]


# ---------------------------------------------------------------- happy paths


def test_xlsx_with_shuffled_columns_creates_towns_and_villages():
    rows = [
        SHUFFLED,
        ["320411102201", "风险关注类", 2680, "西夏墅镇", "是", "1,234,500.50", "行政村", "梅林村"],
        ["320411102202", "重点", "812", "西夏墅镇", "", 0, "社区", "新桥社区"],
        ["320411203001", "一般", 90, "孟河乡", "N", 1234.5, "村", "东村"],
        ["320411004001", "", "", "三井街道", "1", "", "", "河海社区"],
    ]

    result = import_rows(rows)

    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    assert set(result.towns_created) == {"西夏墅镇", "孟河乡", "三井街道"}
    towns = {town.name: town for town in Town.objects.all()}
    assert towns["西夏墅镇"].code == "320411102"
    assert towns["西夏墅镇"].kind == TownKind.TOWN
    assert towns["孟河乡"].kind == TownKind.TOWNSHIP
    assert towns["三井街道"].kind == TownKind.SUBDISTRICT
    meilin = Village.objects.get(code="320411102201")
    assert meilin.town == towns["西夏墅镇"]
    assert meilin.name == "梅林村"
    assert meilin.kind == VillageKind.VILLAGE
    assert meilin.population == 2680
    assert meilin.collective_income == Decimal("1234500.50")
    assert meilin.secretary_is_director is True
    assert meilin.attention_class == AttentionClass.RISK
    xinqiao = Village.objects.get(code="320411102202")
    assert (xinqiao.kind, xinqiao.attention_class) == (
        VillageKind.COMMUNITY,
        AttentionClass.KEY_HAZARD,
    )
    assert xinqiao.secretary_is_director is False
    assert Village.objects.get(code="320411203001").collective_income == Decimal("1234.50")
    hehai = Village.objects.get(code="320411004001")  # blank cells: model defaults
    assert (hehai.population, hehai.attention_class) == (0, AttentionClass.GENERAL)
    assert hehai.households == 0  # a missing column: model default


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk(encoding):
    rows = [
        SHUFFLED,
        ["320411102201", "风险关注类", "2680", "西夏墅镇", "是", "1,234.50", "社区", "梅林村"],
        ["320411102202", "一般", "100", "西夏墅镇", "否", "0", "村", "新桥村"],
    ]

    result = village_import(file_obj=csv_file(rows, encoding), filename="名册.CSV")

    assert result.created == 2
    village = Village.objects.get(code="320411102201")
    assert (village.name, village.town.name) == ("梅林村", "西夏墅镇")
    assert village.collective_income == Decimal("1234.50")
    assert village.kind == VillageKind.COMMUNITY


def test_numeric_code_cells_are_read_as_exact_digit_strings():
    rows = [HEADERS[:3], ["西夏墅镇", "梅林村", 320411102201], ["西夏墅镇", "新桥村", 320411102202]]
    buffer = xlsx_file(rows)
    # Rewrite the second code as Excel may store it: in scientific notation.
    patched = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(patched, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b"<v>320411102202</v>" in data
                data = data.replace(b"<v>320411102202</v>", b"<v>3.20411102202E+11</v>")
            target.writestr(item, data)
    patched.seek(0)

    village_import(file_obj=patched, filename="名册.xlsx")

    assert set(Village.objects.values_list("code", flat=True)) == {"320411102201", "320411102202"}


def test_headers_and_cells_are_trimmed_and_full_width_brackets_accepted():
    rows = [
        [" 乡镇 ", "村（社区）\u3000", "\t村代码", " 人口"],
        ["  西夏墅镇 ", " 梅林村\u3000", " 320411102201 ", " 2,680 "],
        [None, None, None, None],
        ["", "  ", "", ""],
    ]

    result = import_rows(rows)

    assert result.created == 1
    village = Village.objects.get()
    assert (village.town.name, village.name, village.population) == ("西夏墅镇", "梅林村", 2680)


def test_existing_town_is_used_and_villages_may_share_a_name_across_towns():
    town = TownFactory(name="西夏墅镇", code="320411102")
    VillageFactory(town=TownFactory(name="孟河镇", code="320411103"), name="东村")

    import_rows([HEADERS[:3], ["西夏墅镇", "东村", "320411102001"]])

    assert Town.objects.count() == 2
    assert Village.objects.get(code="320411102001").town == town


def test_the_downloadable_templates_import_as_they_are():
    assert village_import(file_obj=io.BytesIO(template_xlsx()), filename="t.xlsx").created == 1
    result = village_import(file_obj=io.BytesIO(template_csv()), filename="t.csv")
    assert (result.created, result.unchanged) == (0, 1)


def test_template_has_the_eleven_columns_an_example_and_an_explanation_sheet():
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    sheet, notes = workbook.worksheets
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet["C2"].value == "320411102201"
    assert notes.title == "填写说明"
    assert [row[0] for row in notes.iter_rows(min_row=2, max_row=12, values_only=True)] == HEADERS


# ---------------------------------------------------------------- re-import and updates


def test_reimport_is_idempotent_and_an_edited_value_updates():
    rows = [HEADERS, *village_rows(5)]
    first = import_rows(rows)
    assert (first.created, first.updated, first.unchanged) == (5, 0, 0)

    second = import_rows(rows)

    assert (second.created, second.updated, second.unchanged) == (0, 0, 5)
    assert (Town.objects.count(), Village.objects.count()) == (1, 5)

    rows[3][4] = 4321
    third = import_rows(rows)

    assert (third.created, third.updated, third.unchanged) == (0, 1, 4)
    assert Village.objects.get(code="320411102003").population == 4321
    assert Village.objects.count() == 5


def test_missing_columns_and_blank_cells_keep_stored_values_except_yes_no():
    town = TownFactory(name="西夏墅镇", code="320411102")
    village = VillageFactory(
        town=town,
        code="320411102001",
        name="梅林村",
        population=2000,
        secretary_is_director=True,
        attention_class=AttentionClass.RISK,
    )

    result = import_rows(
        [
            ["村代码", "乡镇", "村(社区)", "人口", "关注类别"],
            ["320411102001", "西夏墅镇", "梅林村", "", ""],
        ]
    )

    assert (result.updated, result.unchanged) == (0, 1)
    result = import_rows(
        [["村代码", "乡镇", "村(社区)", "一肩挑"], ["320411102001", "西夏墅镇", "梅林村", ""]]
    )
    assert result.updated == 1
    village.refresh_from_db()
    assert (village.population, village.attention_class) == (2000, AttentionClass.RISK)
    assert village.secretary_is_director is False


def test_names_can_be_swapped_within_a_town():
    town = TownFactory(name="西夏墅镇", code="320411102")
    VillageFactory(town=town, code="320411102001", name="东村")
    VillageFactory(town=town, code="320411102002", name="西村")

    result = import_rows(
        [HEADERS[:3], ["西夏墅镇", "西村", "320411102001"], ["西夏墅镇", "东村", "320411102002"]]
    )

    assert result.updated == 2
    assert dict(Village.objects.values_list("code", "name")) == {
        "320411102001": "西村",
        "320411102002": "东村",
    }


def test_a_renamed_village_frees_its_name_for_a_new_one():
    town = TownFactory(name="西夏墅镇", code="320411102")
    VillageFactory(town=town, code="320411102001", name="梅林村")

    result = import_rows(
        [
            HEADERS[:3],
            ["西夏墅镇", "梅林村", "320411102002"],
            ["西夏墅镇", "东梅林村", "320411102001"],
        ]
    )

    assert (result.created, result.updated) == (1, 1)
    assert dict(Village.objects.values_list("code", "name")) == {
        "320411102001": "东梅林村",
        "320411102002": "梅林村",
    }


def test_dry_run_counts_and_writes_nothing():
    result = import_rows([HEADERS, *village_rows(3)], dry_run=True)

    assert (result.created, result.dry_run) == (3, True)
    assert "未写入" in result.summary()
    assert (Town.objects.count(), Village.objects.count()) == (0, 0)


# ---------------------------------------------------------------- row validation


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        ("村代码", "32041110220", "第2行「村代码」：应为12位数字，实际为“32041110220”。"),
        ("村代码", "32041110220A", "第2行「村代码」：应为12位数字"),
        (
            "村代码",
            "3.20411E+11",
            "第2行「村代码」：应为12位数字，实际为“3.20411E+11”。Excel 以科学计数法",
        ),
        ("村代码", "", "第2行「村代码」：必填，不能为空。"),
        ("村(社区)", "", "第2行「村(社区)」：必填，不能为空。"),
        ("村(社区)", "长" * 51, "第2行「村(社区)」：不能超过50个字"),
        ("乡镇", "", "第2行「乡镇」：必填，不能为空。"),
        ("类型", "自然村", "第2行「类型」：应为“行政村”“村”或“社区”，实际为“自然村”。"),
        ("人口", "-3", "第2行「人口」：不能为负数，实际为“-3”。"),
        ("人口", "两千", "第2行「人口」：应为非负整数，实际为“两千”。"),
        ("户数", "12.5", "第2行「户数」：应为非负整数"),
        ("党员数", "1,00", "第2行「党员数」：应为非负整数"),
        ("信访量", "99999999999", "第2行「信访量」：数值过大"),
        ("集体经济收入", "一百万", "第2行「集体经济收入」：应为以元为单位的金额"),
        ("集体经济收入", "-5.00", "第2行「集体经济收入」：不能为负数"),
        ("集体经济收入", "1.234", "第2行「集体经济收入」：金额最多保留两位小数"),
        ("一肩挑", "也许", "第2行「一肩挑」：应为“是”或“否”"),
        ("关注类别", "高", "第2行「关注类别」：应为“一般关注类”“风险关注类”或“重点隐患类”"),
        ("人口", "=B2*2", "第2行「人口」：不能是公式"),
        ("村(社区)", '=HYPERLINK("x")', "第2行「村(社区)」：不能是公式"),
    ],
)
def test_every_cell_error_names_row_and_column(header, value, expected):
    row = dict(zip(HEADERS, village_rows(1)[0], strict=True))
    row[header] = value

    errors = errors_of([HEADERS, list(row.values())])

    assert len(errors) == 1
    assert errors[0].startswith(expected)


def test_all_errors_of_all_rows_are_reported_with_excel_row_numbers():
    rows = [HEADERS, *village_rows(2), [], [None] * 11, *village_rows(1, prefix="320411103")]
    rows[1][4] = "x"
    rows[1][9] = "?"
    rows[5][0] = "新街道"  # a new town for a code no town holds yet: fine
    rows[5][6] = "-"

    errors = errors_of(rows)

    assert errors == [
        "第2行「人口」：应为非负整数，实际为“x”。",
        "第2行「一肩挑」：应为“是”或“否”（也可填 Y/N、1/0、true/false），实际为“?”。",
        "第6行「党员数」：应为非负整数，实际为“-”。",
    ]


def test_formula_cell_in_xlsx_is_refused():
    errors = errors_of(
        [[*HEADERS[:4], "人口"], ["西夏墅镇", "梅林村", "320411102201", "村", "=1+1"]]
    )
    assert errors == [
        "第2行「人口」：不能是公式或以“=”开头，实际为“=1+1”（公式请先复制并“选择性粘贴为数值”）。"
    ]


def test_duplicates_in_the_file_are_errors_on_the_later_rows_naming_the_first():
    rows = [
        HEADERS[:3],
        ["西夏墅镇", "梅林村", "320411102201"],
        ["西夏墅镇", "新桥村", "320411102201"],
        ["西夏墅镇", "梅林村", "320411102203"],
        ["西夏墅镇", "新桥村", "320411102201"],
    ]

    errors = errors_of(rows)

    assert errors == [
        "第3行「村代码」：与第2行的村代码重复。",
        "第4行「村(社区)」：“西夏墅镇梅林村”与第2行重复，同一乡镇内村(社区)名称不能重复。",
        "第5行「村代码」：与第2行的村代码重复。",
        "第5行「村(社区)」：“西夏墅镇新桥村”与第3行重复，同一乡镇内村(社区)名称不能重复。",
    ]


def test_code_must_start_with_the_town_code():
    TownFactory(name="西夏墅镇", code="320411102")

    errors = errors_of([HEADERS[:3], ["西夏墅镇", "梅林村", "320411103201"]])

    assert errors == [
        "第2行「村代码」：前9位“320411103”与乡镇“西夏墅镇”的区划代码“320411102”不一致。"
    ]


def test_new_towns_must_be_consistent_within_the_file():
    rows = [
        HEADERS[:3],
        ["西夏墅镇", "梅林村", "320411102201"],
        ["西夏墅镇", "新桥村", "320411103202"],
        ["孟河镇", "东村", "320411102203"],
        ["开发区", "西村", "320411109001"],
    ]

    errors = errors_of(rows)

    assert errors == [
        "第3行「村代码」：前9位“320411103”与第2行新建的乡镇“西夏墅镇”的区划代码“320411102”不一致。",
        "第4行「乡镇」：“孟河镇”与第2行新建的“西夏墅镇”使用同一区划代码“320411102”。",
        "第5行「乡镇」：系统中没有“开发区”，无法自动新建：乡镇名称须以“镇”“乡”或“街道”结尾"
        "（或先在后台添加该乡镇）。",
    ]


def test_unknown_town_whose_code_belongs_to_another_town_is_refused():
    TownFactory(name="西夏墅镇", code="320411102")

    errors = errors_of([HEADERS[:3], ["西夏墅新镇", "梅林村", "320411102201"]])

    assert len(errors) == 1
    assert errors[0].startswith(
        "第2行「乡镇」：系统中没有“西夏墅新镇”，而村代码前9位“320411102”是“西夏墅镇”"
    )


def test_name_clash_with_another_stored_village_of_the_town_is_refused():
    town = TownFactory(name="西夏墅镇", code="320411102")
    VillageFactory(town=town, code="320411102001", name="梅林村")

    errors = errors_of([HEADERS[:3], ["西夏墅镇", "梅林村", "320411102002"]])

    assert errors == [
        "第2行「村(社区)」：西夏墅镇已有同名村(社区)“梅林村”（村代码320411102001），与本行村代码不同。"
    ]


def test_one_bad_row_among_good_ones_writes_nothing():
    TownFactory(name="孟河镇", code="320411103")
    VillageFactory(code="320411103001", town=Town.objects.get(), population=5)
    counts = (Town.objects.count(), Village.objects.count())
    rows = [HEADERS, *village_rows(20), *village_rows(3, town="孟河镇", prefix="320411103")]
    rows[12][7] = "很多"

    errors = errors_of(rows)

    assert errors == [
        "第13行「集体经济收入」：应为以元为单位的金额（如 1234.50 或 1,234.50），实际为“很多”。"
    ]
    assert (Town.objects.count(), Village.objects.count()) == counts
    assert Village.objects.get(code="320411103001").population == 5


# ---------------------------------------------------------------- header and file errors


def test_unknown_and_duplicate_columns_are_errors_together_with_row_errors():
    rows = [
        [*HEADERS[:3], "人 口", "备注", "人口", "人口"],
        ["西夏墅镇", "梅林村", "1", "1", "", "2", "3"],
    ]

    errors = errors_of(rows)

    assert errors == [
        "第1行「人 口」：不是可导入的列名，是否应为「人口」？",
        "第1行「备注」：不是可导入的列名，可用的列名有：乡镇、村(社区)、村代码、类型、人口、户数、"
        "党员数、集体经济收入、信访量、一肩挑、关注类别。",
        "第1行「人口」：列名重复（F列和G列）。",
        "第2行「村代码」：应为12位数字，实际为“1”。",
    ]


def test_a_value_under_a_column_without_name_is_an_error():
    errors = errors_of(
        [["乡镇", "", "村(社区)", "村代码"], ["西夏墅镇", "x", "梅林村", "320411102201", "y"]]
    )

    assert errors == ["第2行：第B列没有列名，却填有“x”。", "第2行：第E列没有列名，却填有“y”。"]


def test_an_unquoted_thousands_separator_in_a_csv_is_caught():
    content = "乡镇,村(社区),村代码,集体经济收入\n西夏墅镇,梅林村,320411102201,1,234.50\n"

    errors = errors_of(io.BytesIO(content.encode()), "名册.csv")

    assert errors == ["第2行：第E列没有列名，却填有“234.50”。"]


def test_missing_required_column_stops_before_the_rows():
    errors = errors_of([["乡镇", "村代码", "人口"], ["西夏墅镇", "320411102201", "x"]])

    assert errors == ["第1行：缺少必填列「村(社区)」（表头须在第1行）。"]


@pytest.mark.parametrize(
    ("content", "filename", "expected"),
    [
        (xlsx_file([HEADERS]).getvalue(), "a.xlsx", "文件中没有数据行"),
        (b"", "a.xlsx", "文件是空的。"),
        (bytes(range(256)) * 20, "a.xlsx", "无法读取该Excel文件"),
        (b"PK\x03\x04" + bytes(range(256)) * 20, "a.xlsx", "无法读取该Excel文件"),
        (b"\xd0\xcf\x11\xe0" + bytes(range(256)), "a.xls", "不支持 .xls"),
        ("乡镇,村(社区),村代码\n".encode(), "a.txt", "只能导入 .xlsx 或 .csv 文件"),
        (b"\x81\x30\xff\xfe\x00" * 50, "a.csv", "无法识别CSV文件的编码"),
        ("乡镇".encode("utf-16"), "a.csv", "UTF-16编码"),
        (xlsx_file([HEADERS]).getvalue(), "a.csv", "内容却是Excel工作簿"),
        ('乡镇,村(社区),村代码\n"西夏墅镇,x\x00'.encode(), "a.csv", "不是文本格式"),
    ],
)
def test_unreadable_files_are_refused_with_a_clear_message(content, filename, expected):
    errors = errors_of(io.BytesIO(content), filename)

    assert len(errors) == 1
    assert expected in errors[0]


def test_files_over_the_size_or_row_limit_are_refused():
    too_big = io.BytesIO(b"x" * (module.MAX_BYTES + 1))
    assert "超过5 MB的上限" in errors_of(too_big, "a.csv")[0]

    rows = [HEADERS[:3]] + [["西夏墅镇", f"村{n}", f"320411102{n:03d}"] for n in range(10_001)]
    assert errors_of(csv_file(rows), "a.csv") == ["数据超过10000行的上限，请分批导入。"]


def test_read_rows_skips_empty_rows_and_keeps_excel_row_numbers():
    table = read_rows(csv_file([HEADERS[:3], ["a", "b", "c"], [], ["", "", ""], ["d"]]), "x.csv")

    assert table.headers == ("乡镇", "村(社区)", "村代码")
    assert [(row.number, row.cells) for row in table.rows] == [
        (2, ("a", "b", "c")),
        (5, ("d", "", "")),
    ]


def test_reads_the_registry_sheet_even_if_it_is_not_first():
    workbook = openpyxl.load_workbook(io.BytesIO(template_xlsx()))
    workbook.move_sheet("填写说明", offset=-1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    assert village_import(file_obj=buffer, filename="t.xlsx").created == 1


# ---------------------------------------------------------------- scale


def test_import_of_200_rows_takes_a_bounded_number_of_queries(django_assert_max_num_queries):
    TownFactory(name="西夏墅镇", code="320411102")
    rows = [HEADERS, *village_rows(100), *village_rows(100, town="孟河镇", prefix="320411103")]

    with django_assert_max_num_queries(20):
        assert import_rows(rows).created == 200
    for row in rows[1:150]:
        row[4] += 1
    with django_assert_max_num_queries(20):
        result = import_rows(rows)
    assert (result.created, result.updated, result.unchanged) == (0, 149, 51)


def test_import_of_5000_rows(django_assert_max_num_queries):
    rows = [HEADERS]
    for town in range(10):
        rows += village_rows(500, town=f"第{town}镇", prefix=f"3204111{town:02d}")

    started = time.perf_counter()
    # Batches of 500 rows; SQLite's 999-parameter limit makes them about 90 rows there.
    with django_assert_max_num_queries(100):
        result = import_rows(rows)
    elapsed = time.perf_counter() - started

    assert result.created == 5000
    assert Village.objects.count() == 5000
    assert elapsed < 30  # a generous bound for slow machines; see the report for timings


# ---------------------------------------------------------------- the command


def write_xlsx(tmp_path, rows) -> str:
    path = tmp_path / "名册.xlsx"
    path.write_bytes(xlsx_file(rows).getvalue())
    return str(path)


def test_command_imports_and_prints_a_summary(tmp_path, capsys):
    path = write_xlsx(tmp_path, [HEADERS, *village_rows(3)])

    call_command("import_villages", path)

    assert (
        "导入完成：新增3个、更新0个、未变化0个村(社区)，新建乡镇1个（西夏墅镇）。"
        in capsys.readouterr().out
    )
    assert Village.objects.count() == 3


def test_command_dry_run_writes_nothing(tmp_path, capsys):
    call_command("import_villages", write_xlsx(tmp_path, [HEADERS, *village_rows(3)]), "--dry-run")

    assert "校验通过" in capsys.readouterr().out
    assert Village.objects.count() == 0


def test_command_prints_every_error_and_fails(tmp_path, capsys):
    rows = [HEADERS, *village_rows(3)]
    rows[1][2] = "123"
    rows[3][4] = "-1"

    with pytest.raises(CommandError, match="发现2处错误"):
        call_command("import_villages", write_xlsx(tmp_path, rows))

    err = capsys.readouterr().err
    assert "第2行「村代码」：应为12位数字，实际为“123”。" in err
    assert "第4行「人口」：不能为负数，实际为“-1”。" in err
    assert Village.objects.count() == 0


def test_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="无法打开文件"):
        call_command("import_villages", str(tmp_path / "nope.xlsx"))
