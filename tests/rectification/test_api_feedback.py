"""Feedback through the API: the round's feedback and start of rectification
(/round-feedback/{round id}/…), and the unit's plan and report dates (/feedback/{id}/…)."""

import datetime

import pytest
from django.utils import timezone

from findings.choices import ProblemStatus
from rectification.models import Feedback, RectificationItem
from rounds.choices import RoundStatus
from tests.findings.reports_kit import clear_for_feedback
from tests.rectification.test_api import HUGE, as_user, ok, refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def post(user, path: str, body=None):
    return as_user(user).post(f"/api/v1/{path}/", body or {}, format="json")


@pytest.fixture
def reporting():
    world = build_world(round_status=RoundStatus.REPORTING)
    world.problem(status=ProblemStatus.CONFIRMED)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    clear_for_feedback(world.round, actor=world.office)
    return world


def give(world, user=None, **changes):
    body = {"fed_back_on": (TODAY() - DAY).isoformat(), "letter": "反馈意见。"} | changes
    return post(user or world.office, f"round-feedback/{world.round.pk}/give", body)


# ------------------------------------------------------------------ round-feedback/give


def test_the_office_gives_feedback_and_the_ledger_is_built(reporting):
    world = reporting
    letters = [{"assignment": world.assignment_b.pk, "letter": "乙一村的反馈意见。"}]

    row = ok(give(world, letters=letters, note="县委第一轮巡察反馈"))

    assert row == {
        "id": world.round.pk,
        "title": world.round.title,
        "status": "feedback",
        "status_display": "反馈",
        "ledger_items": 2,
    }
    assert dict(Feedback.objects.values_list("assignment_id", "letter")) == {
        world.assignment_a.pk: "反馈意见。",
        world.assignment_b.pk: "乙一村的反馈意见。",
    }
    assert RectificationItem.objects.count() == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"fed_back_on": "tomorrow"}, "fed_back_on"),
        ({"fed_back_on": "2026-02-30"}, "fed_back_on"),
        ({"letters": [{"assignment": 987654, "letter": "x"}]}, "letters"),
        ({"letters": [{"assignment": "a", "letter": "x"}]}, "letters"),
        ({"letters": "x"}, "letters"),
        ({"draft": True}, "problems"),
    ],
)
def test_give_refuses_bad_input_naming_the_field(reporting, changes, field):
    world = reporting
    if changes.pop("draft", False):
        world.problem()
    if changes.get("fed_back_on") == "tomorrow":
        changes["fed_back_on"] = (TODAY() + DAY).isoformat()
    refused(give(world, **changes), 400, field)


def test_the_same_assignment_has_one_letter(reporting):
    world = reporting
    twice = [{"assignment": world.assignment_a.pk, "letter": l} for l in ("一", "二")]  # noqa: E741
    refused(give(world, letters=twice), 400, "letters")


def test_give_refusals(reporting):
    world = reporting
    refused(give(world, world.leader_a), 403)
    refused(give(world, world.officer_a), 403)
    refused(give(world, world.liaison), 404)
    refused(give(world, world.stats), 403)
    refused(post(world.office, "round-feedback/987654/give", {"fed_back_on": "2026-01-01"}), 404)
    ok(give(world))
    refused(give(world), 409)  # fed back already: the round moved on


def test_no_feedback_while_on_site(world):
    world.round.status = RoundStatus.ON_SITE
    world.round.save()
    refused(give(world), 409)


# ----------------------------------------------------- round-feedback/start-rectification


def test_the_office_starts_rectification(reporting):
    world = reporting
    ok(give(world))
    row = ok(post(world.lead, f"round-feedback/{world.round.pk}/start-rectification"))
    assert (row["status"], row["ledger_items"]) == ("rectification", 2)


def test_start_rectification_refusals(reporting):
    world = reporting
    path = f"round-feedback/{world.round.pk}/start-rectification"
    refused(post(world.office, path), 409)  # still reporting
    ok(give(world))
    refused(post(world.office, path, {"note": ["一", "二"]}), 400, "note")
    refused(post(world.officer_a, path), 403)
    refused(post(world.liaison, path), 404)


# ------------------------------------------------------------- feedback/record-plan|report


@pytest.mark.parametrize("verb", ["record-plan", "record-report"])
def test_a_papers_sent_date_is_not_recorded_without_the_paper(world, verb):
    """The plan's and the reports' sent dates come from the unit's own upload, reviewed by
    the town and the office (/api/v1/unit-submissions/): the old verbs that
    wrote the date alone are gone."""
    feedback = world.feedback()
    body = {"plan_submitted_on": TODAY().isoformat(), "report_submitted_on": TODAY().isoformat()}
    assert post(world.officer_a, f"feedback/{feedback.pk}/{verb}", body).status_code == 404
    feedback.refresh_from_db()
    assert feedback.plan_submitted_on is None and feedback.report_submitted_on is None


def test_ids_out_of_any_range(reporting):
    world = reporting
    refused(post(world.office, f"round-feedback/{HUGE}/give", {"fed_back_on": "2026-01-01"}), 404)
    refused(give(world, letters=[{"assignment": HUGE, "letter": "x"}]), 400, "letters")


# --------------------------------------------------------------------- feedback-batches


def give_batch(world, user=None, **changes):
    body = {
        "round": world.round.pk,
        "assignments": [world.assignment_a.pk],
        "fed_back_on": (TODAY() - DAY).isoformat(),
        "place": "甲镇政府会议室",
        "chair": "钱卫国",
        "members_present": "盛国华",
        "attendance": "镇村两级班子成员",
    } | changes
    return post(user or world.office, "feedback-batches", body)


def test_the_office_gives_feedback_to_a_batch(reporting):
    world = reporting
    row = ok(give_batch(world), 201)
    assert row["assignments"] == [world.assignment_a.pk]
    assert (row["place"], row["chair"], row["statement_file"]) == ("甲镇政府会议室", "钱卫国", None)
    assert row["fed_back_on"] == (TODAY() - DAY).isoformat()
    assert RectificationItem.objects.filter(feedback__batch_id=row["id"]).count() == 1
    second = ok(
        give_batch(world, assignments=[world.assignment_b.pk], fed_back_on=TODAY().isoformat()), 201
    )
    listed = ok(as_user(world.office).get("/api/v1/feedback-batches/", {"round": world.round.pk}))
    assert {r["id"] for r in listed["results"]} == {row["id"], second["id"]}


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"assignments": []}, 400, "assignment_ids"),
        ({"assignments": ["x"]}, 400, "assignments"),
        ({"fed_back_on": "2026-02-30"}, 400, "fed_back_on"),
        ({"round": 987654}, 404, None),
        ({"round": HUGE}, 404, None),
        ({"assignments": [HUGE]}, 400, "assignment_ids"),
    ],
)
def test_a_bad_batch_is_refused_naming_the_field(reporting, changes, status, field):
    refused(give_batch(reporting, **changes), status, field)


def test_a_batch_waiting_for_its_secretary_meeting_is_refused():
    world = build_world(round_status=RoundStatus.REPORTING)
    body = refused(give_batch(world), 400, "assignment_ids")
    assert "甲一村的巡察报告尚未起草" in body["detail"]


def test_batch_refusals_by_role(reporting):
    world = reporting
    refused(give_batch(world, world.leadership), 403)
    refused(give_batch(world, world.officer_a), 403)
    refused(give_batch(world, world.liaison), 404)
    ok(give_batch(world), 201)
    refused(give_batch(world), 409)  # 甲一村 fed back already
