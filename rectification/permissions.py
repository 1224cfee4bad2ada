"""Who sees which feedback, ledger items and what hangs on them.

Scopes (docs/DOMAIN.md): the office and leadership read everything; a rectification officer
reads the ledger of their own unit (their village, or their whole town); an inspector
reads the ledger of the assignments their team inspected; the commission liaison and
the statistics client read none of it.
"""

import rules
from django.db.models import Q
from django.utils.translation import gettext_lazy as _lazy

from findings.permissions import leads_assignment_team, on_assignment_team
from inspection.attachments import evidence_kind
from inspection.permissions import (
    action,
    in_unit,
    is_inspector,
    is_office,
    is_officer,
    is_town_reviewer,
    reach_condition,
    reads_all,
    reads_unit_ledger,
    scope_of,
)
from rectification.look_back_scope import look_back_condition
from rectification.models import (
    Alert,
    Evaluation,
    Feedback,
    FeedbackBatch,
    FeedbackIssue,
    FeedbackIssueProblem,
    ImmediateOrder,
    Milestone,
    ProgressEvidence,
    ProgressUpdate,
    RectificationItem,
    Verification,
    VerificationEvidence,
)
from rounds.choices import RoundStatus, TeamRole
from rounds.membership import membership_exists, team_ids_of
from rounds.models import TeamMember


def scoped_by_assignment(user, queryset, assignment: str, *, look_back: bool = False):
    """Rows whose assignment (reached by the path ``assignment``) is in the user's scope.

    With ``look_back``, an inspector also reads the rows of the villages their look-back
    assignments revisit (rectification.look_back_scope): the ledger, not the papers.
    """
    if reads_all(user):
        return queryset
    if reads_unit_ledger(user):
        return queryset.filter(reach_condition(user, f"{assignment}__"))
    if is_inspector(user):
        condition = membership_exists(user, f"{assignment}__team_id")
        if look_back:
            condition |= look_back_condition(user, assignment)
        return queryset.filter(condition)
    return queryset.none()


@scope_of(Feedback)
def visible_feedback(user):
    return scoped_by_assignment(user, Feedback.objects.all(), "assignment")


@scope_of(FeedbackBatch)
def visible_feedback_batches(user):
    """A batch (反馈会) is seen by whoever sees one of its feedbacks."""
    if reads_all(user):
        return FeedbackBatch.objects.all()
    return FeedbackBatch.objects.filter(pk__in=visible_feedback(user).values("batch_id"))


@scope_of(RectificationItem)
def visible_items(user):
    return scoped_by_assignment(
        user, RectificationItem.objects.all(), "problem__assignment", look_back=True
    )


@scope_of(FeedbackIssue)
def visible_feedback_issues(user):
    """Before feedback the issues are the office's and the team's draft; the unit reads
    its issues once they are fed back (its plan follows their numbers)."""
    issues = FeedbackIssue.objects.all()
    if reads_unit_ledger(user):
        issues = issues.filter(assignment__feedback__isnull=False)
    return scoped_by_assignment(user, issues, "assignment")


@scope_of(FeedbackIssueProblem)
def visible_feedback_placements(user):
    """A paper's place in the feedback; a paper left out (sealed clue) is never the unit's."""
    placements = FeedbackIssueProblem.objects.all()
    if reads_unit_ledger(user):
        return placements.filter(issue__in=visible_feedback_issues(user))
    return scoped_by_assignment(user, placements, "problem__assignment")


@scope_of(ImmediateOrder)
def visible_orders(user):
    """The unit ordered sees its orders (it signs for them), as the team does."""
    return scoped_by_assignment(user, ImmediateOrder.objects.all(), "assignment")


@scope_of(Milestone)
def visible_milestones(user):
    return scoped_by_assignment(
        user, Milestone.objects.all(), "item__problem__assignment", look_back=True
    )


@scope_of(ProgressUpdate)
def visible_progress_updates(user):
    return scoped_by_assignment(
        user, ProgressUpdate.objects.all(), "item__problem__assignment", look_back=True
    )


@scope_of(Verification)
def visible_verifications(user):
    return scoped_by_assignment(
        user, Verification.objects.all(), "item__problem__assignment", look_back=True
    )


@scope_of(ProgressEvidence)
def visible_progress_evidence(user):
    return ProgressEvidence.objects.filter(update__in=visible_progress_updates(user))


@scope_of(VerificationEvidence)
def visible_verification_evidence(user):
    return VerificationEvidence.objects.filter(verification__in=visible_verifications(user))


# Each file is served to whoever sees the record it belongs to (inspection.attachments).
evidence_kind("progress", ProgressEvidence)
evidence_kind("verification", VerificationEvidence)
evidence_kind("feedback-letter", Feedback, field="letter_file")
evidence_kind("feedback-statement", FeedbackBatch, field="statement_file")


@scope_of(Alert)
def visible_alerts(user):
    """Alerts of visible items; for the readers of a unit's ledger (its officer, the town's
    reviewer, a supervisor) also the alerts of its feedback's plan and report; clue alerts
    only for the office and leadership."""
    if reads_all(user):
        return Alert.objects.all()
    if reads_unit_ledger(user):
        of_items = Q(item__isnull=False) & reach_condition(user, "item__problem__assignment__")
        of_feedback = Q(feedback__isnull=False) & reach_condition(user, "feedback__assignment__")
        return Alert.objects.filter(of_items | of_feedback)
    return scoped_by_assignment(
        user, Alert.objects.filter(item__isnull=False), "item__problem__assignment"
    )


@scope_of(Evaluation)
def visible_evaluations(user):
    return scoped_by_assignment(user, Evaluation.objects.all(), "assignment")


# ------------------------------------------------------------------------------- actions
#
# Scope is settled before a rule is asked (the service fetches the record through
# ``visible``); the rules decide the role and the actor's relation to the record.


def _assignment_of(obj):
    if isinstance(obj, RectificationItem):
        return obj.problem.assignment
    return obj.assignment  # Feedback, AccountabilityProposal, Evaluation, ImmediateOrder, letters


def directed_team_ids_of(user) -> frozenset[int]:
    """The teams ``user`` leads or deputises (组长, 副组长): one query, then cached."""
    cached = getattr(user, "_directed_team_ids", None)
    if cached is None:
        cached = frozenset(
            TeamMember.objects.filter(
                user_id=user.pk, role__in=(TeamRole.LEADER, TeamRole.DEPUTY)
            ).values_list("team_id", flat=True)
        )
        user._directed_team_ids = cached
    return cached


@rules.predicate
def on_order_team(user, order) -> bool:
    return order is not None and is_inspector(user) and order.team_id in team_ids_of(user)


@rules.predicate
def directs_order_team_on_site(user, item) -> bool:
    """Leader or deputy of the team that ordered the item, while its round is on site:
    the team verifies the fix before it leaves (巡中立行立改)."""
    if item is None or item.order_id is None or not is_inspector(user):
        return False
    assignment = item.problem.assignment
    return (
        assignment.round.status == RoundStatus.ON_SITE
        and assignment.team_id in directed_team_ids_of(user)
    )


@rules.predicate
def is_unit_officer(user, obj) -> bool:
    """The rectification officer of the unit (village, or whole town) the record belongs to."""
    return obj is not None and is_officer(user) and in_unit(user, _assignment_of(obj))


@rules.predicate
def is_fed_back_unit_officer(user, assignment) -> bool:
    """The officer of an assignment's unit, once its feedback is given."""
    return (
        assignment is not None
        and is_officer(user)
        and in_unit(user, assignment)
        and Feedback.objects.filter(assignment_id=assignment.pk).exists()
    )


@rules.predicate
def is_item_submitter(user, item) -> bool:
    """The person who asked for the item to be closed (申请销号)."""
    return item is not None and item.submitted_by_id is not None and item.submitted_by_id == user.pk


def needs_town_review(item) -> bool:
    """乡镇初审: a village's request for closing passes its town party committee before the
    office verifies it; a town committee's own item, and an item of an on-site order while
    the team verifies it on site (巡中立行立改), go straight to their verifier."""
    assignment = item.problem.assignment
    if assignment.village_id is None:
        return False
    return not (item.order_id and assignment.round.status == RoundStatus.ON_SITE)


@rules.predicate
def reviews_item_town(user, item) -> bool:
    """The 乡镇党委 of the town of a village item that needs its first review."""
    return (
        item is not None
        and is_town_reviewer(user)
        and bool(user.town_id)
        and item.problem.assignment.town_id == user.town_id
        and needs_town_review(item)
    )


# Feedback moves the round, so it is the office's, as is starting rectification.
action("round_give_feedback", _lazy("巡察反馈"), is_office)
# 分批反馈: the office gives feedback to the organisations it picks, at one 反馈会.
action("feedback_batch_give", _lazy("分批反馈"), is_office)
action("round_start_rectification", _lazy("进入整改阶段"), is_office)
# 台账导入: a county adopting mid-term brings its past ledger in; the office's alone.
action("ledger_import", _lazy("导入整改台账"), is_office)
# 单机版回传包: the office imports what a team recorded on its standalone copy.
action("team_bundle_import", _lazy("导入单机版回传包"), is_office)
# 反馈问题: the office, or the leader of the team that inspected the assignment, groups
# its papers before feedback (the team drafts the 反馈意见, the office settles it).
action(
    "feedback_issues_propose",
    _lazy("生成反馈问题"),
    is_office | (is_inspector & leads_assignment_team),
)
action(
    "feedback_issue_edit", _lazy("编辑反馈问题"), is_office | (is_inspector & leads_assignment_team)
)
action(
    "feedback_issue_leave_out",
    _lazy("底稿不予反馈"),
    is_office | (is_inspector & leads_assignment_team),
)
# The responsible unit works its own ledger; the office may act for it.
action("item_update_plan", _lazy("制定整改方案"), is_office | is_unit_officer)
action("item_post_progress", _lazy("填报整改进展"), is_office | is_unit_officer)
action("item_submit", _lazy("申请销号"), is_office | is_unit_officer)
# Separation of duties: whoever asked to close an item does not judge that request.
action("item_verify", _lazy("核验销号"), is_office & ~is_item_submitter)
# An item of an on-site order, while the round is on site: the team verifies it there.
action(
    "item_verify_on_site",
    _lazy("现场核验立行立改"),
    (is_office | directs_order_team_on_site) & ~is_item_submitter,
)
action("item_return", _lazy("退回整改"), is_office & ~is_item_submitter)
# 乡镇初审: the town party committee first-reviews its villages' requests for closing.
action("item_town_review", _lazy("乡镇初审销号申请"), reviews_item_town & ~is_item_submitter)
action("item_reopen", _lazy("重新打开(反弹回潮)"), is_office)
action("evaluation_record", _lazy("整改评估(四个一批)"), is_office)
# 巡中立行立改: the leader orders; the team records the unit's 签收.
action("immediate_order_issue", _lazy("下达立行立改通知"), is_inspector & leads_assignment_team)
action("immediate_order_sign_for", _lazy("登记立行立改通知签收"), on_order_team)
# 立行立改通知书 (rectification.document_kinds): generated, and edited copies uploaded, by
# the office or the ordering team; read by whoever reads the order (the unit receives it).
action(
    "immediate_order_document_generate",
    _lazy("生成立行立改通知书"),
    is_office | on_order_team,
)
action(
    "immediate_order_document_read",
    _lazy("查阅立行立改通知书"),
    reads_all | on_order_team | is_unit_officer,
)

# 反馈会记录 (rectification.document_kinds): the office's record of a 反馈会, generated (and
# edited copies uploaded) by the office; read by the office, leadership and the teams of
# the organisations fed back at it.


@rules.predicate
def on_batch_team(user, batch) -> bool:
    return (
        batch is not None
        and is_inspector(user)
        and visible_feedback(user).filter(batch_id=batch.pk).exists()
    )


action("feedback_meeting_document_generate", _lazy("生成反馈会记录"), is_office)
action("feedback_meeting_document_read", _lazy("查阅反馈会记录"), reads_all | on_batch_team)
# 反馈意见 and 向主要负责人反馈 (rectification.document_kinds), of an assignment: generated
# (and edited copies uploaded) by the office or the assignment's team leader; read by the
# office, leadership and the team, and by the unit once fed back.
action(
    "feedback_letter_generate",
    _lazy("生成反馈意见"),
    is_office | (is_inspector & leads_assignment_team),
)
action(
    "feedback_letter_read",
    _lazy("查阅反馈意见"),
    reads_all | (is_inspector & on_assignment_team) | is_fed_back_unit_officer,
)
# The archive (立卷归档, rectification.archive) is the office's: its page, the volumes'
# download (a clue paper only for a reader of clue papers) and their 卷内目录 and 备考表.
action("archive_read", _lazy("查阅巡察档案"), is_office)
action("archive_build", _lazy("立卷（生成卷内目录、备考表并下载档案）"), is_office)
