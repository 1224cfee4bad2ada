"""问责 (提请 → 决定), 第一种形态 and the four-batches evaluation through the API."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from rounds.choices import RoundStatus
from tests.rectification.test_api import HUGE, as_user, ok, refused

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def propose(world, user=None, **changes):
    body = {
        "assignment": world.assignment_a.pk,
        "target_kind": "person",
        "person_name": "张卫东",
        "person_post": "村党总支书记",
        "facts": "整改不力，问题反弹回潮。",
        "suggested_form": "admonishment",
        "deciding_body": "commission",
    } | changes
    return as_user(user or world.office).post("/api/v1/accountabilities/", body, format="json")


def decide(user, proposal_id, **changes):
    body = {"pursued": "true", "form": "admonishment", "decided_on": TODAY().isoformat()}
    body |= changes
    return as_user(user).post(
        f"/api/v1/accountabilities/{proposal_id}/decide/", body, format="multipart"
    )


def evaluate(world, user=None, **changes):
    body = {"assignment": world.assignment_a.pk, "batch": "look_back", "note": "问题反弹。"}
    body |= changes
    return as_user(user or world.office).post("/api/v1/evaluations/", body, format="json")


# ---------------------------------------------------------------------- accountabilities


def test_the_office_proposes_and_the_commission_decides(world):
    item = world.item()
    row = ok(propose(world, items=[item.pk]), 201)
    assert (row["assignment"], row["items"], row["person_name"]) == (
        world.assignment_a.pk,
        [item.pk],
        "张卫东",
    )
    assert (row["status_display"], row["decision"]) == ("已提请", None)
    assert (row["town_name"], row["village_name"]) == ("甲镇", "甲一村")
    # Not yet decided: the unit does not read it; the commission's supervisor does.
    refused(as_user(world.officer_a).get(f"/api/v1/accountabilities/{row['id']}/"), 404)
    assert ok(as_user(world.supervisor_a).get(f"/api/v1/accountabilities/{row['id']}/"))

    decided = ok(decide(world.supervisor_a, row["id"], document_number="县纪诫〔2026〕3号"))
    assert decided["status"] == "decided"
    decision = decided["decision"]
    assert (decision["form_display"], decision["signed_by"]) == ("诫勉", world.supervisor_a.pk)
    assert decision["document"] is None and decision["migrated"] is False
    assert ok(as_user(world.officer_a).get(f"/api/v1/accountabilities/{row['id']}/"))
    refused(decide(world.supervisor_a, row["id"]), 400)  # decided once


def test_the_office_records_a_decision_only_with_the_bodys_document(world):
    row = ok(propose(world), 201)
    refused(decide(world.office, row["id"]), 400, "document")
    document = SimpleUploadedFile("问责决定.pdf", b"%PDF-1.4 decision", "application/pdf")
    decided = ok(decide(world.office, row["id"], document=document))
    assert decided["decision"]["signed_by"] is None
    assert "/api/v1/evidence/accountability-decision/" in decided["decision"]["document"]


def test_the_organisation_department_does_not_decide_for_the_commission(world):
    row = ok(propose(world, assignment=world.assignment_b.pk), 201)
    refused(decide(world.supervisor_b, row["id"]), 403)  # 组织部, asked: 纪委监委


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"items": ["other assignment"]}, "items"),
        ({"person_name": " "}, "person_name"),
        ({"person_name": "长" * 51}, "person_name"),
        ({"suggested_form": "org_reorganised"}, "suggested_form"),
        ({"target_kind": "organisation"}, "organisation_name"),
        ({"suggested_form": "fine"}, "suggested_form"),
        ({"proposed_on": "tomorrow"}, "proposed_on"),
        ({"facts": ""}, "facts"),
        ({"assignment": None}, "assignment"),
    ],
)
def test_a_proposal_refuses_bad_input_naming_the_field(world, changes, field):
    if changes.get("items") == ["other assignment"]:
        changes["items"] = [world.item(assignment=world.assignment_b).pk]
    if changes.get("proposed_on") == "tomorrow":
        changes["proposed_on"] = (TODAY() + DAY).isoformat()
    refused(propose(world, **changes), 400, field)


def test_proposal_refusals(world):
    refused(propose(world, world.officer_a), 403)
    refused(propose(world, world.leader_a), 403)
    refused(propose(world, world.supervisor_a), 403)
    refused(propose(world, world.officer_b), 404)
    refused(propose(world, world.stats), 403)
    refused(propose(world, assignment=987654), 404)


def test_a_supervisor_records_a_talk_counted_apart(world):
    body = {
        "assignment": world.assignment_a.pk,
        "kind": "talk",
        "person_name": "李建国",
        "reason": "整改进度滞后。",
        "conducted_on": TODAY().isoformat(),
    }
    client = as_user(world.supervisor_a)
    row = ok(client.post("/api/v1/first-form-measures/", body, format="json"), 201)
    assert (row["kind_display"], row["body_display"]) == ("约谈", "纪委监委")
    other = as_user(world.supervisor_b)
    refused(other.post("/api/v1/first-form-measures/", body, format="json"), 404)
    assert ok(as_user(world.office).get("/api/v1/accountabilities/"))["results"] == []


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
    refused(propose(world, assignment=HUGE), 404)
    refused(propose(world, items=[HUGE]), 400, "items")
    refused(evaluate(world, assignment=HUGE), 404)
