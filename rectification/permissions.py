"""Who sees which feedback, ledger items and what hangs on them.

Scopes (DOMAIN.md): the office and leadership read everything; a rectification officer
reads the ledger of their own unit (their village, or their whole town); an inspector
reads the ledger of the assignments their team inspected; the commission liaison and
the statistics client read none of it.
"""

from inspection.permissions import (
    is_inspector,
    is_officer,
    membership_exists,
    reads_all,
    scope_of,
    unit_condition,
)
from rectification.models import (
    Accountability,
    Alert,
    Evaluation,
    Feedback,
    Milestone,
    ProgressUpdate,
    RectificationItem,
    Verification,
)


def _scoped(user, queryset, assignment: str):
    """Rows whose assignment (reached by the path ``assignment``) is in the user's scope."""
    if reads_all(user):
        return queryset
    if is_officer(user):
        return queryset.filter(unit_condition(user, f"{assignment}__"))
    if is_inspector(user):
        return queryset.filter(membership_exists(user, f"{assignment}__team_id"))
    return queryset.none()


@scope_of(Feedback)
def visible_feedback(user):
    return _scoped(user, Feedback.objects.all(), "assignment")


@scope_of(RectificationItem)
def visible_items(user):
    return _scoped(user, RectificationItem.objects.all(), "problem__assignment")


@scope_of(Milestone)
def visible_milestones(user):
    return _scoped(user, Milestone.objects.all(), "item__problem__assignment")


@scope_of(ProgressUpdate)
def visible_progress_updates(user):
    return _scoped(user, ProgressUpdate.objects.all(), "item__problem__assignment")


@scope_of(Verification)
def visible_verifications(user):
    return _scoped(user, Verification.objects.all(), "item__problem__assignment")


@scope_of(Alert)
def visible_alerts(user):
    """Alerts of visible items; clue alerts only for the office and leadership."""
    if reads_all(user):
        return Alert.objects.all()
    return _scoped(user, Alert.objects.filter(item__isnull=False), "item__problem__assignment")


@scope_of(Accountability)
def visible_accountabilities(user):
    return _scoped(user, Accountability.objects.all(), "assignment")


@scope_of(Evaluation)
def visible_evaluations(user):
    return _scoped(user, Evaluation.objects.all(), "assignment")
