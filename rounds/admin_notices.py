"""Admin console, read-only: the 进驻公告 with their villages' 码上巡 codes (written only
through rounds.services.notices) and the photos the public sent with a report."""

from django.contrib import admin

from inspection.admin import (
    EvidenceAdmin,
    ReadOnlyInline,
    WorkflowHistoryAdmin,
    WorkflowRecordAdmin,
)
from rounds.models import EntryNotice, EntryNoticeAssignment, PetitionPhoto

# Joins that an assignment's __str__ and target_name need.
ASSIGNMENT_RELATED = ("assignment__round", "assignment__town", "assignment__village")


@admin.register(PetitionPhoto)
class PetitionPhotoAdmin(EvidenceAdmin):
    logged_reads = True  # a photo may show who took it
    list_display = ("__str__", "petition", "uploaded_at")
    list_select_related = ("petition__round",)


class EntryNoticeAssignmentInline(ReadOnlyInline):
    model = EntryNoticeAssignment
    fields = ("assignment", "public_code")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*ASSIGNMENT_RELATED)


# Written through entry_notice_create / entry_notice_update (the round's screens).
@admin.register(EntryNotice)
class EntryNoticeAdmin(WorkflowHistoryAdmin):
    list_display = ("__str__", "round", "period_from", "period_until", "cutoff_on", "duty_phone")
    list_filter = ("round",)
    list_select_related = ("round",)
    search_fields = ("duty_phone", "mailbox", "letterbox")
    inlines = (EntryNoticeAssignmentInline,)


@admin.register(EntryNoticeAssignment)
class EntryNoticeAssignmentAdmin(WorkflowRecordAdmin):
    list_display = ("notice", "assignment")
    list_select_related = ("notice__round", *ASSIGNMENT_RELATED)
    search_fields = ("assignment__village__name", "assignment__town__name")
