"""The demo term's statistics workbook prints as an official table: LibreOffice converts it
to PDF, and every sheet is one page wide (A4 landscape), its title on its first page, its
header on every page.

Each page's footer names its sheet (``&A``), so the pages of one PDF are told apart. A
sheet split into strips across the width would have pages without its first column's or
its last printed column's header: every page carries both.

Needs LibreOffice (``soffice``) and poppler (``pdftotext``, ``pdfinfo``): .ci/run installs
them, so CI never skips; a machine without them skips the test.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from inspection.models import Term, User
from reports.exports.scope import audience_for
from reports.exports.workbook import build_workbook
from reports.statistics import StatisticsFilter
from tests.reports.sheets import headers_of

pytestmark = pytest.mark.django_db
PRINTING_TOOLS = ("soffice", "pdftotext", "pdfinfo")
# LibreOffice Calc converts the workbooks (Writer alone cannot): Debian's libreoffice-calc.
CALC = Path("/usr/lib/libreoffice/program/libsclo.so")
MM = 72 / 25.4
A4_LANDSCAPE = (round(297 * MM), round(210 * MM))
# Pages of the demo term's sheets before the workbooks were official tables: 汇总 12 (five
# strips across), 分类统计 4, 问题清单 55, 整改台账 78 (numbers and texts on different pages).
MAX_PAGES = {"汇总": 4, "分类统计": 6, "问题清单": 45, "整改台账": 40, "逾期预警": 8, "说明": 2}


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in PRINTING_TOOLS) or not CALC.exists(),
    reason="LibreOffice Calc and poppler-utils are not installed (.ci/run installs them)",
)
def test_the_demo_terms_workbook_prints_one_page_wide_with_its_header_on_every_page(
    seeded, tmp_path
):
    path = tmp_path / "term.xlsx"
    build_workbook(
        audience=audience_for(User.objects.get(username="office")),
        filters=StatisticsFilter(term_id=Term.objects.get(is_current=True).pk),
        on=timezone.localdate(),
        path=path,
    )
    book = load_workbook(path)
    pdf = _to_pdf(path, tmp_path)
    sizes = _page_sizes(pdf)
    assert {(round(width), round(height)) for width, height in sizes} == {A4_LANDSCAPE}
    pages = _pages_by_sheet(pdf, len(sizes))
    assert list(pages) == book.sheetnames
    for sheet in book.worksheets:
        texts = pages[sheet.title]
        assert len(texts) <= MAX_PAGES[sheet.title], (sheet.title, len(texts))
        assert _flat(sheet["A1"].value) in texts[0], sheet.title  # the title
        assert "填报单位：" in texts[0] and "密级：内部" in texts[0]
        headers = headers_of(sheet)
        printed = _printed_columns(sheet, len(headers))
        first, last = _flat(headers[0]), _flat(headers[printed - 1])
        for number, text in enumerate(texts, start=1):
            # Each page: the whole width (first and last column), the header repeated.
            assert first in text and last in text, (sheet.title, number, first, last)
            assert "密级：内部" in text
        if len(texts) > 1:
            assert _flat(sheet["A1"].value) not in texts[1]  # only the header repeats
    ledger = pages["整改台账"]
    assert len(ledger) > 1 and all("具体表现" in text and "整改措施" in text for text in ledger)


def _flat(text) -> str:
    return re.sub(r"\s+", "", str(text))


def _printed_columns(sheet, columns: int) -> int:
    """The columns printed: all, or those of the sheet's print area."""
    if not sheet.print_area:
        return columns
    last = re.search(r"\$([A-Z]+)\$\d+$", sheet.print_area).group(1)
    return column_index_from_string(last)


def _to_pdf(path: Path, tmp_path: Path) -> Path:
    profile = (tmp_path / "lo-profile").as_uri()  # its own profile: never another run's lock
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return path.with_suffix(".pdf")


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9999", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return [
        (float(width), float(height))
        for width, height in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    ]


def _pages_by_sheet(pdf: Path, count: int) -> dict[str, list[str]]:
    """Each sheet's pages, in order, as their text without white space; the sheet is the
    last word of the page's footer (``&A``, after "第 X 页，共 Y 页")."""
    pages: dict[str, list[str]] = {}
    for number in range(1, count + 1):
        text = subprocess.run(
            ["pdftotext", "-raw", "-f", str(number), "-l", str(number), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        sheet = re.search(r"第\s*\d+\s*页，共\s*\d+\s*页\s+(\S+)", text).group(1)
        pages.setdefault(sheet, []).append(_flat(text))
    return pages
