"""Statistics endpoints: every figure of DOMAIN.md, grouped and filtered, for any scope the
user may see. The same selector functions feed the dashboard and the workbook."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from inspection.api.permissions import StatisticsReader
from inspection.choices import UserRole
from inspection.errors import PermissionDeniedError
from inspection.permissions import is_inspector, is_officer, reads_all, role_of, team_ids_of
from reports.api.serializers import StatisticsQuerySerializer, StatisticsRowSerializer
from reports.statistics import FIGURES, StatisticsFilter, statistics_table


def scoped_filter(user, query: dict) -> StatisticsFilter:
    """The filter a user may ask for: the county for readers and statistics clients, their
    own unit for a rectification officer, their own team for an inspector."""
    values = {
        "term_id": query.get("term"),
        "round_id": query.get("round"),
        "town_id": query.get("town"),
        "village_id": query.get("village"),
        "team_id": query.get("team"),
        "date_from": query.get("date_from"),
        "date_to": query.get("date_to"),
    }
    if reads_all(user) or role_of(user) == UserRole.STATISTICS_CLIENT:
        return StatisticsFilter(**values)
    if is_officer(user):
        if user.village_id:
            values |= {"village_id": user.village_id, "town_id": None}
        else:
            values["town_id"] = user.town_id
        return StatisticsFilter(**values)
    if is_inspector(user):
        if values["team_id"] not in team_ids_of(user):
            raise PermissionDeniedError("巡察组成员只能查看本组的统计，请指定所在巡察组（team）。")
        return StatisticsFilter(**values)
    raise PermissionDeniedError("该账号不能查看统计数据。")


def rows_for(request, figures=None):
    query = StatisticsQuerySerializer(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    filters = scoped_filter(request.user, data)
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
