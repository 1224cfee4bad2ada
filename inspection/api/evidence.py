"""GET /api/v1/evidence/<kind>/<id>/: an evidence file for a REST client (token or
session), on the same terms as the screens' download (``inspection.attachments``)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.views import APIView

from inspection.api.downloads import FileDownloadNegotiation
from inspection.api.permissions import RecordReader
from inspection.api.schema import ERROR_RESPONSES
from inspection.attachments import (
    CONTENT_TYPES,
    OCTET_STREAM,
    evidence_download,
    evidence_kinds,
    evidence_response,
    evidence_url,
)


def served_media_types() -> list[str]:
    """Every type a file can be served as, for the schema; bytes first, the one generic
    client generators turn into a file (the others they skip over)."""
    named = {content_type.split(";")[0] for content_type in CONTENT_TYPES.values()}
    return [OCTET_STREAM, *sorted(named - {OCTET_STREAM})]


@extend_schema_field(OpenApiTypes.URI)
class EvidenceDownloadField(serializers.Field):
    """The absolute address of a record's file at this endpoint (null when it has none)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, obj):
        path = evidence_url(obj, api=True)
        if not path:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class EvidenceFileView(APIView):
    permission_classes = [RecordReader]
    content_negotiation_class = FileDownloadNegotiation

    @extend_schema(
        operation_id="evidence_download",
        summary="下载佐证材料",
        description=(
            "可查看该记录的用户可下载其佐证材料（问题、线索、整改进展、核验的附件，及反馈意见书）；"
            "每次下载记入访问日志。记录的 evidence 列表中 download_url 即此地址。"
        ),
        parameters=[
            OpenApiParameter(
                "kind", str, OpenApiParameter.PATH, enum=sorted(evidence_kinds()) or None
            ),
            # The URL's <pk>, which the schema names ``id`` (SCHEMA_COERCE_PATH_PK).
            OpenApiParameter(
                "id",
                int,
                OpenApiParameter.PATH,
                description="evidence 列表中的 id；反馈意见书为反馈的 id",
            ),
        ],
        responses={
            **{
                (200, media_type): OpenApiResponse(
                    OpenApiTypes.BINARY, description="文件（Content-Type 按文件类型）"
                )
                for media_type in served_media_types()
            },
            403: ERROR_RESPONSES[403],
            404: ERROR_RESPONSES[404],
        },
    )
    def get(self, request, kind: str, pk: int):
        download = evidence_download(user=request.user, kind=kind, pk=pk, request=request)
        return evidence_response(download)
