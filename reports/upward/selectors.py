"""Reads of 统计报送: a report's figures (frozen once sent, live before), the previous sent
period and what changed since, the filled workbook, the county it is sent for."""

from django.conf import settings
from django.db.models import Q

from inspection.models import Town
from reports.exports.summary import COUNTS, OUTCOMES
from reports.upward.filling import figures_for, filled_workbook, placeholders
from reports.upward.mapping import cells_of
from reports.upward.models import PeriodKind, ReportStatus, StatisticsReport
from reports.upward.periods import period_of

LABELS = {name: label for name, label, *_rest in (*COUNTS, *OUTCOMES)} | {
    "inspected": "被巡察村(社区)数",
    "villages": "村(社区)总数",
    "coverage_rate": "巡察覆盖率",
    "cases_filed": "立案(件)",
    "items_closed_on_time": "如期销号(条)",
    "on_time_rate": "如期完成率",
    "funds_recovered": "追回资金(元)",
    "persons_sanctioned": "处分(人)",
}


def figure_label(name: str) -> str:
    return LABELS.get(name, name)


def county() -> dict:
    """The county the tables are sent for: its name and 6-digit division code from the
    settings, else the code the towns' 9-digit codes share."""
    code = settings.INSPECTION_COUNTY_CODE
    if not code:
        prefixes = {town_code[:6] for town_code in Town.objects.values_list("code", flat=True)}
        code = prefixes.pop() if len(prefixes) == 1 else ""
    return {"name": settings.INSPECTION_COUNTY_NAME, "code": code}


def report_figures(report: StatisticsReport, *, with_ids: bool = False) -> dict[str, dict]:
    """The snapshot's figures once sent; before, the figures now (as of the period's day)."""
    if report.status == ReportStatus.SENT:
        return report.snapshot["figures"]
    period = period_of(report)
    return figures_for(cells_of(report.template), period, period.as_of(), with_ids=with_ids)


def report_workbook(report: StatisticsReport) -> bytes:
    """The filled table: the filed one once sent, else filled now."""
    if report.status == ReportStatus.SENT:
        with report.sent_file.open("rb") as stream:
            return stream.read()
    period = period_of(report)
    texts = placeholders(period, period.as_of(), county()["name"])
    with report.template.file.open("rb") as stream:
        return filled_workbook(stream.read(), report_figures(report), texts)


def previous_sent(report: StatisticsReport) -> StatisticsReport | None:
    """The last table of the same template and kind of period sent before this one's
    period (a round's: sent before it)."""
    sent = StatisticsReport.objects.filter(
        template_id=report.template_id,
        period_kind=report.period_kind,
        status=ReportStatus.SENT,
    ).exclude(pk=report.pk)
    if report.period_kind == PeriodKind.ROUND:
        if report.sent_at:
            sent = sent.filter(sent_at__lt=report.sent_at)
        return sent.order_by("-sent_at", "-id").first()
    return sent.filter(Q(date_to__lt=report.date_from)).order_by("-date_to").first()


def _difference(now, before):
    try:
        if isinstance(now, str) or isinstance(before, str):
            from decimal import Decimal

            return str(Decimal(now) - Decimal(before))
        return round(now - before, 4)
    except (TypeError, ArithmeticError):
        return None


def report_changes(report: StatisticsReport) -> dict:
    """For each mapped figure: its value, the previous sent period's, the difference, and
    the ids of the records that entered and left ({"previous": report or None, "rows":
    […]}). Before sending the ids are read now, as sending would freeze them."""
    previous = previous_sent(report)
    figures = report_figures(report, with_ids=True)
    before = previous.snapshot["figures"] if previous else {}
    rows = []
    for key, entry in figures.items():
        old = before.get(key)
        row = {
            "key": key,
            "figure": entry["figure"],
            "label": figure_label(entry["figure"]),
            "group": entry["group"],
            "sheet": entry["sheet"],
            "cell": entry["cell"],
            "value": entry["value"],
            "previous": old["value"] if old else None,
            "difference": _difference(entry["value"], old["value"]) if old else None,
            "entered": None,
            "left": None,
        }
        ids, old_ids = entry.get("ids"), old.get("ids") if old else None
        if ids is not None and old_ids is not None:
            row["entered"] = sorted(set(ids) - set(old_ids))
            row["left"] = sorted(set(old_ids) - set(ids))
        rows.append(row)
    return {"previous": previous, "rows": rows}
