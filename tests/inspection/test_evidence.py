"""The one upload policy (inspection.evidence): kinds checked on the content, sizes,
counts, and file names kept to their last component."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from inspection import evidence
from inspection.errors import ApplicationError

GOOD = {
    "照片.jpg": b"\xff\xd8\xff\xe0 jpeg",
    "照片.PNG": b"\x89PNG\r\n\x1a\n png",
    "动图.gif": b"GIF89a gif",
    "照片.webp": b"RIFF\x00\x00\x00\x00WEBPVP8 ",
    "苹果照片.heic": b"\x00\x00\x00\x18ftypheic",
    "会议记录.pdf": b"%PDF-1.7 pdf",
    "台账.xlsx": b"PK\x03\x04 xlsx",
    "方案.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 doc",
    "方案.wps": b"PK\x03\x04 wps",
    "说明.txt": "整改说明".encode(),
}


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.mark.parametrize("name", GOOD)
def test_each_kind_is_accepted_with_its_own_content(name):
    assert evidence.clean_evidence_files([upload(name, GOOD[name])])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("照片.jpg", b"MZ\x90\x00 a Windows program"),
        ("会议记录.pdf", b"PK\x03\x04 a zip"),
        ("台账.xlsx", b"%PDF-1.7"),
        ("方案.doc", b"<html>"),
        ("说明.txt", b"\x00\x01\x02 binary"),
    ],
)
def test_content_that_is_not_what_the_name_says_is_refused(name, content):
    with pytest.raises(ApplicationError) as refused:
        evidence.clean_evidence_files([upload(name, content)])
    assert "内容与文件类型不符" in refused.value.message
    assert refused.value.errors == {"evidence": [refused.value.message]}


@pytest.mark.parametrize("name", ["setup.exe", "脚本.js", "无扩展名", "照片.jpg.bat"])
def test_unknown_kinds_are_refused_by_name(name):
    with pytest.raises(ApplicationError, match="不是可接受的文件类型"):
        evidence.clean_evidence_files([upload(name, b"\xff\xd8\xff")])


def test_size_and_count_limits(monkeypatch):
    monkeypatch.setattr(evidence, "EVIDENCE_MAX_BYTES", 100)
    with pytest.raises(ApplicationError, match="超过了每个文件"):
        evidence.clean_evidence_files([upload("大.pdf", b"%PDF-" + b"0" * 200)])
    monkeypatch.setattr(evidence, "EVIDENCE_MAX_FILES", 1)
    with pytest.raises(ApplicationError, match="一次最多上传1个文件"):
        evidence.clean_evidence_files([upload("1.pdf", b"%PDF-"), upload("2.pdf", b"%PDF-")])
    with pytest.raises(ApplicationError, match="无效或为空"):
        evidence.clean_evidence_files([upload("空.pdf", b"")])


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\村\\记录.pdf", "记录.pdf"),
        ("记\x00录\n.pdf", "记录.pdf"),
        ("甲" * 300 + ".pdf", "甲" * 255),
    ],
)
def test_file_names_keep_their_last_component_only(given, kept):
    assert evidence.safe_name(given) == kept
