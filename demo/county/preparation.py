"""The rest of the on-site round's 巡前准备 (issue 20), each through its service on its day:
the office records each village's profile (its party organisation, the two committees'
roster, two years of 三资, a large project) and posts a 进驻公告 per team with each
village's 码上巡 QR code; once the teams are in, villagers send a few reports through it,
one by name. The 函调 and the teams' briefs are demo.county.requests'."""

import datetime
from decimal import Decimal

from demo.county.clock import travel
from demo.county.common import DemoContext, RoundPlan, at
from demo.county.requests import prepare_round
from inspection.choices import PartyOrganisationKind, RosterBody
from inspection.documents.services import document_generate
from inspection.services.profile import (
    roster_entry_add,
    village_finance_record,
    village_party_organisation_set,
    village_project_record,
)
from rounds.models import EntryNoticeAssignment
from rounds.services.notices import entry_notice_create
from rounds.services.public_intake import petition_receive_public

TERM_STARTED = datetime.date(2021, 1, 8)  # the villages' 2021 换届
PROJECTS = (
    ("村道硬化及亮化工程", "财政奖补资金、村集体自筹"),
    ("高标准农田建设项目", "上级专项资金"),
    ("村级光伏发电项目", "帮扶资金"),
    ("农贸市场改造工程", "村集体资金"),
)
# What villagers send through 码上巡 once the team is in (village index in the batch on
# site today, text, sender's name or "" for anonymous).
PUBLIC_REPORTS = (
    (0, "村里低保户名单公示只贴了两天就撕掉了，有的人家里有车也吃低保。", ""),
    (1, "村道硬化工程才修一年就开裂，村民代表会议没讨论过施工队是谁定的。", ""),
    (0, "我家的耕地地力保护补贴连续两年少发，问村会计说是系统问题。", "许桂英"),
)


def prepare_on_site_round(ctx: DemoContext, plan: RoundPlan, day) -> None:
    """The on-site round's 巡前准备 between 巡前准备 (``day(-10)``) and going on site."""
    prepare_round(ctx, plan, day)
    with travel(at(day(-8), 9, 0)):
        for assignment in plan.assignments:
            _profile(ctx, assignment.village)
    with travel(at(day(-6), 15, 0)):
        for team in plan.teams:
            _notice(ctx, plan, team)


def post_notices(ctx: DemoContext, plan: RoundPlan, day) -> None:
    """A round's 进驻公告, one per team, posted the week before it goes on site."""
    with travel(at(day(-6), 15, 0)):
        for team in plan.teams:
            _notice(ctx, plan, team)


def _profile(ctx: DemoContext, village) -> None:
    office = ctx.users["office"]
    officials = ctx.officials[village.pk]
    kind = (
        PartyOrganisationKind.GENERAL_BRANCH
        if (village.party_members or 0) >= 50
        else PartyOrganisationKind.BRANCH
    )
    village_party_organisation_set(
        actor=office,
        village_id=village.pk,
        name=f"中共{village.town.name}{village.name}{kind.label}",
        kind=kind,
    )
    for name, body, post in (
        (officials.secretary, RosterBody.PARTY, "党组织书记、村委会主任"),
        (officials.director, RosterBody.VILLAGERS, "村委会副主任"),
        (officials.accountant, RosterBody.VILLAGERS, "村委会委员（报账员）"),
        (officials.committee_member, RosterBody.PARTY, "党组织委员"),
        (officials.supervision_head, RosterBody.SUPERVISION, "村务监督委员会主任"),
    ):
        roster_entry_add(
            actor=office,
            village_id=village.pk,
            name=name,
            body=body,
            post=post,
            started_on=TERM_STARTED,
            is_party_member=body != RosterBody.SUPERVISION,
        )
    income = Decimal(village.collective_income or 0)
    for year, share in ((ctx.today.year - 2, Decimal("0.9")), (ctx.today.year - 1, Decimal(1))):
        village_finance_record(
            actor=office,
            village_id=village.pk,
            year=year,
            assets=(income * 12 * share).quantize(Decimal(1)),
            debts=(income * Decimal("1.5") * share).quantize(Decimal(1)),
            operating_income=(income * share).quantize(Decimal(1)),
            resources="集体耕地、鱼塘发包",
        )
    name, funding = PROJECTS[village.pk % len(PROJECTS)]
    village_project_record(
        actor=office,
        village_id=village.pk,
        name=name,
        year=ctx.today.year - 1,
        amount=Decimal(300_000 + village.pk % 7 * 50_000),
        funding=funding,
        progress="已完工，待审计",
    )


def _notice(ctx: DemoContext, plan: RoundPlan, team) -> None:
    """One 进驻公告 for the team's villages, its document printed with their QR codes."""
    office = ctx.users["office"]
    assignments = [a for a in plan.assignments if a.team_id == team.pk]
    notice = entry_notice_create(
        actor=office,
        round_id=plan.round.pk,
        assignment_ids=[a.pk for a in assignments],
        duty_phone=f"0519-8890{team.number:04d}",
        mailbox=f"xcz{team.number}@example.gov.cn",
        letterbox="各村党群服务中心门口巡察意见箱",
    )
    document_generate(actor=office, kind="entry_notice", subject_id=notice.pk)


def receive_public_reports(ctx: DemoContext) -> None:
    """Reports through 码上巡 to the villages of the batch on site today, the day before."""
    plan = ctx.rounds["on_site"]
    today_batch = [a for a in plan.assignments if a.on_site_from <= ctx.days(-1) <= a.on_site_until]
    codes = dict(
        EntryNoticeAssignment.objects.filter(assignment__in=today_batch).values_list(
            "assignment_id", "public_code"
        )
    )
    for hour, (index, text, name) in enumerate(PUBLIC_REPORTS, start=19):
        assignment = today_batch[index % len(today_batch)]
        with travel(at(ctx.days(-1), hour, 20)):
            petition_receive_public(
                code=codes[assignment.pk],
                content=text,
                is_anonymous=not name,
                reporter_name=name,
                reporter_phone="13861234567" if name else "",
            )
