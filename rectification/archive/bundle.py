"""A volume (or all the volumes of a round) as one ZIP, written piece by piece.

Building a volume counts the pages of its files not counted yet (``pages``), then
generates its 卷内目录 and 备考表 (documents like the others, a new version each build),
then writes the archive: per volume a folder, in it 000_卷内目录.docx, the pieces under
文书档案/ and 业务档案/ with neutral names in order (001_巡察工作方案.docx …), and
备考表.docx. The ZIP is written to a stream that need not seek (an HTTP response, a file):
each piece is copied from storage in chunks, and what was written is handed on at once
(``stream_zip``), so memory stays flat however many pieces there are. The first volume's
卷内目录 and 备考表 are generated before a byte is sent (a template that cannot render is
a clear error, not a truncated ZIP); the others as the ZIP reaches their volume, from the
volumes computed once: a province round's 900 volumes start streaming at once instead
of after some 1,800 documents (docs/PERFORMANCE.md, "Documents and the archive").

Whoever takes the ZIP takes a reader's copy (``reader_copy``): each .docx and .xlsx in it
is stamped, as it is written, with its 密级, the reader, the time and the download's copy
number (``inspection.stamping``); the access log keeps one row per 密级 in the ZIP, with
the exact mark its pieces carry (docs/DOMAIN.md, "Confidentiality").
"""

import gc
import io
import json
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from inspection.audit import access_log_export
from inspection.documents.choices import Classification
from inspection.documents.models import Document
from inspection.documents.registry import kind_of
from inspection.documents.rendering import checksum, render
from inspection.documents.services import document_generate
from inspection.errors import ApplicationError, NotFoundError
from inspection.stamping import StampProblem, copy_number, file_mark, stampable, stamped_copy
from rectification.archive.access import archive_round
from rectification.archive.documents import DOCUMENTS, volumes_known
from rectification.archive.pages import count_pages
from rectification.archive.sources import OFFICE, Piece
from rectification.archive.volumes import Volume, round_volumes

logger = logging.getLogger(__name__)
CHUNK = 256 * 1024
REGISTER_TEMPLATE = DOCUMENTS / "archive_register.docx"
GENERATED = ("archive_catalogue", "archive_remarks")  # each volume's, made as it is built


def safe_part(text: str) -> str:
    return "".join("_" if ch in '/\\:*?"<>|' else ch for ch in text).strip() or "_"


def register_content(piece: Piece, volume_name: str, round_title: str) -> bytes:
    register = piece.register
    return render(
        REGISTER_TEMPLATE.read_bytes(),
        {
            "classification": "内部",
            "title": register.title,
            "round_title": round_title,
            "volume": volume_name,
            "columns": register.columns,
            "rows": register.rows,
        },
    )


def register_digest(piece: Piece, volume: Volume) -> str:
    """What decides a register's content (its rows, its heading, the template), as a
    digest: a register whose digest is unchanged keeps its page count."""
    register = piece.register
    facts = [register.title, register.columns, register.rows, volume.name]
    facts.append(str(volume.assignment.round.title))
    facts.append(checksum(REGISTER_TEMPLATE.read_bytes()))
    return checksum(json.dumps(facts, ensure_ascii=False).encode())


def _opener(piece: Piece, volume: Volume):
    if piece.file is not None:
        return lambda: piece.file.open("rb")
    return lambda: io.BytesIO(
        register_content(piece, volume.name, str(volume.assignment.round.title))
    )


@dataclass
class Entry:
    """One file of the archive: its name inside, how to open its content, its 密级."""

    name: str
    open: object
    classification: str = "内部"


def _count(volumes: list[Volume]) -> None:
    """Count what has no count yet, and each register whose content changed."""
    files, checksums = {}, {}
    for volume in volumes:
        for filed in volume.pieces:
            if filed.piece.register is not None:
                checksums[filed.piece.page_key] = register_digest(filed.piece, volume)
            elif filed.pages is not None:
                continue
            files[filed.piece.page_key] = (filed.piece.extension, _opener(filed.piece, volume))
    counted = count_pages(files, checksums)
    for volume in volumes:
        for filed in volume.pieces:
            filed.pages = counted.get(filed.piece.page_key, filed.pages)


def build_entries(
    *, actor, round_id: int, assignment_id: int | None = None, count: bool = True
) -> list[Entry]:
    """The files of the round's volumes (or of one), as ``actor`` may read them (a clue
    paper only for a reader of clue papers); ``archive_build`` on the round. With
    ``count``, the pages not counted yet are counted first (LibreOffice: seconds per
    volume); each piece's file is checked, and the first volume's 卷内目录 and 备考表
    generated, before the ZIP starts; the others' as the ZIP reaches them."""
    inspection_round = archive_round(actor, round_id, "archive_build")
    volumes = _volumes(actor, inspection_round, assignment_id)
    if assignment_id is not None and not volumes:
        raise NotFoundError(_("巡察对象不存在。"))
    for volume in volumes:
        for filed in volume.pieces:
            _stored(filed.piece)
    if count:
        _count(volumes)
    return _entries(actor, volumes, folders=assignment_id is None)


def _volumes(actor, inspection_round, assignment_id):
    # What is filed is in Chinese whatever the reader's language: names, labels, documents.
    with translation.override("zh-hans"):
        return round_volumes(inspection_round.pk, reader=actor, assignment_id=assignment_id)


def _generate(actor, kind: str, volume: Volume) -> Document:
    """A new version of the volume's ``kind`` (卷内目录, 备考表), made now from ``volume``
    as computed, its pages as counted."""
    with translation.override("zh-hans"), volumes_known([volume]):
        return document_generate(actor=actor, kind=kind, subject_id=volume.assignment.pk)


def _classifications(kind: str, volumes: list[Volume]) -> dict[int, str]:
    """The 密级 a new version of each volume's ``kind`` takes (its first version's, else
    the kind's), known before it is made: the access log counts the ZIP's pieces by 密级
    before the first is written. One query."""
    first = Document.objects.filter(
        kind=kind, version=1, object_id__in=[volume.assignment.pk for volume in volumes]
    ).values_list("object_id", "classification")
    chosen = dict(first)
    default = kind_of(kind).default_classification()
    with translation.override("zh-hans"):
        return {
            volume.assignment.pk: str(
                Classification(chosen.get(volume.assignment.pk, default)).label
            )
            for volume in volumes
        }


def _generated(actor, kind: str, volume: Volume, name: str, classification: str, *, now: bool):
    """The entry of the volume's new ``kind``: made ``now`` (before the ZIP starts), or
    when the ZIP opens it."""
    made: list[Document] = [_generate(actor, kind, volume)] if now else []

    def open_generated():
        if not made:
            made.append(_generate(actor, kind, volume))
        return made[0].file.open("rb")

    return Entry(name, open_generated, classification)


def _stored(piece: Piece) -> None:
    """A piece's file is in the storage, or the volume is refused before it is sent."""
    if piece.file is not None and not piece.file.storage.exists(piece.file.name):
        raise ApplicationError(
            _("「%(piece)s」的文件已不在存储中，请重新上传或生成后再立卷。")
            % {"piece": piece.title}
        )


def _entries(actor, volumes: list[Volume], *, folders: bool) -> list[Entry]:
    entries = []
    levels = {kind: _classifications(kind, volumes) for kind in GENERATED}
    for position, volume in enumerate(volumes):
        folder = f"{safe_part(volume.name)}_{volume.assignment.pk}/" if folders else ""
        pk, first = volume.assignment.pk, position == 0

        def generated(kind, name, volume=volume, pk=pk, first=first):
            return _generated(actor, kind, volume, name, levels[kind][pk], now=first)

        entries.append(generated("archive_catalogue", f"{folder}000_卷内目录.docx"))
        for section in volume.sections:
            for filed in section.pieces:
                entries.append(
                    Entry(
                        f"{folder}{section.label}/{safe_part(filed.file_name)}",
                        _opener(filed.piece, volume),
                        filed.piece.classification_label,
                    )
                )
        entries.append(generated("archive_remarks", f"{folder}备考表.docx"))
    return entries


def _stamped(entry: Entry, mark: str):
    """The opener of ``entry``'s copy with ``mark`` in its page headers."""
    extension = stampable(entry.name)

    def open_copy():
        with entry.open() as source:
            try:
                return stamped_copy(source, extension=extension, mark=mark)
            except StampProblem as error:
                # A file handed in under a Word name that Word's format does not hold:
                # filed as it came, as no reader opens it as a document either.
                logger.error("archive piece %s cannot be stamped: %s", entry.name, error)
        return entry.open()

    return open_copy


def reader_copy(*, actor, entries: list[Entry], subject, request=None) -> list[Entry]:
    """``entries`` as ``actor``'s copy: each .docx and .xlsx stamped with its 密级, the
    reader, the time and one copy number for the whole ZIP; one access-log row (an
    export of ``subject``, the round or the volume's assignment) per 密级 among them,
    keeping the mark those pieces carry."""
    moment, number = timezone.now(), copy_number()
    marks: dict[str, str] = {}
    counts: dict[str, int] = {}
    copies = []
    for entry in entries:
        if not stampable(entry.name):
            copies.append(entry)
            continue
        level = entry.classification
        if level not in marks:
            marks[level] = file_mark(user=actor, classification=level, moment=moment, copy=number)
        counts[level] = counts.get(level, 0) + 1
        copies.append(Entry(entry.name, _stamped(entry, marks[level]), level))
    for level, mark in marks.items():
        access_log_export(
            user=actor,
            obj=subject,
            detail=f"下载档案：{subject}（密级{level}，{counts[level]}件）",
            request=request,
            watermark=mark,
        )
    return copies


class _Pipe(io.RawIOBase):
    """A write-only stream that keeps what was written until it is taken."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.position = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts = []
        return data


def stream_zip(entries: list[Entry]) -> Iterator[bytes]:
    """The ZIP of ``entries`` as chunks, each file read from its stream a chunk at a time."""
    pipe = _Pipe()
    moment = timezone.localtime().timetuple()[:6]
    with zipfile.ZipFile(pipe, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for entry in entries:
            info = zipfile.ZipInfo(entry.name, date_time=moment)
            info.compress_type = zipfile.ZIP_DEFLATED
            with entry.open() as source, archive.open(info, "w", force_zip64=True) as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    yield pipe.take()
            # A stamped copy, like a rendered document, is garbage in cycles, and a web
            # worker collects only after each response (inspection.serving): without
            # this, a round's ZIP would hold every member's garbage until its end.
            gc.collect(0)
            yield pipe.take()
    yield pipe.take()


def write_zip(entries: list[Entry], out) -> None:
    """The ZIP of ``entries`` written to the binary stream ``out``."""
    for chunk in stream_zip(entries):
        if chunk:
            out.write(chunk)


def archive_name(round_title: str, volume: str = "") -> str:
    return safe_part(f"{round_title}{('-' + volume) if volume else ''}-档案") + ".zip"


__all__ = [
    "OFFICE",
    "Entry",
    "archive_name",
    "build_entries",
    "reader_copy",
    "stream_zip",
    "write_zip",
]
