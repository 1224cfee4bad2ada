"""What the rounds app's viewsets share: JSON input, one parse step, the 201 answer."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins

from inspection.api.parsers import JSONParser
from inspection.api.schema import ERROR_RESPONSES
from inspection.api.viewsets import ScopedViewSet


def creation_schema(*, request, response, summary: str, description: str = ""):
    """extend_schema for a POST that creates: its input, the 201 answer, the errors."""
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        responses={201: response, **ERROR_RESPONSES},
    )


class RecordViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """List and detail of scoped records; writes take JSON (no rounds service takes
    files) and call one service."""

    parser_classes = (JSONParser,)

    def parse(self, input_class, request) -> dict:
        """The request body parsed by ``input_class``; 400 with per-field messages if not."""
        data = input_class(data=request.data)
        data.is_valid(raise_exception=True)
        return data.validated_data

    def created(self, obj):
        return self.answer(obj, status=201)
