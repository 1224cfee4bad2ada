"""A round's volumes (卷), computed from what the product holds.

One volume per inspected organisation (each assignment: a village, or the town's
committee in 巡乡带村). Its pieces follow the county's table (``ArchivePieceKind``):
each active line in order, the source's pieces of that line by date; 文书档案 and 业务档案
are filed apart, each numbered from 1 (件号). A required line without a piece is missing,
and a volume with one missing is incomplete. The page counts are those taken when the
volume was last built (``pages``). A few dozen queries whatever the number of volumes.
"""

from dataclasses import dataclass, field

from inspection.documents.models import Document
from inspection.permissions import visible
from rectification.archive.access import archive_round
from rectification.archive.choices import ArchiveCategory
from rectification.archive.sources import SOURCES, Piece, RoundFacts
from rectification.models import ArchivePageCount, ArchivePieceKind
from rounds.models import Assignment


@dataclass
class FiledPiece:
    kind: ArchivePieceKind
    piece: Piece
    number: int = 0  # 件号, within its category
    pages: int | None = None

    @property
    def file_name(self) -> str:
        """Its neutral name in the downloaded archive: 001_谈话记录.docx."""
        return f"{self.number:03d}_{self.kind.name}{self.piece.extension}"


@dataclass
class Section:
    """The pieces of one category (文书档案 or 业务档案) of a volume."""

    category: str
    label: str
    pieces: list[FiledPiece] = field(default_factory=list)

    @property
    def pages(self) -> int:
        return sum(filed.pages or 0 for filed in self.pieces)


@dataclass
class Volume:
    assignment: Assignment
    sections: list[Section]
    missing: list[ArchivePieceKind]

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def pieces(self) -> list[FiledPiece]:
        return [filed for section in self.sections for filed in section.pieces]

    @property
    def name(self) -> str:
        return self.assignment.target_name


def table() -> list[ArchivePieceKind]:
    """The county's table as in force: its active lines, in order."""
    return list(ArchivePieceKind.objects.filter(active=True).order_by("order", "pk"))


def round_assignments(round_id: int, assignment_id: int | None = None):
    assignments = Assignment.objects.filter(round_id=round_id)
    if assignment_id is not None:
        assignments = assignments.filter(pk=assignment_id)
    # In the round page's order (rounds.views.summaries.round_assignments).
    return assignments.select_related("round", "team", "town", "village").order_by(
        "town__code", "village__code", "pk"
    )


def round_volumes(round_id: int, *, reader=None, assignment_id: int | None = None) -> list[Volume]:
    """The volumes of round ``round_id`` (or of its one assignment), each piece in order.
    With a ``reader``, a confidential piece (a clue paper) is left out unless they may
    read its document; without one, every piece is there (the round's closing)."""
    assignments = {a.pk: a for a in round_assignments(round_id, assignment_id)}
    facts = RoundFacts(
        round_id=round_id, assignments=assignments, narrowed=assignment_id is not None
    )
    lines = table()
    found = {line.pk: SOURCES[line.source](facts) for line in lines if line.source in SOURCES}
    allowed = _readable_documents(reader, found)
    volumes = []
    for assignment_id_, assignment in assignments.items():
        sections = {
            category: Section(category=category, label=str(label))
            for category, label in ArchiveCategory.choices
        }
        missing = []
        for line in lines:
            pieces = sorted(
                found.get(line.pk, {}).get(assignment_id_, []), key=lambda piece: piece.order
            )
            pieces = [p for p in pieces if not p.confidential or p.document_id in allowed]
            if not pieces and line.required:
                missing.append(line)
            section = sections[line.category]
            for piece in pieces:
                section.pieces.append(
                    FiledPiece(kind=line, piece=piece, number=len(section.pieces) + 1)
                )
        volumes.append(
            Volume(assignment=assignment, sections=list(sections.values()), missing=missing)
        )
    _with_pages(volumes)
    return volumes


def archive_volumes(user, round_id) -> tuple:
    """The round and its volumes as ``user`` reads them (``archive_read``)."""
    inspection_round = archive_round(user, round_id, "archive_read")
    return inspection_round, round_volumes(inspection_round.pk, reader=user)


def _readable_documents(reader, found) -> set[int]:
    confidential = {
        piece.document_id
        for by_assignment in found.values()
        for pieces in by_assignment.values()
        for piece in pieces
        if piece.confidential
    }
    if not confidential:
        return set()
    if reader is None:
        return confidential
    return set(visible(Document, reader).filter(pk__in=confidential).values_list("pk", flat=True))


def _with_pages(volumes: list[Volume]) -> None:
    keys = {filed.piece.page_key for volume in volumes for filed in volume.pieces}
    counts = dict(ArchivePageCount.objects.filter(key__in=keys).values_list("key", "pages"))
    for volume in volumes:
        for filed in volume.pieces:
            filed.pages = counts.get(filed.piece.page_key)
