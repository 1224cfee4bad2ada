"""Who sees and acts on 问责 (提请 → 决定) and 第一种形态 (issue 19).

Proposals, decisions and first-form measures are scoped by their assignment like the
ledger; a proposal not yet decided is the office's and the bodies' only (the unit and its
town read it once decided, but for a village's proposal asked of its town's 乡镇党委,
which reads and decides it). The office proposes; the deciding body decides — a
supervisor account of that body, in reach, the town reviewer's for its 乡镇党委, or the
office with the body's decision document (the service requires it); 第一种形态 is the
office's or a supervisor's in reach.
"""

import rules
from django.db.models import Q
from django.utils.translation import gettext_lazy as _lazy

from inspection.attachments import evidence_kind
from inspection.permissions import (
    action,
    in_reach,
    is_inspector,
    is_office,
    is_supervisor,
    is_town_reviewer,
    reads_all,
    reads_unit_ledger,
    scope_of,
)
from rectification.choices import DecidingBody, ProposalStatus
from rectification.models import AccountabilityDecision, AccountabilityProposal, FirstFormMeasure
from rectification.permissions import scoped_by_assignment


def _decided_unless_supervising(user, queryset, status: str, body: str, assignment: str):
    """A proposal not yet decided is the office's and the bodies': the unit, its town and
    the team that inspected it read 问责 once decided (or not pursued) — except that the
    town's 乡镇党委 reads one it is asked to decide (a village cadre's, 干部管理权限)."""
    if is_town_reviewer(user):
        asked = Q(**{body: DecidingBody.TOWN_COMMITTEE, f"{assignment}__village__isnull": False})
        return queryset.exclude(Q(**{status: ProposalStatus.PROPOSED}) & ~asked)
    if (reads_unit_ledger(user) and not is_supervisor(user)) or is_inspector(user):
        return queryset.exclude(**{status: ProposalStatus.PROPOSED})
    return queryset


@scope_of(AccountabilityProposal)
def visible_accountability_proposals(user):
    queryset = scoped_by_assignment(user, AccountabilityProposal.objects.all(), "assignment")
    return _decided_unless_supervising(user, queryset, "status", "deciding_body", "assignment")


@scope_of(AccountabilityDecision)
def visible_accountability_decisions(user):
    return scoped_by_assignment(user, AccountabilityDecision.objects.all(), "proposal__assignment")


@scope_of(FirstFormMeasure)
def visible_first_form_measures(user):
    return scoped_by_assignment(user, FirstFormMeasure.objects.all(), "assignment")


@rules.predicate
def is_deciding_supervisor(user, proposal) -> bool:
    """A supervisor of the body the proposal asks to decide, with the assignment in reach."""
    return (
        proposal is not None
        and is_supervisor(user)
        and user.receiving_body == proposal.deciding_body
        and in_reach(user, proposal.assignment)
    )


@rules.predicate
def is_deciding_town_committee(user, proposal) -> bool:
    """The 乡镇党委 of the proposal's village, when the proposal asks it to decide."""
    return (
        proposal is not None
        and is_town_reviewer(user)
        and proposal.deciding_body == DecidingBody.TOWN_COMMITTEE
        and proposal.assignment.village_id is not None
        and proposal.assignment.town_id == user.town_id
    )


@rules.predicate
def is_supervisor_in_reach(user, assignment) -> bool:
    return assignment is not None and is_supervisor(user) and in_reach(user, assignment)


@rules.predicate
def is_supervisor_in_reach_of(user, record) -> bool:
    """A supervisor with the record's assignment in reach."""
    return record is not None and is_supervisor_in_reach(user, record.assignment)


action("accountability_propose", _lazy("提请问责"), is_office)
# 提请问责函 and 整改评估表 (rectification.accountability_documents): the office generates
# them; whoever reads the proposal (the office, leadership, the bodies in reach; the unit
# once decided) or the evaluation reads them.
action("accountability_proposal_document_generate", _lazy("生成提请问责函"), is_office)
action(
    "accountability_proposal_document_read",
    _lazy("查阅提请问责函"),
    reads_all | is_supervisor_in_reach_of | is_deciding_town_committee,
)
action("evaluation_form_document_generate", _lazy("生成整改评估表"), is_office)
action("evaluation_form_document_read", _lazy("查阅整改评估表"), reads_all | reads_unit_ledger)
action(
    "accountability_decide",
    _lazy("登记问责决定"),
    is_office | is_deciding_supervisor | is_deciding_town_committee,
)
action("first_form_record", _lazy("登记第一种形态"), is_office | is_supervisor_in_reach)

# The body's decision document: whoever sees the decision downloads it.
evidence_kind("accountability-decision", AccountabilityDecision, field="document")
