"""联合督查 in the demo (issue 19): the office, the commission and the organisation
department visit the second round's villages whose rectification lags, and the
``supervisor`` login (the commission's, county-wide) records each visit the evening of
its day through ``joint_inspection_record``:

- 18 days ago, the three villages of the ``officer`` login's town with the most overdue
  items;
- 6 days ago, two villages of the ``town_reviewer`` login's town.

Each finding names a village's overdue item (the first by deadline). The supervision
module records no 约谈: the commission's talks (第一种形态) are the evaluation's
(``evaluation``). No draw from the seed's random numbers.
"""

from demo.county.clock import travel
from demo.county.common import DemoContext, at
from demo.county.follow_up_texts import finding_text, inspection_summary
from demo.county.letters import coloured_items
from demo.county.users import OFFICER_TOWN, VILLAGE_OFFICER_TOWN
from rectification.models import RectificationItem
from rectification.services.joint_inspections import joint_inspection_record
from rectification.supervision_choices import LetterKind

# (town, days ago, villages visited)
VISITS = ((OFFICER_TOWN, 18, 3), (VILLAGE_OFFICER_TOWN, 6, 2))


def _person(user) -> str:
    return f"{user.full_name}（{user.organisation}）"


def _lagging(assignments, moment, count: int) -> list[tuple]:
    """The ``count`` villages with the most overdue items at ``moment``: (assignment, the
    first overdue item by deadline)."""
    ranked = []
    for assignment in assignments:
        item_ids = coloured_items(assignment, LetterKind.SUPERVISE, moment)
        if item_ids:
            ranked.append((-len(item_ids), assignment.village.code, assignment, item_ids))
    ranked.sort(key=lambda row: row[:2])
    chosen = []
    for _count, _code, assignment, item_ids in ranked[:count]:
        item = (
            RectificationItem.objects.filter(pk__in=item_ids)
            .select_related("problem")
            .order_by("deadline", "pk")
            .first()
        )
        chosen.append((assignment, item))
    return chosen


def create_joint_inspections(ctx: DemoContext) -> None:
    plan = ctx.rounds["rectification"]
    fed_back = [a for a in plan.assignments if a.pk in plan.feedback_dates]
    supervisor = ctx.users["supervisor"]
    for town_name, days_ago, count in VISITS:
        day = ctx.days(-days_ago)
        moment = at(day, 17, 30)
        candidates = [a for a in fed_back if a.town.name == town_name]
        lagging = _lagging(candidates, moment, count)
        if not lagging:
            continue
        findings = [
            {"text": finding_text(assignment.village.name, item.problem.facts), "item_id": item.pk}
            for assignment, item in lagging
        ]
        with travel(moment):
            joint_inspection_record(
                actor=supervisor,
                inspected_on=day,
                village_ids=[assignment.village_id for assignment, _item in lagging],
                office_members=f"{_person(ctx.users['lead'])}、{_person(ctx.users['office'])}",
                commission_members=_person(supervisor),
                organisation_members=_person(ctx.org_liaison),
                summary=inspection_summary(
                    [assignment.village.name for assignment, _item in lagging], len(findings)
                ),
                findings=findings,
            )
