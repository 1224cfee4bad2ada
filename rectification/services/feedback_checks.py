"""What stops feedback to an organisation: the rules ``feedback_batch_give`` applies, read
by the confirmation screen too, so both say the same, organisation by organisation.

An organisation is ready for feedback when it was not fed back yet, every paper of it is
signed (a draft blocks only its own organisation), and the 书记专题会 heard its report
(``findings.report_selectors.missing_decisions``). The date (not before its team left,
not after today) is checked against the batch.
"""

from collections.abc import Mapping, Sequence

from django.db.models import Count
from django.utils.translation import gettext as _

from findings.choices import PROBLEM_STATUSES_BEFORE_FEEDBACK, PROBLEM_STATUSES_UNSIGNED
from findings.models import Problem
from findings.report_selectors import heard_on, missing_decisions
from inspection.errors import ApplicationError, ConflictError
from inspection.services.checks import clean_date
from inspection.workflow import require
from rectification.models import Feedback
from rounds.models import Assignment, InspectionRound

# The problems feedback reads: any paper not yet signed refuses it (a draft, or one awaiting
# review or signature), each signed one goes in the ledger.
FEEDBACK_PROBLEM_STATUSES = PROBLEM_STATUSES_BEFORE_FEEDBACK


def unsigned_papers(assignment_ids) -> dict[int, int]:
    """Assignment id → how many of its papers are not yet signed (one query)."""
    rows = (
        Problem.objects.filter(
            assignment_id__in=list(assignment_ids), status__in=PROBLEM_STATUSES_UNSIGNED
        )
        .order_by()
        .values("assignment_id")
        .annotate(n=Count("pk"))
    )
    return {row["assignment_id"]: row["n"] for row in rows}


def fed_back_dates(assignment_ids) -> dict:
    """Assignment id → the date it was fed back, for those fed back (one query)."""
    return dict(
        Feedback.objects.filter(assignment_id__in=list(assignment_ids)).values_list(
            "assignment_id", "fed_back_on"
        )
    )


def readiness(assignments: Sequence[Assignment]) -> dict[int, list[ApplicationError]]:
    """Assignment id → why it may not be fed back now, the date aside (empty: ready).

    Four queries whatever the number of assignments (``assignments`` come with their
    town and village)."""
    ids = [a.pk for a in assignments]
    fed_back = fed_back_dates(ids)
    unsigned = unsigned_papers(ids)
    waiting = missing_decisions([a for a in assignments if a.pk not in fed_back])
    reasons: dict[int, list[ApplicationError]] = {}
    for assignment in assignments:
        unit = assignment.target_name
        found = reasons[assignment.pk] = []
        if assignment.pk in fed_back:
            found.append(
                ConflictError(
                    _("%(unit)s已于%(date)s反馈，不能重复反馈。")
                    % {"unit": unit, "date": f"{fed_back[assignment.pk]:%Y-%m-%d}"}
                )
            )
            continue
        if unsigned.get(assignment.pk):
            message = _(
                "%(unit)s还有%(drafts)s个问题底稿未审签（草稿、待复核或待审签），"
                "请巡察组完成复核、审签后再反馈。"
            ) % {"unit": unit, "drafts": unsigned[assignment.pk]}
            found.append(ApplicationError(message, errors={"problems": [message]}))
        if assignment.pk in waiting:
            message = waiting[assignment.pk]
            found.append(ApplicationError(message, errors={"assignment_ids": [message]}))
    return reasons


def left_on(inspection_round: InspectionRound, assignment: Assignment):
    """The day ``assignment``'s team left (its own date, else the round's), or None."""
    return assignment.on_site_until or inspection_round.on_site_until


def feedback_refusals(
    *,
    inspection_round: InspectionRound,
    assignments: Sequence[Assignment],
    fed_back_on,
    letters: Mapping[int, str] | None = None,
    chosen_ids: Sequence[int] | None = None,
) -> list[ApplicationError]:
    """Every reason ``feedback_batch_give`` would refuse feedback on ``fed_back_on`` to
    ``assignments`` (its round in the right state and the actor allowed aside), in the
    order it checks them: the service raises the first, the confirmation screen lists
    them all. ``chosen_ids``, when given, are the ids the actor picked: one not of the
    round is refused (the service reads ``assignments`` from them within the round)."""
    refusals: list[ApplicationError] = []

    def check(rule, *args, **kwargs) -> None:
        try:
            rule(*args, **kwargs)
        except ApplicationError as error:
            refusals.append(error)

    found = {a.pk for a in assignments}
    check(
        require,
        bool(assignments) or bool(chosen_ids),
        _("请选择要反馈的巡察对象。"),
        field="assignment_ids",
    )
    check(
        require,
        set(chosen_ids or ()) <= found,
        _("所选巡察对象不属于本轮次。"),
        field="assignment_ids",
    )
    check(
        require,
        set(letters or {}) <= found,
        _("反馈意见所对应的巡察对象不属于本批次。"),
        field="letters",
    )
    leaving = [d for d in (left_on(inspection_round, a) for a in assignments) if d]
    heard = list(heard_on(assignments).values())
    # Not before the team left, nor before the 书记专题会 heard a chosen organisation's report.
    not_before, label = max(leaving, default=None), _("撤离日期")
    if heard and (not_before is None or max(heard) > not_before):
        not_before, label = max(heard), _("书记专题会听取巡察报告的日期")
    check(
        clean_date,
        fed_back_on,
        field="fed_back_on",
        label=_("反馈日期"),
        not_before=not_before,
        not_before_label=label,
    )
    for reasons in readiness(assignments).values():
        refusals.extend(reasons)
    return refusals
