"""整改公开 in the demo (issue 19), at three stages, each step through its service:

- the closed round's village closed first by the evaluation (对账销号): the office composed
  its 公开稿 (one item withheld, 涉及个人隐私, where it has a welfare item), generated it,
  recorded the leading group's approval with the meeting's minutes, posted it on the
  village's notice board with a photo, and recorded the 群众评议 twelve days later;
- of the second round's villages fed back, the one with the fewest open items (by village
  code on a tie): composed and generated 20 days ago, approved by the ``leadership`` login
  9 days ago, not posted yet;
- the next one: composed and generated 3 days ago, awaiting the leading group.

No draw from the seed's random numbers.
"""

import datetime

from demo.county import evidence
from demo.county.clock import travel
from demo.county.common import DemoContext, at
from demo.county.follow_up_texts import PRIVACY_NOTE
from inspection.documents.services import document_generate
from rectification.choices import (
    ITEM_STATUSES_OPEN,
    EvaluationBatch,
    PublicityChannel,
    PublicityExemptionReason,
)
from rectification.models import Evaluation, RectificationItem
from rectification.services.publicity import (
    publicity_approve,
    publicity_assess,
    publicity_compose,
    publicity_post,
)

PRIVATE_CLASSES = ("welfare_funds", "welfare_delay", "subsidy_fraud")
# 群众评议: how many took part; 满意, 基本满意, 不满意.
ASSESSMENT = (60, 49, 9, 2)


def _days(day: datetime.date, offset: int) -> datetime.date:
    return day + datetime.timedelta(days=offset)


def _compose(ctx, assignment, moment, exemptions=()):
    office = ctx.users["office"]
    with travel(moment):
        publicity = publicity_compose(
            actor=office, assignment_id=assignment.pk, exemptions=exemptions
        )
    with travel(moment + datetime.timedelta(minutes=30)):
        document_generate(actor=office, kind="publicity_draft", subject_id=publicity.pk)
    return publicity


def _withheld(assignment) -> list[tuple[int, str, str]]:
    """A welfare item names households in need: left out of the 公开稿 (涉及个人隐私)."""
    item = (
        RectificationItem.objects.filter(
            problem__assignment=assignment,
            problem__problem_class__code__in=PRIVATE_CLASSES,
            issue__isnull=False,
        )
        .order_by("issue__number", "pk")
        .first()
    )
    return [(item.pk, PublicityExemptionReason.PRIVACY, PRIVACY_NOTE)] if item else []


def _fully_through(ctx: DemoContext) -> None:
    closed = ctx.rounds["closed"].round
    evaluation = (
        Evaluation.objects.filter(assignment__round=closed, batch=EvaluationBatch.CLOSE)
        .select_related("assignment__village")
        .order_by("evaluated_on", "assignment__village__code")
        .first()
    )
    if evaluation is None:
        return
    assignment, start = evaluation.assignment, evaluation.evaluated_on
    village = assignment.village
    publicity = _compose(ctx, assignment, at(_days(start, 2), 10, 0), _withheld(assignment))
    office = ctx.users["office"]
    approved_on = _days(start, 6)
    with travel(at(approved_on, 16, 30)):
        publicity_approve(
            actor=office,
            publicity_id=publicity.pk,
            approved_on=approved_on,
            document=evidence.document(
                f"县委巡察工作领导小组会议纪要（{village.name}整改公开稿）",
                f"Leading group minutes - publicity of village {village.code}",
            ),
        )
    posted_on = _days(start, 8)
    with travel(at(posted_on, 10, 0)):
        publicity_post(
            actor=office,
            publicity_id=publicity.pk,
            channel=PublicityChannel.NOTICE_BOARD,
            posted_on=posted_on,
            place=f"{village.name}党群服务中心村务公开栏",
            photo=evidence.photo(f"{village.name}整改公开栏", f"publicity:{village.code}"),
        )
    assessed_on = min(_days(posted_on, 12), ctx.days(-1))
    sample, satisfied, basically, dissatisfied = ASSESSMENT
    with travel(at(assessed_on, 15, 0)):
        publicity_assess(
            actor=office,
            publicity_id=publicity.pk,
            assessed_on=assessed_on,
            sample_size=sample,
            satisfied=satisfied,
            basically_satisfied=basically,
            dissatisfied=dissatisfied,
        )


def _rectifying(ctx: DemoContext) -> None:
    plan = ctx.rounds["rectification"]
    fed_back = [a for a in plan.assignments if a.pk in plan.feedback_dates]

    def still_open(assignment) -> int:
        return RectificationItem.objects.filter(
            problem__assignment=assignment, status__in=ITEM_STATUSES_OPEN
        ).count()

    ranked = sorted(fed_back, key=lambda a: (still_open(a), a.village.code))
    if ranked:
        publicity = _compose(ctx, ranked[0], at(ctx.days(-20), 10, 0))
        approved_on = ctx.days(-9)
        with travel(at(approved_on, 16, 0)):
            publicity_approve(
                actor=ctx.users["leadership"], publicity_id=publicity.pk, approved_on=approved_on
            )
    if len(ranked) > 1:
        _compose(ctx, ranked[1], at(ctx.days(-3), 10, 0))


def create_publicity(ctx: DemoContext) -> None:
    _fully_through(ctx)
    _rectifying(ctx)
