"""Printing a file as the clerk would: LibreOffice to PDF, poppler to read the pages."""

import re
import shutil
import subprocess
from pathlib import Path

TOOLS = ("soffice", "pdftotext", "pdfinfo")
CALC = Path("/usr/lib/libreoffice/program/libsclo.so")  # Debian's libreoffice-calc


def can_print() -> bool:
    """LibreOffice (Writer and Calc) and poppler-utils are here (.ci/run installs them)."""
    return all(shutil.which(tool) for tool in TOOLS) and CALC.exists()


def to_pdf(files: list[Path], out: Path) -> list[Path]:
    """Each file converted to PDF in ``out``, in one LibreOffice run with its own profile
    (never another run's lock)."""
    profile = (out / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return [out / f"{path.stem}.pdf" for path in files]


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, without white space."""
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    texts = []
    for page in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        texts.append(re.sub(r"\s+", "", text))
    return texts
