"""The mark in a .docx: one line at the foot of every section's page header.

Every header a page can show gets it: the section's default one, its even-page one
where the document prints odd and even pages apart (GB/T 9704's page numbers alternate
sides: ``w:evenAndOddHeaders``), its first-page one where the section has a first page
of its own. A header linked to an earlier section's shows that one, stamped once. The footers,
where the page numbers are, are not touched; the line is small (小五, 9 pt), its height
exact and off the document grid, so the body's pages stay as they were.
"""

from docx import Document as open_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from inspection.stamping import StampProblem

SIZE = Pt(9)
LINE = Pt(11)


def _headers(document):
    """Each header definition the document's pages show, once: a section's own, or the
    one it inherits from the nearest section before it that has one (none anywhere: a new
    one on the first section, which every later section then inherits)."""
    sections = list(document.sections)
    even = document.settings.odd_and_even_pages_header_footer
    shown = set()
    for index, section in enumerate(sections):
        kinds = ["header"]
        if even:
            kinds.append("even_page_header")
        if section.different_first_page_header_footer:
            kinds.append("first_page_header")
        for kind in kinds:
            owner = next(
                (
                    before
                    for before in range(index, -1, -1)
                    if not getattr(sections[before], kind).is_linked_to_previous
                ),
                0,
            )
            if (kind, owner) not in shown:
                shown.add((kind, owner))
                yield getattr(sections[owner], kind)


def _blank(header) -> bool:
    """A header with nothing in it (python-docx makes a new one with one empty paragraph)."""
    return not header.tables and all(
        not paragraph.runs and not paragraph.text for paragraph in header.paragraphs
    )


def _line(header, mark: str) -> None:
    if _blank(header) and header.paragraphs:
        paragraph = header.paragraphs[0]
        properties = paragraph._p.pPr
        if properties is not None:
            paragraph._p.remove(properties)  # not the "Header" style's border or grid
    else:
        paragraph = header.add_paragraph()
    layout = paragraph.paragraph_format
    layout.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    layout.space_before = layout.space_after = Pt(0)
    layout.line_spacing = LINE
    off_grid = OxmlElement("w:snapToGrid")
    off_grid.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert_element_before(
        off_grid, "w:spacing", "w:ind", "w:jc", "w:rPr"
    )
    run = paragraph.add_run(mark)
    run.font.size = SIZE


def stamp_docx(source, out, mark: str) -> None:
    """Write to ``out`` the .docx read from ``source`` with ``mark`` in its headers."""
    try:
        document = open_docx(source)
    except Exception as error:  # not a Word file, or one python-docx cannot read
        raise StampProblem(str(error) or type(error).__name__) from error
    for header in list(_headers(document)):
        _line(header, mark)
    document.save(out)
