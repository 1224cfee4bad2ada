"""The term, the three rounds, their teams and assignments, and a few recusal declarations.

- 第一轮 (closed, regular): 西夏墅镇's 10 villages, about 13 months ago — the source
  article's round, whose figures the seed reproduces exactly.
- 第二轮 (in rectification, cross inspection): 薛家镇, 孟河镇, 奔牛镇, fed back 2–3
  months ago; one team per town.
- 第三轮 (on site now, thematic on welfare funds): 新桥镇 and 罗溪镇, 24 villages, as
  the article's "正在对新桥镇、罗溪镇共24个村(社区)党组织开展巡察".

Every date is an offset from today, so the on-site round is on site whenever the
seed runs and the ledger's overdue items are overdue on that day.
"""

import datetime

from django.conf import settings

from demo.county.checklist import WELFARE_THEME_ITEMS
from demo.county.common import DemoContext, RoundPlan, bulk_insert
from inspection.choices import AttentionClass, RecusalKind
from inspection.models import RecusalDeclaration, Term
from rounds.choices import RoundMode, RoundStatus, TeamRole
from rounds.models import Assignment, InspectionRound, Team, TeamMember

WELFARE_THEME = '惠民惠农资金使用管理：低保和特困供养、惠农补贴"一卡通"、残疾人两项补贴、临时救助'


def _term(ctx: DemoContext) -> Term:
    # A five-year term that began in the autumn two years ago: it holds all three rounds.
    starts_on = datetime.date(ctx.today.year - 2, 10, 1)
    ends_on = datetime.date(starts_on.year + 5, 9, 30)
    return Term.objects.create(
        name=f"{starts_on.year}—{ends_on.year}届",
        starts_on=starts_on,
        ends_on=ends_on,
        is_current=True,
    )


def _batches(villages: list, batches: int) -> list[int]:
    """The batch (group of villages inspected side by side) of each village, in order."""
    return [index * batches // len(villages) for index in range(len(villages))]


def _assignments(
    plan: RoundPlan, team: Team, villages: list, start: datetime.date, *, batches, step, days
) -> list[Assignment]:
    assignments = []
    for village, batch in zip(villages, _batches(villages, batches), strict=True):
        is_key = village.attention_class != AttentionClass.GENERAL
        on_site_from = start + datetime.timedelta(days=batch * step)
        on_site_until = on_site_from + datetime.timedelta(days=days + (3 if is_key else 0))
        assignments.append(
            Assignment(
                round=plan.round,
                team=team,
                town=village.town,
                village=village,
                on_site_from=on_site_from,
                on_site_until=on_site_until,
                is_key=is_key,
            )
        )
    return assignments


def _staff_teams(ctx: DemoContext, plan: RoundPlan, count: int) -> None:
    """``count`` teams: a leader, a commission office head and another deputy, members."""
    rng = ctx.rng(f"teams:{plan.key}")
    by_kind = {
        kind: [user for user, user_kind in ctx.inspectors if user_kind == kind]
        for kind in ("leader", "commission", "deputy", "member")
    }
    for users in by_kind.values():
        rng.shuffle(users)
    teams = bulk_insert(Team, [Team(round=plan.round, number=n) for n in range(1, count + 1)])
    memberships = []
    for index, team in enumerate(teams):
        on_site_team_one = plan.key == "on_site" and index == 0
        leader = ctx.users["leader"] if on_site_team_one else by_kind["leader"].pop()
        people = [(leader, TeamRole.LEADER)]
        people.append((by_kind["commission"].pop(), TeamRole.DEPUTY))
        people.append((by_kind["deputy"].pop(), TeamRole.DEPUTY))
        members = [by_kind["member"].pop() for _ in range(2 if on_site_team_one else 3)]
        if on_site_team_one:
            members.insert(1, ctx.users["member"])
        people += [(user, TeamRole.MEMBER) for user in members]
        memberships += [
            TeamMember(team=team, user=user, role=role, post=user.organisation)
            for user, role in people
        ]
        plan.leaders[team.pk] = leader
        plan.members[team.pk] = [user for user, _ in people[1:]]
    bulk_insert(TeamMember, memberships)
    plan.teams = teams


def _round(ctx, key, ordinal, title, mode, status, item_codes, theme="") -> RoundPlan:
    inspection_round = InspectionRound.objects.create(
        term=ctx.term, ordinal=ordinal, title=title, mode=mode, theme=theme, status=status
    )
    inspection_round.supervision_items.set([ctx.checklist[code] for code in item_codes])
    plan = RoundPlan(key=key, round=inspection_round, selected_items=set(item_codes))
    ctx.rounds[key] = plan
    return plan


def _finish(plan: RoundPlan, assignments: list, *, mobilised_days_before: int, feedback_on) -> None:
    bulk_insert(Assignment, assignments)
    plan.assignments = assignments
    inspection_round = plan.round
    inspection_round.on_site_from = min(a.on_site_from for a in assignments)
    inspection_round.on_site_until = max(a.on_site_until for a in assignments)
    inspection_round.mobilised_on = inspection_round.on_site_from - datetime.timedelta(
        days=mobilised_days_before
    )
    inspection_round.feedback_on = feedback_on(inspection_round.on_site_until)
    inspection_round.save()


def _closed_round(ctx: DemoContext) -> None:
    plan = _round(
        ctx,
        "closed",
        1,
        "县委第一轮巡察（西夏墅镇村(社区)巡察）",
        RoundMode.REGULAR,
        RoundStatus.REPORTING,
        sorted(ctx.checklist),
    )
    _staff_teams(ctx, plan, 2)
    villages = ctx.villages["西夏墅镇"]
    start = ctx.days(-395)
    assignments = []
    for team, half in zip(plan.teams, (villages[:5], villages[5:]), strict=True):
        # One village after another, about a week each (key villages ten days).
        assignments += _assignments(plan, team, half, start, batches=5, step=9, days=7)
    _finish(plan, assignments, mobilised_days_before=5, feedback_on=lambda _: ctx.days(-320))
    plan.feedback_dates = {
        a.pk: ctx.days(-320) if a.team_id == plan.teams[0].pk else ctx.days(-319)
        for a in assignments
    }


def _rectification_round(ctx: DemoContext) -> None:
    plan = _round(
        ctx,
        "rectification",
        2,
        "县委第二轮巡察（薛家镇、孟河镇、奔牛镇交叉巡察）",
        RoundMode.CROSS,
        RoundStatus.REPORTING,
        sorted(ctx.checklist),
    )
    _staff_teams(ctx, plan, 3)
    # Feedback dates are chosen so that time-limited deadlines (feedback + the setting)
    # fall 25 and 12 days ago (overdue) for the first two towns and 2, 8 and 14 days
    # ahead for the third, whatever INSPECTION_TIME_LIMITED_DUE_DAYS is.
    limit = settings.INSPECTION_TIME_LIMITED_DUE_DAYS
    first_feedback = ctx.days(-limit - 25)
    start = first_feedback - datetime.timedelta(days=15 + 48)
    assignments = []
    towns = ("薛家镇", "孟河镇", "奔牛镇")
    for team, town_name in zip(plan.teams, towns, strict=True):
        villages = ctx.villages[town_name]
        assignments += _assignments(plan, team, villages, start, batches=5, step=9, days=9)
    _finish(plan, assignments, mobilised_days_before=5, feedback_on=lambda _: first_feedback)
    for assignment in assignments:
        team_index = [team.pk for team in plan.teams].index(assignment.team_id)
        if team_index < 2:
            offset = (25, 12)[team_index]
        else:
            batch_start = (assignment.on_site_from - start).days // 9
            offset = (-2, -2, -8, -8, -14)[batch_start]
        plan.feedback_dates[assignment.pk] = ctx.days(-limit - offset)


def _on_site_round(ctx: DemoContext) -> None:
    plan = _round(
        ctx,
        "on_site",
        3,
        "县委第三轮巡察（惠民惠农资金专项巡察）",
        RoundMode.THEMATIC,
        RoundStatus.ON_SITE,
        WELFARE_THEME_ITEMS,
        theme=WELFARE_THEME,
    )
    _staff_teams(ctx, plan, 3)
    xinqiao, luoxi = ctx.villages["新桥镇"], ctx.villages["罗溪镇"]
    start = ctx.days(-21)
    assignments = []
    for team, villages in zip(plan.teams, (xinqiao[:7], xinqiao[7:], luoxi), strict=True):
        # Three batches a week apart: the last batch is on site today.
        assignments += _assignments(plan, team, villages, start, batches=3, step=7, days=8)
    _finish(
        plan,
        assignments,
        mobilised_days_before=5,
        feedback_on=lambda until: until + datetime.timedelta(days=45),
    )
    # The round's planned withdrawal leaves a week for the reports.
    plan.round.on_site_until += datetime.timedelta(days=7)
    plan.round.save(update_fields=["on_site_until"])


def _recusal_declarations(ctx: DemoContext) -> None:
    roster = {user.username: user for user, _ in ctx.inspectors}
    first_village = {name: villages[0] for name, villages in ctx.villages.items()}
    bulk_insert(
        RecusalDeclaration,
        [
            RecusalDeclaration(
                user=ctx.users["member"],
                kind=RecusalKind.HOME_VILLAGE,
                village=ctx.villages["安家乡"][5],
                town=ctx.towns["安家乡"],
                note="户籍所在地",
            ),
            RecusalDeclaration(
                user=roster["zhangyiming"], kind=RecusalKind.FORMER_UNIT, town=ctx.towns["春江镇"]
            ),
            RecusalDeclaration(
                user=roster["hujiaqi"], kind=RecusalKind.FORMER_UNIT, town=ctx.towns["安家乡"]
            ),
            RecusalDeclaration(
                user=roster["chenjianhua"],
                kind=RecusalKind.FORMER_UNIT,
                town=ctx.towns["魏村乡"],
                note="2016—2021年任乡党委书记",
            ),
            RecusalDeclaration(
                user=roster["liujiahao"],
                kind=RecusalKind.RELATIVE,
                village=first_village["河海街道"],
                relative_name=ctx.names.person("mid"),
                relative_post='社区"两委"委员',
                note="舅舅",
            ),
        ],
    )


def create_rounds(ctx: DemoContext) -> None:
    ctx.term = _term(ctx)
    _closed_round(ctx)
    _rectification_round(ctx)
    _on_site_round(ctx)
    _recusal_declarations(ctx)
