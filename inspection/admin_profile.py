"""The village profile (村情画像) in the admin: read-only, with its history. The office keeps
it through its services and the roster import (docs/roster-import.md), which check and
record every change."""

from django.contrib import admin

from inspection.admin import WorkflowHistoryAdmin
from inspection.models import RosterEntry, VillageFinance, VillagePartyOrganisation, VillageProject


@admin.register(RosterEntry)
class RosterEntryAdmin(WorkflowHistoryAdmin):
    list_display = ("village", "name", "body", "post", "started_on", "ended_on", "is_party_member")
    list_filter = ("body", "is_party_member")
    list_select_related = ("village",)
    search_fields = ("name", "post", "village__name")


@admin.register(VillagePartyOrganisation)
class VillagePartyOrganisationAdmin(WorkflowHistoryAdmin):
    list_display = ("village", "name", "kind")
    list_filter = ("kind",)
    list_select_related = ("village",)
    search_fields = ("name", "village__name")


@admin.register(VillageFinance)
class VillageFinanceAdmin(WorkflowHistoryAdmin):
    list_display = ("village", "year", "assets", "debts", "operating_income")
    list_filter = ("year",)
    list_select_related = ("village",)
    search_fields = ("village__name",)


@admin.register(VillageProject)
class VillageProjectAdmin(WorkflowHistoryAdmin):
    list_display = ("village", "name", "year", "amount", "funding", "progress")
    list_filter = ("year",)
    list_select_related = ("village",)
    search_fields = ("name", "village__name", "funding")
