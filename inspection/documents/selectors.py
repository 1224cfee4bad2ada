"""What the documents panels and the template page read."""

from dataclasses import dataclass, field

from inspection.documents.models import Document, DocumentTemplate
from inspection.documents.registry import DocumentKind, document_kinds, kinds_of_model
from inspection.permissions import can, visible


@dataclass
class KindPanel:
    """One kind of document of one subject, as its page shows it."""

    kind: DocumentKind
    may_generate: bool
    versions: list[Document] = field(default_factory=list)


def documents_panel(user, subject) -> list[KindPanel]:
    """Each kind of ``subject``'s documents the user reads, newest version first, and
    whether they may generate (or upload) one now. Two queries whatever the count (and
    what a kind's ``frozen`` asks)."""
    kinds = [
        kind
        for kind in kinds_of_model(type(subject))
        if can(user, kind.read_action, subject) or can(user, kind.generate_action, subject)
    ]
    if not kinds:
        return []
    rows = (
        visible(Document, user)
        .filter(
            object_id=subject.pk,
            kind__in=[kind.code for kind in kinds],
        )
        .select_related("created_by")
        .order_by("kind", "-version")
    )
    # A kind frozen for the subject (a report the leading group agreed, a plan the round
    # went on site with) offers no new version: the service would refuse it.
    panels = {
        kind.code: KindPanel(
            kind=kind,
            may_generate=can(user, kind.generate_action, subject)
            and not (kind.frozen and kind.frozen(subject)),
        )
        for kind in kinds
    }
    for document in rows:
        panels[document.kind].versions.append(document)
    return list(panels.values())


@dataclass
class TemplateRow:
    kind: DocumentKind
    own: DocumentTemplate | None


def template_rows(user) -> list[TemplateRow]:
    """Every kind with the county's own template if there is one (one query)."""
    own = {row.kind: row for row in visible(DocumentTemplate, user).select_related("uploaded_by")}
    return [TemplateRow(kind=kind, own=own.get(kind.code)) for kind in document_kinds()]
