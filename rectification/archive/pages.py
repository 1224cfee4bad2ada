"""The page count of each filed file (页数), taken when a volume is built.

A .docx has no reliable page count until it is laid out (the count Word writes into
docProps/app.xml is whatever the last program to save it put there, and python-docx
puts none), so the archive lays it out the way the clerk's printer would: LibreOffice
converts the volume's uncounted .docx files to PDF, one call for all of them, and the
PDF's pages are counted. A PDF handed in is counted as it is; a picture is one page.
Counts are kept (``ArchivePageCount``) by the file's storage name, which never changes
content, so a file is counted once; a register the archive writes is counted at each
build. Without LibreOffice (a development machine), a .docx keeps no count and its page
column stays empty until a build on a machine that has it.
"""

import logging
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.utils import timezone

from rectification.models import ArchivePageCount

logger = logging.getLogger(__name__)

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".webp"}
LAYOUT_TIMEOUT_SECONDS = 300
LAYOUT_BATCH = 80
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", re.S)


def pdf_pages(path: Path) -> int | None:
    """The pages of a PDF: pdfinfo's answer if poppler is there, else its page objects."""
    if shutil.which("pdfinfo"):
        run = subprocess.run(["pdfinfo", str(path)], capture_output=True, timeout=60)
        match = re.search(rb"^Pages:\s+(\d+)", run.stdout, re.M)
        if match:
            return int(match.group(1))
    content = path.read_bytes()
    counts = [int(n) for n in _COUNT.findall(content)]
    return max(counts) if counts else (len(_PAGE.findall(content)) or None)


def layout_available() -> bool:
    return shutil.which("soffice") is not None


def _to_pdf(files: list[Path], folder: Path) -> None:
    """Each .docx laid out to a PDF beside the others, in one LibreOffice call, with a
    profile of its own (never another run's lock)."""
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder / "pdf"),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=LAYOUT_TIMEOUT_SECONDS,
    )


def _lay_out(files: list[Path], folder: Path) -> None:
    """Lay ``files`` out in batches of ``LAYOUT_BATCH``: LibreOffice, given hundreds at
    once, may stop part way. The files a batch left without a PDF are tried once more,
    then left uncounted (logged); the others are counted all the same."""
    for start in range(0, len(files), LAYOUT_BATCH):
        batch = files[start : start + LAYOUT_BATCH]
        for attempt in (1, 2):
            try:
                _to_pdf(batch, folder)
            except (OSError, subprocess.SubprocessError) as error:
                logger.error("LibreOffice stopped laying out (try %d): %s", attempt, error)
            batch = [path for path in batch if not (folder / "pdf" / f"{path.stem}.pdf").exists()]
            if not batch:
                break
        if batch:
            logger.error("LibreOffice laid out %d archive files to no PDF", len(batch))


def count_pages(
    files: dict[str, tuple[str, object]], checksums: dict[str, str] | None = None
) -> dict[str, int]:
    """Count and keep the pages of ``files`` (key → (extension, opener)), where an opener
    returns a binary stream of the content; returns what was counted. ``checksums`` (key →
    the content's digest) leaves out a file counted before with the same content. Files
    are copied to a temporary folder one at a time (never held in memory together)."""
    checksums = checksums or {}
    counted: dict[str, int] = {}
    if checksums:
        known = ArchivePageCount.objects.filter(key__in=list(checksums)).values_list(
            "key", "checksum", "pages"
        )
        for key, digest, pages in known:
            if digest and digest == checksums[key]:
                counted[key] = pages
        files = {key: value for key, value in files.items() if key not in counted}
    if not files:
        return counted
    with tempfile.TemporaryDirectory(prefix="archive-pages-") as name:
        folder = Path(name)
        docx: dict[str, Path] = {}
        for index, (key, (extension, opener)) in enumerate(files.items()):
            if extension in IMAGE_EXTENSIONS:
                counted[key] = 1
                continue
            if extension not in (".pdf", ".docx"):
                continue
            path = folder / f"{index:05d}{extension}"
            with opener() as source, path.open("wb") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
            if extension == ".pdf":
                pages = pdf_pages(path)
                if pages:
                    counted[key] = pages
            else:
                docx[key] = path
        if docx and layout_available():
            _lay_out(list(docx.values()), folder)
            for key, path in docx.items():
                pdf = folder / "pdf" / f"{path.stem}.pdf"
                pages = pdf_pages(pdf) if pdf.exists() else None
                if pages:
                    counted[key] = pages
    _keep({key: counted[key] for key in files if key in counted}, checksums)
    return counted


def _keep(counted: dict[str, int], checksums: dict[str, str]) -> None:
    now = timezone.now()
    ArchivePageCount.objects.bulk_create(
        [
            ArchivePageCount(key=key, pages=pages, checksum=checksums.get(key, ""), counted_at=now)
            for key, pages in counted.items()
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["pages", "checksum", "counted_at"],
    )
