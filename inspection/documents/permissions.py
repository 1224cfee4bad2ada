"""Who reads which documents, and who manages the templates.

A document is read by whoever may read its subject's documents: each kind names the
subjects (``DocumentKind.readable``, in SQL), so the scope is one query however many
kinds there are.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _lazy

from inspection.documents.models import Document, DocumentTemplate
from inspection.documents.registry import document_kinds
from inspection.permissions import action, is_office, scope_of


@scope_of(Document)
def visible_documents(user):
    condition = Q(pk__in=[])
    for kind in document_kinds():
        of_kind = Q(kind=kind.code, object_id__in=kind.readable(user).values("pk"))
        if kind.versions is not None:
            of_kind &= kind.versions(user)
        condition |= of_kind
    return Document.objects.filter(condition)


@scope_of(DocumentTemplate)
def visible_document_templates(user):
    """Templates hold no record's facts; the office manages them."""
    return DocumentTemplate.objects.all() if is_office(user) else DocumentTemplate.objects.none()


action("document_template_manage", _lazy("管理文书模板"), is_office)
