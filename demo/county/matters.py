"""交办事项, 专题报告 and 巡察建议书 in the demo county (findings.services.matters).

After each round of the past left its villages, the office hands two matters on to
county departments: in the closed round both were answered; in the rectification round
one was answered and one is past its reply date (overdue). The closed round also has a
专题报告 and a 巡察建议书 on its common problems, the 建议书 answered by its department.
Each step goes through its service on its day (``clock.travel``), never after today.
"""

import datetime

from demo.county.clock import travel
from demo.county.common import DemoContext, at
from findings.choices import ProblemStatus, ThematicReportKind
from findings.models import Problem
from findings.services.matters import (
    department_matter_create,
    department_matter_reply,
    thematic_report_create,
    thematic_report_reply,
)

DAY = datetime.timedelta(days=1)
MATTERS = (
    # (days after leaving, department, summary, days to the reply or None)
    (6, "县民政局", "部分村低保对象动态管理不及时，存在应退未退情况，请核查并规范管理。", 21),
    (9, "县农业农村局", "村集体经济合同管理不规范，请指导各村开展合同清理。", None),
)
REPLY = "已组织专项核查，完成整改并建立动态管理台账。"


def _on(ctx: DemoContext, day: datetime.date) -> datetime.date:
    return min(day, ctx.today)


def _matters(ctx: DemoContext, key: str, office) -> None:
    plan = ctx.rounds[key]
    left = plan.round.on_site_until
    for index, (after, department, summary, reply_after) in enumerate(MATTERS):
        handed_on = _on(ctx, left + after * DAY)
        with travel(at(handed_on, 10)):
            matter = department_matter_create(
                actor=office,
                round_id=plan.round.pk,
                assignment_id=plan.assignments[index].pk,
                department=department,
                summary=summary,
                handed_on=handed_on,
                letter_number=f"新巡交〔{handed_on.year}〕{index + 1}号",
            )
        answered = reply_after if key == "closed" else (reply_after if index == 0 else None)
        if answered is None or handed_on + answered * DAY > ctx.today:
            continue
        with travel(at(handed_on + answered * DAY, 15)):
            department_matter_reply(
                actor=office,
                matter_id=matter.pk,
                replied_on=handed_on + answered * DAY,
                reply=REPLY,
            )


def _thematic_reports(ctx: DemoContext, office) -> None:
    plan = ctx.rounds["closed"]
    issued_on = _on(ctx, plan.round.on_site_until + 20 * DAY)
    common = list(
        Problem.objects.filter(assignment__round=plan.round, is_common=True)
        .exclude(status=ProblemStatus.DRAFT)
        .order_by("pk")
        .values_list("pk", flat=True)[:6]
    )
    with travel(at(issued_on, 11)):
        thematic_report_create(
            actor=office,
            round_id=plan.round.pk,
            kind=ThematicReportKind.THEMATIC_REPORT,
            title="关于村级集体“三资”管理共性问题的专题报告",
            body="本轮巡察发现，部分村集体资产资源发包、合同管理和财务公开方面存在共性问题。",
            issued_on=issued_on,
            problem_ids=common,
        )
        letter = thematic_report_create(
            actor=office,
            round_id=plan.round.pk,
            kind=ThematicReportKind.RECOMMENDATION,
            title="关于加强农村集体资产管理的巡察建议书",
            addressee="县农业农村局",
            body="建议开展村集体资产清查，规范资产资源发包和合同管理。",
            issued_on=issued_on,
            problem_ids=common,
        )
    replied_on = issued_on + 25 * DAY
    if replied_on <= ctx.today:
        with travel(at(replied_on, 15)):
            thematic_report_reply(
                actor=office, report_id=letter.pk, replied_on=replied_on, reply=REPLY
            )


def create_matters(ctx: DemoContext) -> None:
    office = ctx.users["office"]
    for key in ("closed", "rectification"):
        _matters(ctx, key, office)
    _thematic_reports(ctx, office)
