"""The village registry: the list of villages and a village's page.

A village's page gathers what every app recorded about it (rounds, problems, ledger
items), so it lives downstream of all of them, here in reports. Every list on it is
scoped with ``visible()``: a role sees on it what it may see elsewhere.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from findings.models import Problem
from inspection.choices import AlertStage
from inspection.deadlines import stage_windows
from inspection.models import Village
from inspection.permissions import is_office, reads_all, visible
from inspection.scopes import reads_profile
from inspection.web import Listing, screen, visible_or_404
from rectification.choices import ITEM_STATUSES_OPEN
from rectification.models import RectificationItem
from reports.views.village_filters import VillageListFilterSet, village_rows
from rounds.models import Assignment

PAGE_SIZE = 30
SHOWN_ON_PAGE = 50  # problems and items listed on a village's page; the rest by a link


def screen_link(url_name: str):
    """``link(pk)``: the address of the page ``url_name`` of the record ``pk``."""
    return lambda pk: reverse(url_name, args=[pk])


def list_link(url_name: str, query: str) -> str:
    return f"{reverse(url_name)}?{query}"


@screen(reads_all)
def village_list(request):
    listing = Listing(request, village_rows(request.user), VillageListFilterSet, PAGE_SIZE)
    round_link = screen_link("rounds:round_detail")
    for village in listing:
        has_round = village.last_round_id
        village.round_url = round_link(village.last_round_id) if has_round else ""
    return render(
        request,
        "villages/list.html",
        {"listing": listing, "can_import": is_office(request.user)},
    )


def _assignments(user, village):
    assignments = (
        visible(Assignment, user)
        .filter(village=village)
        .select_related("round", "round__term", "team")
        .order_by("-round__term__starts_on", "-round__ordinal")
    )
    round_link = screen_link("rounds:round_detail")
    for assignment in assignments:
        assignment.round_url = round_link(assignment.round_id)
        yield assignment


def _problems(user, village):
    problems = (
        visible(Problem, user)
        .filter(assignment__village=village)
        .select_related("assignment__round", "problem_class")
        .order_by("-created_at", "-id")
    )
    link = screen_link("findings:problem_detail")
    shown = list(problems[:SHOWN_ON_PAGE])
    for problem in shown:
        problem.screen_url = link(problem.pk)
    return shown, problems.count() if len(shown) == SHOWN_ON_PAGE else len(shown)


def _items(user, village):
    items = (
        visible(RectificationItem, user)
        .filter(problem__assignment__village=village)
        .select_related("problem__problem_class")
        .order_by("deadline", "id")
    )
    link = screen_link("rectification:item_detail")
    today = timezone.localdate()
    windows = stage_windows(today)
    shown = list(items[:SHOWN_ON_PAGE])
    for item in shown:
        item.screen_url = link(item.pk)
        item.stage = windows.stage_of(item.deadline) if item.status in ITEM_STATUSES_OPEN else None
        item.stage_label = AlertStage(item.stage).label if item.stage else ""
        item.days_left = windows.days_left(item.deadline) if item.stage else None
        item.days_late = (today - item.deadline).days if item.stage == AlertStage.RED else 0
    return shown, items.count() if len(shown) == SHOWN_ON_PAGE else len(shown)


@screen()
def village_detail(request, pk: int):
    """Any role that may see the village (every role: the register is not confidential)
    opens its page, and sees in each list only the records its scope allows."""
    village = visible_or_404(Village, request.user, pk=pk)
    place = f"town={village.town_id}&village={village.pk}"  # the lists narrow villages by town
    problems, problem_count = _problems(request.user, village)
    items, item_count = _items(request.user, village)
    context = {
        "village": village,
        "assignments": list(_assignments(request.user, village)),
        "problems": problems,
        "problem_count": problem_count,
        "problems_url": list_link("findings:problem_list", place),
        "items": items,
        "item_count": item_count,
        "items_url": list_link("rectification:item_list", place),
        "shown_on_page": SHOWN_ON_PAGE,
        "can_edit": is_office(request.user),
        "reads_profile": reads_profile(request.user, village),
        "registry_link": reads_all(request.user),
    }
    return render(request, "villages/detail.html", context)
