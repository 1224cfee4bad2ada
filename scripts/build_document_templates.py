#!/usr/bin/env python3
"""Builds the shipped .docx templates of the documents, laid out per GB/T 9704-2012.

    .venv/bin/python scripts/build_document_templates.py

The layout is code so that it can be reviewed: A4; margins top 37 mm, bottom 35 mm, left
28 mm, right 26 mm (版心 156 × 225 mm); body 仿宋_GB2312 三号 (16 pt) on a grid of 22 lines
× 28 characters (line pitch 28.95 pt, exact); title 方正小标宋简体 二号 (22 pt) centred;
headings 黑体 (first level) and 楷体_GB2312 (second level); 密级 top left in 黑体 三号;
page numbers "— N —" in 宋体 四号 (14 pt) at the foot, odd pages right and even pages left,
one character in. Fonts are named, not embedded: the county's Word has them.

The templates hold docxtpl (Jinja) tags; each kind's context supplies them. The county may
replace a template with its own (the office's template page), so these are a start, not
a law. Each builder below writes one file; run the script after changing one and commit
the .docx it writes.
"""

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"

BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
TEXT_WIDTH = Mm(156)  # 210 − 28 − 26
# 28 characters of 16 pt need 448 pt; the line holds 442.2 pt: each character 0.25 pt closer.
CHARACTER_SPACING = "-5"  # twentieths of a point


def _fonts(run_or_style, east_asian: str, size=None, bold=False) -> None:
    """Latin text in Times New Roman, Chinese in ``east_asian`` (both by name)."""
    font = run_or_style.font
    font.name = LATIN_FONT
    font.bold = bold
    if size is not None:
        font.size = size
    properties = run_or_style.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _exact(paragraph_format, pitch=LINE_PITCH) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = pitch
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def _grid(section) -> None:
    """22 lines: Word's line grid (linePitch in twips). The 28 characters a line come from
    the body's character spacing (``CHARACTER_SPACING``), not from a character grid:
    LibreOffice gives a glyph wider than a grid cell two cells, doubling every gap."""
    properties = section._sectPr
    for old in properties.findall(qn("w:docGrid")):
        properties.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), "579")
    properties.append(grid)


def _page_number(footer, alignment) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.alignment = alignment
    paragraph.paragraph_format.left_indent = Pt(14)
    paragraph.paragraph_format.right_indent = Pt(14)
    for text in ("— ", None, " —"):
        run = paragraph.add_run()
        _fonts(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if text is not None:
            run.text = text
            continue
        for kind, value in (("begin", None), (None, " PAGE "), ("end", None)):
            if kind is None:
                instruction = OxmlElement("w:instrText")
                instruction.set(qn("xml:space"), "preserve")
                instruction.text = value
                run._r.append(instruction)
            else:
                mark = OxmlElement("w:fldChar")
                mark.set(qn("w:fldCharType"), kind)
                run._r.append(mark)


def new_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    _grid(section)
    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT, BODY_SIZE)
    _exact(normal.paragraph_format)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), CHARACTER_SPACING)
    normal.element.get_or_add_rPr().append(spacing)
    normal.paragraph_format.widow_control = False
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    return document


def _paragraph(document, text="", *, font=BODY_FONT, size=BODY_SIZE, bold=False, align=None):
    paragraph = document.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if text:
        _fonts(paragraph.add_run(text), font, size, bold)
    return paragraph


def classification_mark(document) -> None:
    """密级 in the top left corner, 黑体 三号 (GB/T 9704 7.2.2)."""
    _paragraph(document, "{{ classification }}", font=HEADING_FONT)


def title(document, text: str) -> None:
    """The title, 方正小标宋简体 二号 centred, one blank line under it."""
    paragraph = _paragraph(document, text, font=TITLE_FONT, size=TITLE_SIZE)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(paragraph.paragraph_format, Pt(36))


def number_line(document) -> None:
    """发文字号 centred under the title: 巡察谈〔2026〕3号."""
    _paragraph(document, "{{ number }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document)


def heading(document, text: str) -> None:
    """A first-level heading (一、…), 黑体, two characters in, never last on a page."""
    paragraph = _paragraph(document, text, font=HEADING_FONT)
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.keep_with_next = True


def subheading(document, text: str) -> None:
    """A second-level heading (（一）…), 楷体_GB2312, two characters in."""
    paragraph = _paragraph(document, text, font=SUBHEADING_FONT)
    paragraph.paragraph_format.first_line_indent = Pt(32)
    paragraph.paragraph_format.keep_with_next = True


def body_lines(document, variable: str) -> None:
    """The paragraphs of a text (``variable`` is a list of lines), two characters in."""
    _paragraph(document, "{%p for line in " + variable + " %}")
    paragraph = _paragraph(document, "{{ line }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Pt(32)
    _paragraph(document, "{%p endfor %}")


def _borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "6")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    properties.append(borders)


LABEL_WIDTH = Mm(32)  # five characters of 三号


def facts_table(document, rows: list[tuple[str, str]], label_width=LABEL_WIDTH) -> None:
    """A two-column table of facts, as wide as the text block and no wider."""
    table = document.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    widths = (label_width, TEXT_WIDTH - label_width)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        for cell, width, text, font in zip(
            row.cells, widths, (label, value), (HEADING_FONT, BODY_FONT), strict=True
        ):
            cell.width = width
            paragraph = cell.paragraphs[0]
            _exact(paragraph.paragraph_format)
            _fonts(paragraph.add_run(text), font, BODY_SIZE)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    _paragraph(document)


def signatures(document, labels: list[str]) -> None:
    """Lines to sign on, right of centre."""
    _paragraph(document)
    for label in labels:
        paragraph = _paragraph(document, f"{label}：", align=WD_ALIGN_PARAGRAPH.LEFT)
        paragraph.paragraph_format.left_indent = Mm(70)


FORM_SIZE = Pt(12)  # 小四: a form's table holds a paper on one page, as counties print it
FORM_PITCH = Pt(21)
FORM_LABEL_WIDTH = Mm(36)  # 副组长复核意见: seven characters of 小四 and the cell's margins


# What follows w:snapToGrid in a paragraph's properties (ECMA-376 order, which Word checks).
_AFTER_SNAP_TO_GRID = (
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _off_grid(paragraph) -> None:
    """Lines at the form's own pitch: off the page's 22-line grid, which would give every
    line of 小四 a body line's height."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    paragraph._p.get_or_add_pPr().insert_element_before(snap, *_AFTER_SNAP_TO_GRID)


def _cell_paragraph(cell, text, *, font=BODY_FONT, first=False, align=None):
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    _exact(paragraph.paragraph_format, FORM_PITCH)
    _off_grid(paragraph)
    if align is not None:
        paragraph.alignment = align
    if text:
        _fonts(paragraph.add_run(text), font, FORM_SIZE)
    return paragraph


def _keep_whole(row) -> None:
    """A row is not split over two pages (a signature stays with its opinion)."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def form_table(document, rows) -> None:
    """A form (审批单): label and value, as wide as the text block, in 四号. A value is a
    text, or a list of texts (one paragraph each); a text "*name" is a loop over the list
    ``name``, one paragraph an element."""
    table = document.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    widths = (FORM_LABEL_WIDTH, TEXT_WIDTH - FORM_LABEL_WIDTH)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        _keep_whole(row)
        label_cell, value_cell = row.cells
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
        _cell_paragraph(label_cell, label, font=HEADING_FONT, first=True)
        values = value if isinstance(value, list) else [value]
        for index, text in enumerate(values):
            first = index == 0
            if text.startswith("*"):
                _cell_paragraph(value_cell, "{%p for line in " + text[1:] + " %}", first=first)
                _cell_paragraph(value_cell, "{{ line }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
                _cell_paragraph(value_cell, "{%p endfor %}")
            elif text.startswith(">"):  # a signature line, right of the cell
                _cell_paragraph(value_cell, text[1:], first=first, align=WD_ALIGN_PARAGRAPH.RIGHT)
            else:
                _cell_paragraph(value_cell, text, first=first, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def _signed(who: str) -> str:
    return f">签名：{{{{ paper.{who}.name }}}}　　日期：{{{{ paper.{who}.date }}}}"


PAPER_ROWS = [
    ("巡察组", "{{ team }}"),
    ("被巡察党组织", "{{ organisation }}"),
    ("底稿编号", "{{ paper.number }}"),
    ("标题", "{{ paper.title }}"),
    ("问题类别", "{{ paper.class_path }}"),
    ("问题性质", "{{ paper.nature }}"),
    ("发生时间地点", "{{ paper.occurred }}"),
    ("责任主体", "{{ paper.responsible }}"),
    ("问题事实", "*paper.facts"),
    ("定性依据", "*paper.basis"),
    ("涉及金额", "{{ paper.amount }}"),
    ("佐证材料清单", "*paper.materials"),
    ("承办人", _signed("submitted")),
    ("副组长复核意见", ["{{ paper.review_opinion }}", _signed("reviewed")]),
    ("组长审签意见", ["{{ paper.sign_opinion }}", _signed("confirmed")]),
]


def form_title(document, text: str, *, new_page=False) -> None:
    """A form's title, 方正小标宋简体 二号 centred, a half line under it."""
    paragraph = _paragraph(document, text, font=TITLE_FONT, size=TITLE_SIZE)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(paragraph.paragraph_format, Pt(36))
    paragraph.paragraph_format.space_after = Pt(12)
    paragraph.paragraph_format.page_break_before = new_page
    paragraph.paragraph_format.keep_with_next = True


# ------------------------------------------------------------------------- the kinds


def interview_record() -> Document:
    """谈话记录 (rounds): one interview."""
    document = new_document()
    classification_mark(document)
    title(document, "谈 话 记 录")
    number_line(document)
    facts_table(
        document,
        [
            ("巡察轮次", "{{ round_title }}"),
            ("巡察组", "{{ team }}"),
            ("巡察对象", "{{ target }}"),
            ("谈话时间", "{{ held_at }}"),
            ("谈话地点", "{{ place }}"),
            ("谈话对象", "{{ interviewee }}"),
            ("类别及职务", "{{ interviewee_post }}"),
            ("谈话人", "{{ interviewers }}"),
            ("记录人", "{{ recorder }}"),
        ],
    )
    heading(document, "一、谈话提纲")
    body_lines(document, "outline")
    heading(document, "二、谈话内容")
    body_lines(document, "record")
    heading(document, "三、反映的问题")
    body_lines(document, "problems_raised")
    # The interviewee reads the record and confirms it, as counties have it signed.
    acknowledgement = _paragraph(document, "以上记录已经本人核对，与本人所谈一致。")
    acknowledgement.paragraph_format.first_line_indent = Pt(32)
    signatures(document, ["谈话对象（签字）", "谈话人（签字）", "记录人（签字）"])
    _paragraph(document, "生成日期：{{ generated_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return document


def work_plan() -> Document:
    """巡察工作方案 (rounds): the round's objects, dates, teams and supervision items, for
    the leading group to agree before the round goes on site."""
    document = new_document()
    classification_mark(document)
    title(document, "{{ round_title }}工作方案")
    number_line(document)
    opening = _paragraph(document, "{{ opening }}", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    opening.paragraph_format.first_line_indent = Pt(32)
    heading(document, "一、巡察对象和进驻安排")
    _list_table(
        document,
        [
            ("序号", "number", 12),
            ("乡镇（街道）", "town", 24),
            ("巡察对象", "target", 40),
            ("巡察方式", "mode", 28),
            ("巡察组", "team", 26),
            ("驻点时间", "dates", 26),
        ],
        size=TABLE_SIZE,
        pitch=TABLE_PITCH,
    )
    _paragraph(document)
    heading(document, "二、时间安排")
    body_lines(document, "schedule")
    heading(document, "三、巡察组组成")
    body_lines(document, "teams")
    heading(document, "四、监督重点")
    body_lines(document, "items")
    heading(document, "五、必谈必访必查必看")
    body_lines(document, "must")
    heading(document, "六、工作要求")
    body_lines(document, "requirements")
    _paragraph(document).paragraph_format.keep_with_next = True
    for text in ("县委巡察工作领导小组办公室", "{{ generated_on }}"):
        closing = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        closing.paragraph_format.right_indent = Pt(32)
        closing.paragraph_format.keep_with_next = text != "{{ generated_on }}"
    return document


def immediate_order() -> Document:
    """立行立改通知书 (rectification): one written on-site order, with its 签收 stub."""
    document = new_document()
    classification_mark(document)
    title(document, "立行立改通知书")
    number_line(document)
    _paragraph(document, "{{ addressee }}：")
    opening = _paragraph(
        document,
        "{{ round_title }}{{ team }}在对{{ target }}开展巡察期间，发现以下问题，"
        "属于立行立改事项，现通知你们立即整改。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    opening.paragraph_format.first_line_indent = Pt(32)
    heading(document, "一、存在的问题")
    _paragraph(document, "{%p for problem in problems %}")
    subheading(
        document, "（{{ problem.ordinal }}）{{ problem.class_path }}（{{ problem.nature }}）"
    )
    body_lines(document, "problem.facts")
    _paragraph(document, "{%p endfor %}")
    heading(document, "二、整改要求")
    body_lines(document, "requirements")
    # The due date, then the team and the date, kept together: the signing block never
    # stands alone on a page (GB/T 9704 7.3.5).
    due = _paragraph(document, "请于{{ due_on }}前整改到位。", align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    due.paragraph_format.first_line_indent = Pt(32)
    due.paragraph_format.keep_with_next = True
    _paragraph(document).paragraph_format.keep_with_next = True
    for text in ("{{ team }}", "组长：{{ leader }}", "{{ issued_on }}"):
        closing = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        closing.paragraph_format.right_indent = Pt(64)
        closing.paragraph_format.keep_with_next = text != "{{ issued_on }}"
    _paragraph(document)
    stub = _paragraph(
        document, "签  收  回  执", font=HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    stub.paragraph_format.keep_with_next = True
    facts_table(
        document,
        [
            ("通知书文号", "{{ number }}"),
            ("签收单位", "{{ addressee }}"),
            ("签收人", "{{ signer }}"),
            ("职务", "{{ signer_post }}"),
            ("签收日期", "{{ signed_on }}"),
        ],
    )
    return document


def problem_paper() -> Document:
    """问题底稿审批单 (findings): one paper and its three signatures, one page."""
    document = new_document()
    classification_mark(document)
    form_title(document, "问题底稿审批单")
    form_table(document, PAPER_ROWS)
    return document


def paper_compilation() -> Document:
    """底稿汇编 (findings): a cover, the contents, then every signed paper's 审批单."""
    document = new_document()
    classification_mark(document)
    for _ in range(4):
        _paragraph(document)
    title(document, "巡察问题底稿汇编")
    _paragraph(document)
    for text in (
        "{{ round_title }}",
        "被巡察党组织：{{ organisation }}",
        "巡察组：{{ team }}",
        "编号：{{ number }}",
        "共{{ count }}份底稿",
    ):
        _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(6):
        _paragraph(document)
    _paragraph(document, "{{ generated_on }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    contents = _paragraph(document, "目  录", font=HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
    contents.paragraph_format.page_break_before = True
    _paragraph(document)
    _paragraph(document, "{%p for paper in papers %}")
    entry = _paragraph(document, "{{ loop.index }}．{{ paper.number }}　{{ paper.title }}")
    entry.paragraph_format.left_indent = Pt(32)
    entry.paragraph_format.first_line_indent = Pt(-32)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p for paper in papers %}")
    form_title(document, "问题底稿审批单", new_page=True)
    form_table(document, PAPER_ROWS)
    _paragraph(document, "{%p endfor %}")
    return document


def inspection_report() -> Document:
    """巡察报告 (findings): one inspected organisation's report to the leading group,
    drafted from the records for the team to edit."""
    document = new_document()
    classification_mark(document)
    title(document, "关于{{ organisation }}的巡察报告")
    number_line(document)
    _paragraph(document, "县委巡察工作领导小组：")
    opening = _paragraph(
        document,
        "根据县委统一部署，{{ team }}{{ period }}对{{ organisation }}开展了巡察"
        "（{{ round_title }}）。现将巡察情况报告如下。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    opening.paragraph_format.first_line_indent = Pt(32)
    heading(document, "一、基本情况")
    body_lines(document, "basics")
    heading(document, "二、发现的主要问题")
    body_lines(document, "problem_summary")
    _paragraph(document, "{%p for focus in focuses %}")
    subheading(document, "（{{ focus.ordinal }}）{{ focus.name }}")
    _paragraph(document, "{%p for aspect in focus.aspects %}")
    aspect = _paragraph(
        document, "{{ aspect.ordinal }}．{{ aspect.name }}方面，共{{ aspect.count }}个问题。"
    )
    aspect.paragraph_format.first_line_indent = Pt(32)
    aspect.paragraph_format.keep_with_next = True
    body_lines(document, "aspect.facts")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endfor %}")
    heading(document, "三、问题线索")
    body_lines(document, "clue_lines")
    heading(document, "四、意见建议")
    body_lines(document, "suggestions")
    _paragraph(document).paragraph_format.keep_with_next = True
    for text in ("{{ team }}", "{{ generated_on }}"):
        closing = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        closing.paragraph_format.right_indent = Pt(64)
        closing.paragraph_format.keep_with_next = text != "{{ generated_on }}"
    return document


def inspection_report_annex() -> Document:
    """巡察报告密封附件 (findings): the organisation's clues, one block each; sealed."""
    document = new_document()
    classification_mark(document)
    title(document, "巡察报告密封附件")
    number_line(document)
    intro = _paragraph(
        document,
        "{{ round_title }}{{ team }}巡察{{ organisation }}发现的问题线索，"
        "共{{ count }}件，涉及{{ persons }}人。本附件密封报送，仅供审批移交使用。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    intro.paragraph_format.first_line_indent = Pt(32)
    _paragraph(document, "{%p for clue in clues %}")
    subheading(document, "{{ clue.ordinal }}．{{ clue.number }}（{{ clue.status }}）")
    facts_table(
        document,
        [("线索摘要", "{{ clue.summary }}"), ("被反映人", "{{ clue.persons }}")],
    )
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{{ generated_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return document


def feedback_meeting() -> Document:
    """反馈会记录 (rectification): one batch's 反馈会 and the organisations fed back at it."""
    document = new_document()
    classification_mark(document)
    title(document, "巡察反馈会记录")
    _paragraph(document)
    facts_table(
        document,
        [
            ("巡察轮次", "{{ round_title }}"),
            ("反馈日期", "{{ fed_back_on }}"),
            ("反馈地点", "{{ place }}"),
            ("主持人", "{{ chair }}"),
            ("领导小组成员", "{{ members_present }}"),
            ("表态发言", "{{ statement }}"),
            ("登记人", "{{ given_by }}"),
        ],
    )
    heading(document, "一、参会人员")
    body_lines(document, "attendance")
    heading(document, "二、反馈对象（共{{ count }}个）")
    _paragraph(document, "{%p for organisation in organisations %}")
    entry = _paragraph(document, "{{ loop.index }}．{{ organisation }}")
    entry.paragraph_format.first_line_indent = Pt(32)
    _paragraph(document, "{%p endfor %}")
    heading(document, "三、整改要求")
    due = _paragraph(
        document,
        "被反馈党组织须于{{ plan_due_on }}前报送整改方案，"
        "于{{ report_due_on }}前报送整改落实情况报告。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    due.paragraph_format.first_line_indent = Pt(32)
    heading(document, "四、备注")
    body_lines(document, "note")
    signatures(document, ["主持人（签字）", "记录人（签字）"])
    _paragraph(document, "生成日期：{{ generated_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return document


def _common_problems_document(document, closing: list[str]) -> Document:
    """专题报告 / 巡察建议书: the text, then the common problems by class with their papers."""
    classification_mark(document)
    number_line(document)
    title(document, "{{ title }}")
    _paragraph(document)
    _paragraph(document, "{{ addressee }}：")
    body_lines(document, "body")
    heading(document, "一、涉及的共性问题（共{{ problem_count }}个）")
    _paragraph(document, "{%p for problem in problems %}")
    subheading(document, "（{{ problem.ordinal }}）{{ problem.class_path }}")
    body_lines(document, "problem.papers")
    _paragraph(document, "{%p endfor %}")
    for text in closing:
        paragraph = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Pt(32)
    _paragraph(document).paragraph_format.keep_with_next = True
    for text in ("县委巡察工作领导小组办公室", "{{ issued_on }}"):
        signed = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        signed.paragraph_format.right_indent = Pt(64)
        signed.paragraph_format.keep_with_next = text != "{{ issued_on }}"
    return document


def thematic_report() -> Document:
    """专题报告 (findings): common problems of a round, to the leading group."""
    return _common_problems_document(new_document(), ["特此报告。"])


def recommendation_letter() -> Document:
    """巡察建议书 (findings): common problems of a round, to a department, reply due."""
    return _common_problems_document(
        new_document(),
        ["请认真研究，于{{ reply_due_on }}前将采纳和落实情况书面回复县委巡察办。"],
    )


def _closing(document, lines_: tuple[str, ...]) -> None:
    """The signing block, right-aligned and kept together (GB/T 9704 7.3.5)."""
    _paragraph(document).paragraph_format.keep_with_next = True
    for text in lines_:
        closing = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        closing.paragraph_format.right_indent = Pt(64)
        closing.paragraph_format.keep_with_next = text != lines_[-1]


def _indented(document, text: str):
    paragraph = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.paragraph_format.first_line_indent = Pt(32)
    return paragraph


def feedback_letter() -> Document:
    """反馈意见 (rectification): to the organisation's 班子, the numbered 反馈问题 with their
    具体表现, then the 整改要求 with the plan and report due dates."""
    document = new_document()
    classification_mark(document)
    title(document, "巡察反馈意见")
    number_line(document)
    _paragraph(document, "{{ addressee }}：")
    _indented(
        document,
        "根据县委巡察工作统一部署，{{ round_title }}{{ team }}对{{ target }}进行了巡察。"
        "巡察报告经县委巡察工作领导小组审议、县委书记专题会听取，现将巡察发现的主要问题"
        "反馈如下。",
    )
    heading(document, "一、巡察发现的主要问题")
    _paragraph(document, "{%p for issue in issues %}")
    subheading(document, "（{{ issue.ordinal }}）{{ issue.title }}")
    body_lines(document, "issue.summary")
    _paragraph(document, "{%p for problem in issue.problems %}")
    _indented(document, "{{ loop.index }}．{{ problem.facts }}")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endfor %}")
    heading(document, "二、整改要求")
    _indented(
        document,
        "请你们对照反馈的{{ count }}个问题，按反馈问题编号逐项制定整改方案，明确整改措施、"
        "责任人和整改时限，建立整改台账，于{{ plan_due }}将整改方案报县委巡察办；"
        "于{{ report_due }}将整改情况报告报县委巡察办。",
    )
    _indented(
        document,
        "整改方案和整改报告须经党组织班子集体研究，主要负责人签字。整改情况按规定在一定"
        "范围内公开，接受党员群众监督。",
    )
    _closing(document, ("{{ round_title }}{{ team }}", "{{ fed_back_on }}"))
    return document


def feedback_to_head() -> Document:
    """向主要负责人反馈 (rectification): the same issues told to the organisation's 主要负责人,
    and the responsibility paragraph."""
    document = new_document()
    classification_mark(document)
    title(document, "向主要负责人反馈意见")
    _paragraph(document)
    _paragraph(document, "{{ organisation }}主要负责人同志：")
    _indented(
        document,
        "根据巡察工作有关规定，现将{{ round_title }}{{ team }}巡察{{ target }}发现的主要问题"
        "向你单独反馈。",
    )
    heading(document, "一、巡察发现的主要问题")
    _paragraph(document, "{%p for issue in issues %}")
    _indented(document, "{{ issue.ordinal }}是{{ issue.title }}。{{ issue.summary|join('') }}")
    _paragraph(document, "{%p endfor %}")
    heading(document, "二、切实履行整改第一责任人职责")
    _indented(
        document,
        "你作为{{ organisation }}主要负责人，是巡察整改第一责任人，要切实担负起整改主体责任，"
        "对反馈的{{ count }}个问题亲自研究、亲自部署、亲自督办，于{{ plan_due }}报送整改方案，"
        "于{{ report_due }}报送整改报告，确保件件有着落、事事有回音。",
    )
    _closing(document, ("{{ round_title }}{{ team }}", "{{ fed_back_on }}"))
    return document


def _signed_line(name: str, date: str) -> str:
    return f">签名：{{{{ {name} }}}}　　日期：{{{{ {date} }}}}"


CLUE_APPROVAL_ROWS = [
    ("巡察轮次", "{{ round_title }}"),
    ("巡察组", "{{ team }}"),
    ("被巡察党组织", "{{ target }}"),
    ("被反映人", "{{ persons }}"),
    ("线索摘要", "*summary"),
    ("涉及金额", "{{ amount }}"),
    ("拟移交机关", "{{ body }}"),
    ("巡察组组长意见", ["{{ proposal }}", _signed_line("proposer", "proposed_on")]),
    ("巡察办审核意见", ["*review_opinion", _signed_line("reviewer", "reviewed_on")]),
    ("领导小组意见", ["*sign_off_opinion", _signed_line("signer", "signed_off_on")]),
]


def clue_approval_form() -> Document:
    """问题线索移交审批表 (findings): one clue, the leader's proposal, the office's review
    and the leading group's sign-off box, one page."""
    document = new_document()
    classification_mark(document)
    form_title(document, "问题线索移交审批表")
    _paragraph(document, "编号：{{ number }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    form_table(document, CLUE_APPROVAL_ROWS)
    return document


def transfer_letter() -> Document:
    """问题线索移交函 (findings): one letter, its clues one by one, the material sent."""
    document = new_document()
    classification_mark(document)
    title(document, "问题线索移交函")
    number_line(document)
    _paragraph(document, "{{ addressee }}：")
    opening = _paragraph(
        document,
        "经县委巡察工作领导小组审批同意，现将巡察中发现的问题线索{{ count }}件"
        "（涉及{{ persons_count }}人）移交你单位，请按照干部管理权限和有关规定处置，"
        "并于{{ due_days }}日内将办理结果反馈县委巡察办。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    opening.paragraph_format.first_line_indent = Pt(32)
    heading(document, "一、移交的问题线索")
    _paragraph(document, "{%p for clue in clues %}")
    subheading(document, "（{{ clue.ordinal }}）{{ clue.target }}")
    for text in (
        "被反映人：{{ clue.persons }}",
        "主要问题：{{ clue.summary }}",
        "涉及金额：{{ clue.amount }}",
    ):
        line = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        line.paragraph_format.first_line_indent = Pt(32)
    _paragraph(document, "{%p endfor %}")
    heading(document, "二、移交材料")
    body_lines(document, "material")
    _paragraph(document).paragraph_format.keep_with_next = True
    for text in ("县委巡察工作领导小组办公室", "{{ sent_on }}"):
        closing = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        closing.paragraph_format.right_indent = Pt(64)
        closing.paragraph_format.keep_with_next = text != "{{ sent_on }}"
    return document


# ------------------------------------------------------- 整改方案 and 三清单 (rectification)

TABLE_SIZE = Pt(10.5)  # 五号: a 三清单 row of twelve columns
TABLE_PITCH = Pt(15)


def _list_table(document, columns: list[tuple[str, str, float]], *, size, pitch) -> None:
    """A list with a header row and one row per element of ``rows`` (docxtpl ``{%tr %}``):
    ``columns`` are (header, the row's field, width in mm)."""
    table = document.add_table(rows=4, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    header, opening, body, closing = table.rows
    header_properties = header._tr.get_or_add_trPr()
    header_properties.append(OxmlElement("w:tblHeader"))  # repeated on every page
    for index, (label, field, width) in enumerate(columns):
        for row in table.rows:
            row.cells[index].width = Mm(width)
        for cell, text, font, align in (
            (header.cells[index], label, HEADING_FONT, WD_ALIGN_PARAGRAPH.CENTER),
            (body.cells[index], "{{ row." + field + " }}", BODY_FONT, None),
        ):
            paragraph = cell.paragraphs[0]
            _exact(paragraph.paragraph_format, pitch)
            _off_grid(paragraph)
            if align is not None:
                paragraph.alignment = align
            _fonts(paragraph.add_run(text), font, size)
    for row, tag in ((opening, "{%tr for row in rows %}"), (closing, "{%tr endfor %}")):
        _fonts(row.cells[0].paragraphs[0].add_run(tag), BODY_FONT, size)
    for column, (_label, _field, width) in zip(table.columns, columns, strict=True):
        column.width = Mm(width)


def rectification_plan() -> Document:
    """整改方案 (rectification): the draft the unit starts from, its issues as a 三清单."""
    document = new_document()
    classification_mark(document)
    title(document, "{{ organisation }}关于{{ round_title }}反馈意见的整改方案")
    _paragraph(document)
    for text in (
        "{{ round_title }}期间，巡察组于{{ fed_back_on }}向{{ target }}反馈了巡察意见。"
        "为切实抓好反馈问题整改，结合实际，制定本方案。",
        "本方案于{{ plan_due_on }}前报送，整改情况报告于{{ report_due_on }}前报送。",
    ):
        line = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        line.paragraph_format.first_line_indent = Pt(32)
    heading(document, "一、总体要求")
    line = _paragraph(
        document,
        "坚持问题导向，对反馈问题逐条建立问题清单、任务清单、责任清单，"
        "明确整改措施、整改目标、责任领导、责任人和整改时限，整改一个、销号一个。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    line.paragraph_format.first_line_indent = Pt(32)
    heading(document, "二、问题、任务、责任清单")
    _list_table(
        document,
        [
            ("序号", "number", 9),
            ("问题", "issue", 20),
            ("具体表现", "facts", 26),
            ("整改措施和目标", "task", 40),
            ("阶段安排", "stages", 18),
            ("责任领导", "leader", 14),
            ("责任人", "person", 13),
            ("整改时限", "deadline", 16),
        ],
        size=TABLE_SIZE,
        pitch=TABLE_PITCH,
    )
    heading(document, "三、保障措施")
    line = _paragraph(
        document,
        "党组织书记履行第一责任人职责，班子成员按分工抓好落实；"
        "整改情况按期报告，接受党员群众监督。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    line.paragraph_format.first_line_indent = Pt(32)
    _paragraph(document).paragraph_format.keep_with_next = True
    for text in ("{{ organisation }}", "{{ generated_on }}"):
        closing = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        closing.paragraph_format.right_indent = Pt(32)
    return document


def three_lists() -> Document:
    """整改三清单 (rectification): per unit, landscape, in the ledger's official columns,
    signed by the unit's principal and the responsible leaders (签字背书)."""
    document = new_document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(15), Mm(15)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    classification_mark(document)
    title(document, "{{ target }}巡察反馈问题整改清单")
    _paragraph(
        document,
        "（问题清单、任务清单、责任清单）　{{ round_title }}　反馈日期：{{ fed_back_on }}",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=FORM_SIZE,
    )
    _list_table(
        document,
        [
            ("序号", "number", 12),
            ("反馈问题", "issue", 26),
            ("具体表现", "facts", 36),
            ("整改目标", "target", 24),
            ("整改措施", "measures", 36),
            ("责任领导", "leader", 14),
            ("责任单位", "unit", 20),
            ("责任人", "person", 14),
            ("整改时限", "deadline", 18),
            ("完成情况", "done", 21),
            ("佐证材料", "evidence", 25),
            ("备注", "remark", 21),
        ],
        size=TABLE_SIZE,
        pitch=TABLE_PITCH,
    )
    _paragraph(document, size=FORM_SIZE)
    for text in (
        "主要负责人（签字）：　　　　　　　　　　"
        "责任领导（签字）：　　　　　　　　　　　　日期：　　年　　月　　日",
        "{{ organisation }}（盖章）　　　　生成日期：{{ generated_on }}",
    ):
        _paragraph(document, text, size=FORM_SIZE)
    return document


def publicity_draft() -> Document:
    """整改公开稿 (rectification): each 反馈问题 with its measures and results, no names."""
    document = new_document()
    classification_mark(document)
    title(document, "关于{{ organisation }}巡察整改情况的公示")
    _paragraph(document)
    _indented(
        document,
        "根据县委巡察工作统一部署，{{ round_title }}对{{ organisation }}进行了巡察，"
        "反馈问题{{ count }}个。现将整改落实情况公示如下，接受党员群众监督。",
    )
    _paragraph(document, "{%p for issue in issues %}")
    heading(document, "{{ issue.ordinal }}、{{ issue.title }}")
    _paragraph(document, "{%p if issue.summary %}")
    _indented(document, "问题：{{ issue.summary }}")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p for measure in issue.measures %}")
    _indented(document, "整改措施：{{ measure }}")
    _indented(document, "整改结果：{{ issue.results[loop.index0] }}")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endfor %}")
    _indented(
        document,
        "公示期间，如对整改情况有意见建议，可向县委巡察办反映。",
    )
    _closing(document, ("{{ issuer }}", "{{ generated_on }}"))
    return document


LETTER_COLUMNS = (
    ("序号", Mm(14)),
    ("整改事项", Mm(86)),
    ("整改时限", Mm(30)),
    ("逾期天数", Mm(26)),
)


def items_table(document) -> None:
    """The letter's items, one row each (a docxtpl row loop), under a header row."""
    table = document.add_table(rows=4, cols=len(LETTER_COLUMNS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    header, loop, data, end = table.rows
    _keep_whole(data)
    cells = ("{{ item.ordinal }}", "{{ item.title }}", "{{ item.deadline }}", "{{ item.overdue }}")
    for index, (label, width) in enumerate(LETTER_COLUMNS):
        for row in table.rows:
            row.cells[index].width = width
        table.columns[index].width = width
        centre = WD_ALIGN_PARAGRAPH.CENTER
        _cell_paragraph(header.cells[index], label, font=HEADING_FONT, first=True, align=centre)
        align = WD_ALIGN_PARAGRAPH.JUSTIFY if index == 1 else centre
        _cell_paragraph(data.cells[index], cells[index], first=True, align=align)
    _cell_paragraph(loop.cells[0], "{%tr for item in items %}", first=True)
    _cell_paragraph(end.cells[0], "{%tr endfor %}", first=True)
    _paragraph(document)


def supervision_letter() -> Document:
    """督办函 / 提示函 (rectification): the office to a unit about its red (or yellow)
    ledger items, the reply due, and the 签收 stub."""
    document = new_document()
    classification_mark(document)
    title(document, "{{ title }}")
    number_line(document)
    _paragraph(document, "{{ addressee }}：")
    body_lines(document, "opening")
    items_table(document)
    heading(document, "整改要求")
    body_lines(document, "requirements")
    due = _paragraph(
        document,
        "请于{{ reply_due_on }}前将整改落实情况书面回复县委巡察办（盖章），"
        "逐项说明整改措施、完成情况和佐证材料。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    due.paragraph_format.first_line_indent = Pt(32)
    due.paragraph_format.keep_with_next = True
    _paragraph(document).paragraph_format.keep_with_next = True
    for text in ("县委巡察工作领导小组办公室", "{{ issued_on }}"):
        closing = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        closing.paragraph_format.right_indent = Pt(64)
        closing.paragraph_format.keep_with_next = text != "{{ issued_on }}"
    _paragraph(document)
    stub = _paragraph(
        document, "签  收  回  执", font=HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER
    )
    stub.paragraph_format.keep_with_next = True
    facts_table(
        document,
        [
            ("函件文号", "{{ number }}"),
            ("签收单位", "{{ addressee }}"),
            ("签收人", "{{ signer }}"),
            ("签收日期", "{{ signed_on }}"),
        ],
    )
    return document


def accountability_proposal() -> Document:
    """提请问责函 (rectification): the office asks the deciding body to hold a cadre or a
    party organisation to account; the body decides (问责条例)."""
    document = new_document()
    classification_mark(document)
    title(document, "关于提请对{{ target }}进行问责的函")
    number_line(document)
    _paragraph(document, "{{ deciding_body }}：")
    opening = _paragraph(
        document,
        "{{ round_title }}对{{ organisation }}开展巡察并反馈问题后，经对整改情况跟踪督促和评估，"
        "发现{{ target }}存在以下整改不力的问题。根据《中国共产党问责条例》有关规定，"
        "现提请你单位依规依纪予以问责。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    opening.paragraph_format.first_line_indent = Pt(32)
    heading(document, "一、问责对象")
    facts_table(
        document,
        [
            ("对象类别", "{{ target_kind }}"),
            ("被问责对象", "{{ target }}"),
            ("职务", "{{ post }}"),
            ("所在单位", "{{ place }}"),
        ],
    )
    heading(document, "二、问题事实")
    body_lines(document, "facts")
    heading(document, "三、涉及的整改事项")
    _paragraph(document, "{%p for item in items %}")
    entry = _paragraph(document, "{{ loop.index }}．{{ item }}")
    entry.paragraph_format.first_line_indent = Pt(32)
    _paragraph(document, "{%p endfor %}")
    heading(document, "四、建议问责方式")
    suggestion = _paragraph(
        document,
        "建议予以{{ suggested_form }}。请将问责决定及时反馈县委巡察工作领导小组办公室。",
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    )
    suggestion.paragraph_format.first_line_indent = Pt(32)
    suggestion.paragraph_format.keep_with_next = True
    _paragraph(document).paragraph_format.keep_with_next = True
    for text in ("县委巡察工作领导小组办公室", "{{ proposed_on }}"):
        closing = _paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT)
        closing.paragraph_format.right_indent = Pt(64)
        closing.paragraph_format.keep_with_next = text != "{{ proposed_on }}"
    return document


def evaluation_form() -> Document:
    """整改评估表 (rectification): the figures the product filled and the office's batch."""
    document = new_document()
    classification_mark(document)
    form_title(document, "巡察整改评估表")
    form_table(
        document,
        [
            ("巡察轮次", "{{ round_title }}"),
            ("被巡察党组织", "{{ organisation }}"),
            ("整改台账条目", "{{ items }}"),
            ("整改到位率", "{{ closed_rate }}"),
            ("如期完成率", "{{ on_time_rate }}"),
            ("群众满意度", "{{ satisfaction }}"),
            ("资料完备率", "{{ evidence_rate }}"),
            ("反弹回潮", "{{ reopened }}"),
            ("评估结果", "{{ batch }}"),
            ("评估意见", ["*note", ">评估人：{{ evaluator }}　　日期：{{ evaluated_on }}"]),
        ],
    )
    signatures(document, ["巡察办负责人（签字）"])
    return document


QR_COLUMN = Mm(42)  # the 32 mm QR code and the cell's margins


def entry_notice() -> Document:
    """进驻公告 (rounds): posted in the village; one QR code of 码上巡 per village, its
    address beside it. A public notice: no 密级, no 文号."""
    document = new_document()
    title(document, "{{ round_title }}进驻公告")
    _paragraph(document)
    _indented(
        document,
        "根据县委巡察工作统一部署，{{ teams }}于{{ period }}对{{ places }}开展巡察。"
        "巡察期间，欢迎广大干部群众通过以下方式反映问题。现将有关事项公告如下：",
    )
    heading(document, "一、受理范围")
    body_lines(document, "accepted_scope")
    heading(document, "二、反映方式")
    facts_table(
        document,
        [
            ("值班电话", "{{ duty_phone }}"),
            ("举报邮箱", "{{ mailbox }}"),
            ("意见箱", "{{ letterbox }}"),
            ("受理截止", "{{ cutoff_on }}"),
        ],
    )
    heading(document, "三、码上巡")
    _indented(
        document,
        "用手机扫描本村二维码，或在浏览器中输入其旁边的网址，可匿名或实名反映问题、上传照片。",
    )
    table = document.add_table(rows=3, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    loop, data, end = table.rows
    _keep_whole(data)
    widths = (QR_COLUMN, TEXT_WIDTH - QR_COLUMN)
    for index, width in enumerate(widths):
        for row in table.rows:
            row.cells[index].width = width
        table.columns[index].width = width
    _cell_paragraph(loop.cells[0], "{%tr for village in villages %}", first=True)
    _cell_paragraph(data.cells[0], "{{ village.qr }}", first=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    picture = data.cells[0].paragraphs[0].paragraph_format
    picture.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # The code's white quiet zone stays inside the cell's borders.
    picture.space_before = picture.space_after = Pt(4)
    _cell_paragraph(data.cells[1], "{{ village.name }}", font=HEADING_FONT, first=True)
    _cell_paragraph(data.cells[1], "网址：{{ village.url }}")
    _cell_paragraph(end.cells[0], "{%tr endfor %}", first=True)
    _paragraph(document)
    _indented(document, "巡察组将对反映人的信息严格保密。")
    _closing(document, ("{{ teams }}", "{{ generated_on }}"))
    return document


# ------------------------------------------------- 巡前准备 (rounds): 函调, 清单, 提纲

VILLAGE_COLUMNS = (("序号", Mm(20)), ("乡镇(街道)", Mm(60)), ("村(社区)", Mm(76)))


def villages_table(document) -> None:
    """The villages a letter asks about, one row each (a docxtpl row loop)."""
    table = document.add_table(rows=4, cols=len(VILLAGE_COLUMNS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    header, loop, data, end = table.rows
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    cells = ("{{ v.ordinal }}", "{{ v.town }}", "{{ v.village }}")
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for index, (label, width) in enumerate(VILLAGE_COLUMNS):
        for row in table.rows:
            row.cells[index].width = width
        table.columns[index].width = width
        _cell_paragraph(header.cells[index], label, font=HEADING_FONT, first=True, align=centre)
        _cell_paragraph(data.cells[index], cells[index], first=True, align=centre)
    _cell_paragraph(loop.cells[0], "{%tr for v in villages %}", first=True)
    _cell_paragraph(end.cells[0], "{%tr endfor %}", first=True)


def data_request_letter() -> Document:
    """函调通知 / 巡前通报函 (rounds): the office asks a body what it holds on the villages
    of a round, by a due date (巡视工作条例: 巡前通报)."""
    document = new_document()
    classification_mark(document)
    title(document, "关于协助提供巡察对象有关情况的函")
    number_line(document)
    _paragraph(document, "{{ addressee }}：")
    _indented(document, "{{ opening }}")
    heading(document, "一、需提供的情况")
    body_lines(document, "asked")
    heading(document, "二、涉及的村(社区)")
    villages_table(document)
    heading(document, "三、有关要求")
    _indented(
        document,
        "请于{{ due_on }}前将有关情况书面反馈县委巡察办，按村(社区)分别列明；"
        "无相关情况的，请注明\u201c无\u201d。",
    )
    # The last paragraph stays with the signing block (GB/T 9704 7.3.5).
    _indented(
        document, "材料涉及问题线索或个人信息的，请密封报送，注意保密。"
    ).paragraph_format.keep_with_next = True
    _closing(document, ("县委巡察工作领导小组办公室", "{{ sent_on }}"))
    return document


def assignment_brief() -> Document:
    """个性监督清单 / 谈话提纲 (rounds): one village's, its sections and numbered lines."""
    document = new_document()
    classification_mark(document)
    title(document, "{{ title }}")
    _paragraph(document)
    facts_table(
        document,
        [
            ("巡察轮次", "{{ round_title }}"),
            ("巡察组", "{{ team }}"),
            ("巡察对象", "{{ target }}"),
            ("驻村时间", "{{ period }}"),
        ],
    )
    _paragraph(document, "{%p for section in sections %}")
    heading(document, "{{ section.heading }}")
    body_lines(document, "section.lines")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "生成日期：{{ generated_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    return document


def _landscape(document) -> None:
    """A4 landscape with narrow margins, for a list wider than the text block."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(20), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _rows_table(document, columns, *, rows: str) -> None:
    """``_list_table`` over the list ``rows`` (a docxtpl expression)."""
    table = document.add_table(rows=4, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    header, opening, body, closing = table.rows
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for index, (label, field, width) in enumerate(columns):
        for row in table.rows:
            row.cells[index].width = Mm(width)
        for cell, text, font, align in (
            (header.cells[index], label, HEADING_FONT, WD_ALIGN_PARAGRAPH.CENTER),
            (body.cells[index], "{{ row." + field + " }}", BODY_FONT, None),
        ):
            paragraph = cell.paragraphs[0]
            _exact(paragraph.paragraph_format, TABLE_PITCH)
            _off_grid(paragraph)
            if align is not None:
                paragraph.alignment = align
            _fonts(paragraph.add_run(text), font, TABLE_SIZE)
    for row, tag in ((opening, "{%tr for row in " + rows + " %}"), (closing, "{%tr endfor %}")):
        _fonts(row.cells[0].paragraphs[0].add_run(tag), BODY_FONT, TABLE_SIZE)
    for column, (_label, _field, width) in zip(table.columns, columns, strict=True):
        column.width = Mm(width)


def archive_catalogue() -> Document:
    """卷内目录 (rectification, the archive): a volume's pieces, 文书档案 and 业务档案 apart,
    each in order with 件号, 责任者, 文号, 题名, 日期, 页数, 密级, 保管期限 (DA/T 22)."""
    document = new_document()
    _landscape(document)
    classification_mark(document)
    title(document, "卷内目录")
    _paragraph(
        document,
        "{{ round_title }}　{{ volume }}　（共{{ total_pieces }}件{{ total_pages }}页）",
        align=WD_ALIGN_PARAGRAPH.CENTER,
        size=FORM_SIZE,
    )
    _paragraph(document, "{%p for section in sections %}")
    _paragraph(
        document, "{{ section.label }}（{{ section.count }}件）", font=HEADING_FONT, size=FORM_SIZE
    ).paragraph_format.keep_with_next = True
    _rows_table(
        document,
        [
            ("件号", "number", 12),
            ("责任者", "author", 44),
            ("文号", "reference", 46),
            ("题名", "title", 60),
            ("日期", "date", 22),
            ("页数", "pages", 12),
            ("密级", "classification", 14),
            ("保管期限", "retention", 21),
            ("备注", "note", 26),
        ],
        rows="section.rows",
    )
    _paragraph(document, "{%p endfor %}")
    _paragraph(
        document, "生成日期：{{ generated_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT, size=FORM_SIZE
    )
    return document


def archive_remarks() -> Document:
    """备考表 (rectification, the archive): the volume's state as filed, who filed it and
    who checked it."""
    document = new_document()
    classification_mark(document)
    form_title(document, "备考表")
    form_table(
        document,
        [
            ("卷名", "{{ round_title }}　{{ volume }}"),
            ("本卷情况", "*facts"),
            ("缺件及说明", "*gaps"),
            ("立卷人", "{{ filed_by }}"),
            ("检查人", ""),
            ("立卷时间", "{{ generated_on }}"),
        ],
    )
    return document


def archive_register() -> Document:
    """The archive's register of records (走访座谈、信访登记及处置、核验 …): a title and a
    table whose columns the register names."""
    document = new_document()
    _landscape(document)
    classification_mark(document)
    title(document, "{{ title }}")
    _paragraph(
        document, "{{ round_title }}　{{ volume }}", align=WD_ALIGN_PARAGRAPH.CENTER, size=FORM_SIZE
    )
    # One column written three times: docxtpl repeats the middle cell per column (``{%tc %}``).
    table = document.add_table(rows=4, cols=3)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _borders(table)
    header, opening, body, closing = table.rows
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for row, texts, font in (
        (header, ("{%tc for column in columns %}", "{{ column }}", "{%tc endfor %}"), HEADING_FONT),
        (opening, ("{%tr for row in rows %}", "", ""), BODY_FONT),
        (body, ("{%tc for cell in row %}", "{{ cell }}", "{%tc endfor %}"), BODY_FONT),
        (closing, ("{%tr endfor %}", "", ""), BODY_FONT),
    ):
        for cell, text in zip(row.cells, texts, strict=True):
            paragraph = cell.paragraphs[0]
            _exact(paragraph.paragraph_format, TABLE_PITCH)
            _off_grid(paragraph)
            if text:
                _fonts(paragraph.add_run(text), font, TABLE_SIZE)
    return document


TEMPLATES = {
    ROOT / "rounds" / "documents" / "entry_notice.docx": entry_notice,
    ROOT / "rounds" / "documents" / "interview_record.docx": interview_record,
    ROOT / "rounds" / "documents" / "work_plan.docx": work_plan,
    ROOT / "rectification" / "documents" / "immediate_order.docx": immediate_order,
    ROOT / "findings" / "documents" / "problem_paper.docx": problem_paper,
    ROOT / "findings" / "documents" / "paper_compilation.docx": paper_compilation,
    ROOT / "findings" / "documents" / "inspection_report.docx": inspection_report,
    ROOT / "findings" / "documents" / "inspection_report_annex.docx": inspection_report_annex,
    ROOT / "rectification" / "documents" / "feedback_meeting.docx": feedback_meeting,
    ROOT / "findings" / "documents" / "thematic_report.docx": thematic_report,
    ROOT / "findings" / "documents" / "recommendation_letter.docx": recommendation_letter,
    ROOT / "rectification" / "documents" / "feedback_letter.docx": feedback_letter,
    ROOT / "rectification" / "documents" / "feedback_to_head.docx": feedback_to_head,
    ROOT / "findings" / "documents" / "clue_approval_form.docx": clue_approval_form,
    ROOT / "findings" / "documents" / "transfer_letter.docx": transfer_letter,
    ROOT / "rectification" / "documents" / "rectification_plan.docx": rectification_plan,
    ROOT / "rectification" / "documents" / "three_lists.docx": three_lists,
    ROOT / "rectification" / "documents" / "publicity_draft.docx": publicity_draft,
    ROOT / "rectification" / "documents" / "supervision_letter.docx": supervision_letter,
    ROOT / "rectification" / "documents" / "accountability_proposal.docx": (
        accountability_proposal
    ),
    ROOT / "rectification" / "documents" / "evaluation_form.docx": evaluation_form,
    ROOT / "rounds" / "documents" / "data_request_letter.docx": data_request_letter,
    ROOT / "rounds" / "documents" / "assignment_brief.docx": assignment_brief,
    ROOT / "rectification" / "documents" / "archive_catalogue.docx": archive_catalogue,
    ROOT / "rectification" / "documents" / "archive_remarks.docx": archive_remarks,
    ROOT / "rectification" / "documents" / "archive_register.docx": archive_register,
}


def reproducible(document) -> bytes:
    """The .docx with fixed entry times: a rebuild without a change is the same file."""
    built = io.BytesIO()
    document.save(built)
    out = io.BytesIO()
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as to:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            to.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


def main() -> None:
    for path, build in TEMPLATES.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(reproducible(build()))
        print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
