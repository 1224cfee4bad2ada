"""问责 figures (issue 19): decisions counted by form, organisations and persons apart,
第一种形态 (约谈, 批评教育) apart — never added to 问责.

A decision counts on its decision date, a proposal on the day it was filed, a
first-form measure on the day it was held; each within the filter's places (its
assignment's round, town, village, team). Migrated decisions (from the office's former
own records) count as decided: they were.
"""

from django.db.models import Count, Q

from rectification.choices import (
    ORGANISATION_FORMS,
    PERSON_FORMS,
    AccountabilityTarget,
    FirstFormKind,
    ProposalStatus,
)
from rectification.models import AccountabilityDecision, AccountabilityProposal, FirstFormMeasure
from reports.statistics.figures import Figures, _aggregate
from reports.statistics.scope import StatisticsFilter, group_field

PERSON = Q(target_kind=AccountabilityTarget.PERSON)
ORGANISATION = Q(target_kind=AccountabilityTarget.ORGANISATION)


def _merge(*parts: Figures) -> Figures:
    """One row per group with every figure (0 where a group has none of a kind)."""
    names = (
        "accountability_proposed",
        "accountability_pending",
        "accountability_persons",
        "accountability_organisations",
        "accountability_not_pursued",
        *(f"accountability_{form.value}" for form in (*PERSON_FORMS, *ORGANISATION_FORMS)),
        "first_form",
        "first_form_talks",
        "first_form_criticisms",
    )
    merged: Figures = {}
    for part in parts:
        for key, row in part.items():
            merged.setdefault(key, dict.fromkeys(names, 0)).update(row)
    return merged


def accountability(filters: StatisticsFilter, group_by: str | None = None) -> Figures:
    """提请 and 决定 of 问责 by form (persons and organisations apart), and 第一种形态."""
    proposals = _aggregate(
        AccountabilityProposal.objects.filter(filters.condition("assignment", "proposed_on")),
        group_field(group_by, "assignment"),
        accountability_proposed=Count("pk"),
        accountability_pending=Count("pk", filter=Q(status=ProposalStatus.PROPOSED)),
    )
    by_form = {
        f"accountability_{form.value}": Count("pk", filter=Q(pursued=True, form=form))
        for form in (*PERSON_FORMS, *ORGANISATION_FORMS)
    }
    decisions = _aggregate(
        AccountabilityDecision.objects.filter(
            filters.condition("proposal__assignment", "decided_on")
        ),
        group_field(group_by, "proposal__assignment"),
        accountability_persons=Count("pk", filter=Q(pursued=True) & PERSON),
        accountability_organisations=Count("pk", filter=Q(pursued=True) & ORGANISATION),
        accountability_not_pursued=Count("pk", filter=Q(pursued=False)),
        **by_form,
    )
    first_form = _aggregate(
        FirstFormMeasure.objects.filter(filters.condition("assignment", "conducted_on")),
        group_field(group_by, "assignment"),
        first_form=Count("pk"),
        first_form_talks=Count("pk", filter=Q(kind=FirstFormKind.TALK)),
        first_form_criticisms=Count("pk", filter=Q(kind=FirstFormKind.CRITICISM)),
    )
    return _merge(proposals, decisions, first_form)
