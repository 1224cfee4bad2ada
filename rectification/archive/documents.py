"""The 卷内目录 and 备考表 of a volume: documents like the others (county-editable
templates, kept as ``Document`` records, a version each time the volume is built).

Their subject is the volume's assignment. They are generated when a volume is built
(``bundle``), after its pages are counted, never by ``render_documents`` (their
``subjects_of_round`` is empty): a catalogue is a snapshot of the volume as filed.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from django.utils.translation import gettext_lazy as _lazy

from inspection.documents.registry import document_kind
from inspection.permissions import is_office
from rectification.archive.volumes import Volume, round_volumes
from rounds.models import Assignment

DOCUMENTS = Path(__file__).resolve().parent.parent / "documents"


# Volumes the caller computed already (a round's ZIP computes them all at once): their
# catalogue and remarks print them as computed, not by reading the volume again.
_known: ContextVar[dict[int, Volume] | None] = ContextVar("known_volumes", default=None)


@contextmanager
def volumes_known(volumes: list[Volume]) -> Iterator[None]:
    """Within the block, a volume of ``volumes`` is printed as given (same reader)."""
    token = _known.set({volume.assignment.pk: volume for volume in volumes})
    try:
        yield
    finally:
        _known.reset(token)


def _volume(actor, assignment) -> Volume:
    known = (_known.get() or {}).get(assignment.pk)
    if known is not None:
        return known
    return round_volumes(assignment.round_id, reader=actor, assignment_id=assignment.pk)[0]


def _round_title(assignment) -> str:
    return str(assignment.round.title)


def catalogue_rows(volume: Volume) -> list[dict]:
    return [
        {
            "label": section.label,
            "count": len(section.pieces),
            "rows": [
                {
                    "number": str(filed.number),
                    "author": filed.piece.author,
                    "reference": filed.piece.number,
                    "title": filed.piece.title,
                    "date": filed.piece.date.strftime("%Y%m%d") if filed.piece.date else "",
                    "pages": str(filed.pages or ""),
                    "classification": filed.piece.classification_label,
                    "retention": filed.kind.get_retention_display(),
                    "note": "",
                }
                for filed in section.pieces
            ],
        }
        for section in volume.sections
        if section.pieces
    ]


def catalogue_context(actor, assignment) -> dict:
    volume = _volume(actor, assignment)
    return {
        "round_title": _round_title(assignment),
        "volume": volume.name,
        "total_pieces": str(len(volume.pieces)),
        "total_pages": str(sum(filed.pages or 0 for filed in volume.pieces)),
        "sections": catalogue_rows(volume),
    }


def catalogue_sample() -> dict:
    row = {
        "number": "1",
        "author": "县委巡察工作领导小组办公室",
        "reference": "",
        "title": "巡察工作方案",
        "date": "20260301",
        "pages": "4",
        "classification": "内部",
        "retention": "永久",
        "note": "",
    }
    return {
        "classification": "内部",
        "generated_on": "2026年9月8日",
        "round_title": "县委第一轮巡察",
        "volume": "示例村",
        "total_pieces": "1",
        "total_pages": "4",
        "sections": [{"label": "文书档案", "count": 1, "rows": [row]}],
    }


def remarks_lines(volume: Volume, override: str = "") -> dict:
    """The 备考表's lines, in Chinese whatever the reader's language (it is filed)."""
    facts = [
        f"{section.label} {len(section.pieces)} 件，{section.pages} 页。"
        for section in volume.sections
    ]
    uncounted = sum(1 for filed in volume.pieces if not filed.pages)
    if uncounted:
        facts.append(f"另有 {uncounted} 件页数未统计。")
    gaps = [f"缺：{line.name}" for line in volume.missing]
    if override:
        gaps.append(f"归档说明：{override}")
    return {"facts": facts, "gaps": gaps or ["本卷材料齐全。"]}


def remarks_context(actor, assignment) -> dict:
    from rectification.archive.closing import override_reason

    volume = _volume(actor, assignment)
    return {
        "round_title": _round_title(assignment),
        "volume": volume.name,
        "filed_by": str(actor),
        **remarks_lines(volume, override_reason(assignment.round)),
    }


def remarks_sample() -> dict:
    return {
        "classification": "内部",
        "generated_on": "2026年9月8日",
        "round_title": "县委第一轮巡察",
        "volume": "示例村",
        "filed_by": "王五",
        "facts": ["文书档案 8 件，40 页。", "业务档案 12 件，36 页。"],
        "gaps": ["本卷材料齐全。"],
    }


def _office_assignments(user):
    return Assignment.objects.all() if is_office(user) else Assignment.objects.none()


ARCHIVE_CATALOGUE = document_kind(
    code="archive_catalogue",
    name=_lazy("卷内目录"),
    model=Assignment,
    template=DOCUMENTS / "archive_catalogue.docx",
    context=catalogue_context,
    sample=catalogue_sample,
    generate_action="archive_build",
    read_action="archive_read",
    readable=_office_assignments,
    subjects_of_round=lambda round_id: Assignment.objects.none(),
)

ARCHIVE_REMARKS = document_kind(
    code="archive_remarks",
    name=_lazy("备考表"),
    model=Assignment,
    template=DOCUMENTS / "archive_remarks.docx",
    context=remarks_context,
    sample=remarks_sample,
    generate_action="archive_build",
    read_action="archive_read",
    readable=_office_assignments,
    subjects_of_round=lambda round_id: Assignment.objects.none(),
)
