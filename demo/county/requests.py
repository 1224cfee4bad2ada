"""巡前准备 of the round on site today (issue 20): the office writes to the seven usual
bodies the day after the round is prepared, six reply in the days after (each reply
tagged to the villages it names), the 公检法 one is still owed (逾期); the day before
going on site each team leader drafts the checklist and the outline of the team's first
village. Each step through the services, on its day."""

import datetime

from demo.county.clock import travel
from demo.county.common import DemoContext, RoundPlan, at
from demo.county.evidence import document
from inspection.documents.services import document_generate
from rounds.models import RequestBody
from rounds.request_choices import BriefKind
from rounds.services.briefs import assignment_brief_draft
from rounds.services.requests import (
    data_request_create,
    data_request_reply_record,
    data_request_send,
)

# What each body answers about a village (its kind → summaries; one is picked a village).
REPLIES = {
    "discipline": (
        "近三年受理反映该村党支部书记的信访举报2件，均已了结，其中1件反映优亲厚友问题查实，给予批评教育。",
        "该村村委会主任2024年因违规发放补贴受到诫勉谈话。",
    ),
    "organisation": (
        "该村2023年被列为软弱涣散村党组织，已整顿转化；发展党员存在程序不规范问题。",
        "村“两委”班子中1人年龄偏大，后备力量不足。",
    ),
    "petitions": (
        "近三年涉及该村信访5件，集中反映低保评定不公开、土地流转费发放不及时。",
        "2025年有村民多次反映村道硬化工程质量问题，已转乡镇办理。",
    ),
    "audit": (
        "2024年村级财务审计发现招待费无审批单据、白条入账共计1.3万元，尚未整改完毕。",
        "惠农项目资金审计发现部分资金拨付滞后。",
    ),
    "agriculture": (
        "该村集体鱼塘承包未经公开招标，合同期限超过法定年限。",
        "耕地地力保护补贴发放名册与实际种植面积不符。",
    ),
    "civil_affairs": (
        "该村低保户中有2户家庭成员名下有车辆，需核实。",
        "临时救助审批材料不全，未经村民代表评议。",
    ),
}
OWED = "law_enforcement"  # its reply is still owed: the request shows as 逾期


def prepare_round(ctx: DemoContext, plan: RoundPlan, day) -> None:
    """The 函调 of ``plan``'s round and its teams' briefs, between its 巡前准备 (``day(-10)``)
    and its going on site (``day(5)``)."""
    office = ctx.users["office"]
    rng = ctx.rng(f"requests:{plan.key}")
    villages = [assignment.village for assignment in plan.assignments if assignment.village_id]
    requests = []
    with travel(at(day(-9), 10, 0)):
        for body in RequestBody.objects.filter(is_active=True).order_by("order", "pk"):
            draft = data_request_create(actor=office, round_id=plan.round.pk, body_id=body.pk)
            sent = data_request_send(actor=office, request_id=draft.pk)
            document_generate(actor=office, kind="data_request_letter", subject_id=sent.pk)
            requests.append(sent)
    for offset, request in enumerate(requests):
        texts = REPLIES.get(request.body.kind)
        if texts is None or request.body.kind == OWED:
            continue
        named = sorted(rng.sample(villages, min(len(villages), rng.randint(2, 4))), key=_code)
        with travel(at(day(-6) + datetime.timedelta(days=offset % 4), 15, 0)):
            data_request_reply_record(
                actor=office,
                request_id=request.pk,
                file=document(f"{request.body.name}回复", f"{request.body.name}关于函调的回复"),
                summary="\n".join(f"{v.name}：{rng.choice(texts)}" for v in named),
                village_ids=[village.pk for village in named],
            )
    with travel(at(day(4), 16, 0)):
        for team in plan.teams:
            first = next(a for a in plan.assignments if a.team_id == team.pk)
            for kind in (BriefKind.CHECKLIST, BriefKind.OUTLINE):
                assignment_brief_draft(
                    actor=plan.leaders[team.pk], assignment_id=first.pk, kind=kind
                )


def _code(village) -> str:
    return village.code
