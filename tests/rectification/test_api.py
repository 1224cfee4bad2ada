"""The rectification resources read through the API: scope per role, filters, query counts.

The helpers at the top are shared by the other ``test_api_*`` modules of this app.
"""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from inspection.choices import AlertStage, AttentionClass, UserRole
from rectification.choices import (
    EvaluationBatch,
    ItemStatus,
    RectificationMode,
    VerificationMethod,
    VerificationResult,
)
from rectification.models import (
    Alert,
    Evaluation,
    Milestone,
    Verification,
    VerificationEvidence,
)
from tests import factories as f
from tests.rectification.accountability_kit import decided, proposal
from tests.world import PERSONAS

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)

# Who reads the rectification records of scope A (town A, team A): the office and
# leadership, team A, town A's officer. The statistics client is refused every record.
READERS_OF_A = {
    "office",
    "lead",
    "leader_a",
    "member_a",
    "officer_a",
    "leadership",
    "reviewer_a",
    "supervisor_a",
}
BLIND_TO_A = set(PERSONAS) - READERS_OF_A - {"stats"}


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def ok(answer, status=200) -> dict:
    assert answer.status_code == status, answer.content.decode()
    return answer.json()


def refused(answer, status: int, field: str | None = None) -> dict:
    """The answer is an error of ``status`` in the one error shape, naming ``field``."""
    assert answer.status_code == status, answer.content.decode()
    body = answer.json()
    assert body["detail"]
    if field is not None:
        assert field in body["errors"], body
    return body


def listed_ids(client, path: str, **params) -> set[int]:
    return {row["id"] for row in ok(client.get(f"/api/v1/{path}/", params))["results"]}


# ------------------------------------------------------------------------------ records


def verification(world, item=None):
    item = item or world.evidenced_item(status=ItemStatus.CLOSED)
    done = Verification.objects.create(
        item=item,
        method=VerificationMethod.ON_SITE,
        result=VerificationResult.PASSED,
        note="现场核验。",
        verifier=world.office,
    )
    VerificationEvidence.objects.create(
        verification=done, file="evidence/test/photo.jpg", uploaded_by=world.office
    )
    return done


def milestone(world, item=None):
    item = item or world.item(mode=RectificationMode.LONG_TERM)
    return Milestone.objects.create(item=item, title="完成合同清理", due_on=TODAY() + 30 * DAY)


def accountability(world, assignment=None):
    return decided(world, proposal(world, assignment)).proposal


def evaluation(world, assignment=None):
    return Evaluation.objects.create(
        assignment=assignment or world.assignment_a,
        batch=EvaluationBatch.CLOSE,
        evaluator=world.office,
    )


def feedback(world):
    """Feedback to a new village of town A, inspected by team A."""
    village = f.VillageFactory(town=world.town_a)
    assignment = f.AssignmentFactory(
        round=world.round, team=world.team_a, village=village, town=world.town_a
    )
    return world.feedback(assignment=assignment)


def rich_item(world):
    """An item with everything a ledger row shows: milestones, progress with evidence, a
    verification with evidence."""
    item = world.evidenced_item(status=ItemStatus.CLOSED, mode=RectificationMode.LONG_TERM)
    milestone(world, item)
    verification(world, item)
    return item


# Each resource: its path, a builder of one record of scope A, the most queries a page of
# the list may cost (the same for 5 rows as for 30).
RESOURCES = {
    "feedback": (feedback, 1),
    "feedback-batches": (lambda w: feedback(w).batch, 2),
    "rectification-items": (rich_item, 6),
    "milestones": (milestone, 1),
    "progress-updates": (lambda w: w.evidenced_item().progress_updates.get(), 2),
    "verifications": (verification, 2),
    "alerts": (lambda w: Alert.objects.create(item=w.item(), stage="green", due_on=TODAY()), 1),
    "accountabilities": (accountability, 2),  # and the items of each proposal
    "evaluations": (evaluation, 1),
}


# ----------------------------------------------------------------------- scope per role


@pytest.mark.parametrize("path", RESOURCES)
def test_each_resource_is_read_within_the_scope_of_each_role(world, path):
    build, _ = RESOURCES[path]
    record = build(world)

    for persona in READERS_OF_A:
        client = as_user(getattr(world, persona))
        assert record.pk in listed_ids(client, path), persona
        detail = ok(client.get(f"/api/v1/{path}/{record.pk}/"))
        assert detail["id"] == record.pk
    for persona in BLIND_TO_A:
        client = as_user(getattr(world, persona))
        assert record.pk not in listed_ids(client, path), persona
        refused(client.get(f"/api/v1/{path}/{record.pk}/"), 404)
    stats = as_user(world.stats)
    refused(stats.get(f"/api/v1/{path}/"), 403)
    refused(stats.get(f"/api/v1/{path}/{record.pk}/"), 403)


def test_anonymous_clients_read_nothing(world):
    item = world.item()
    assert APIClient().get("/api/v1/rectification-items/").status_code == 401
    assert APIClient().get(f"/api/v1/rectification-items/{item.pk}/").status_code == 401


def test_a_village_officer_reads_only_their_village(world):
    other_village = f.VillageFactory(town=world.town_a)
    other = f.AssignmentFactory(
        round=world.round, team=world.team_a, village=other_village, town=world.town_a
    )
    mine, theirs = world.item(), world.item(assignment=other)
    officer = f.UserFactory(role=UserRole.RECTIFICATION_OFFICER, village=world.assignment_a.village)
    assert listed_ids(as_user(officer), "rectification-items") == {mine.pk}
    assert listed_ids(as_user(world.officer_a), "rectification-items") == {mine.pk, theirs.pk}


def test_clue_alerts_are_the_office_s(world):
    clue_alert = Alert.objects.create(clue=world.clue(), stage=AlertStage.RED, due_on=TODAY())
    assert clue_alert.pk in listed_ids(as_user(world.office), "alerts")
    assert clue_alert.pk in listed_ids(as_user(world.leadership), "alerts")
    for persona in ("leader_a", "officer_a", "liaison"):
        client = as_user(getattr(world, persona))
        assert clue_alert.pk not in listed_ids(client, "alerts")
        refused(client.get(f"/api/v1/alerts/{clue_alert.pk}/"), 404)


# ------------------------------------------------------------------------ what is shown


def test_an_item_shows_its_problem_plan_and_children(world):
    item = rich_item(world)
    row = ok(as_user(world.officer_a).get(f"/api/v1/rectification-items/{item.pk}/"))

    assert row["problem"] == item.problem_id
    assert row["problem_facts"] == item.problem.facts
    assert (row["round"], row["town_name"], row["village_name"]) == (
        world.round.pk,
        "甲镇",
        "甲一村",
    )
    assert row["team_name"] == "第一巡察组"
    assert (row["status"], row["status_display"]) == ("closed", "已销号")
    assert row["mode_display"] == "长期整改"
    assert row["is_overdue"] is False
    assert [m["title"] for m in row["milestones"]] == ["完成合同清理"]
    [update] = row["progress_updates"]
    assert update["percent"] == 100
    assert update["evidence"][0]["original_name"] == "村民代表会议记录.pdf"
    assert update["evidence"][0]["file"].startswith("http://testserver/")
    [check] = row["verifications"]
    assert (check["method_display"], check["result_display"]) == ("现场核验", "通过")
    assert check["verifier_name"] == str(world.office)


def test_feedback_shows_its_dates_and_ledger_size(world):
    feedback = world.feedback()
    world.item()
    world.item()
    row = ok(as_user(world.office).get(f"/api/v1/feedback/{feedback.pk}/"))
    assert row["items_count"] == 2
    assert row["plan_due_on"] == feedback.plan_due_on.isoformat()
    assert row["letter_file"] is None
    assert row["village_name"] == "甲一村"


# ----------------------------------------------------------------------------- filters


def test_items_filter_by_place_status_mode_and_taxonomy(world):
    a = world.item()
    b = world.item(assignment=world.assignment_b, status=ItemStatus.IN_PROGRESS)
    welfare = f.catalogue_class("welfare_funds")
    b.problem.problem_class = welfare
    b.problem.nature = "suspected_offence"
    b.problem.save()
    world.assignment_b.village.attention_class = AttentionClass.RISK
    world.assignment_b.village.save()
    office = as_user(world.office)

    assert listed_ids(office, "rectification-items", town=world.town_a.pk) == {a.pk}
    assert listed_ids(office, "rectification-items", village=world.assignment_b.village_id) == {
        b.pk
    }
    assert listed_ids(office, "rectification-items", team=world.team_b.pk) == {b.pk}
    assert listed_ids(office, "rectification-items", round=world.round.pk) == {a.pk, b.pk}
    assert listed_ids(office, "rectification-items", term=world.round.term_id) == {a.pk, b.pk}
    assert listed_ids(office, "rectification-items", status="in_progress") == {b.pk}
    assert listed_ids(office, "rectification-items", problem_class=welfare.pk) == {b.pk}
    assert listed_ids(office, "rectification-items", aspect=welfare.aspect_id) == {b.pk}
    assert listed_ids(office, "rectification-items", nature="suspected_offence") == {b.pk}
    focus = welfare.aspect.focus_id
    assert listed_ids(office, "rectification-items", focus=focus) == {a.pk, b.pk}
    assert listed_ids(office, "rectification-items", attention_class="risk") == {b.pk}
    assert listed_ids(office, "rectification-items", mode="time_limited") == {a.pk, b.pk}
    assert listed_ids(office, "rectification-items", responsible_unit_kind="town_party") == set()


def test_items_filter_overdue_deadline_and_feedback_dates(world):
    late = world.item(deadline=TODAY() - DAY)
    submitted_late = world.item(status=ItemStatus.SUBMITTED, deadline=TODAY() - DAY)
    on_time = world.item(deadline=TODAY() + 10 * DAY)
    office = as_user(world.office)

    assert listed_ids(office, "rectification-items", overdue="true") == {late.pk}
    assert listed_ids(office, "rectification-items", overdue="false") == {
        submitted_late.pk,
        on_time.pk,
    }
    assert listed_ids(office, "rectification-items", deadline_after=TODAY().isoformat()) == {
        on_time.pk
    }
    assert listed_ids(
        office, "rectification-items", deadline_before=(TODAY() - DAY).isoformat()
    ) == {late.pk, submitted_late.pk}
    assert (
        listed_ids(office, "rectification-items", fed_back_on_after=(TODAY() + DAY).isoformat())
        == set()
    )
    row = ok(office.get(f"/api/v1/rectification-items/{late.pk}/"))
    assert row["is_overdue"] is True


def test_items_search_and_ordering(world):
    soon = world.item(deadline=TODAY() + DAY, measures="清理合同")
    later = world.item(deadline=TODAY() + 5 * DAY, responsible_person="李四")
    office = as_user(world.office)

    assert listed_ids(office, "rectification-items", search="清理合同") == {soon.pk}
    assert listed_ids(office, "rectification-items", search="李四") == {later.pk}
    rows = ok(office.get("/api/v1/rectification-items/", {"ordering": "deadline"}))["results"]
    assert [row["id"] for row in rows] == [soon.pk, later.pk]
    rows = ok(office.get("/api/v1/rectification-items/", {"ordering": "-deadline"}))["results"]
    assert [row["id"] for row in rows] == [later.pk, soon.pk]


@pytest.mark.parametrize(
    "params",
    [
        {"status": "nonsense"},
        {"overdue": "perhaps"},
        {"deadline_after": "2026-13-45"},
        {"round": "abc"},
        {"round": "999999999999999999999999"},
        {"town": "-1"},
        {"nature": "x"},
        {"focus": "x"},
    ],
)
def test_invalid_filters_are_a_400(world, params):
    answer = as_user(world.office).get("/api/v1/rectification-items/", params)
    refused(answer, 400, field=next(iter(params)).removesuffix("_after"))


def test_other_resources_filter_by_place_and_dates(world):
    mine, theirs = accountability(world), accountability(world, world.assignment_b)
    office = as_user(world.office)
    assert listed_ids(office, "accountabilities", town=world.town_b.pk) == {theirs.pk}
    assert listed_ids(office, "accountabilities", form="admonishment") == {mine.pk, theirs.pk}
    assert listed_ids(office, "accountabilities", target_kind="organisation") == set()
    assert listed_ids(office, "evaluations", batch="close") == set()
    done = evaluation(world)
    assert listed_ids(office, "evaluations", village=world.assignment_a.village_id) == {done.pk}
    feedback = world.feedback()
    assert listed_ids(office, "feedback", plan_submitted="false") == {feedback.pk}
    assert listed_ids(office, "feedback", fed_back_on_before=(TODAY() - DAY).isoformat()) == set()
    item_alert = Alert.objects.create(item=world.item(), stage=AlertStage.GREEN, due_on=TODAY())
    clue_alert = Alert.objects.create(clue=world.clue(), stage=AlertStage.RED, due_on=TODAY())
    plan_alert = Alert.objects.create(
        feedback=feedback, document="plan", stage=AlertStage.YELLOW, due_on=TODAY()
    )
    assert listed_ids(office, "alerts", town=world.town_a.pk) == {
        item_alert.pk,
        clue_alert.pk,
        plan_alert.pk,
    }
    assert listed_ids(office, "alerts", town=world.town_b.pk) == set()
    assert listed_ids(office, "alerts", document="plan") == {plan_alert.pk}
    assert ok(office.get(f"/api/v1/alerts/{item_alert.pk}/"))["document"] == ""
    shown = ok(office.get(f"/api/v1/alerts/{plan_alert.pk}/"))
    assert (shown["feedback"], shown["document"]) == (feedback.pk, "plan")
    assert listed_ids(office, "alerts", for_clue="true") == {clue_alert.pk}
    assert listed_ids(office, "alerts", stage="green") == {item_alert.pk}


# ---------------------------------------------------------------------- query counts


@pytest.mark.parametrize("path", RESOURCES)
def test_every_list_costs_a_fixed_number_of_queries(
    world, path, django_assert_max_num_queries, wide_page_queries
):
    build, bound = RESOURCES[path]
    bound += wide_page_queries
    office = as_user(world.office)
    readers = (office, as_user(world.officer_a), as_user(world.leader_a))
    for rows in (5, 30):
        while len(listed_ids(office, path, page_size=100)) < rows:
            build(world)
        for client in readers:
            with django_assert_max_num_queries(bound):
                page = ok(client.get(f"/api/v1/{path}/", {"page_size": 100}))
            assert len(page["results"]) >= rows


# -------------------------------------------------------------- what a client may send

HUGE = 2**70


@pytest.mark.parametrize("path", RESOURCES)
def test_ids_out_of_any_range_are_not_found(world, path):
    refused(as_user(world.office).get(f"/api/v1/{path}/{HUGE}/"), 404)
    refused(as_user(world.office).get(f"/api/v1/{path}/abc/"), 404)
