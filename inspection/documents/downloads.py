"""Reading a document's file: permission-checked and access-logged, like evidence.

Outside the reader's scope a document is "not found", exactly like a missing id, and
the attempt is logged (documents carry a 密级). The reader gets a copy of their own: its
page headers carry the document's 密级, the reader, the time and the copy's number
(``inspection.stamping``), and the access-log row keeps that mark (docs/DOMAIN.md,
"Confidentiality").
"""

import logging

from django.utils.translation import gettext as _

from inspection.api.downloads import content_disposition
from inspection.attachments import EvidenceDownload, EvidenceKind, evidence_response
from inspection.audit import access_log_refused, access_log_view
from inspection.documents.models import Document
from inspection.documents.registry import kind_of
from inspection.documents.rendering import DOCX_CONTENT_TYPE
from inspection.errors import NotFoundError
from inspection.evidence import safe_name
from inspection.permissions import can, visible
from inspection.stamping import StampProblem, file_mark, stamped_copy

logger = logging.getLogger(__name__)
_AS_EVIDENCE = EvidenceKind(slug="document", model=Document, confidential=True)


def document_name(document: Document) -> str:
    """What the reader's copy is called: 谈话记录-巡察谈〔2026〕3号-第2版.docx."""
    kind = kind_of(document.kind)
    label = str(kind.name) if kind else document.kind
    return safe_name(
        f"{label}-{document.number or document.object_id}-第{document.version}版.docx"
    ).replace("/", "_")


def document_download(*, user, pk, request=None) -> EvidenceDownload:
    """The file of document ``pk``, opened, with an access-log VIEW row; else
    ``NotFoundError`` (a REFUSED row), alike whether it exists or not."""
    try:
        key = int(pk)
    except (TypeError, ValueError):
        key = None
    document = None
    if key is not None and 0 < key < 2**63:
        document = visible(Document, user).filter(pk=key).first()
    kind = kind_of(document.kind) if document else None
    if document is None or kind is None or not can(user, kind.read_action, document.subject):
        access_log_refused(
            user=user, model=Document, object_id=str(pk)[:64], detail="下载文书", request=request
        )
        raise NotFoundError(_("文书不存在或无权访问。"))
    mark = file_mark(user=user, classification=document.get_classification_display())
    try:
        with document.file.open("rb") as stored:
            stream = stamped_copy(stored, extension=".docx", mark=mark)
    except OSError as error:
        logger.error("Document #%s: file %s is missing", document.pk, document.file.name)
        raise NotFoundError(_("该文书的文件已不存在，请联系巡察办。")) from error
    except StampProblem as error:
        # Handed out unmarked it could not be traced: not handed out at all.
        logger.error("Document #%s: %s cannot be stamped: %s", document.pk, document.file, error)
        raise NotFoundError(_("该文书的文件无法打开，请联系巡察办。")) from error
    access_log_view(
        user=user,
        obj=document,
        detail=f"下载文书 {document.number or ''} 第{document.version}版".replace("  ", " "),
        request=request,
        watermark=mark,
    )
    return EvidenceDownload(
        kind=_AS_EVIDENCE,
        obj=document,
        stream=stream,
        name=document_name(document),
        content_type=DOCX_CONTENT_TYPE,
    )


def document_response(download: EvidenceDownload):
    """As evidence is answered (a download, never sniffed or cached), named for the reader."""
    response = evidence_response(download)
    response["Content-Disposition"] = content_disposition(
        download.name, f"document-{download.obj.pk}.docx"
    )
    return response
