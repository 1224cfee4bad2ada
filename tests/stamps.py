"""Reading the reader's mark out of a downloaded file, as whoever traces a leaked copy
would: the .docx's page headers (python-docx), the .xlsx's page headers (openpyxl)."""

import io
import re

from docx import Document as open_docx
from openpyxl import load_workbook

MARK = re.compile(
    r"密级：(\S+)　　阅读人：(.+?) (\d{4}-\d{2}-\d{2} \d{2}:\d{2})　　副本号：([A-Z0-9]{8})"
)


def docx_headers(content: bytes) -> list[str]:
    """The text of every page header each section shows (default, even, first page)."""
    document = open_docx(io.BytesIO(content))
    even = document.settings.odd_and_even_pages_header_footer
    texts = []
    for section in document.sections:
        headers = [section.header]
        if even:
            headers.append(section.even_page_header)
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        texts += ["\n".join(p.text for p in header.paragraphs) for header in headers]
    return texts


def docx_footers(content: bytes) -> list[str]:
    """The XML of every footer part: the page-number fields live there."""
    document = open_docx(io.BytesIO(content))
    return [
        part.blob.decode("utf-8")
        for part in document.part.package.iter_parts()
        if part.partname.startswith("/word/footer")
    ]


def xlsx_headers(content: bytes) -> dict[str, tuple[str, str, str]]:
    """Each sheet's page header (left, centre, right; ``&&`` read back as ``&``) and footer
    centre, by sheet name."""
    book = load_workbook(io.BytesIO(content))
    return {
        sheet.title: (
            sheet.oddHeader.left.text or "",
            (sheet.oddHeader.right.text or "").replace("&&", "&"),
            sheet.oddFooter.center.text or "",
        )
        for sheet in book.worksheets
    }


def the_mark(texts) -> str:
    """The one mark the texts carry (every one of them, the same), as stamped."""
    texts = list(texts)
    assert texts and all(MARK.search(text) for text in texts), texts
    found = {match.group(0) for text in texts for match in MARK.finditer(text)}
    assert len(found) == 1, found
    return found.pop()


def cells_of(content: bytes) -> dict[str, list[tuple]]:
    """Each sheet's cell values, by sheet name."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}
