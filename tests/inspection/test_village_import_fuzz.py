"""The village import fed what users and attackers send: random bytes, broken and bloated
workbooks, huge files, formulas, odd Unicode, wrong encodings, no rows, too many rows.

Every answer is a VillageImportError whose messages are Chinese and say what is wrong,
never another exception, and the Town and Village tables are left exactly as they were;
where a file is accepted, what is stored is what the file says. The web page answers the
same files with its error list (a 200 page, never a 500) and keeps nothing.
"""

import csv
import io
import re
import unicodedata
import zipfile

import openpyxl
import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from inspection.models import Town, Village
from inspection.village_import import MAX_BYTES, VillageImportError, village_import
from inspection.village_import.columns import INVISIBLE_CATEGORIES
from tests import factories as f
from tests.inspection.test_views_village_import import check, kept_files, media, office, upload
from tests.inspection.test_village_import import HEADERS, csv_file, village_rows, xlsx_file

pytestmark = pytest.mark.django_db
__all__ = ["media", "office"]  # fixtures used here, defined beside the page's own tests

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
CJK = re.compile(r"[\u4e00-\u9fff]")
# Zero-width, direction marks, combining marks, emoji, NUL and other controls, lone surrogates.
ODD = "\u200b\u200d\u2060\ufeff\u202e\u200f\u0301\u0336😀👨‍👩‍👧\x00\x01\x1b\t\n\r\ud800\udfff"
FORMULAS = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x.example","点击")',
    "+1+1",
    "-1+1",
    "@SUM(A1)",
]


@pytest.fixture
def registry():
    town = f.TownFactory(name="西夏墅镇", code="320411102")
    f.VillageFactory(town=town, name="第1村", code="320411102001", population=7)
    return town


def snapshot() -> tuple:
    return (
        list(Town.objects.order_by("pk").values_list()),
        list(Village.objects.order_by("pk").values_list()),
    )


def assert_clear(error: VillageImportError) -> None:
    """A message a user can act on: in Chinese, naming the problem, no Python internals."""
    texts = [error.message, *(str(row_error) for row_error in error.row_errors)]
    assert error.row_errors
    for text in texts:
        assert CJK.search(text), text
        assert "Traceback" not in text and "Error" not in text, text


def refused(data: bytes, filename: str) -> VillageImportError:
    """Import ``data``; it must be refused clearly and write nothing."""
    before = snapshot()
    with pytest.raises(VillageImportError) as caught:
        village_import(file_obj=io.BytesIO(data), filename=filename)
    assert_clear(caught.value)
    assert snapshot() == before
    return caught.value


def workbook_bytes(rows: list[list]) -> bytes:
    return xlsx_file(rows).getvalue()


def rezip(data: bytes, sheet_xml) -> bytes:
    """The workbook with its first sheet's XML passed through ``sheet_xml``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = sheet_xml(content)
            target.writestr(item.filename, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ------------------------------------------------------------------ bytes nobody can read


@FUZZ
@given(data=st.binary(max_size=3000), extension=st.sampled_from([".xlsx", ".csv"]))
def test_random_bytes_are_refused_clearly(registry, data, extension):
    refused(data, f"名册{extension}")


def attempt(data: bytes, filename: str) -> None:
    """Import ``data`` and undo it: a refusal must be clear and must have written nothing."""
    before = snapshot()
    with transaction.atomic():
        try:
            village_import(file_obj=io.BytesIO(data), filename=filename)
        except VillageImportError as error:
            assert_clear(error)
            assert snapshot() == before
        transaction.set_rollback(True)


@FUZZ
@given(
    cut=st.none() | st.integers(min_value=0), flips=st.lists(st.integers(min_value=0), max_size=4)
)
def test_truncated_or_damaged_workbooks_are_refused_clearly(registry, cut, flips):
    data = bytearray(workbook_bytes([HEADERS, *village_rows(3)]))
    for position in flips:
        data[position % len(data)] ^= 0xFF
    if cut is not None:
        data = data[: cut % len(data)]
    attempt(bytes(data), "名册.xlsx")  # a flip in a zip's unused bytes may still read


def test_a_zip_of_an_unknown_version_is_refused_clearly(registry):
    """Found by the test above (a flipped version byte in the central directory made
    zipfile raise NotImplementedError, which answered 500)."""
    data = bytearray(workbook_bytes([HEADERS, *village_rows(3)]))
    directory = data.index(b"PK\x01\x02")  # the first central directory record
    data[directory + 6] = 235  # "version needed to extract": 23.5
    assert "文件可能已损坏" in refused(bytes(data), "名册.xlsx").message


def zip_bomb() -> bytes:
    """A workbook under 100 KB whose sheet unpacks to 60 MB of blanks."""
    padding = b" " * (60 * 1024 * 1024)
    return rezip(
        workbook_bytes([HEADERS]), lambda xml: xml.replace(b"<sheetData>", padding + b"<sheetData>")
    )


def test_a_zip_bomb_is_refused_before_it_is_parsed(registry):
    data = zip_bomb()
    assert len(data) < 100 * 1024
    assert "解压后超过50 MB" in refused(data, "名册.xlsx").message


def test_a_sheet_whose_data_is_on_its_last_row_is_read(registry):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for column, value in enumerate(village_rows(1)[0], start=1):
        sheet.cell(row=1_048_576, column=column, value=value)
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    result = village_import(file_obj=data, filename="名册.xlsx", dry_run=True)
    assert (result.created, result.updated) == (0, 1)  # 第1村, read from Excel's last row


def test_files_over_the_size_limit_are_refused(registry):
    assert "超过5 MB的上限" in refused(b"a,b\n" * (MAX_BYTES // 4 + 1), "名册.csv").message


@pytest.mark.parametrize("extension", [".csv", ".xlsx"])
def test_a_hundred_thousand_rows_are_refused(registry, extension):
    if extension == ".csv":
        rows = [HEADERS[:3], *([f"镇{n}", f"村{n}", f"{n:012d}"] for n in range(100_000))]
        data = csv_file(rows).getvalue()
    else:  # written as XML directly: openpyxl takes half a minute for 100,000 rows
        cells = "".join(
            f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>镇{n}</t></is></c></row>'
            for n in range(2, 100_002)
        )
        data = rezip(
            workbook_bytes([HEADERS[:3]]),
            lambda xml: xml.replace(b"</row>", f"</row>{cells}".encode(), 1),
        )
    assert refused(data, f"名册{extension}").message == "数据超过10000行的上限，请分批导入。"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "文件是空的。"),
        (b"\xef\xbb\xbf", "文件是空的。"),
        (b"\xef\xbb\xbf\r\n \r\n", "文件是空的。"),
        (",".join(HEADERS).encode(), "没有数据行"),
        (
            "鄉鎮,村(社區),村代碼\n西夏墅鎮,梅林村,320411102201\n".encode("big5"),
            "编码可能不是UTF-8或GBK",
        ),
        ("郷,村,コード\n東京,新宿,320411102201\n".encode("shift_jis"), "编码"),
        ("Ville,Village,Code\nCafé Élysée,Brûlé,1\n".encode("latin-1"), "编码"),
        ("乡镇,村(社区),村代码\n".encode("utf-16"), "UTF-16编码"),
        ("乡镇,村(社区),村代码\n".encode("utf-16-le"), "CSV UTF-8"),
        ('乡镇,村(社区),村代码\n西夏墅镇,"梅林村'.encode() + b"x" * 140_000, "引号没有配对"),
    ],
)
def test_empty_files_and_wrong_encodings_are_refused_clearly(registry, data, expected):
    assert expected in refused(data, "名册.csv").message


# -------------------------------------------------------------------- cells users type


@pytest.mark.parametrize("extension", [".csv", ".xlsx"])
@pytest.mark.parametrize("formula", FORMULAS)
@pytest.mark.parametrize("header", ["乡镇", "村(社区)"])
def test_formulas_in_names_are_refused(registry, extension, formula, header):
    row = dict(zip(HEADERS, village_rows(1)[0], strict=True)) | {header: formula}
    rows = [HEADERS, list(row.values())]
    data = workbook_bytes(rows) if extension == ".xlsx" else csv_file(rows).getvalue()
    (error,) = refused(data, f"名册{extension}").row_errors
    assert (error.row, error.column) == (2, header)
    assert "公式" in error.message


@pytest.mark.parametrize("hidden", ["\u200b", "\u202e", "\u2066", "\x01", "\n", "\u2028", "\ue000"])
def test_invisible_characters_inside_a_name_are_refused(registry, hidden):
    rows = [HEADERS[:3], ["西夏墅镇", f"梅{hidden}林村", "320411102201"]]
    (error,) = refused(csv_file(rows).getvalue(), "名册.csv").row_errors
    assert error.column == "村(社区)" and "看不见的字符" in error.message


@pytest.mark.parametrize("name", ["梅林村😀", "Café村", "e\u0301村"])
def test_visible_odd_unicode_is_stored_exactly(registry, name):
    rows = [HEADERS[:3], ["西夏墅镇", name, "320411102201"]]
    village_import(file_obj=csv_file(rows), filename="名册.csv")
    assert Village.objects.get(code="320411102201").name == name


PLAIN_NAMES = st.text(st.sampled_from("梅林村东西南北 "), min_size=1, max_size=8)
# Drawn as lists: st.text never draws a lone surrogate.
ODD_NAMES = st.lists(st.sampled_from("梅林村 =+-@|!'\",." + ODD), max_size=8).map("".join)


def _writable(text: str, extension: str, encoding: str) -> str:
    if extension == ".xlsx":  # XML cannot carry these; Excel cannot write them
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if extension == ".xlsx" or encoding == "gb18030":
        text = re.sub("[\ud800-\udfff]", "", text)
    return text


@FUZZ
@given(
    names=st.lists(PLAIN_NAMES | ODD_NAMES, min_size=1, max_size=3),
    town=st.sampled_from(["西夏墅镇", "西夏墅镇", "+镇", "新\u200b镇", "\u202e镇"]),
    extension=st.sampled_from([".csv", ".xlsx"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]),
)
def test_odd_cells_are_refused_clearly_or_stored_as_written(
    registry, names, town, extension, encoding
):
    rows = [HEADERS[:4]] + [
        [
            *(_writable(text, extension, encoding) for text in (town, name)),
            f"320411102{n:03d}",
            "村",
        ]
        for n, name in enumerate(names, start=2)
    ]
    if extension == ".xlsx":
        data = workbook_bytes(rows)
    else:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        data = text.getvalue().encode(encoding, errors="surrogatepass")
    before = snapshot()
    with transaction.atomic():  # every example starts from the same registry
        try:
            village_import(file_obj=io.BytesIO(data), filename=f"名册{extension}")
        except VillageImportError as error:
            event("refused")
            assert_clear(error)
            assert snapshot() == before
        else:
            event("stored")
            for _town, name, code, _kind in rows[1:]:
                stored = Village.objects.get(code=code).name
                assert stored and stored in name
                assert not stored.startswith(("=", "+", "-", "@"))
                assert not any(unicodedata.category(c) in INVISIBLE_CATEGORIES for c in stored)
        transaction.set_rollback(True)


# ---------------------------------------------------------------------------- the page


BAD_FILES = {
    "random.xlsx": lambda: bytes(range(256)) * 8,
    "random.csv": lambda: b"\x81\xff\x00\xfe" * 300,
    "bomb.xlsx": zip_bomb,
    "huge.csv": lambda: b"a,b\n" * (MAX_BYTES // 4 + 1),
    "formula.xlsx": lambda: workbook_bytes(
        [HEADERS[:3], ["西夏墅镇", FORMULAS[0], "320411102201"]]
    ),
    "rtl.csv": lambda: csv_file(
        [HEADERS[:3], ["西夏墅镇", "梅\u202e林村", "320411102201"]]
    ).getvalue(),
    "big5.csv": lambda: "鄉鎮,村(社區),村代碼\n西夏墅鎮,梅林村,320411102201\n".encode("big5"),
    "bom-only.csv": lambda: b"\xef\xbb\xbf",
    "rows.csv": lambda: csv_file([HEADERS[:3]] + [["镇", "村", "1"]] * 100_000).getvalue(),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_the_page_shows_what_is_wrong_and_keeps_nothing(office, media, registry, name):
    before = snapshot()
    page = check(office, upload(name=name, content=BAD_FILES[name]()))
    refusal = page.context["refused"]
    assert CJK.search(refusal)
    assert refusal in page.content.decode()
    assert "preview" not in page.context
    assert kept_files(media) == []
    assert snapshot() == before
