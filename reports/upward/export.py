"""The JSON export of a sent table: what a city-level system reads to aggregate counties
without retyping — the county, the period, every mapped figure's value and the ids of the
records behind it, and what changed since the previous sent period."""

from django.utils.translation import gettext as _

from inspection.errors import ConflictError
from reports.upward.models import ReportStatus, StatisticsReport
from reports.upward.selectors import report_changes


def snapshot_export(report: StatisticsReport) -> dict:
    if report.status != ReportStatus.SENT:
        raise ConflictError(_("该统计报送尚未报送，没有快照。"))
    changes = report_changes(report)
    previous = changes["previous"]
    return {
        "id": report.pk,
        **report.snapshot,
        "previous": (
            {"id": previous.pk, "period": previous.period_code} if previous is not None else None
        ),
        "changes": {
            row["key"]: {
                "previous": row["previous"],
                "difference": row["difference"],
                "entered": row["entered"],
                "left": row["left"],
            }
            for row in changes["rows"]
        },
    }
