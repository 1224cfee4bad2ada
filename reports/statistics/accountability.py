"""问责 figures (issue 19): decisions counted by form, organisations and persons apart,
第一种形态 (约谈, 批评教育) apart — never added to 问责.

A decision counts on its decision date, a first-form measure on the day it was held:
each within the filter's dates and no later than the day asked (``on``, today by
default), and within the filter's places (its assignment's round, town, village, team).
Migrated decisions (from the office's former own records) count as decided: they were.
One query a figure.

Proposals not yet decided are not counted here: the statistics reach the unit, its town
and the team, and a proposal is the office's and the deciding bodies' until it is
decided (``rectification.accountability_permissions``) — a count of the pending ones
would tell the unit one is on its way. The office follows them on the proposals' list.
"""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from rectification.choices import (
    ORGANISATION_FORMS,
    PERSON_FORMS,
    AccountabilityTarget,
    FirstFormKind,
)
from rectification.models import AccountabilityDecision, FirstFormMeasure
from reports.statistics.figures import Figures, _aggregate
from reports.statistics.scope import StatisticsFilter, group_field

FORMS = (*PERSON_FORMS, *ORGANISATION_FORMS)
PERSON = Q(target_kind=AccountabilityTarget.PERSON)
ORGANISATION = Q(target_kind=AccountabilityTarget.ORGANISATION)


def accountability(
    filters: StatisticsFilter, group_by: str | None = None, on: datetime.date | None = None
) -> Figures:
    """问责: the deciding bodies' decisions (决定) by form, persons and organisations apart,
    不予问责 apart."""
    pursued = Q(pursued=True)
    return _aggregate(
        accountability_rows(filters, on),
        group_field(group_by, "proposal__assignment"),
        accountability_persons=Count("pk", filter=pursued & PERSON),
        accountability_organisations=Count("pk", filter=pursued & ORGANISATION),
        accountability_not_pursued=Count("pk", filter=Q(pursued=False)),
        **{
            f"accountability_{form.value}": Count("pk", filter=pursued & Q(form=form))
            for form in FORMS
        },
    )


def first_form(
    filters: StatisticsFilter, group_by: str | None = None, on: datetime.date | None = None
) -> Figures:
    """第一种形态: 约谈 and 批评教育 held (人次), not 问责."""
    return _aggregate(
        first_form_rows(filters, on),
        group_field(group_by, "assignment"),
        first_form=Count("pk"),
        first_form_talks=Count("pk", filter=Q(kind=FirstFormKind.TALK)),
        first_form_criticisms=Count("pk", filter=Q(kind=FirstFormKind.CRITICISM)),
    )


def accountability_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The decisions ``accountability`` counts: decided by ``on``."""
    return AccountabilityDecision.objects.filter(
        filters.condition("proposal__assignment", "decided_on"),
        decided_on__lte=on or timezone.localdate(),
    )


def first_form_rows(filters: StatisticsFilter, on: datetime.date | None = None) -> QuerySet:
    """The measures ``first_form`` counts: held by ``on``."""
    return FirstFormMeasure.objects.filter(
        filters.condition("assignment", "conducted_on"),
        conducted_on__lte=on or timezone.localdate(),
    )
