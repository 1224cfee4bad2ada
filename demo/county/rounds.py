"""The term, the three rounds, their teams and assignments, and a few recusal declarations.

- 第一轮 (closed, regular): 西夏墅镇's 10 villages, about 13 months ago — the source
  article's round, whose figures the seed reproduces exactly.
- 第二轮 (in feedback, cross inspection): 薛家镇, 孟河镇, 奔牛镇, one team per town;
  the first two towns fed back 2–3 months ago (a batch each), 奔牛镇's reports agreed by
  the leading group and awaiting the 书记专题会 — so the round stays in 反馈 (rectification
  starts once every organisation is fed back) while the two towns rectify.
- 第三轮 (on site now, thematic on welfare funds): 新桥镇 and 罗溪镇, 24 villages, as
  the article's "正在对新桥镇、罗溪镇共24个村(社区)党组织开展巡察".

Every date is an offset from today, so the on-site round is on site whenever the
seed runs and the ledger's overdue items are overdue on that day.

The office plans each round through the services, on the days it would: creates it
with its checklist items three weeks before mobilisation, staffs the teams, assigns the
villages, moves it to preparation and takes it on site on its first on-site day. Here
every round ends on site (进驻); ``end_on_site`` withdraws the first two on their planned
last day, once the clues' quick transfers are made; feedback takes them on from there.
"""

import datetime

from django.conf import settings

from demo.county.checklist import WELFARE_THEME_ITEMS
from demo.county.clock import travel
from demo.county.common import DemoContext, RoundPlan, at
from demo.county.preparation import post_notices, prepare_on_site_round
from inspection.choices import AttentionClass, RecusalKind
from inspection.documents.services import document_generate
from inspection.models import Term
from rounds.choices import PlanOutcome, RoundMode, TeamRole
from rounds.models import RequestBody
from rounds.models.rounds import chinese_ordinal
from rounds.request_bodies import seed_usual_bodies
from rounds.services.assignments import assignment_create
from rounds.services.plans import round_plan_decide
from rounds.services.recusal import recusal_declare
from rounds.services.rounds import (
    round_create_with_items,
    round_end_on_site,
    round_go_on_site,
    round_prepare,
)
from rounds.services.teams import team_create_with_members

WELFARE_THEME = '惠民惠农资金使用管理：低保和特困供养、惠农补贴"一卡通"、残疾人两项补贴、临时救助'
TERM = "十四届"  # the county party committee's term, as round titles name it


def _term(ctx: DemoContext) -> Term:
    # A five-year term that began in the autumn two years ago: it holds all three rounds.
    starts_on = datetime.date(ctx.today.year - 2, 10, 1)
    ends_on = datetime.date(starts_on.year + 5, 9, 30)
    return Term.objects.create(
        name=f"{TERM}（{starts_on.year}—{ends_on.year}年）",
        starts_on=starts_on,
        ends_on=ends_on,
        is_current=True,
    )


def _title(ordinal: int, what: str) -> str:
    return f"{TERM}县委第{chinese_ordinal(ordinal)}轮巡察（{what}）"


def _batches(villages: list, batches: int) -> list[int]:
    """The batch (group of villages inspected side by side) of each village, in order."""
    return [index * batches // len(villages) for index in range(len(villages))]


def _visits(villages: list, start: datetime.date, *, batches, step, days) -> list[tuple]:
    """(village, is_key, on_site_from, on_site_until) of one team's villages, in order."""
    visits = []
    for village, batch in zip(villages, _batches(villages, batches), strict=True):
        is_key = village.attention_class != AttentionClass.GENERAL
        on_site_from = start + datetime.timedelta(days=batch * step)
        on_site_until = on_site_from + datetime.timedelta(days=days + (3 if is_key else 0))
        visits.append((village, is_key, on_site_from, on_site_until))
    return visits


def _people(ctx: DemoContext, key: str, count: int) -> list[list[tuple]]:
    """``count`` teams' people: a leader, a commission office head, another deputy, members."""
    rng = ctx.rng(f"teams:{key}")
    by_kind = {
        kind: [user for user, user_kind in ctx.inspectors if user_kind == kind]
        for kind in ("leader", "commission", "deputy", "member")
    }
    for users in by_kind.values():
        rng.shuffle(users)
    teams = []
    for index in range(count):
        on_site_team_one = key == "on_site" and index == 0
        leader = ctx.users["leader"] if on_site_team_one else by_kind["leader"].pop()
        people = [(leader, TeamRole.LEADER)]
        people.append((by_kind["commission"].pop(), TeamRole.DEPUTY))
        people.append((by_kind["deputy"].pop(), TeamRole.DEPUTY))
        members = [by_kind["member"].pop() for _ in range(2 if on_site_team_one else 3)]
        if on_site_team_one:
            members.insert(1, ctx.users["member"])
        people += [(user, TeamRole.MEMBER) for user in members]
        teams.append(people)
    return teams


def staff_team(plan: RoundPlan, office, number: int, people: list[tuple]):
    """Team ``number`` of the plan's round, made by the office with ``people`` ((user, role),
    the leader first), and noted in the plan; the team."""
    team = team_create_with_members(
        actor=office,
        round_id=plan.round.pk,
        number=number,
        members=[
            {"user_id": user.pk, "role": role, "post": user.organisation} for user, role in people
        ],
    )
    plan.teams.append(team)
    plan.leaders[team.pk] = people[0][0]
    plan.members[team.pk] = [user for user, _role in people[1:]]
    return team


def _round(
    ctx, key, what, mode, item_codes, teams: list, *, feedback_on, theme="", extra=0, prepare=None
):
    """Plan, staff, assign, prepare and take on site one round, each on its day.

    ``teams`` holds each team's visits (``_visits``); the round's planned last on-site
    day is the last visit's, ``extra`` days later (time for the reports). ``prepare(ctx,
    plan, day)`` does the round's 巡前准备 between its preparing and its going on site.
    """
    office = ctx.users["office"]
    visits = [visit for team_visits in teams for visit in team_visits]
    on_site_from = min(visit[2] for visit in visits)
    last_visit = max(visit[3] for visit in visits)
    on_site_until = last_visit + datetime.timedelta(days=extra)
    mobilised_on = on_site_from - datetime.timedelta(days=5)

    def day(offset: int) -> datetime.date:
        return mobilised_on + datetime.timedelta(days=offset)

    with travel(at(day(-21), 9, 30)):
        inspection_round = round_create_with_items(
            actor=office,
            title=_title(len(ctx.rounds) + 1, what),
            mode=mode,
            theme=theme,
            mobilised_on=mobilised_on,
            on_site_from=on_site_from,
            on_site_until=on_site_until,
            feedback_on=feedback_on(last_visit),
            supervision_item_ids=[ctx.checklist[code].pk for code in item_codes],
        )
    plan = RoundPlan(key=key, round=inspection_round, selected_items=set(item_codes))
    ctx.rounds[key] = plan
    with travel(at(day(-15), 10, 0)):
        for number, people in enumerate(_people(ctx, key, len(teams)), start=1):
            staff_team(plan, office, number, people)
    with travel(at(day(-14), 10, 30)):
        for team, team_visits in zip(plan.teams, teams, strict=True):
            for village, is_key, visit_from, visit_until in team_visits:
                plan.assignments.append(
                    assignment_create(
                        actor=office,
                        round_id=inspection_round.pk,
                        village_id=village.pk,
                        team_id=team.pk,
                        is_key=is_key,
                        on_site_from=visit_from,
                        on_site_until=visit_until,
                    )
                )
    with travel(at(day(-10), 15, 0)):
        round_prepare(actor=office, round_id=inspection_round.pk)
    if prepare is not None:
        prepare(ctx, plan, day)
    agree_work_plan(ctx, inspection_round, drafted_on=day(-9), agreed_on=day(-7))
    with travel(at(on_site_from, 8, 30)):
        plan.round = round_go_on_site(actor=office, round_id=inspection_round.pk)
    return plan


def agree_work_plan(ctx, inspection_round, *, drafted_on, agreed_on) -> None:
    """The office generates the 工作方案; the leading group agrees to it (its leadership
    account signs) before the round goes on site."""
    with travel(at(drafted_on, 16, 0)):
        document_generate(
            actor=ctx.users["office"], kind="work_plan", subject_id=inspection_round.pk
        )
    with travel(at(agreed_on, 15, 30)):
        round_plan_decide(
            actor=ctx.users["leadership"],
            round_id=inspection_round.pk,
            held_on=agreed_on,
            outcome=PlanOutcome.APPROVED,
            opinion="原则同意，请按方案组织实施。",
        )


def _closed_round(ctx: DemoContext) -> None:
    villages = ctx.villages["西夏墅镇"]
    start = ctx.days(-395)
    teams = [
        # One village after another, about a week each (key villages ten days).
        _visits(half, start, batches=5, step=9, days=7)
        for half in (villages[:5], villages[5:])
    ]
    plan = _round(
        ctx,
        "closed",
        "西夏墅镇村(社区)巡察",
        RoundMode.REGULAR,
        sorted(ctx.checklist),
        teams,
        feedback_on=lambda _: ctx.days(-320),
        prepare=post_notices,
    )
    plan.feedback_dates = {
        a.pk: ctx.days(-320) if a.team_id == plan.teams[0].pk else ctx.days(-319)
        for a in plan.assignments
    }


def _rectification_round(ctx: DemoContext) -> None:
    # The feedback date is chosen so that time-limited deadlines (feedback + the setting)
    # fell 25 days ago, whatever INSPECTION_TIME_LIMITED_DUE_DAYS is.
    limit = settings.INSPECTION_TIME_LIMITED_DUE_DAYS
    first_feedback = ctx.days(-limit - 25)
    start = first_feedback - datetime.timedelta(days=15 + 48)
    towns = ("薛家镇", "孟河镇", "奔牛镇")
    teams = [
        _visits(ctx.villages[town_name], start, batches=5, step=9, days=9) for town_name in towns
    ]
    plan = _round(
        ctx,
        "rectification",
        "薛家镇、孟河镇、奔牛镇交叉巡察",
        RoundMode.CROSS,
        sorted(ctx.checklist),
        teams,
        feedback_on=lambda _: first_feedback,
    )
    # 薛家镇 and 孟河镇 were fed back (a batch each, the same day); 奔牛镇's reports were
    # agreed by the leading group but await the 书记专题会: no feedback yet.
    awaiting = plan.teams[2].pk
    plan.feedback_dates = {a.pk: first_feedback for a in plan.assignments if a.team_id != awaiting}


def _on_site_round(ctx: DemoContext) -> None:
    xinqiao, luoxi = ctx.villages["新桥镇"], ctx.villages["罗溪镇"]
    start = ctx.days(-21)
    teams = [
        # Three batches a week apart: the last batch is on site today.
        _visits(villages, start, batches=3, step=7, days=8)
        for villages in (xinqiao[:7], xinqiao[7:], luoxi)
    ]
    _round(
        ctx,
        "on_site",
        "惠民惠农资金专项巡察",
        RoundMode.THEMATIC,
        WELFARE_THEME_ITEMS,
        teams,
        theme=WELFARE_THEME,
        # The round's planned withdrawal leaves a week for the reports.
        extra=7,
        feedback_on=lambda until: until + datetime.timedelta(days=45),
        prepare=prepare_on_site_round,
    )


def _recusal_declarations(ctx: DemoContext) -> None:
    """Declared to the office when the inspector roster was drawn up, before any round."""
    roster = {user.username: user for user, _ in ctx.inspectors}
    first_village = {name: villages[0] for name, villages in ctx.villages.items()}
    declarations = [
        {
            "user_id": ctx.users["member"].pk,
            "kind": RecusalKind.HOME_VILLAGE,
            "village_id": ctx.villages["安家乡"][5].pk,
            "note": "户籍所在地",
        },
        {
            "user_id": roster["zhangyiming"].pk,
            "kind": RecusalKind.FORMER_UNIT,
            "town_id": ctx.towns["春江镇"].pk,
        },
        {
            "user_id": roster["hujiaqi"].pk,
            "kind": RecusalKind.FORMER_UNIT,
            "town_id": ctx.towns["安家乡"].pk,
        },
        {
            "user_id": roster["chenjianhua"].pk,
            "kind": RecusalKind.FORMER_UNIT,
            "town_id": ctx.towns["魏村乡"].pk,
            "note": "2016—2021年任乡党委书记",
        },
        {
            "user_id": roster["liujiahao"].pk,
            "kind": RecusalKind.RELATIVE,
            "village_id": first_village["河海街道"].pk,
            "relative_name": ctx.names.person("mid"),
            "relative_post": '社区"两委"委员',
            "note": "舅舅",
        },
    ]
    with travel(at(ctx.days(-430), 14, 30)):
        for declaration in declarations:
            recusal_declare(actor=ctx.users["office"], **declaration)


def create_rounds(ctx: DemoContext) -> None:
    # The bodies written to before a round, as the migration seeds them (a flushed
    # database has none).
    seed_usual_bodies(RequestBody)
    ctx.term = _term(ctx)
    _recusal_declarations(ctx)
    _closed_round(ctx)
    _rectification_round(ctx)
    _on_site_round(ctx)


def end_on_site(ctx: DemoContext) -> None:
    """The closed and the in-rectification rounds leave their villages on the planned day."""
    for key in ("closed", "rectification"):
        plan = ctx.rounds[key]
        with travel(at(plan.round.on_site_until, 17, 30)):
            plan.round = round_end_on_site(actor=ctx.users["office"], round_id=plan.round.pk)
