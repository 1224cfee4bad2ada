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


ERROR_COMPONENT = {
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "给用户看的说明"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {}},
            "description": "逐字段的错误信息",
        },
    },
    "required": ["detail"],
}
STANDARD_ERRORS = {
    "400": "输入或查询参数有误",
    "401": "未登录，或令牌无效、过期、已吊销",
    "403": "无权访问（例如统计接口令牌读取记录）",
    "404": "记录不存在或不在本人范围内",
    "405": "该资源不支持此方法",
    "409": "记录状态已被他人改变，请刷新后重试",
}


def add_error_responses(result, generator, request, public):
    """Postprocessing hook: every operation documents the error answers it can give.

    Every operation can answer 400 (bad query or body), 401, 403, 404 and 405; those that
    write can also answer 409. All errors share one shape (``Error``).
    """
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("Error", ERROR_COMPONENT)
    reference = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in STANDARD_ERRORS.items():
                if code == "409" and method == "get":
                    continue
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": reference}},
                    },
                )
    return result


SAMPLE_STRINGS = {"date": "2026-06-30", "date-time": "2026-06-30T09:30:00+08:00", "uri": "/"}


def sample(schema: dict, components: dict, depth: int = 0):
    """A value that fits ``schema``: enough for a reader to see the answer's shape.

    Lists deeper than a few levels are shown empty (an example stays short); a reference
    or a choice adds no depth, so a nested record still has all its fields and a nested
    choice one of its values."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return sample(components.get(name, {}), components, depth)
    for combined in ("allOf", "oneOf", "anyOf"):
        if schema.get(combined):
            return sample(schema[combined][0], components, depth)
    if "enum" in schema:
        return next((value for value in schema["enum"] if value is not None), None)
    if "example" in schema:
        return schema["example"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        return {
            name: sample(field, components, depth + 1)
            for name, field in schema.get("properties", {}).items()
        }
    if kind == "array":
        return [sample(schema.get("items", {}), components, depth + 1)] if depth < 4 else []
    if kind == "integer":
        return max(1, schema.get("minimum", 1))
    if kind == "number":
        return 0.5
    if kind == "boolean":
        return True
    if kind == "string":
        if schema.get("format") == "decimal" or "\\d" in schema.get("pattern", ""):
            return "1200.00"
        return SAMPLE_STRINGS.get(schema.get("format"), "示例")
    return None


def add_examples(result, generator, request, public):
    """Postprocessing hook: every successful JSON answer carries an example (unless it has
    its own), built from its schema."""
    components = result.get("components", {}).get("schemas", {})
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            for code, response in operation.get("responses", {}).items():
                if not str(code).startswith("2"):
                    continue
                content = response.get("content", {}).get("application/json")
                if content and "schema" in content and not content.get("examples"):
                    content.setdefault("example", sample(content["schema"], components))
    return result


def drop_parameter_titles(result, generator, request, public):
    """Postprocessing hook: query and path parameters carry no ``title``.

    django-filter's labels (Chinese) become the titles of the parameters' schemas, which
    add nothing to the description (it starts with the same label), and client generators
    name a parameter's enum class after its title: ``V1ProblemsList严重程度``. Without
    it they name it after the operation and the parameter (``V1ProblemsListSeverity``).
    """
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                parameter.get("schema", {}).pop("title", None)
    return result
