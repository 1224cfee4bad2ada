"""Reading 交办事项 and 巡察建议书: which replies are late, derived from the dates (never
stored), as they stood on a given day. The office's lists and the statistics
(reports.statistics.matters) use these conditions."""

import datetime

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from findings.choices import MatterStatus, ThematicReportKind


def matter_unreplied_condition(on: datetime.date) -> Q:
    """Matters handed on by ``on`` and not replied to by then."""
    return Q(handed_on__lte=on) & (
        ~Q(status=MatterStatus.REPLIED) | Q(replied_on__gt=on) | Q(replied_on__isnull=True)
    )


def matter_overdue_condition(on: datetime.date) -> Q:
    """逾期: the reply was due before ``on`` and had not come by ``on``."""
    return matter_unreplied_condition(on) & Q(reply_due_on__lt=on)


def matter_replied_condition(on: datetime.date) -> Q:
    return Q(status=MatterStatus.REPLIED, replied_on__lte=on)


def recommendation_overdue_condition(on: datetime.date) -> Q:
    """A 巡察建议书 whose reply was due before ``on`` and had not come by ``on``."""
    return Q(kind=ThematicReportKind.RECOMMENDATION, reply_due_on__lt=on, issued_on__lte=on) & (
        Q(replied_on__isnull=True) | Q(replied_on__gt=on)
    )


def matters_with_overdue(queryset: QuerySet, on: datetime.date | None = None) -> QuerySet:
    """``queryset`` of matters, each with ``is_overdue`` on ``on`` (default today)."""
    return queryset.annotate(
        is_overdue=Case(
            When(matter_overdue_condition(on or timezone.localdate()), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def reports_with_overdue(queryset: QuerySet, on: datetime.date | None = None) -> QuerySet:
    """``queryset`` of thematic reports, each with ``is_overdue`` on ``on`` (default today)."""
    return queryset.annotate(
        is_overdue=Case(
            When(recommendation_overdue_condition(on or timezone.localdate()), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )
