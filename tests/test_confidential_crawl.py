"""Issue 14's crawl: planted names appear exactly where docs/DOMAIN.md allows, and searching for
them narrows nothing anywhere else.

tests/confidential_world.py plants a petition reporter (and phone), an interviewee, two
persons concerned and words of withheld testimony through the services, and says who reads
each in full and who masked.
Then, as every persona, each test fetches one surface — every screen of the root URLconf,
every API list, detail and GET action of the router, every list as the browsable API
renders it, every workbook the persona may download — and:

- records every answer that shows a secret to a persona who may not read it (in full, or
  masked where the persona may read nothing of it);
- compares each list searched for a secret the persona may not read with the same list
  searched for a string no record holds: the answers must be the same;
- checks that those who may read a secret find its record by searching for it, and
  that the crawl read something (a minimum of answers, the secrets where they belong).

Violations are collected and printed together (persona, url, secret, snippet).
"""

import re
from urllib.parse import parse_qsl

import pytest
from django.test import Client
from django.test.utils import override_settings

from tests.confidential_crawl import (
    SCREEN_QUERIES,
    SKIPPED_PREFIXES,
    SKIPPED_SCREENS,
    Crawl,
    api_resources,
    comparable,
    fill,
    get_actions,
    screen_routes,
    text_of,
)
from tests.confidential_world import ABSENT, LEDGER_ROW, SECRETS, build_planted_world
from tests.seeding import FAST_HASHERS, wipe
from tests.world import PERSONAS

pytestmark = pytest.mark.django_db

API = "/api/v1/"


@pytest.fixture(scope="module")
def planted(django_db_setup, django_db_blocker):
    """The planted world, committed once for the module and wiped after it."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        world = build_planted_world()
    yield world
    with django_db_blocker.unblock():
        wipe()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The fewest answers (2xx) each persona must get, screens and API: about three quarters of
# what the world gives them today, so that a crawl signed out, refused everywhere or
# reading empty pages fails instead of passing with nothing read.
MIN_ANSWERED = {
    "screens": {
        "office": 28, "lead": 28, "leader_a": 15, "member_a": 12, "leader_b": 10,
        "liaison": 8, "liaison_org": 6, "officer_a": 12, "officer_b": 6, "leadership": 15,
        "stats": 2, "reviewer_a": 7, "reviewer_b": 5, "supervisor_a": 7, "supervisor_b": 5,
    },
    "api": {
        "office": 58, "lead": 58, "leader_a": 43, "member_a": 43, "leader_b": 33,
        "liaison": 25, "liaison_org": 24, "officer_a": 41, "officer_b": 35, "leadership": 52,
        "stats": 7, "reviewer_a": 46, "reviewer_b": 38, "supervisor_a": 46, "supervisor_b": 38,
    },
}  # fmt: skip


def assert_clean(crawl: Crawl, *, surface: str) -> None:
    minimum = MIN_ANSWERED[surface]
    thin = {
        p: f"{crawl.answered.get(p, 0)} < {minimum[p]}"
        for p in PERSONAS
        if crawl.answered.get(p, 0) < minimum[p]
    }
    assert not thin, f"the {surface} crawl got too few answers for {thin}"
    assert not crawl.violations, crawl.report()


def check_search(crawl, persona, url, fetch, *, baseline_text, count=None, rows=None) -> None:
    """``url`` searched for each secret, against the same list searched for ABSENT.

    A search cannot narrow an empty list, nor find in it: where the persona's unsearched
    list has no rows (``rows`` == 0) nothing is searched.
    """
    for secret in SECRETS:
        reader = secret.level(persona) == "full"
        if (reader and url not in secret.found_on) or rows == 0:
            continue
        answer = fetch(secret.text)
        text = text_of(answer)
        crawl.fetched[persona] = crawl.fetched.get(persona, 0) + 1
        same = comparable(text, secret.text) == comparable(baseline_text, ABSENT)
        if not reader and not same:
            found = f"{count(text)} found" if count else "the page differs"
            crawl.violate(
                persona,
                url,
                secret.key,
                f"search narrows ({found})",
                *first_difference(comparable(text, secret.text), comparable(baseline_text, ABSENT)),
            )
        elif reader and (same or (count and not count(text))):
            crawl.violate(persona, url, secret.key, "search by a reader finds nothing", "")


def first_difference(searched: str, baseline: str) -> tuple[str, str]:
    """The searched answer and a needle where it first departs from the baseline."""
    at = next(
        (i for i, (a, b) in enumerate(zip(searched, baseline, strict=False)) if a != b),
        min(len(searched), len(baseline)),
    )
    return searched, searched[max(0, at - 20) : at + 40]


# ------------------------------------------------------------------------------- screens


def screen_ids(planted) -> dict:
    from inspection.models import Notification
    from rectification.models import Feedback

    world = planted.world
    return {
        "villages": [world.assignment_a.village_id],
        "rounds": [world.round.pk],
        "teams": [world.team_a.pk, world.team_b.pk],
        "members": list(world.team_a.members.values_list("pk", flat=True)),
        "assignments": [world.assignment_a.pk, world.assignment_b.pk],
        "petitions": [planted.petition.pk, planted.pending_petition.pk, planted.round_petition.pk],
        "problems": [planted.petition_problem.pk, planted.interview_problem.pk],
        "papers": [planted.petition_problem.pk, planted.interview_problem.pk],
        "clues": [planted.clue.pk, planted.round_clue.pk],
        "letters": [planted.letter.pk],
        "items": [item.pk for item in planted.items],
        "orders": [order.pk for order in planted.orders],
        "supervision-letters": [letter.pk for letter in planted.supervision_letters],
        "joint-inspections": [inspection.pk for inspection in planted.joint_inspections],
        "feedback-batches": list(world.round.feedback_batches.values_list("pk", flat=True)),
        "feedback": list(
            Feedback.objects.filter(assignment__round=world.round).values_list("pk", flat=True)
        ),
        "matters": [matter.pk for matter in planted.matters],
        "thematic-reports": [report.pk for report in planted.thematic_reports],
        "notifications": list(Notification.objects.values_list("pk", flat=True)),
        "interviews": [planted.interview.pk],
        "documents": [
            planted.document.pk,
            *(d.pk for d in planted.paper_documents),
            *(d.pk for d in planted.report_documents),
        ],
        "inspection-reports": [planted.report.pk],
        "requests": [planted.data_request.pk],
    }


def screen_urls(planted) -> tuple[list[str], list[str]]:
    """The screens to fetch, and the routes neither mapped nor skipped."""
    ids = screen_ids(planted)
    urls, unmapped = [], []
    for route in screen_routes():
        if route in SKIPPED_SCREENS or route.startswith(tuple(SKIPPED_PREFIXES)):
            continue
        filled = fill(route, ids)
        if filled is None:
            unmapped.append(route)
            continue
        urls += filled
        for url in filled:
            urls += [url + query for query in SCREEN_QUERIES.get(route, ())]
    return urls, unmapped


def test_screens(planted):
    crawl = Crawl()
    urls, unmapped = screen_urls(planted)
    assert not unmapped, f"map these routes to planted ids or skip them with a reason: {unmapped}"
    for persona in PERSONAS:
        client = client_of(planted.users[persona])
        for url in urls:
            text = crawl.judge(persona, url, client.get(url))
            # Every list screen (no id) with a search box is searched, within its tab if
            # it has one (the desk's).
            if 'name="search"' not in text or re.search(r"/\d+/", url):
                continue
            path, _, query = url.partition("?")
            params = dict(parse_qsl(query))

            def fetch(term, path=path, params=params, client=client):
                return client.get(path, {**params, "search": term})

            check_search(crawl, persona, url, fetch, baseline_text=text_of(fetch(ABSENT)))
    for secret in SECRETS:
        shown_to = secret.full if secret.on_screens is None else secret.on_screens
        blind = [p for p in shown_to if "full" not in crawl.read.get((p, secret.key), ())]
        assert not blind, f"{blind} may read {secret.text} but no screen showed it"
    print(f"\nscreens: {len(urls)} urls, {sum(crawl.fetched.values())} answers {crawl.answered}")
    assert_clean(crawl, surface="screens")


# ------------------------------------------------------------------------------------ API


# Detail answers read per resource: the first rows of its model (the world is small; the
# planted records are among the first of theirs).
DETAILS_PER_RESOURCE = 4


def api_urls(planted) -> tuple[list[str], list[tuple[str, object]]]:
    """Detail URLs and GET actions; and the list URLs with their viewsets."""
    details, lists = [], []
    for prefix, viewset in api_resources():
        base = f"{API}{prefix}/"
        if hasattr(viewset, "list"):
            lists.append((base, viewset))
        model = viewset.queryset.model
        pks = list(
            model._default_manager.order_by("pk").values_list("pk", flat=True)[
                :DETAILS_PER_RESOURCE
            ]
        )
        for detail, path in get_actions(viewset):
            if detail:
                details += [f"{base}{pk}/{path}/" for pk in pks]
            else:
                details.append(f"{base}{path}/")
        if hasattr(viewset, "retrieve"):
            details += [f"{base}{pk}/" for pk in pks]
    # The statistics: aggregates (the schema and its docs pages hold no record: not read).
    from reports.statistics import FIGURES

    details += [f"{API}statistics/", *(f"{API}statistics/{name}/" for name in FIGURES)]
    return details, lists


def result_count(text: str) -> int:
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return -1
    if isinstance(data, dict):
        data = data.get("results", [])
    return len(data) if isinstance(data, list) else -1


def test_api(planted):
    crawl = Crawl()
    details, lists = api_urls(planted)
    assert len(lists) >= 20, lists
    json_ = {"HTTP_ACCEPT": "application/json"}
    for persona in PERSONAS:
        client = client_of(planted.users[persona])
        for url in details:
            crawl.judge(persona, url, client.get(url, **json_))
        for url, viewset in lists:
            rows = result_count(crawl.judge(persona, url, client.get(url, **json_)))
            if not getattr(viewset, "search_fields", None):
                continue
            check_search(
                crawl,
                persona,
                url,
                lambda term, url=url, client=client: client.get(url, {"search": term}, **json_),
                baseline_text=text_of(client.get(url, {"search": ABSENT}, **json_)),
                count=result_count,
                rows=rows,
            )
    for secret in SECRETS:
        if not secret.in_api:
            continue
        blind = [p for p in secret.full if "full" not in crawl.read.get((p, secret.key), ())]
        assert not blind, f"{blind} may read {secret.text} but no API answer showed it"
        if secret.masked_text:
            unmasked = [
                p for p in secret.masked if "masked" not in crawl.read.get((p, secret.key), ())
            ]
            assert not unmasked, (
                f"{unmasked} never read {secret.masked_text}: the masked form moved?"
            )
    print(
        f"\nAPI: {len(details)} details, {len(lists)} lists, {sum(crawl.fetched.values())} answers"
        f" {crawl.answered}"
    )
    assert_clean(crawl, surface="api")


def test_browsable_api(planted):
    """Every API list as a browser gets it (``Accept: text/html``, where the settings serve
    the browsable API): the page, its filter form and any form it renders. A dropdown
    listing rows outside the persona's scope would show their labels (a problem's start of
    facts): issue 14, finding 5."""
    crawl = Crawl()
    _details, lists = api_urls(planted)
    pages = 0
    for persona in PERSONAS:
        client = client_of(planted.users[persona])
        for url, _viewset in lists:
            answer = client.get(url, HTTP_ACCEPT="text/html")
            crawl.judge(persona, f"{url} (browsable)", answer)
            pages += answer.status_code == 200 and "text/html" in answer.get("Content-Type", "")
    # Not vacuous: the office gets every list as a page (the test settings serve it).
    assert pages >= len(lists), f"{pages} browsable pages for {len(lists)} lists"
    assert not crawl.violations, crawl.report()


# ------------------------------------------------------------------------------ workbooks


def test_workbooks(planted, django_capture_on_commit_callbacks):
    """Every persona asks for the county workbook and team A's (a team member may ask for
    their team's only), and for the clue workbook (the office's only); each workbook it
    gets is read cell by cell, through the API download and the screen's."""
    crawl = Crawl()
    downloaded, ledgers, clue_books = set(), set(), set()
    for persona in PERSONAS:
        client = client_of(planted.users[persona])
        for scope in ({}, {"team": planted.world.team_a.pk}, {"kind": "clues"}):
            with django_capture_on_commit_callbacks(execute=True):
                asked = client.post(f"{API}exports/", scope, content_type="application/json")
            crawl.judge(persona, f"POST {API}exports/ {scope}", asked)
            if asked.status_code != 202:
                continue
            if scope.get("kind") == "clues":
                clue_books.add(persona)
            job = asked.json()["id"]
            for url in (f"{API}exports/{job}/download/", f"/reports/{job}/download/"):
                answer = client.get(url)
                text = crawl.judge(persona, url, answer)
                if "spreadsheetml" in answer.get("Content-Type", ""):
                    downloaded.add(persona)
                    if LEDGER_ROW in text:
                        ledgers.add(persona)
    assert {"office", "leadership", "officer_a", "leader_a"} <= downloaded, downloaded
    # The petition's problem is in the ledger (its facts masked out at creation: nobody
    # reads the reporter there), so the workbooks read were not empty.
    assert {"office", "officer_a"} <= ledgers, f"the ledger lost its rows: {ledgers}"
    assert "office" in clue_books and clue_books <= {"office", "lead"}, clue_books
    assert not crawl.violations, crawl.report()


# ---------------------------------------------------------------------------------- admin


def test_admin_is_the_offices(planted):
    """The admin is skipped by the screen crawl: it opens for the office only (who reads
    every name); everyone else is sent to its sign-in page."""
    crawl = Crawl()
    pages = [
        "/admin/",
        "/admin/rounds/petition/",
        "/admin/rounds/interview/",
        "/admin/findings/clue/",
        "/admin/findings/cluesubject/",
        "/admin/findings/problem/",
        "/admin/rectification/rectificationitem/",
    ]
    for persona in PERSONAS:
        client = client_of(planted.users[persona])
        for url in pages:
            answer = crawl.judge(persona, url, client.get(url))
            if persona not in ("office", "lead"):
                assert crawl.statuses[persona, url] == 302, (persona, url, answer[:200])
    assert not crawl.violations, crawl.report()


# ------------------------------------------------------------------------ order and filter

# Model fields holding a planted secret: no list may order or filter by them (an order
# or a filter on a name is a search by another name).
NAME_FIELDS = {"interviewee_name", "reporter_name", "reporter_contact", "name", "subjects"}


def test_no_api_list_orders_or_filters_by_a_name():
    from findings.models import Clue, ClueSubject
    from rounds.models import Interview, Petition

    guarded = {Interview, Petition, Clue, ClueSubject}
    offending = []
    for prefix, viewset in api_resources():
        model = viewset.queryset.model
        if model not in guarded:
            continue
        ordering = getattr(viewset, "ordering_fields", None) or ()
        if ordering == "__all__":
            offending.append((prefix, "ordering", "__all__"))
        filterset = getattr(viewset, "filterset_class", None)
        filtered = [f.field_name for f in filterset.base_filters.values()] if filterset else []
        for kind, fields in (("ordering", ordering), ("filter", filtered)):
            for name in fields:
                if set(str(name).split("__")) & NAME_FIELDS:
                    offending.append((prefix, kind, name))
    assert not offending, offending
