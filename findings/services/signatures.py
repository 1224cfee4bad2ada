"""The 底稿's three signatures: the member submits, the deputy reviews (复核), the leader
signs (审签); the reviewer or the signer may return it with a reason.

草稿 → 待复核 (``problem_submit``: the drafter or any member of the team) → 待审签
(``problem_review``: the team's deputy, 副组长, who did not submit it; the leader where
the team has no other deputy)
→ 已审签 (``problem_sign``: the team leader). ``problem_return`` sends a paper under
signature back to 草稿 with the reason the drafter reads: from 待复核 by the reviewer,
from 待审签 by the leader. A returned paper keeps its history (every signature and
return is a history row) and its number; its signatures are cleared and given again.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import ROUND_STATUSES_OPEN_FOR_FINDINGS, ProblemStatus
from findings.models import Problem
from findings.services.problems import require_classified
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_text
from inspection.workflow import Transition, lock_visible, require, require_status, save_with_history
from rounds.membership import has_other_deputy

PROBLEM_SUBMIT = Transition(
    "problem_submit", (ProblemStatus.DRAFT,), ProblemStatus.SUBMITTED, _lazy("提交复核")
)
PROBLEM_REVIEW = Transition(
    "problem_review", (ProblemStatus.SUBMITTED,), ProblemStatus.REVIEWED, _lazy("复核")
)
PROBLEM_SIGN = Transition(
    "problem_sign", (ProblemStatus.REVIEWED,), ProblemStatus.CONFIRMED, _lazy("审签")
)
PROBLEM_RETURN = Transition(
    "problem_return",
    (ProblemStatus.SUBMITTED, ProblemStatus.REVIEWED),
    ProblemStatus.DRAFT,
    _lazy("退回"),
)


def missing_for_submission(problem: Problem) -> list[str]:
    """What a paper still lacks before it may be submitted, in the form's order."""
    missing = []
    if not problem.title:
        missing.append(_("标题"))
    if problem.problem_class_id is None:
        missing.append(_("问题类别（四个聚焦 → 方面 → 类）"))
    if not problem.nature:
        missing.append(_("问题性质"))
    if not problem.occurred_period:
        missing.append(_("问题发生时间"))
    if not problem.responsible_post:
        missing.append(_("责任主体"))
    if problem.basis_id is None and not problem.basis_text:
        missing.append(_("定性依据"))
    return missing


def _locked(actor, problem_id: int, action: str, transition: Transition) -> Problem:
    problem = lock_visible(visible(Problem, actor), problem_id)
    authorize(actor, action, problem)
    transition.check(problem)
    require_status(problem.assignment.round, ROUND_STATUSES_OPEN_FOR_FINDINGS, transition.label)
    return problem


@transaction.atomic
def problem_submit(*, actor, problem_id: int, note: str = "") -> Problem:
    """A member of the team submits a draft for review (草稿 → 待复核); refused while the
    paper lacks its title, time, responsible subject or 定性依据 (all named)."""
    problem = _locked(actor, problem_id, "problem_submit", PROBLEM_SUBMIT)
    missing = missing_for_submission(problem)
    require(
        not missing,
        _("底稿还缺少：%(missing)s，请补充后再提交复核。") % {"missing": "、".join(missing)},
        field="problem",
    )
    problem.status = PROBLEM_SUBMIT.target
    problem.submitted_by = actor
    problem.submitted_at = timezone.now()
    save_with_history(problem, actor=actor, note=note)
    return problem


@transaction.atomic
def problem_review(*, actor, problem_id: int, note: str = "") -> Problem:
    """The team's deputy reviews a submitted paper (复核: 待复核 → 待审签), never one they
    submitted themselves; where the team has no other deputy, its leader reviews."""
    problem = _locked(actor, problem_id, "problem_review", PROBLEM_REVIEW)
    problem.status = PROBLEM_REVIEW.target
    problem.reviewed_by = actor
    problem.reviewed_at = timezone.now()
    save_with_history(problem, actor=actor, note=note)
    return problem


@transaction.atomic
def problem_sign(*, actor, problem_id: int, note: str = "") -> Problem:
    """The team leader signs a reviewed paper (审签: 待审签 → 已审签, ``confirmed``). The
    one who reviewed it signs it only where the team has no other deputy to review it."""
    problem = _locked(actor, problem_id, "problem_sign", PROBLEM_SIGN)
    require(
        problem.reviewed_by_id != actor.pk
        or not has_other_deputy(problem.assignment.team_id, problem.submitted_by_id),
        _("该底稿由您复核，本组有副组长：复核和审签须由两人分别签署，请退回后由副组长复核。"),
        field="problem",
    )
    require_classified(problem)  # submitted classified; checked again where it is signed
    problem.status = PROBLEM_SIGN.target
    problem.confirmed_by = actor
    problem.confirmed_at = timezone.now()
    save_with_history(problem, actor=actor, note=note)
    return problem


@transaction.atomic
def problem_return(*, actor, problem_id: int, reason: str) -> Problem:
    """The reviewer (from 待复核) or the leader (from 待审签) returns a paper to its drafter
    with ``reason`` (退回: → 草稿); the reason is kept on the paper and in its history."""
    problem = _locked(actor, problem_id, "problem_return", PROBLEM_RETURN)
    problem.return_reason = clean_text(reason, field="reason", label=_("退回理由"))
    problem.status = PROBLEM_RETURN.target
    problem.submitted_by = problem.submitted_at = None
    problem.reviewed_by = problem.reviewed_at = None
    save_with_history(problem, actor=actor, note=problem.return_reason)
    return problem
