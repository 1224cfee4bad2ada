"""The demo's closed round is filed (归档) properly: every volume complete, the two clues
still being disposed of named in the lead's reason; ``build_archive`` writes its ZIP, each
volume's 卷内目录 listing every piece in order."""

import io
import zipfile

import pytest
from django.core.management import call_command
from docx import Document as open_docx

from demo.county.archive import OVERRIDE_REASON
from rectification.archive.closing import closing_gaps, override_reason
from rectification.archive.volumes import round_volumes
from rounds.choices import RoundStatus
from rounds.models import InspectionRound

pytestmark = pytest.mark.django_db


def catalogue_rows(content: bytes) -> list[list[tuple[str, str, str]]]:
    """Each table of a 卷内目录: its rows' (件号, 题名, 页数), the header row left out."""
    document = open_docx(io.BytesIO(content))
    return [
        [(row.cells[0].text, row.cells[3].text, row.cells[5].text) for row in table.rows[1:]]
        for table in document.tables
    ]


def test_the_closed_round_was_filed_with_its_volumes_complete(seeded):
    closed = InspectionRound.objects.get(status=RoundStatus.CLOSED)
    volumes = round_volumes(closed.pk)
    assert len(volumes) == 10 and all(volume.complete for volume in volumes)
    # What was left is the clues the commission still disposes of: the lead's reason says so.
    gaps = closing_gaps(closed.pk)
    assert all("问题线索尚未办结" in gap for gap in gaps)
    assert override_reason(closed) == (OVERRIDE_REASON if gaps else "")
    for volume in volumes:
        names = [filed.kind.name for filed in volume.pieces]
        assert names[:3] == ["巡察工作方案", "领导小组审议及授权记录", "进驻公告"]
        assert "谈话记录" in names and "整改评估表" in names


def test_build_archive_writes_every_volume_its_catalogue_listing_every_piece_in_order(
    seeded, tmp_path, monkeypatch
):
    # Pages are left uncounted here (LibreOffice over the whole round takes minutes);
    # tests/rectification/test_archive.py counts and prints them.
    monkeypatch.setattr("rectification.archive.bundle.count_pages", lambda *a, **k: {})
    closed = InspectionRound.objects.get(status=RoundStatus.CLOSED)
    out = tmp_path / "archive.zip"
    call_command("build_archive", round=closed.pk, out=str(out))
    volumes = round_volumes(closed.pk)
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        for volume in volumes:
            folder = f"{volume.name}_{volume.assignment.pk}/"
            assert [name for name in names if name.startswith(folder)] == [
                f"{folder}000_卷内目录.docx",
                *(
                    f"{folder}{section.label}/{filed.file_name}"
                    for section in volume.sections
                    for filed in section.pieces
                ),
                f"{folder}备考表.docx",
            ]
            rows = catalogue_rows(archive.read(f"{folder}000_卷内目录.docx"))
            assert rows == [
                [
                    (str(filed.number), filed.piece.title, str(filed.pages or ""))
                    for filed in section.pieces
                ]
                for section in volume.sections
                if section.pieces
            ]
        assert len(names) == sum(len(volume.pieces) + 2 for volume in volumes)
