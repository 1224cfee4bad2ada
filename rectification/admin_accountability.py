"""The admin's read-only pages of 问责 (提请 → 决定) and 第一种形态: the services write them
(rectification.services.accountability); the admin never does."""

from django.contrib import admin

from inspection.admin import WorkflowHistoryAdmin
from rectification.models import AccountabilityDecision, AccountabilityProposal, FirstFormMeasure
from rounds.admin import ASSIGNMENT_RELATED


@admin.register(AccountabilityProposal)
class AccountabilityProposalAdmin(WorkflowHistoryAdmin):
    list_display = (
        "target",
        "target_kind",
        "suggested_form",
        "deciding_body",
        "status",
        "assignment",
        "proposed_on",
    )
    list_filter = ("status", "target_kind", "deciding_body", "assignment__round")
    list_select_related = ASSIGNMENT_RELATED
    search_fields = ("person_name", "organisation_name", "facts", "assignment__village__name")
    date_hierarchy = "proposed_on"


@admin.register(AccountabilityDecision)
class AccountabilityDecisionAdmin(WorkflowHistoryAdmin):
    list_display = ("proposal", "pursued", "form", "decided_on", "signed_by", "migrated")
    list_filter = ("pursued", "form", "migrated")
    list_select_related = ("proposal", "signed_by")
    search_fields = ("proposal__person_name", "proposal__organisation_name", "document_number")
    date_hierarchy = "decided_on"


@admin.register(FirstFormMeasure)
class FirstFormMeasureAdmin(WorkflowHistoryAdmin):
    list_display = ("person_name", "person_post", "kind", "body", "assignment", "conducted_on")
    list_filter = ("kind", "body", "assignment__round", "assignment__town")
    list_select_related = (*ASSIGNMENT_RELATED, "item")
    search_fields = ("person_name", "person_post", "reason", "assignment__village__name")
    date_hierarchy = "conducted_on"
