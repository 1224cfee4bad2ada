"""The reader's mark in a file (``inspection.stamping``), without a database: every page
header a reader sees carries it once, the file's own header and footer stay, and a large
workbook is stamped a chunk at a time."""

import io
import tracemalloc
import zipfile

import pytest
from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from openpyxl import Workbook, load_workbook

from inspection.stamping import StampProblem, file_mark, stampable, stamped_copy
from inspection.stamping import xlsx as stamping_xlsx
from tests.stamps import MARK, docx_footers, docx_headers, the_mark, xlsx_headers

READER = type("Reader", (), {"full_name": "张三&李四", "username": "zhangsan"})()


def mark(level="秘密") -> str:
    return file_mark(user=READER, classification=level)


def copy_of(content: bytes, extension: str, text: str) -> bytes:
    with stamped_copy(io.BytesIO(content), extension=extension, mark=text) as copy:
        return copy.read()


def test_the_mark_names_the_level_the_reader_the_time_and_a_fresh_copy_number():
    first, second = mark(), mark()
    assert MARK.fullmatch(first)
    assert first.startswith("密级：秘密　　阅读人：张三&李四（zhangsan） ")
    assert first != second  # two downloads, two copy numbers
    assert stampable("a/备考表.docx") == ".docx" and stampable("x.XLSX") == ".xlsx"
    assert stampable("scan.pdf") is None and stampable("noext") is None


# ------------------------------------------------------------------------------ .docx


def _document() -> bytes:
    """Three sections: the first with its own header text and a page-number footer,
    odd and even pages apart; the second linked to the first; the third with its own
    first-page header."""
    document = new_docx()
    document.settings.odd_and_even_pages_header_footer = True
    first = document.sections[0]
    first.header.paragraphs[0].text = "县委巡察办"
    first.footer.paragraphs[0].text = "— 1 —"
    document.add_paragraph("正文一")
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("正文二")
    third = document.add_section(WD_SECTION.NEW_PAGE)
    third.different_first_page_header_footer = True
    third.header.is_linked_to_previous = False
    third.header.paragraphs[0].text = "附件"
    document.add_paragraph("正文三")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_every_header_a_page_shows_carries_the_mark_once_and_keeps_its_own_text():
    original = _document()
    text = mark()
    copy = copy_of(original, ".docx", text)
    headers = docx_headers(copy)
    # 3 sections × (default, even) + the third's first page.
    assert len(headers) == 7
    assert all(header.count(text) == 1 for header in headers), headers
    assert headers[0].startswith("县委巡察办\n") and "附件" in headers[4]
    assert docx_footers(copy) == docx_footers(original)


def test_what_is_not_a_word_file_is_refused_not_handed_out():
    with pytest.raises(StampProblem):
        copy_of(b"%PDF-1.7 not a docx", ".docx", mark())
    with pytest.raises(StampProblem):
        copy_of(b"PK\x03\x04 broken", ".xlsx", mark())


# ------------------------------------------------------------------------------ .xlsx


def _workbook(**options) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    sheet.append(["村", "问题"])
    sheet.oddHeader.left.text = "密级：内部"
    sheet.oddHeader.right.text = "第三轮"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    bare = book.create_sheet("说明")  # no header or footer at all
    bare.append(["口径"])
    bare.merge_cells("A3:B3")
    for name, value in options.items():
        setattr(sheet.HeaderFooter, name, value)
    if options.get("differentOddEven"):
        sheet.evenHeader.center.text = "偶数页"
    if options.get("differentFirst"):
        sheet.firstHeader.center.text = "首页"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_each_sheet_carries_the_mark_after_its_own_header_with_its_footer_kept():
    text = mark("内部")
    headers = xlsx_headers(copy_of(_workbook(), ".xlsx", text))
    left, right, footer = headers["汇总"]
    assert left == "密级：内部" and footer == "第 &P 页，共 &N 页"
    assert right.startswith("第三轮　") and right.endswith(text)
    assert headers["说明"][1] == text
    assert the_mark(right for _left, right, _footer in headers.values()) == text


def test_even_and_first_page_headers_carry_it_where_the_sheet_has_them():
    text = mark()
    copy = copy_of(_workbook(differentOddEven=True, differentFirst=True), ".xlsx", text)
    sheet = load_workbook(io.BytesIO(copy))["汇总"]
    assert sheet.evenHeader.center.text == "偶数页" and sheet.firstHeader.center.text == "首页"
    for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
        assert header.right.text.replace("&&", "&").endswith(text)


def test_a_large_workbook_is_stamped_a_chunk_at_a_time(monkeypatch):
    """A sheet of some 40 MB of XML: stamped with memory far below its size, whatever
    chunk the closing of its rows falls across."""
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>%s</t></is></c></row>'
        % (n, n, "村集体资产资源出租未公开招标".encode() * 8)
        for n in range(1, 100_001)
    )
    sheet = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + rows + b"</sheetData>"
        b'<pageMargins left="0.4" right="0.4" top="0.7" bottom="0.6" header="0.3" footer="0.3"/>'
        + HEADER_FOOTER.encode()
        + b"</worksheet>"
    )
    content = _zip_with_sheet(sheet)
    del rows, sheet
    monkeypatch.setattr(stamping_xlsx, "CHUNK", 1_000_003)  # a prime: the tag falls across
    text = mark()
    tracemalloc.start()
    try:
        copy = copy_of(content, ".xlsx", text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 12_000_000 + 2 * len(copy), peak  # the copy itself, and a few chunks
    with zipfile.ZipFile(io.BytesIO(copy)) as archive:
        stamped = archive.read("xl/worksheets/sheet1.xml")
    assert stamped.count(b"<row ") == 100_000
    stamped_header = HEADER_FOOTER.replace(
        "</oddHeader>", "&amp;R&amp;8" + text.replace("&", "&amp;&amp;") + "</oddHeader>"
    )
    assert stamped.endswith((stamped_header + "</worksheet>").encode())


HEADER_FOOTER = (
    "<headerFooter><oddHeader>&amp;L&amp;10密级：内部</oddHeader>"
    "<oddFooter>&amp;C第 &amp;P 页</oddFooter></headerFooter>"
)


def _zip_with_sheet(sheet: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org'
            '/package/2006/content-types"><Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"'
            "/></Types>",
        )
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return out.getvalue()
