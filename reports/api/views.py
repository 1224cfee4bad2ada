"""Statistics endpoints: every figure of DOMAIN.md, grouped and filtered, for any scope the
user may see. The same selector functions feed the dashboard and the workbook."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from inspection.api.permissions import StatisticsReader
from reports.api.serializers import StatisticsQuerySerializer, StatisticsRowSerializer
from reports.statistics import FIGURES, statistics_filter_for, statistics_table


def rows_for(request, figures=None):
    query = StatisticsQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    filters = statistics_filter_for(request.user, data)
    options = {"on": data["on"]} if "on" in data else {}
    rows = statistics_table(filters, data.get("group_by"), figures=figures, **options)
    answer = []
    for row in rows:
        key = row.pop("key")
        label = str(row.pop("label"))
        answer.append({"key": None if key is None else str(key), "label": label, "figures": row})
    return answer


EXAMPLE = OpenApiExample(
    "按乡镇分组",
    value=[{"key": 3, "label": "西夏墅镇", "figures": {"problems": 170, "clues_transferred": 11}}],
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
        return Response(rows_for(request))


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
            return Response(rows_for(request, figures=[name]))

    FigureView.__name__ = f"{name.title()}StatisticsView"
    return FigureView
