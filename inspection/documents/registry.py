"""The kinds of document: each app declares its own beside its scopes.

document_kind(
    code="interview_record",               # stored on each Document
    name=_lazy("谈话记录"),
    model=Interview,                       # the subject
    template=Path(__file__).parent / "documents" / "interview_record.docx",
    context=interview_record_context,      # (actor, subject) -> dict for the template
    sample=interview_record_sample,        # () -> dict: checks an uploaded template
    number_format="巡察谈〔{year}〕{sequence}号",  # or None: no number
    # or number_of=lambda subject: subject.number: the subject's own number, no counter
    generate_action="interview_document_generate",  # authorize(actor, it, subject)
    read_action="interview_document_read",          # can(user, it, subject)
    readable=lambda user: …,               # the subjects whose documents user reads (SQL)
    subjects_of_round=lambda round_id: …,  # for render_documents
    frozen=lambda subject: "…" or "",      # why no new version may be made any more
    versions=lambda user: Q(…),            # which versions of those subjects user reads
)
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import models

from inspection.documents.choices import Classification
from inspection.errors import ConflictError


@dataclass(frozen=True)
class DocumentKind:
    code: str
    name: str
    model: type[models.Model]
    template: Path
    context: Callable[[object, models.Model], dict]
    sample: Callable[[], dict]
    generate_action: str
    read_action: str
    readable: Callable[[object], models.QuerySet]
    subjects_of_round: Callable[[int], models.QuerySet]
    number_format: str | None = None
    # A kind whose subject carries its own number (巡三组立改〔2026〕2号) prints that one and
    # takes none from the kind's counter.
    number_of: Callable[[models.Model], str] | None = None
    classification: str = Classification.INTERNAL
    # Why no new version may be made any more (a report the leading group agreed), or "".
    frozen: Callable[[models.Model], str] | None = None
    # Which versions (a condition on Document) ``user`` reads of the subjects it reads,
    # where not all: the unit reads a 反馈意见 only as made once it was fed back.
    versions: Callable[[object], models.Q] | None = None
    # A digest of what decides a document's content (not its wording): stored with each
    # version, so that a body approving the document can be refused a stale one (the
    # 公开稿: the items it prints and the names it masks).
    basis: Callable[[models.Model], str] | None = None

    def refuse_if_frozen(self, subject) -> None:
        reason = self.frozen(subject) if self.frozen else ""
        if reason:
            raise ConflictError(reason)

    def number(self, *, year: int, sequence: int | None) -> str:
        if self.number_format is None or sequence is None:
            return ""
        return self.number_format.format(year=year, sequence=sequence)

    def number_for(self, subject, *, year: int, sequence: int | None) -> str:
        """The number a document of ``subject`` prints: the subject's own, else the kind's."""
        if self.number_of is not None:
            return self.number_of(subject)
        return self.number(year=year, sequence=sequence)

    def default_classification(self) -> str:
        """The kind's 密级, unless the setting ``INSPECTION_DOCUMENT_CLASSIFICATIONS``
        ({code: level}) sets the county's own."""
        chosen = getattr(settings, "INSPECTION_DOCUMENT_CLASSIFICATIONS", {}).get(self.code)
        return chosen if chosen in Classification.values else self.classification


_KINDS: dict[str, DocumentKind] = {}


def document_kind(**declaration) -> DocumentKind:
    """Declare a kind of document (fields: ``DocumentKind``)."""
    kind = DocumentKind(**declaration)
    _KINDS[kind.code] = kind
    return kind


def document_kinds() -> list[DocumentKind]:
    return list(_KINDS.values())


def kind_of(code: str) -> DocumentKind | None:
    return _KINDS.get(code)


def kinds_of_model(model: type[models.Model]) -> list[DocumentKind]:
    return [kind for kind in _KINDS.values() if kind.model is model]
