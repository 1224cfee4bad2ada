"""整改方案 and 整改情况报告 as the units hand them in (issue 19).

On the day the unit hands its paper in, its contact uploads it (a PDF); its town's 乡镇党委
passes it a working day later (乡镇初审), and the office approves it two days after that.
The second village of the rectification round had its first plan returned by the office
(too general) and uploaded a second version two days later. In that round, the first two
villages of the ``town_reviewer`` login's town (in the round's order) that handed in
their report wait, one for the
town, one for the office (their queues are not empty); so does a paper handed in too close
to today. No step draws from the seed's random
numbers: the rest of the county comes out the same.
"""

import datetime
from collections.abc import Callable

from demo.county import evidence
from demo.county.common import at
from demo.county.timeline import Timeline
from demo.county.town_review import DELAY, reviewer_of
from rectification.choices import FeedbackDocument, ReviewDecision
from rectification.services.submissions import (
    submission_office_review,
    submission_town_review,
    submission_upload,
)

NAMES = {
    FeedbackDocument.PLAN: ("整改方案", "Rectification plan"),
    FeedbackDocument.REPORT: ("整改情况报告", "Rectification report"),
}
RETURN_REASON = "整改措施过于笼统，部分问题缺少阶段目标和责任人，请逐条细化后重新报送。"
OFFICE_DELAY = datetime.timedelta(days=2)
RESUBMIT_DELAY = datetime.timedelta(days=2)


def _paper(kind: str, village, version: int):
    """The paper as a PDF named in Chinese; its page says what it is in ASCII (the demo's
    PDFs print in Helvetica), with the village's code."""
    name, title = NAMES[kind]
    suffix = f"（第{version}稿）" if version > 1 else ""
    return evidence.document(
        f"{village.name}{name}{suffix}", f"{title} - village {village.code} - version {version}"
    )


def _upload(officer, feedback, kind: str, version: int, held: dict) -> Callable:
    def run():
        given = feedback()
        held["id"] = submission_upload(
            actor=officer,
            feedback_id=given.pk,
            kind=kind,
            file=_paper(kind, given.assignment.village, version),
        ).pk

    return run


def _town(ctx, feedback, held: dict) -> Callable:
    def run():
        submission_town_review(
            actor=reviewer_of(ctx, feedback().assignment.town),
            submission_id=held["id"],
            decision=ReviewDecision.APPROVE,
            reason="经镇党委审核，同意报县委巡察办。",
        )

    return run


def _office(ctx, held: dict, *, returned: bool) -> Callable:
    def run():
        submission_office_review(
            actor=ctx.users["office"],
            submission_id=held["id"],
            decision=ReviewDecision.RETURN if returned else ReviewDecision.APPROVE,
            reason=RETURN_REASON if returned else "",
        )

    return run


def hand_in(
    ctx,
    timeline: Timeline,
    moment: datetime.datetime,
    *,
    officer,
    feedback,
    kind: str,
    returned_first: bool = False,
    waits_for: str = "",
) -> None:
    """The unit's ``kind`` of paper (for the feedback ``feedback()`` answers, given by
    then) uploaded at ``moment``, then reviewed as far as today
    allows: by its town, then by the office (which returns a first version when
    ``returned_first``, and approves the second). ``waits_for`` "town" or "office": the
    paper is still with that reviewer today."""
    versions = [True, False] if returned_first else [False]
    for version, returned in enumerate(versions, 1):
        held: dict = {}
        steps = (
            (moment, _upload(officer, feedback, kind, version, held)),
            (moment + DELAY, _town(ctx, feedback, held)),
            (_office_moment(moment), _office(ctx, held, returned=returned)),
        )
        kept = {"town": 1, "office": 2}.get(waits_for, len(steps))
        for when, step in steps[:kept]:
            if when.date() >= ctx.today:
                return
            timeline.add(when, step)
        moment = at(_office_moment(moment).date() + RESUBMIT_DELAY, 9, 30)


def _office_moment(uploaded: datetime.datetime) -> datetime.datetime:
    return at((uploaded + DELAY + OFFICE_DELAY).date(), 15, 0)
