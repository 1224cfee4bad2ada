"""The accounts of ``python -m bench.users`` and what each one's journey needs.

``prepare(total)`` (inside Django) creates — once, then reuses — ``total`` sign-in
accounts ``load_<role>_<n>`` spread over the roles, each scoped as a real one is: team
staff join the teams of a round on site, rectification officers the towns whose ledger
has open items, liaisons the commission; statistics clients get a fresh API token each
run. It answers the plan: per account its journey, username, password and the ids its
pages use. ``python -m bench.accounts [--total N]`` prints that plan as JSON.
"""

import argparse
import json
import sys

# Journey, share of the users (per 50), the account's role.
JOURNEYS = (
    ("office", 16, "office_staff"),
    ("leadership", 4, "leadership"),
    ("team", 12, "inspector"),
    ("officer", 10, "rectification_officer"),
    ("liaison", 4, "commission_liaison"),
    ("stats", 4, "statistics_client"),
)
TOKEN_NAME = "bench.users"
IDS = 40  # records of each kind a journey picks from


def password_of(username: str) -> str:
    return f"demo-{username}-2026"


def split(total: int) -> dict[str, int]:
    """How many users each journey gets: the shares above, at least one each."""
    weight = sum(share for _, share, _ in JOURNEYS)
    counts = {name: max(1, share * total // weight) for name, share, _ in JOURNEYS}
    order = sorted(JOURNEYS, key=lambda journey: -journey[1])
    index = 0
    while sum(counts.values()) < total:
        counts[order[index % len(order)][0]] += 1
        index += 1
    while sum(counts.values()) > total:
        name = max(counts, key=counts.get)
        counts[name] -= 1
    return counts


def _account(username: str, role: str, **scope):
    from django.contrib.auth.hashers import make_password

    from inspection.models import User
    from inspection.roles import assign_role_group

    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, password=make_password(password_of(username)))
    user.role, user.is_active = role, True
    user.full_name = user.full_name or f"压测{username[5:]}"
    user.organisation = user.organisation or "性能测试账号"
    for name, value in scope.items():
        setattr(user, name, value)
    user.save()
    assign_role_group(user)
    return user


def _ids(queryset, order="-pk") -> list[int]:
    return list(queryset.order_by(order).values_list("pk", flat=True)[:IDS])


def _office_ids() -> dict:
    from findings.choices import ProblemStatus
    from findings.models import Problem
    from inspection.models import Town
    from rectification.models import RectificationItem
    from rounds.models import InspectionRound

    return {
        "problems": _ids(Problem.objects.exclude(status=ProblemStatus.DRAFT)),
        "items": _ids(RectificationItem.objects.all()),
        "rounds": _ids(InspectionRound.objects.all()),
        "towns": _ids(Town.objects.all(), "pk"),
    }


def _teams():
    from rounds.choices import RoundStatus
    from rounds.models import Team

    teams = list(Team.objects.filter(round__status=RoundStatus.ON_SITE).order_by("pk"))
    if not teams:
        raise RuntimeError("no round is on site: the team journey has nowhere to log interviews")
    return teams


def _open_item_towns():
    """The (up to four) towns with the most ledger items open for progress."""
    from django.db.models import Count

    from inspection.models import Town
    from rectification.models import RectificationItem
    from rectification.services.items import POST_PROGRESS

    open_items = RectificationItem.objects.filter(status__in=POST_PROGRESS.sources)
    ranked = (
        open_items.exclude(measures="")
        .values("problem__assignment__town")
        .annotate(open=Count("pk"))
        .order_by("-open", "problem__assignment__town")
    )
    town_ids = [row["problem__assignment__town"] for row in ranked[:4]]
    if not town_ids:
        raise RuntimeError("no open ledger item: the officer journey has nothing to report on")
    towns = Town.objects.in_bulk(town_ids)
    return [towns[pk] for pk in town_ids]


def _partner(user) -> list[int]:
    """Another member of the user's team: an interview is held by two."""
    from rounds.models import TeamMember

    teams = TeamMember.objects.filter(user=user).values("team_id")
    others = TeamMember.objects.filter(team_id__in=teams).exclude(user=user).order_by("pk")
    return list(others.values_list("user_id", flat=True)[:1])


def _plan_of(name: str, user, office_ids: dict) -> dict:
    from findings.models import Clue
    from inspection.permissions import visible
    from rectification.models import RectificationItem
    from rectification.services.items import POST_PROGRESS
    from rounds.models import Assignment

    plan = {"journey": name, "username": user.username, "password": password_of(user.username)}
    if name in ("office", "leadership", "stats"):
        plan.update(office_ids)
    elif name == "team":
        plan["assignments"] = _ids(visible(Assignment, user), "pk")
        plan["interviewers"] = [user.pk, *_partner(user)]
    elif name == "officer":
        items = visible(RectificationItem, user).filter(status__in=POST_PROGRESS.sources)
        plan["items"] = _ids(items.exclude(measures=""), "pk")
    elif name == "liaison":
        plan["clues"] = _ids(visible(Clue, user))
    return plan


def _token(user, actor) -> str:
    from django.utils import timezone

    from inspection.models import ApiToken
    from inspection.services.tokens import api_token_issue

    ApiToken.objects.filter(user=user, name=TOKEN_NAME, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    return api_token_issue(actor=actor, user_id=user.pk, name=TOKEN_NAME)[1]


def prepare(total: int = 50) -> list[dict]:
    """Create or update the ``total`` accounts; answer one plan per account."""
    from django.db import transaction

    from inspection.choices import ReceivingBody, UserRole
    from inspection.models import User
    from rounds.choices import TeamRole
    from rounds.models import TeamMember

    counts = split(total)
    office_ids = _office_ids()
    teams, towns = _teams(), _open_item_towns()
    plans = []
    with transaction.atomic():
        actor = User.objects.filter(role=UserRole.OFFICE_STAFF, is_active=True).first()
        for name, _, role in JOURNEYS:
            for number in range(counts[name]):
                username = f"load_{name}_{number + 1:02d}"
                scope = {}
                lead = name == "office" and number % 8 == 7  # a few are the office's lead
                account_role = UserRole.OFFICE_LEAD if lead else role
                if name == "officer":
                    scope["town"] = towns[number % len(towns)]
                if name == "liaison":
                    scope["receiving_body"] = ReceivingBody.COMMISSION
                user = _account(username, account_role, **scope)
                actor = actor or (user if account_role == UserRole.OFFICE_STAFF else None)
                if name == "team":
                    TeamMember.objects.get_or_create(
                        team=teams[number % len(teams)],
                        user=user,
                        defaults={"role": TeamRole.MEMBER, "post": "性能测试"},
                    )
                plan = _plan_of(name, user, office_ids)
                if name == "stats":
                    plan["token"] = _token(user, actor)
                plans.append(plan)
    return plans


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.accounts")
    parser.add_argument("--total", type=int, default=50)
    args = parser.parse_args(argv)
    import django

    django.setup()
    json.dump(prepare(args.total), sys.stdout)


if __name__ == "__main__":
    main()
