"""Statistics endpoints: every figure of docs/DOMAIN.md, grouped and filtered, for any scope the
user may see. The same selector functions feed the dashboard and the workbook."""

import copy

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from inspection.api.permissions import StatisticsReader
from inspection.api.renderers import OrjsonRenderer
from reports.api.serializers import StatisticsQuerySerializer, StatisticsRowSerializer
from reports.statistics import FIGURES, statistics_filter_for
from reports.statistics.cache import cached_statistics_answer
from reports.statistics.figures import MONEY_FIGURES, money_text
from reports.statistics.scope import names_a_record_out_of_sight


def money_as_text(rows: list) -> list:
    """The rows with each sum of money as a decimal string ("12000.50"), the API's one
    format for money (a resource's amount is one; DRF's encoder would write a float)."""
    for row in rows:
        for name in MONEY_FIGURES & row["figures"].keys():
            value = row["figures"][name]
            if value is not None:
                row["figures"][name] = money_text(value)
    return rows


def answer_for(view, request, figures=None):
    """The answer to the request: the JSON body itself, cached under the data version,
    when JSON is asked for (the usual case); else the rows, for the browsable API."""
    query = StatisticsQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    filters = statistics_filter_for(request.user, data)
    if names_a_record_out_of_sight(request.user, data):
        return Response([])
    arguments = (filters, data.get("group_by"), figures)
    renderer = request.accepted_renderer
    if renderer.format != "json":
        answer = cached_statistics_answer(*arguments, on=data.get("on"))
        return Response(money_as_text(copy.deepcopy(answer)))
    media_type = request.accepted_media_type
    body = cached_statistics_answer(
        *arguments,
        on=data.get("on"),
        render=lambda rows: renderer.render(
            money_as_text(rows), media_type, view.get_renderer_context()
        ),
        # "money=text": bodies cached before money became text are not answered again.
        rendering=f"{type(renderer).__module__}.{type(renderer).__qualname__}:{media_type}"
        ":money=text",
        json_body=isinstance(renderer, OrjsonRenderer)
        and renderer.get_indent(media_type, view.get_renderer_context()) is None,
    )
    content_type = renderer.media_type
    if renderer.charset:
        content_type = f"{content_type}; charset={renderer.charset}"
    return HttpResponse(body, content_type=content_type)


EXAMPLE = OpenApiExample(
    "按乡镇分组",
    # One row: drf-spectacular puts it in a list, as the answer is a list of rows.
    value={"key": "3", "label": "西夏墅镇", "figures": {"problems": 170, "clues_transferred": 11}},
    response_only=True,
)


class StatisticsTableView(APIView):
    """All figures at once, one row per group."""

    permission_classes = [StatisticsReader]

    @extend_schema(
        parameters=[StatisticsQuerySerializer],
        responses=StatisticsRowSerializer(many=True),
        examples=[EXAMPLE],
    )
    def get(self, request):
        return answer_for(self, request)


def figure_view(name: str):
    function = FIGURES[name]

    class FigureView(APIView):
        permission_classes = [StatisticsReader]

        @extend_schema(
            operation_id=f"statistics_{name}",
            description=(function.__doc__ or "").strip(),
            parameters=[StatisticsQuerySerializer],
            responses=StatisticsRowSerializer(many=True),
            examples=[EXAMPLE],
        )
        def get(self, request):
            return answer_for(self, request, figures=[name])

    FigureView.__name__ = f"{name.title()}StatisticsView"
    return FigureView
