"""The period a table is filled for, from its code: ``2026-09`` (月), ``2026Q3`` (季),
``2026H1`` (半年), ``2026`` (年), ``R12`` (轮次: the round of id 12).

A calendar period's figures are those with their own date in the period, as of its last
day (or today while it runs); a round's are the round's, as of the day asked.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.errors import ApplicationError
from reports.statistics import StatisticsFilter
from reports.upward.models import PeriodKind
from rounds.models import InspectionRound

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
QUARTER = re.compile(r"^(\d{4})Q(\d)$", re.IGNORECASE)
HALF = re.compile(r"^(\d{4})H(\d)$", re.IGNORECASE)
YEAR = re.compile(r"^(\d{4})$")
ROUND = re.compile(r"^(?:R|轮次)(\d+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    round: InspectionRound | None = None

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.ROUND:
            return self.round.title
        if self.kind == PeriodKind.MONTH:
            return _("%(year)s年%(month)s月") % {
                "year": self.date_from.year,
                "month": self.date_from.month,
            }
        if self.kind == PeriodKind.QUARTER:
            return _("%(year)s年第%(quarter)s季度") % {
                "year": self.date_from.year,
                "quarter": (self.date_from.month + 2) // 3,
            }
        if self.kind == PeriodKind.HALF_YEAR:
            if self.date_from.month == 1:
                return _("%(year)s年上半年") % {"year": self.date_from.year}
            return _("%(year)s年下半年") % {"year": self.date_from.year}
        return _("%(year)s年度") % {"year": self.date_from.year}

    def has_ended(self, today: datetime.date | None = None) -> bool:
        """A calendar period ends after its last day; a round is reported when asked."""
        today = today or timezone.localdate()
        return self.date_to is None or self.date_to < today

    def as_of(self, today: datetime.date | None = None) -> datetime.date:
        """The day every figure is as of: the period's last day, or today while it runs."""
        today = today or timezone.localdate()
        return today if self.date_to is None else min(self.date_to, today)

    def statistics_filter(self, town_id=None, round_id=None) -> StatisticsFilter:
        return StatisticsFilter(
            round_id=round_id or (self.round.pk if self.round else None),
            town_id=town_id,
            date_from=self.date_from,
            date_to=self.date_to,
        )


def _refuse(message: str):
    raise ApplicationError(message, errors={"period": [message]})


def _calendar(code, kind, year, first_month, months) -> Period:
    if not 1900 < year < 2200:
        _refuse(_("报送期间「%(code)s」的年份不对。") % {"code": code})
    last_month = first_month + months - 1
    last_day = calendar.monthrange(year, last_month)[1]
    period = Period(
        code=code,
        kind=kind,
        date_from=datetime.date(year, first_month, 1),
        date_to=datetime.date(year, last_month, last_day),
    )
    if period.date_from > timezone.localdate():
        _refuse(_("报送期间「%(code)s」尚未开始。") % {"code": code})
    return period


def parse_period(code: str) -> Period:
    """The period of ``code``; an ApplicationError naming the code when it is not one."""
    code = (code or "").strip().upper().replace("轮次", "R")
    if match := MONTH.match(code):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            _refuse(_("报送期间「%(code)s」的月份应为1至12。") % {"code": code})
        return _calendar(f"{year}-{month:02d}", PeriodKind.MONTH, year, month, 1)
    if match := QUARTER.match(code):
        year, quarter = int(match[1]), int(match[2])
        if not 1 <= quarter <= 4:
            _refuse(_("报送期间「%(code)s」的季度应为Q1至Q4。") % {"code": code})
        return _calendar(code, PeriodKind.QUARTER, year, quarter * 3 - 2, 3)
    if match := HALF.match(code):
        year, half = int(match[1]), int(match[2])
        if half not in (1, 2):
            _refuse(_("报送期间「%(code)s」的半年应为H1或H2。") % {"code": code})
        return _calendar(code, PeriodKind.HALF_YEAR, year, half * 6 - 5, 6)
    if match := YEAR.match(code):
        return _calendar(code, PeriodKind.YEAR, int(match[1]), 1, 12)
    if match := ROUND.match(code):
        found = InspectionRound.objects.filter(pk=int(match[1])).first()
        if found is None:
            _refuse(_("报送期间「%(code)s」：没有这一巡察轮次。") % {"code": code})
        return Period(code=f"R{found.pk}", kind=PeriodKind.ROUND, round=found)
    _refuse(
        _(
            "报送期间「%(code)s」无法识别：月如2026-09，季如2026Q3，半年如2026H1，"
            "年如2026，轮次如R12。"
        )
        % {"code": code}
    )


def period_of(report) -> Period:
    """The period a report was created for (as stored, not parsed again)."""
    return Period(
        code=report.period_code,
        kind=report.period_kind,
        date_from=report.date_from,
        date_to=report.date_to,
        round=report.round,
    )
