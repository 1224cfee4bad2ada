"""Export jobs through the API: request the statistics workbook, follow it, download it.

POST /api/v1/exports/ queues a build for a scope (the body) and answers 202 with the job;
GET lists the user's own jobs (the office: every job), GET …/{id}/ shows status and
progress, GET …/{id}/download/ streams the file once done. The statistics client may
export too: its workbook has the aggregate sheet only.
"""

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action

from inspection.api.downloads import FileDownloadNegotiation, content_disposition
from inspection.api.fields import IdField
from inspection.api.parsers import JSONParser
from inspection.api.permissions import StatisticsReader
from inspection.api.schema import ERROR_RESPONSES
from inspection.api.serializers import ErrorSerializer
from inspection.api.viewsets import ScopedViewSet
from reports.exports.scope import SCOPE_MODELS, download_name, job_scope_label
from reports.exports.services import (
    JOB_SCOPE,
    XLSX_CONTENT_TYPE,
    export_download,
    export_request,
    failure_reason_display,
)
from reports.models import ExportJob, ExportKind, ExportStatus


def scope_id(help_text: str = ""):
    return IdField(required=False, allow_null=True, help_text=help_text)


class ExportRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=ExportKind.choices,
        default=ExportKind.SUMMARY,
        help_text="统计汇总表（默认）或问题线索移交情况表（仅巡察办）",
    )
    term = scope_id("届次")
    round = scope_id("巡察轮次")
    town = scope_id("乡镇(街道)")
    village = scope_id("村(社区)")
    team = scope_id("巡察组（巡察组成员必须指定本组）")
    date_from = serializers.DateField(required=False, allow_null=True)
    date_to = serializers.DateField(required=False, allow_null=True)


class ExportJobSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    failure_reason = serializers.SerializerMethodField()
    scope_label = serializers.SerializerMethodField(help_text="统计范围（中文）")
    file_name = serializers.SerializerMethodField(help_text="下载时的文件名")
    download_url = serializers.SerializerMethodField(help_text="完成且未过期时的下载地址")

    class Meta:
        model = ExportJob
        fields = (
            "id",
            "kind",
            "kind_label",
            "status",
            "status_label",
            "progress",
            "failure_reason",
            "term",
            "round",
            "town",
            "village",
            "team",
            "date_from",
            "date_to",
            "as_of",
            "scope_label",
            "requested_by",
            "created_at",
            "started_at",
            "finished_at",
            "expires_at",
            "size",
            "checksum",
            "file_name",
            "download_url",
        )
        read_only_fields = fields

    def get_failure_reason(self, job) -> str:
        return failure_reason_display(job)

    def get_scope_label(self, job) -> str:
        return job_scope_label(job)

    def get_file_name(self, job) -> str:
        return download_name(job_scope_label(job), job.as_of, job.kind)

    def get_download_url(self, job) -> str | None:
        if job.status != ExportStatus.DONE or job.is_expired():
            return None
        path = f"/api/v1/exports/{job.pk}/download/"
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


@extend_schema_view(
    list=extend_schema(summary="我的导出任务（巡察办：全部）"),
    retrieve=extend_schema(summary="导出任务：状态与进度"),
)
class ExportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """统计汇总表导出任务."""

    queryset = ExportJob.objects.select_related("requested_by", *JOB_SCOPE)
    serializer_class = ExportJobSerializer
    permission_classes = [StatisticsReader]
    # JSON, as every write of the API: one request body a generated client can send.
    parser_classes = (JSONParser,)
    filterset_fields = ("status",)
    ordering_fields = ("id", "created_at")

    @extend_schema(
        summary="申请导出统计汇总表",
        description=(
            "范围与统计接口相同：巡察办、领导小组和统计接口可选任意范围；整改联络员限本单位；"
            "巡察组成员须指定本组（team）；纪委监委联络员不能导出。kind=clues 为问题线索"
            "移交情况表，单独成册，仅巡察办可申请和下载；统计汇总表不含线索。生成在后台进行，"
            "以任务的 status 与 progress 查看进度，完成后从 download_url 下载。"
        ),
        request=ExportRequestSerializer,
        responses={
            202: ExportJobSerializer,
            **ERROR_RESPONSES,
            429: OpenApiResponse(
                ErrorSerializer,
                description="本人已有 INSPECTION_EXPORT_MAX_PENDING 个导出在生成："
                "按 Retry-After 稍后再试",
            ),
        },
    )
    def create(self, request):
        data = ExportRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        job = export_request(
            actor=request.user,
            kind=values["kind"],
            **{f"{key}_id": values.get(key) for key in SCOPE_MODELS},
            date_from=values.get("date_from"),
            date_to=values.get("date_to"),
        )
        return self.answer(job, status=202)

    @extend_schema(
        summary="下载统计汇总表",
        description="申请人或巡察办可下载；每次下载记入访问日志。文件过期后须重新导出。",
        # The file is always sent as .xlsx; octet-stream is listed beside it because generic
        # client generators know only JSON, text and bytes, and would drop the answer.
        responses={
            **{
                (200, media_type): OpenApiResponse(
                    OpenApiTypes.BINARY, description="Excel 工作簿（.xlsx）"
                )
                for media_type in (XLSX_CONTENT_TYPE, "application/octet-stream")
            },
            404: ERROR_RESPONSES[404],
            409: OpenApiResponse(ERROR_RESPONSES[409].response, description="导出尚未完成或已失败"),
        },
    )
    @action(detail=True, methods=["get"], content_negotiation_class=FileDownloadNegotiation)
    def download(self, request, pk=None):
        download = export_download(actor=request.user, job_id=pk, request=request)
        response = FileResponse(download.stream, content_type=download.content_type)
        response["Content-Disposition"] = content_disposition(
            download.name, f"{download.job.kind}-{download.job.pk}.xlsx"
        )
        response["Content-Length"] = str(download.size)
        # No ETag: each reader's copy is stamped apart (the stored file's checksum is
        # in the job's detail).
        response["Cache-Control"] = "private, no-store"
        return response
