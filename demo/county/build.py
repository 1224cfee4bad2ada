"""Seeding the demo county in one transaction, and what the command prints about it."""

import random
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from demo.county.archive import file_the_closed_round
from demo.county.checklist import create_checklist
from demo.county.clues import follow_clues, propose_clues
from demo.county.common import SEED, DemoContext
from demo.county.documents import create_documents
from demo.county.evaluation import create_evaluations
from demo.county.findings import create_problems
from demo.county.joint_inspections import create_joint_inspections
from demo.county.ledger import create_ledger
from demo.county.letters import create_letters
from demo.county.look_back import create_look_back
from demo.county.matters import create_matters
from demo.county.names import INSPECTOR_ROSTER, NameBook
from demo.county.onsite import create_onsite_work
from demo.county.orders import issue_onsite_orders
from demo.county.places import DEMO_TOWN_CODE, TOWNS, create_places
from demo.county.preparation import receive_public_reports
from demo.county.publicity import create_publicity
from demo.county.rounds import create_rounds, end_on_site
from demo.county.users import DEMO_LOGINS, create_users, demo_usernames, login_rows
from findings.choices import ProblemStatus
from findings.models import Clue, Problem
from inspection.errors import ApplicationError
from inspection.files import discard_rolled_back_files
from inspection.models import Term, Town, User, Village
from rectification.models import RectificationItem
from rectification.selectors import items_overdue
from rounds.choices import RoundStatus
from rounds.models import InspectionRound, TeamMember
from rounds.models.rounds import chinese_ordinal


@dataclass(frozen=True)
class DemoSummary:
    towns: int
    villages: int
    rounds: int
    problems: int
    clues: int
    items: int
    overdue_items: int


def demo_county_exists() -> bool:
    """The demo county is present when its marker town (西夏墅镇) is."""
    return Town.objects.filter(code=DEMO_TOWN_CODE).exists()


def _conflicts() -> list[str]:
    """Rows that would clash with the demo county in a database that already has data."""
    conflicts = []
    taken = list(
        User.objects.filter(username__in=demo_usernames()).values_list("username", flat=True)
    )
    if taken:
        conflicts.append(f"用户名已存在：{'、'.join(sorted(taken))}")
    codes = [code for code, *_ in TOWNS]
    names = [name for _, name, *_ in TOWNS]
    if Town.objects.filter(Q(code__in=codes) | Q(name__in=names)).exists():
        conflicts.append("乡镇区划代码或名称已存在")
    if Term.objects.filter(is_current=True).exists():
        conflicts.append("已有本届届次")
    return conflicts


def demo_county_seed(*, today=None, progress=None) -> DemoSummary:
    """Build the demo county; all or nothing (the evidence files it uploaded too, as after
    a failed request). Refuses when it would clash with data. ``progress(text)``, if
    given, is told each step as it starts (the command prints them: the seed takes a while)."""
    try:
        return _seed(today=today, progress=progress or (lambda text: None))
    finally:
        discard_rolled_back_files()


@transaction.atomic
def _seed(*, today, progress) -> DemoSummary:
    if demo_county_exists():
        raise ApplicationError("演示数据已存在，未作改动。")
    conflicts = _conflicts()
    if conflicts:
        raise ApplicationError(
            "数据库中已有与演示数据冲突的记录（" + "；".join(conflicts) + "），请在空数据库上运行。"
        )
    names = NameBook(random.Random(f"{SEED}:names"))
    # Hand-picked names first, so that no generated official is called the same.
    names.reserve(*(login.full_name for login in DEMO_LOGINS))
    names.reserve(*(name for _, name, _, _ in INSPECTOR_ROSTER))
    ctx = DemoContext(today=today or timezone.localdate(), names=names)
    steps = (
        ("乡镇、村和账号", (create_places, create_users, create_checklist)),
        ("三轮巡察：计划、巡察组、进驻", (create_rounds,)),
        ("谈话、走访和来信来访", (create_onsite_work, receive_public_reports)),
        (
            "发现问题、巡中立行立改、问题线索与交办事项",
            (
                create_problems,
                issue_onsite_orders,
                propose_clues,
                end_on_site,
                follow_clues,
                create_matters,
            ),
        ),
        ("巡察报告与审议、分批反馈、整改台账、佐证材料与每日预警", (create_ledger,)),
        ("整改评估与问责", (create_evaluations,)),
        (
            "文书：已归档轮次的谈话记录、立行立改通知书、底稿审批单与汇编、"
            "反馈意见、反馈会记录、移交审批表与移交函",
            (create_documents,),
        ),
        (
            "整改督查督办：督办函与提示函、联合督查、整改公开、回头看",
            (create_letters, create_joint_inspections, create_publicity, create_look_back),
        ),
        ("立卷归档：第一轮巡察归档", (file_the_closed_round,)),
    )
    for number, (label, functions) in enumerate(steps, 1):
        progress(f"[{number}/{len(steps)}] {label}")
        for function in functions:
            function(ctx)
    return demo_summary(today=ctx.today)


def demo_summary(*, today=None) -> DemoSummary:
    today = today or timezone.localdate()
    return DemoSummary(
        towns=Town.objects.count(),
        villages=Village.objects.count(),
        rounds=InspectionRound.objects.count(),
        problems=Problem.objects.exclude(status=ProblemStatus.DRAFT).count(),
        clues=Clue.objects.count(),
        items=RectificationItem.objects.count(),
        overdue_items=items_overdue(RectificationItem.objects.all(), on=today).count(),
    )


def demo_login_rows() -> list[tuple[str, str, str, str, str]]:
    """(role, username, password, name, scope) of the demo logins."""
    users = User.objects.filter(username__in=demo_usernames()).select_related(
        "town", "village__town"
    )
    on_site = TeamMember.objects.filter(
        user__in=users, team__round__status=RoundStatus.ON_SITE
    ).select_related("team__round", "user")
    teams = {
        member.user.username: (
            f"进驻中：第{chinese_ordinal(member.team.round.ordinal)}轮"
            f"{member.team.name}{member.get_role_display()}"
        )
        for member in on_site
    }
    return login_rows({user.username: user for user in users}, teams)
