"""Demo logins (one per role, known passwords) and the county's other accounts.

The demo logins are for development only: their passwords are printed and published.
Team members and rectification officers who are not demo logins get unusable
passwords: they exist so that teams, ledgers and records name realistic people.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from demo.county.common import DemoContext, at, bulk_insert
from demo.county.names import INSPECTOR_ROSTER
from demo.county.places import village_party_unit
from inspection.choices import ReceivingBody, UserRole, VillageKind
from inspection.models import User
from inspection.roles import assign_role_group, sync_role_groups

# Towns whose rectification officers the ledgers name (in-rectification and closed rounds).
OFFICER_TOWN = "薛家镇"  # the demo ``officer``'s town
VILLAGE_OFFICER_TOWN = "孟河镇"  # the demo ``village_officer``'s village is this town's first 村
OTHER_OFFICER_TOWNS = ("西夏墅镇", "孟河镇", "奔牛镇")
# The on-site round's towns: their officers take the on-site orders' items (巡中立行立改).
# Named by hand, so that the names drawn for everyone else stay as they were.
ON_SITE_OFFICERS = {"新桥镇": "葛志平", "罗溪镇": "滕晓燕"}


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    full_name: str
    organisation: str
    is_staff: bool = False

    @property
    def password(self) -> str:
        return demo_password(self.username)


def demo_password(username: str) -> str:
    return f"demo-{username}-2026"


DEMO_LOGINS = (
    DemoLogin("office", UserRole.OFFICE_STAFF, "周敏", "县委巡察办综合科科员", True),
    DemoLogin("lead", UserRole.OFFICE_LEAD, "钱卫国", "县委巡察办主任", True),
    DemoLogin("leader", UserRole.INSPECTOR, "陆建平", "原春江镇党委书记"),
    DemoLogin("member", UserRole.INSPECTOR, "沈佳怡", "县财政局预算科科员"),
    DemoLogin("liaison", UserRole.COMMISSION_LIAISON, "殷志明", "县纪委监委案件监督管理室副主任"),
    DemoLogin("officer", UserRole.RECTIFICATION_OFFICER, "邵红梅", f"{OFFICER_TOWN}党委副书记"),
    DemoLogin("village_officer", UserRole.RECTIFICATION_OFFICER, "储建忠", "村党组织书记"),
    DemoLogin("town_reviewer", UserRole.TOWN_REVIEWER, "冯志刚", f"{VILLAGE_OFFICER_TOWN}党委书记"),
    DemoLogin("supervisor", UserRole.SUPERVISOR, "韩立新", "县纪委监委党风政风监督室主任"),
    DemoLogin(
        "leadership",
        UserRole.LEADERSHIP,
        "盛国华",
        "县委常委、组织部部长，县委巡察工作领导小组副组长",
    ),
    DemoLogin(
        "stats", UserRole.STATISTICS_CLIENT, "市委巡察办汇总平台", "市委巡察办巡察数据汇总平台"
    ),
)


def demo_usernames() -> list[str]:
    return [login.username for login in DEMO_LOGINS]


def _unusable(**fields) -> User:
    return User(password=make_password(None), **fields)


def _joined(ctx: DemoContext) -> datetime.datetime:
    """When the accounts were opened: the day the current term began (rounds.py)."""
    return at(datetime.date(ctx.today.year - 2, 10, 1), 9, 0)


def create_users(ctx: DemoContext) -> None:
    """Demo logins, the inspector roster, rectification officers; groups for all."""
    officer_town = ctx.towns[OFFICER_TOWN]
    officer_village = next(
        village
        for village in ctx.villages[VILLAGE_OFFICER_TOWN]
        if village.kind == VillageKind.VILLAGE
    )
    logins = []
    for login in DEMO_LOGINS:
        user = User(
            username=login.username,
            full_name=login.full_name,
            role=login.role,
            organisation=login.organisation,
            is_staff=login.is_staff,
            password=make_password(login.password),
        )
        if login.role in (UserRole.COMMISSION_LIAISON, UserRole.SUPERVISOR):
            user.receiving_body = ReceivingBody.COMMISSION
        elif login.role == UserRole.TOWN_REVIEWER:
            user.town = ctx.towns[VILLAGE_OFFICER_TOWN]
        elif login.username == "officer":
            user.town = officer_town
        elif login.username == "village_officer":
            user.village = officer_village
            user.organisation = f"{village_party_unit(officer_village)}书记"
        logins.append(user)
    others = [
        _unusable(username=username, full_name=name, role=UserRole.INSPECTOR, organisation=post)
        for username, name, post, _ in INSPECTOR_ROSTER
    ]
    for town_name in OTHER_OFFICER_TOWNS:
        town = ctx.towns[town_name]
        others.append(
            _unusable(
                username=f"officer_{town.code}",
                full_name=ctx.names.person("mid"),
                role=UserRole.RECTIFICATION_OFFICER,
                organisation=f"{town_name}党委副书记",
                town=town,
            )
        )
    others.append(
        _unusable(
            username="liaison_org",
            full_name=ctx.names.person("mid"),
            role=UserRole.COMMISSION_LIAISON,
            organisation="县委组织部组织科科长",
            receiving_body=ReceivingBody.ORGANISATION,
        )
    )
    ctx.names.reserve(*ON_SITE_OFFICERS.values())
    for town_name, full_name in ON_SITE_OFFICERS.items():
        town = ctx.towns[town_name]
        others.append(
            _unusable(
                username=f"officer_{town.code}",
                full_name=full_name,
                role=UserRole.RECTIFICATION_OFFICER,
                organisation=f"{town_name}党委副书记",
                town=town,
            )
        )
    for user in logins + others:
        user.date_joined = _joined(ctx)
    bulk_insert(User, logins + others)
    ctx.users = {user.username: user for user in logins}
    roster_users = others[: len(INSPECTOR_ROSTER)]
    ctx.inspectors = [
        (user, kind) for user, (_, _, _, kind) in zip(roster_users, INSPECTOR_ROSTER, strict=True)
    ]
    ctx.officers = {user.town.name: user for user in others if user.town_id}
    ctx.officers[OFFICER_TOWN] = ctx.users["officer"]
    ctx.org_liaison = next(user for user in others if user.username == "liaison_org")
    # The village officer is their village's party secretary; the town officer its deputy.
    officials = ctx.officials[officer_village.pk]
    officials.secretary = ctx.users["village_officer"].full_name
    if officer_village.secretary_is_director:
        officials.director = officials.secretary
    secretary, _ = ctx.town_leaders[OFFICER_TOWN]
    ctx.town_leaders[OFFICER_TOWN] = (secretary, ctx.users["officer"].full_name)
    sync_role_groups()
    for user in logins + others:
        assign_role_group(user)


# What the table says each demo login can do, beside their unit.
ROLE_NOTES = {
    UserRole.OFFICE_STAFF: "管理后台：查看、新增、修改",
    UserRole.OFFICE_LEAD: "管理后台：查看、新增、修改、删除",
    UserRole.LEADERSHIP: "看板与报表：只读",
    UserRole.STATISTICS_CLIENT: "统计接口：只读汇总数据",
}


def login_rows(users: dict, teams: dict) -> list[tuple[str, str, str, str, str]]:
    """(role, username, password, name, scope) for the table the command prints.

    ``users`` maps a username to the User, ``teams`` to their place in a team on site.
    """
    rows = []
    for login in DEMO_LOGINS:
        user = users.get(login.username)
        scope = [ROLE_NOTES.get(login.role, ""), teams.get(login.username, "")]
        if user is not None:
            if user.receiving_body:
                scope.append(f"受理：{user.post_label}")
            if user.village_id:
                scope.append(f"{user.village.town.name}{user.village.name}")
            elif user.town_id:
                scope.append(user.town.name)
        rows.append(
            (
                str(UserRole(login.role).label),
                login.username,
                login.password,
                user.full_name if user else login.full_name,
                "；".join(part for part in scope if part),
            )
        )
    return rows
