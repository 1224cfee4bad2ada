"""Accountability and the four-batches evaluation created through the API (POST to the list)."""

import datetime

import pytest
from django.utils import timezone

from rounds.choices import RoundStatus
from tests.rectification.test_api import HUGE, as_user, ok, refused

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def hold_accountable(world, user=None, **changes):
    body = {
        "assignment": world.assignment_a.pk,
        "person_name": "张卫东",
        "person_post": "村党总支书记",
        "measure": "admonishment",
        "reason": "整改不力，问题反弹回潮。",
        "decided_on": (TODAY() - DAY).isoformat(),
    } | changes
    return as_user(user or world.office).post("/api/v1/accountabilities/", body, format="json")


def evaluate(world, user=None, **changes):
    body = {"assignment": world.assignment_a.pk, "batch": "look_back", "note": "问题反弹。"}
    body |= changes
    return as_user(user or world.office).post("/api/v1/evaluations/", body, format="json")


# ---------------------------------------------------------------------- accountabilities


def test_the_office_records_an_accountability(world):
    item = world.item()
    row = ok(hold_accountable(world, item=item.pk), 201)
    assert (row["assignment"], row["item"], row["person_name"]) == (
        world.assignment_a.pk,
        item.pk,
        "张卫东",
    )
    assert (row["measure_display"], row["recorded_by"]) == ("诫勉", world.office.pk)
    assert (row["town_name"], row["village_name"]) == ("甲镇", "甲一村")
    assert ok(as_user(world.officer_a).get(f"/api/v1/accountabilities/{row['id']}/"))


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"item": "other assignment"}, "item"),
        ({"person_name": " "}, "person_name"),
        ({"person_name": "长" * 51}, "person_name"),
        ({"measure": "fine"}, "measure"),
        ({"decided_on": "tomorrow"}, "decided_on"),
        ({"reason": ""}, "reason"),
        ({"assignment": None}, "assignment"),
    ],
)
def test_accountability_refuses_bad_input_naming_the_field(world, changes, field):
    if changes.get("item") == "other assignment":
        changes["item"] = world.item(assignment=world.assignment_b).pk
    if changes.get("decided_on") == "tomorrow":
        changes["decided_on"] = (TODAY() + DAY).isoformat()
    refused(hold_accountable(world, **changes), 400, field)


def test_accountability_refusals(world):
    refused(hold_accountable(world, world.officer_a), 403)
    refused(hold_accountable(world, world.leader_a), 403)
    refused(hold_accountable(world, world.officer_b), 404)
    refused(hold_accountable(world, world.stats), 403)
    refused(hold_accountable(world, assignment=987654), 404)


# --------------------------------------------------------------------------- evaluations


def test_the_office_evaluates_an_assignment(world):
    row = ok(evaluate(world, evaluated_on=TODAY().isoformat()), 201)
    assert (row["batch"], row["batch_display"], row["evaluator"]) == (
        "look_back",
        "列入回头看",
        world.office.pk,
    )
    assert row["evaluated_on"] == TODAY().isoformat()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"batch": "fifth"}, "batch"),
        ({"evaluated_on": "tomorrow"}, "evaluated_on"),
        ({"assignment": "a"}, "assignment"),
    ],
)
def test_evaluation_refuses_bad_input_naming_the_field(world, changes, field):
    if changes.get("evaluated_on") == "tomorrow":
        changes["evaluated_on"] = (TODAY() + DAY).isoformat()
    refused(evaluate(world, **changes), 400, field)


def test_evaluation_refusals(world):
    refused(evaluate(world, world.officer_a), 403)
    refused(evaluate(world, world.officer_b), 404)
    world.round.status = RoundStatus.FEEDBACK
    world.round.save()
    refused(evaluate(world), 409)  # rectification has not started


def test_ids_out_of_any_range(world):
    refused(hold_accountable(world, assignment=HUGE), 404)
    refused(hold_accountable(world, item=HUGE), 400, "item")
    refused(evaluate(world, assignment=HUGE), 404)
