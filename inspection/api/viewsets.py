"""Base classes every API viewset is a declaration over (queryset, serializer, filterset).

The rows always start from ``visible(model, user)``: a record outside the user's scope
answers 404, as if it did not exist. Workflow actions call one service and answer the
record as it now is.
"""

from django.utils.translation import gettext as _
from rest_framework import exceptions, mixins, viewsets
from rest_framework.response import Response

from inspection.api.filtering import FilterBackend
from inspection.api.pagination import IdCursorPagination
from inspection.api.permissions import RecordReader
from inspection.api.search import ConfidentialOrderingFilter, ConfidentialSearchFilter
from inspection.permissions import visible


def refuse_nul_parameters(request) -> None:
    """A NUL character in a query parameter is a 400: PostgreSQL refuses it in any text
    it is compared with (a 500 otherwise), and no real value holds one."""
    refused = {
        name: [_("不能包含空字符（NUL）。")]
        for name, values in request.query_params.lists()
        if "\x00" in name or any("\x00" in value for value in values)
    }
    if refused:
        raise exceptions.ValidationError(refused)


class ScopedViewSet(viewsets.GenericViewSet):
    """List/detail base: scoped rows, filters, search and ordering (through the
    confidentiality policy), cursor pages.

    Subclasses declare ``queryset`` (its model and select_related/prefetch_related),
    ``serializer_class``, ``filterset_class``, ``search_fields``, ``ordering_fields``.
    """

    permission_classes = [RecordReader]
    pagination_class = IdCursorPagination
    # Search and ordering reach a confidential field only where the user reads its names.
    filter_backends = [FilterBackend, ConfidentialSearchFilter, ConfidentialOrderingFilter]
    ordering = ("-id",)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        refuse_nul_parameters(request)

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset & visible(queryset.model, self.request.user)

    def actor(self):
        return self.request.user

    def answer(self, obj, status=200):
        """The record after an action, serialized as its detail is."""
        obj = self.get_queryset().get(pk=obj.pk)
        return Response(self.get_serializer(obj).data, status=status)


class ReadOnlyScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    pass
