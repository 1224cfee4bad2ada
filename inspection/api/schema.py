"""Schema helpers: every workflow action documents its input, answer and errors alike."""

from drf_spectacular.utils import OpenApiResponse, extend_schema

from inspection.api.serializers import ErrorSerializer

ERROR_RESPONSES = {
    400: OpenApiResponse(ErrorSerializer, description="输入有误：detail 与逐字段 errors"),
    403: OpenApiResponse(ErrorSerializer, description="可以看到该记录，但无权执行此操作"),
    404: OpenApiResponse(ErrorSerializer, description="记录不存在或不在本人范围内"),
    409: OpenApiResponse(ErrorSerializer, description="记录状态已被他人改变，请刷新后重试"),
}


def workflow_action_schema(*, request, response, summary: str, description: str = ""):
    """extend_schema for a POST action: its input, the record it answers, the four errors."""
    return extend_schema(
        summary=summary,
        description=description,
        request=request,
        responses={200: response, **ERROR_RESPONSES},
    )
