"""The documents a user may read (GET /api/v1/documents/) and their files
(GET /api/v1/documents/{id}/download/): the same scope as the screens, every download
written to the access log (``inspection.documents.downloads``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action

from inspection.api.downloads import FileDownloadNegotiation
from inspection.api.schema import ERROR_RESPONSES
from inspection.api.viewsets import ReadOnlyScopedViewSet
from inspection.attachments import OCTET_STREAM
from inspection.documents.downloads import document_download, document_response
from inspection.documents.models import Document
from inspection.documents.registry import kind_of
from inspection.documents.rendering import DOCX_CONTENT_TYPE
from inspection.filtersets import FilterSet, dates


class DocumentSerializer(serializers.ModelSerializer):
    kind_name = serializers.SerializerMethodField()
    subject_type = serializers.SerializerMethodField(help_text="文书所属记录的类型，如 interview")
    subject_id = serializers.IntegerField(source="object_id", read_only=True)
    classification_display = serializers.CharField(
        source="get_classification_display", read_only=True
    )
    created_by_name = serializers.StringRelatedField(source="created_by")
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = (
            "id",
            "kind",
            "kind_name",
            "subject_type",
            "subject_id",
            "number",
            "year",
            "version",
            "classification",
            "classification_display",
            "origin",
            "note",
            "checksum",
            "created_by",
            "created_by_name",
            "created_at",
            "download_url",
        )
        read_only_fields = fields

    def get_subject_type(self, document) -> str:
        kind = kind_of(document.kind)
        return kind.model._meta.model_name if kind else ""

    def get_kind_name(self, document) -> str:
        kind = kind_of(document.kind)
        return str(kind.name) if kind else document.kind

    @extend_schema_field(OpenApiTypes.URI)
    def get_download_url(self, document) -> str:
        path = reverse("document-download", args=[document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class DocumentFilterSet(FilterSet):
    created_at = dates("created_at__date", _("生成/上传时间"))

    class Meta:
        model = Document
        fields = ("kind", "object_id", "year", "classification", "origin")


class DocumentViewSet(ReadOnlyScopedViewSet):
    """文书: the generated and uploaded versions of the documents the user may read."""

    queryset = Document.objects.select_related("created_by")
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilterSet
    search_fields = ("number",)
    ordering_fields = ("id", "created_at", "version")

    @extend_schema(
        operation_id="document_download",
        summary="下载文书",
        description="可查阅该文书的用户可下载其.docx文件；每次下载记入访问日志。",
        responses={
            # Bytes first: the one type generated clients turn into a file.
            **{
                (200, media_type): OpenApiResponse(OpenApiTypes.BINARY, description="文书")
                for media_type in (OCTET_STREAM, DOCX_CONTENT_TYPE)
            },
            403: ERROR_RESPONSES[403],
            404: ERROR_RESPONSES[404],
        },
    )
    @action(detail=True, methods=["get"], content_negotiation_class=FileDownloadNegotiation)
    def download(self, request, pk=None):
        return document_response(document_download(user=request.user, pk=pk, request=request))


def register(router) -> None:
    router.register("documents", DocumentViewSet)
