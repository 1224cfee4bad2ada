"""Every document a round has: for each kind, each of its subjects in the round.

The latest version of each is taken as it is; a subject without one gets it generated
(``document_generate``, as ``actor``: numbered, kept as a record like any other).
"""

from collections.abc import Iterator
from dataclasses import dataclass

from inspection.documents.models import Document
from inspection.documents.registry import DocumentKind, document_kinds
from inspection.documents.services import document_generate
from inspection.errors import ApplicationError


@dataclass
class Outcome:
    kind: DocumentKind
    subject_id: int
    document: Document | None = None
    error: str = ""


def round_documents(*, actor, round_id: int) -> Iterator[Outcome]:
    """Each document of round ``round_id``, its latest version, generated if missing;
    a subject whose document cannot be had is an ``Outcome`` with the error."""
    for kind in document_kinds():
        subject_ids = list(kind.subjects_of_round(round_id).values_list("pk", flat=True))
        latest = {}
        for document in Document.objects.filter(kind=kind.code, object_id__in=subject_ids).order_by(
            "object_id", "version"
        ):
            latest[document.object_id] = document
        for subject_id in subject_ids:
            document = latest.get(subject_id)
            if document is not None:
                yield Outcome(kind=kind, subject_id=subject_id, document=document)
                continue
            try:
                document = document_generate(actor=actor, kind=kind.code, subject_id=subject_id)
            except ApplicationError as error:
                yield Outcome(kind=kind, subject_id=subject_id, error=error.message)
            else:
                yield Outcome(kind=kind, subject_id=subject_id, document=document)
