#!/usr/bin/env python3
"""Builds the offline installation kit (issue 22, part 3): everything a machine on an
internal network with no route out needs, in one folder (docs/DEPLOYMENT.md installs from
it). Run on a connected machine through ``scripts/offline_kit.sh OUTDIR``; standard
library only.

    source/          the application (git archive of HEAD)
    lock/            the two locks the wheels were checked against
    wheels/runtime/  every pin of requirements.txt as a wheel, hash-checked
    wheels/test/     every pin of requirements-dev.txt (the tests and tools), hash-checked
    image/           the container image (docker save) or SKIPPED.txt saying why not
    debs/            the Debian packages: their names, the download command (the .debs
                     themselves with --download-debs)
    templates/       the shipped .docx templates and FONTS.txt, the fonts they name
    fonts/           the fontconfig aliases from those names to free faces
    INSTALL.md       the procedure (docs/DEPLOYMENT.md)
    KIT.txt          what was built, for which Python and platform, and what was skipped
    MANIFEST.sha256  the SHA-256 of every other file (``sha256sum -c MANIFEST.sha256``)
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from offline_kit_wheels import LOCKS, ROOT, run, say, sha256, step_wheels

STEPS = ("source", "wheels-runtime", "wheels-test", "image", "debs", "templates")
# What the deployment runs beside the application (Debian 12, bookworm): the database, the
# broker, LibreOffice for PDF (documents' page counts, the archive), poppler's pdfinfo, the
# fonts LibreOffice renders the templates' fonts with, Python with venv. The tests add chromium.
DEBIAN_PACKAGES = {
    "packages.txt": (
        "python3",
        "python3-venv",
        "postgresql",
        "redis-server",
        "libreoffice-writer-nogui",
        "libreoffice-calc-nogui",
        "poppler-utils",
        "fontconfig",
        "fonts-arphic-uming",
        "fonts-arphic-ukai",
        "fonts-noto-cjk",
    ),
    "test-packages.txt": ("chromium",),
}
APT_CLOSURE = (
    "apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks"
    " --no-replaces --no-enhances"
)
FONT_ATTRIBUTE = r'w:(?:ascii|hAnsi|eastAsia|cs)="([^"]+)"'


def step_source(out: Path) -> str:
    dest = out / "source"
    dest.mkdir(exist_ok=True)
    revision = run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"])
    if revision.returncode != 0:
        return "source: skipped (not a git checkout): copy the repository by hand"
    name = f"village-inspection-{revision.stdout.strip()}.tar.gz"
    say(f"source: git archive of HEAD into {dest / name}")
    done = run(
        [
            "git",
            "-C",
            str(ROOT),
            "archive",
            "--format=tar.gz",
            "--prefix=village-inspection/",
            "-o",
            str(dest / name),
            "HEAD",
        ]
    )
    if done.returncode != 0:
        sys.exit(done.stderr)
    dirty = " (the work tree had uncommitted changes: they are NOT in it)"
    return f"source: {name}{dirty if 'dirty' in name else ''}"


def step_image(out: Path) -> str:
    """The image saved as a file where Docker and the base image are at hand; else why not."""
    dest = out / "image"
    dest.mkdir(exist_ok=True)
    docker = os.environ.get("DOCKER", "docker")
    base = re.search(r"(?m)^FROM\s+(\S+)", (ROOT / "Dockerfile").read_text()).group(1)
    reason = None
    if shutil.which(docker) is None:
        reason = f"no docker command ({docker}) on this machine"
    elif run([docker, "info"]).returncode != 0:
        reason = "the Docker daemon is not reachable (docker info failed)"
    elif run([docker, "image", "inspect", base]).returncode != 0:
        reason = f"the base image {base} is not at hand and no image registry is reachable"
    if reason:
        (dest / "SKIPPED.txt").write_text(
            f"The container image was not saved: {reason}.\n\n"
            "On a machine with Docker and the base image, from the source folder:\n"
            "    docker build -t village-inspection:latest .\n"
            "    docker save village-inspection:latest postgres:15 redis:7 | gzip"
            " > village-inspection-image.tar.gz\n"
            "and on the internal host: docker load -i village-inspection-image.tar.gz\n"
            "(docs/DEPLOYMENT.md, 'With Docker'). Without Docker, install from the wheels.\n"
        )
        say(f"image: SKIPPED: {reason} (image/SKIPPED.txt says how to make it elsewhere)")
        return f"image: skipped: {reason}"
    say("image: docker build, then docker save")
    built = subprocess.run([docker, "build", "-t", "village-inspection:latest", str(ROOT)])
    if built.returncode != 0:
        sys.exit("image: docker build failed")
    images = ["village-inspection:latest"]
    images += [
        i
        for i in ("postgres:15", "redis:7")
        if run([docker, "image", "inspect", i]).returncode == 0
    ]
    archive = dest / "village-inspection-image.tar"
    with archive.open("wb") as stream:
        if subprocess.run([docker, "save", *images], stdout=stream).returncode != 0:
            sys.exit("image: docker save failed")
    return f"image: {archive.name} holding {', '.join(images)}"


def step_debs(out: Path, download: bool) -> str:
    dest = out / "debs"
    dest.mkdir(exist_ok=True)
    for name, packages in DEBIAN_PACKAGES.items():
        (dest / name).write_text("\n".join(packages) + "\n")
    command = (
        "#!/bin/sh\n# On a connected Debian 12 (bookworm) amd64 machine, in this folder: the\n"
        "# packages and everything they depend on, then the index apt reads them by.\n"
        "# Add test-packages.txt after packages.txt for the machine that runs the tests.\n"
        'set -eu\ncd "$(dirname "$0")"\napt-get update\n'
        f"apt-get download $({APT_CLOSURE} $(cat packages.txt) | grep '^[a-z0-9]' | sort -u)\n"
        "dpkg-scanpackages --multiversion . /dev/null > Packages   # dpkg-dev\n"
    )
    (dest / "download.sh").write_text(command)
    (dest / "download.sh").chmod(0o755)
    if not download:
        say("debs: listed in debs/packages.txt; debs/download.sh downloads them")
        return "debs: listed (debs/download.sh downloads them on a connected Debian 12 machine)"
    say("debs: downloading the packages and their dependencies (apt-get download)")
    if subprocess.run(["sh", str(dest / "download.sh")]).returncode != 0:
        sys.exit("debs: the download failed")
    return f"debs: {len(list(dest.glob('*.deb')))} packages downloaded"


def step_templates(out: Path) -> str:
    dest = out / "templates"
    fonts: Counter = Counter()
    shipped = sorted(ROOT.glob("*/documents/*.docx"))
    for template in shipped:
        folder = dest / template.parent.parent.name
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(template, folder / template.name)
        with zipfile.ZipFile(template) as docx:
            named = set()
            for part in docx.namelist():
                if part.startswith("word/") and part.endswith(".xml"):
                    xml = docx.read(part).decode()
                    for element in re.findall(r"<w:rFonts\b[^>]*>", xml):
                        named |= set(re.findall(FONT_ATTRIBUTE, element))
            fonts.update(named)
    aliases = re.findall(
        r"<family>([^<]+)</family><prefer><family>([^<]+)</family>",
        (ROOT / ".ci" / "fonts.conf").read_text(),
    )
    lines = [
        "# The fonts the shipped templates name (templates naming it), by name: the county's",
        "# Word has them. LibreOffice on the server prints them with the free faces below",
        "# (fonts/65-gbt9704.conf; Debian fonts-arphic-uming, -ukai, fonts-noto-cjk).",
        "",
    ]
    lines += [f"{name}\t{count}" for name, count in sorted(fonts.items())]
    lines += ["", "# Free fallbacks (name -> face)"]
    lines += [f"{name}\t{face}" for name, face in aliases]
    (dest / "FONTS.txt").write_text("\n".join(lines) + "\n")
    (out / "fonts").mkdir(exist_ok=True)
    shutil.copy2(ROOT / ".ci" / "fonts.conf", out / "fonts" / "65-gbt9704.conf")
    say(f"templates: {len(shipped)} shipped templates, {len(fonts)} font names (FONTS.txt)")
    return f"templates: {len(shipped)} .docx, fonts named: {', '.join(sorted(fonts))}"


def write_manifest(out: Path) -> None:
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.name != "MANIFEST.sha256")
    lines = [f"{sha256(p)}  {p.relative_to(out).as_posix()}" for p in files]
    (out / "MANIFEST.sha256").write_text("\n".join(lines) + "\n")


def manylinux(machine: str) -> list[str]:
    """The platform tags a Debian 12 (glibc 2.36) machine of this processor installs."""
    return [f"manylinux_2_{minor}_{machine}" for minor in (36, 35, 34, 31, 28, 27, 24, 17, 12, 5)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--only", help=f"comma-separated steps of {', '.join(STEPS)}")
    parser.add_argument(
        "--download-debs",
        action="store_true",
        help="download the Debian packages too (apt-get download)",
    )
    parser.add_argument(
        "--platform",
        help="the target's processor, e.g. aarch64, or pip's platform tag "
        "(default: this machine's; CPython 3.11, glibc up to Debian 12's)",
    )
    parser.add_argument("--tar", action="store_true", help="also pack OUTDIR.tar")
    args = parser.parse_args()
    steps = args.only.split(",") if args.only else list(STEPS)
    unknown = set(steps) - set(STEPS)
    if unknown:
        parser.error(f"unknown step {', '.join(sorted(unknown))}; the steps: {', '.join(STEPS)}")
    target = []
    if args.platform:
        tag = re.match(r"(many|musl)?linux|win|macosx", args.platform)
        tags = [args.platform] if tag else manylinux(args.platform)
        target = [f"--platform={tag}" for tag in tags]
        target += ["--python-version=3.11", "--implementation=cp", "--abi=cp311"]
    out = args.outdir.resolve()
    out.mkdir(parents=True, exist_ok=True)
    done = []
    for step in steps:
        if step in LOCKS:
            done.append(step_wheels(out, step, target))
        elif step == "debs":
            done.append(step_debs(out, args.download_debs))
        else:
            done.append(globals()[f"step_{step}"](out))
    shutil.copy2(ROOT / "docs" / "DEPLOYMENT.md", out / "INSTALL.md")
    wheels_for = args.platform or f"{platform.system()} {platform.machine()}"
    (out / "KIT.txt").write_text(
        f"Built {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; wheels for CPython "
        f"{platform.python_version()[:4]} on {wheels_for}.\n" + "\n".join(done) + "\n"
    )
    write_manifest(out)
    say(f"MANIFEST.sha256: the SHA-256 of every file; INSTALL.md: the procedure ({out})")
    if args.tar:
        archive = out.with_name(out.name + ".tar")
        with tarfile.open(archive, "w") as tar:
            tar.add(out, arcname=out.name)
        say(f"{archive} (sha256 {sha256(archive)})")


if __name__ == "__main__":
    main()
