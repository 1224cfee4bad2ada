"""Generating documents, uploading edited versions, and the county's own templates.

Each is one action: the actor's scope and permission, the rules, one history row. A
file written by an action that rolls back is removed again (``inspection.files``).
"""

import logging
import os

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.documents.choices import Classification, DocumentOrigin
from inspection.documents.models import Document, DocumentTemplate
from inspection.documents.numbering import next_sequence
from inspection.documents.registry import DocumentKind, kind_of
from inspection.documents.rendering import TemplateProblem, checksum, is_docx, render
from inspection.errors import ApplicationError, NotFoundError
from inspection.evidence import EVIDENCE_MAX_BYTES, safe_name
from inspection.files import written_in_transaction
from inspection.permissions import authorize, visible
from inspection.workflow import lock_visible, require, save_with_history

logger = logging.getLogger(__name__)


def known_kind(code: str) -> DocumentKind:
    kind = kind_of(code)
    if kind is None:
        raise NotFoundError(_("没有这类文书。"))
    return kind


def template_content(kind: DocumentKind) -> bytes:
    """The county's own template of ``kind`` if the office uploaded one, else the shipped."""
    own = DocumentTemplate.objects.filter(kind=kind.code).first()
    if own is None:
        return kind.template.read_bytes()
    try:
        with own.file.open("rb") as stream:
            return stream.read()
    except OSError:
        logger.error("The county's template of %s is missing: %s", kind.code, own.file.name)
        raise ApplicationError(
            _("「%(kind)s」的本县模板文件已不存在，请巡察办重新上传或恢复默认模板。")
            % {"kind": kind.name}
        ) from None


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _read_upload(upload, *, field: str) -> bytes:
    require(upload is not None and getattr(upload, "size", 0), _("请选择文件。"), field=field)
    name = safe_name(getattr(upload, "name", ""))
    require(
        os.path.splitext(name)[1].lower() == ".docx",
        _("请上传Word文档（.docx）；.doc、WPS等格式请先另存为.docx。"),
        field=field,
    )
    require(
        upload.size <= EVIDENCE_MAX_BYTES,
        _("文件超过%(limit)s的上限。") % {"limit": filesizeformat(EVIDENCE_MAX_BYTES)},
        field=field,
    )
    upload.seek(0)
    content = upload.read()
    require(is_docx(content), _("文件不是有效的Word文档（.docx）。"), field=field)
    return content


def _subject(actor, kind: DocumentKind, subject_id):
    """The subject, in the actor's scope, locked: versions of one subject are numbered
    one at a time."""
    return lock_visible(visible(kind.model, actor), subject_id)


def _save(document: Document, content: bytes, *, actor, note: str) -> Document:
    document.checksum = checksum(content)
    document.file.save(
        f"{document.kind}-v{document.version}.docx", ContentFile(content), save=False
    )
    written_in_transaction(document.file)
    save_with_history(document, actor=actor, note=note)
    return document


def _versions(kind: DocumentKind, subject):
    return Document.objects.filter(kind=kind.code, object_id=subject.pk)


@transaction.atomic
def document_generate(*, actor, kind: str, subject_id: int) -> Document:
    """Render ``kind`` for the subject ``subject_id`` as a new document. The first takes
    the kind's next number of the year; regenerating makes a new version of the same
    number (the earlier versions are kept)."""
    kind = known_kind(kind)
    subject = _subject(actor, kind, subject_id)
    authorize(actor, kind.generate_action, subject)
    versions = _versions(kind, subject)
    first = versions.filter(version=1).first()
    now = timezone.now()
    if first is not None:
        kind.refuse_if_frozen(subject)
        year, sequence, classification = first.year, first.sequence, first.classification
        version = versions.aggregate(last=Max("version"))["last"] + 1
    else:
        year = timezone.localdate(now).year
        sequence = next_sequence(kind.code, year) if kind.number_format else None
        classification, version = kind.default_classification(), 1
    number = kind.number_for(subject, year=year, sequence=sequence)
    context = {
        **kind.context(actor, subject),
        "number": number,
        "classification": str(Classification(classification).label),
        "generated_on": chinese_date(timezone.localdate(now)),
    }
    try:
        content = render(template_content(kind), context)
    except TemplateProblem as problem:
        require(
            False,
            _("「%(kind)s」的模板有误，无法生成：%(problem)s请巡察办修正模板或恢复默认模板。")
            % {"kind": kind.name, "problem": problem},
        )
    document = Document(
        kind=kind.code,
        object_id=subject.pk,
        number=number,
        year=year,
        sequence=sequence,
        version=version,
        classification=classification,
        origin=DocumentOrigin.GENERATED,
        basis=kind.basis(subject) if kind.basis else "",
        created_by=actor,
        created_at=now,
    )
    return _save(document, content, actor=actor, note=_("生成第%(v)s版") % {"v": version})


@transaction.atomic
def document_upload_version(*, actor, document_id: int, file, note: str = "") -> Document:
    """A person's edited copy of a document, kept as its next version (the generated one
    and every other version stay)."""
    earlier = lock_visible(visible(Document, actor), document_id)
    kind = known_kind(earlier.kind)
    subject = _subject(actor, kind, earlier.object_id)
    authorize(actor, kind.generate_action, subject)
    kind.refuse_if_frozen(subject)
    content = _read_upload(file, field="file")
    versions = _versions(kind, subject)
    document = Document(
        kind=kind.code,
        object_id=subject.pk,
        number=earlier.number,
        year=earlier.year,
        sequence=earlier.sequence,
        version=versions.aggregate(last=Max("version"))["last"] + 1,
        classification=earlier.classification,
        origin=DocumentOrigin.UPLOADED,
        basis=earlier.basis,
        note=note.strip()[:200],
        created_by=actor,
    )
    return _save(document, content, actor=actor, note=_("上传修改稿"))


@transaction.atomic
def document_template_upload(*, actor, kind: str, file) -> DocumentTemplate:
    """The county's own template of ``kind``, used from now on. It is checked first by
    rendering the kind's sample: a template that cannot render is refused with the reason,
    and the template in use stays."""
    authorize(actor, "document_template_manage")
    kind = known_kind(kind)
    content = _read_upload(file, field="file")
    try:
        year = timezone.localdate().year
        render(content, {"number": kind.number(year=year, sequence=1), **kind.sample()})
    except TemplateProblem as problem:
        require(
            False,
            _("模板未通过检查，未予采用（仍使用原模板）：%(problem)s") % {"problem": problem},
            field="file",
        )
    own = DocumentTemplate.objects.select_for_update().filter(kind=kind.code).first()
    own = own or DocumentTemplate(kind=kind.code)
    own.original_name = safe_name(file.name)
    own.checksum = checksum(content)
    own.uploaded_by = actor
    own.uploaded_at = timezone.now()
    own.file.save(f"{kind.code}.docx", ContentFile(content), save=False)
    written_in_transaction(own.file)
    save_with_history(own, actor=actor, note=_("上传模板"))
    return own


@transaction.atomic
def document_template_reset(*, actor, kind: str) -> None:
    """Back to the shipped template of ``kind`` (the county's own is removed; its file
    stays, named by the history)."""
    authorize(actor, "document_template_manage")
    kind = known_kind(kind)
    own = DocumentTemplate.objects.select_for_update().filter(kind=kind.code).first()
    require(own is not None, _("「%(kind)s」已在使用默认模板。") % {"kind": kind.name})
    own._history_user = actor
    own._change_reason = _("恢复默认模板")
    own.delete()
