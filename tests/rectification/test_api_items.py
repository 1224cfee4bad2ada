"""The ledger item's workflow actions through the API: each one's success, a 400 naming the
field, 403 on a visible item, 404 out of scope, 409 in the wrong state; uploads."""

import datetime

import pytest
from django.utils import timezone

from rectification.choices import ItemStatus, RectificationMode
from rectification.models import ProgressEvidence, VerificationEvidence
from tests.rectification.helpers import upload
from tests.rectification.test_api import HUGE, as_user, ok, refused

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def act(user, item, verb: str, body=None, *, multipart=False):
    path = f"/api/v1/rectification-items/{item if isinstance(item, int) else item.pk}/{verb}/"
    return as_user(user).post(path, body or {}, format="multipart" if multipart else "json")


# ------------------------------------------------------------------------- update-plan


def test_the_officer_sets_a_long_term_plan_with_milestones(world):
    item = world.item(measures="")
    first, last = TODAY() + 30 * DAY, TODAY() + 40 * DAY
    body = {
        "mode": "long_term",
        "measures": "重新履行民主程序。",
        "responsible_person": "张卫东",
        "milestones": [
            {"title": "完成合同清理", "due_on": first.isoformat()},
            {"title": "建立长效机制", "due_on": last.isoformat()},
        ],
        "note": "报送整改方案",
    }

    row = ok(act(world.officer_a, item, "update-plan", body))

    assert row["mode"] == "long_term"
    assert row["deadline"] == last.isoformat()
    assert row["measures"] == "重新履行民主程序。"
    assert [(m["title"], m["due_on"]) for m in row["milestones"]] == [
        ("完成合同清理", first.isoformat()),
        ("建立长效机制", last.isoformat()),
    ]
    assert item.history.latest().history_change_reason == "报送整改方案"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"mode": "long_term", "milestones": []}, "milestones"),  # the service's rule
        ({"milestones": [{"title": "缺少时限"}]}, "milestones"),  # the input's type
        ({"deadline": "soon"}, "deadline"),
        ({"mode": "forever"}, "mode"),
        ({"responsible_unit": " "}, "responsible_unit"),
        ({"responsible_person": "长" * 51}, "responsible_person"),
    ],
)
def test_update_plan_refuses_bad_input_naming_the_field(world, body, field):
    refused(act(world.office, world.item(), "update-plan", body), 400, field)


def test_a_unit_does_not_postpone_its_own_deadline(world):
    item = world.item(deadline=TODAY() + 10 * DAY)
    body = {"deadline": (TODAY() + 20 * DAY).isoformat()}
    refused(act(world.officer_a, item, "update-plan", body), 403)
    assert ok(act(world.office, item, "update-plan", body))["deadline"] == body["deadline"]


def test_update_plan_refusals(world):
    item = world.item()
    refused(act(world.leader_a, item, "update-plan", {"target": "x"}), 403)
    refused(act(world.officer_b, item, "update-plan", {"target": "x"}), 404)
    refused(act(world.office, 987654, "update-plan", {"target": "x"}), 404)
    submitted = world.item(status=ItemStatus.SUBMITTED)
    refused(act(world.office, submitted, "update-plan", {"target": "x"}), 409)


def test_an_approved_plan_is_a_409_with_the_reason_for_the_unit(world):
    from rectification.choices import SubmissionStatus
    from tests.rectification.action_specs import submission

    item = world.item(measures="重新公示合同。")
    unplanned = world.item(measures="")
    reviewed = {"reviewed_by": world.office, "reviewed_at": timezone.now()}
    submission(world, status=SubmissionStatus.APPROVED, **reviewed)
    body = refused(act(world.officer_a, item, "update-plan", {"target": "x"}), 409)
    assert "整改方案已经审核通过并锁定" in body["detail"]
    # What the plan left without measures is still the unit's to plan; the office adjusts.
    assert ok(act(world.officer_a, unplanned, "update-plan", {"measures": "补充公示。"}))
    adjusted = ok(act(world.office, item, "update-plan", {"target": "全部公示"}))
    assert adjusted["target"] == "全部公示"


def test_a_body_that_is_not_an_object_is_a_400(world):
    answer = as_user(world.office).post(
        f"/api/v1/rectification-items/{world.item().pk}/update-plan/", [1, 2], format="json"
    )
    refused(answer, 400)


# ------------------------------------------------------------------------ post-progress


def test_the_officer_posts_progress_with_evidence_files(world, media_root):
    item = world.item()
    body = {
        "text": "已召开村民代表会议。",
        "percent": 60,
        "evidence": [upload("会议记录.pdf"), upload("公示照片.jpg")],
    }

    row = ok(act(world.officer_a, item, "post-progress", body, multipart=True))

    assert row["status"] == "in_progress"
    [update] = row["progress_updates"]
    assert (update["text"], update["percent"]) == ("已召开村民代表会议。", 60)
    assert sorted(e["original_name"] for e in update["evidence"]) == [
        "会议记录.pdf",
        "公示照片.jpg",
    ]
    stored = ProgressEvidence.objects.filter(update_id=update["id"])
    assert all((media_root / e.file.name).exists() for e in stored)
    assert {e.uploaded_by for e in stored} == {world.officer_a}


def test_progress_without_files_is_fine(world):
    body = {"text": "进行中", "percent": 10}
    row = ok(act(world.office, world.item(), "post-progress", body, multipart=True))
    assert row["progress_updates"][0]["evidence"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "进行中", "percent": 101}, "percent"),
        ({"text": " ", "percent": 10}, "text"),
        ({"percent": 10}, "text"),
        ({"text": "进行中", "percent": "half"}, "percent"),
        ({"text": "进行中", "percent": 10, "evidence": "not a file"}, "evidence"),
        ({"text": "进行中", "percent": 10, "evidence": [upload(content=b"")]}, "evidence"),
    ],
)
def test_post_progress_refuses_bad_input_naming_the_field(world, body, field):
    answer = act(world.officer_a, world.item(), "post-progress", body, multipart=True)
    refused(answer, 400, field)


def test_post_progress_refusals(world):
    body = {"text": "进行中", "percent": 10}
    item = world.item()
    refused(act(world.member_a, item, "post-progress", body, multipart=True), 403)
    refused(act(world.officer_b, item, "post-progress", body, multipart=True), 404)
    closed = world.item(status=ItemStatus.CLOSED)
    refused(act(world.officer_a, closed, "post-progress", body, multipart=True), 409)


def test_post_progress_takes_multipart_only(world):
    answer = as_user(world.officer_a).post(
        f"/api/v1/rectification-items/{world.item().pk}/post-progress/",
        {"text": "进行中", "percent": 10},
        format="json",
    )
    assert answer.status_code == 415


# ------------------------------------------------------------------------------- submit


def test_the_officer_asks_to_close_an_evidenced_item(world):
    item = world.evidenced_item()
    row = ok(act(world.officer_a, item, "submit", {"note": "已整改到位"}))
    assert row["status"] == "submitted"
    assert row["submitted_by"] == world.officer_a.pk


def test_submit_refusals(world):
    refused(
        act(world.officer_a, world.item(status=ItemStatus.IN_PROGRESS), "submit"), 400, "evidence"
    )
    item = world.evidenced_item()
    refused(act(world.leader_a, item, "submit"), 403)
    refused(act(world.officer_b, item, "submit"), 404)
    refused(act(world.officer_a, world.item(), "submit"), 409)


# ------------------------------------------------------------------------------- verify


def test_the_office_verifies_by_public_assessment_and_closes_the_item(world, media_root):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    body = {
        "method": "public_assessment",
        "result": "passed",
        "satisfaction": 96,
        "note": "群众评议满意。",
        "evidence": [upload("测评表.pdf")],
    }

    row = ok(act(world.office, item, "verify", body, multipart=True))

    assert (row["status"], row["closed_at"] is not None) == ("closed", True)
    [check] = row["verifications"]
    assert (check["method"], check["satisfaction"], check["verifier"]) == (
        "public_assessment",
        96,
        world.office.pk,
    )
    assert [e["original_name"] for e in check["evidence"]] == ["测评表.pdf"]
    stored = VerificationEvidence.objects.get(verification_id=check["id"])
    assert (media_root / stored.file.name).exists()


def test_a_failed_verification_returns_the_item(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    body = {"method": "on_site", "result": "failed", "note": "仍未公示。", "evidence": [upload()]}
    row = ok(act(world.office, item, "verify", body, multipart=True))
    assert (row["status"], row["return_reason"]) == ("returned", "仍未公示。")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"method": "public_assessment", "result": "passed"}, "satisfaction"),
        ({"method": "on_site", "result": "passed"}, "evidence"),
        ({"method": "on_site", "result": "failed", "evidence": [upload()]}, "note"),
        ({"method": "by_phone", "result": "passed"}, "method"),
        ({"method": "on_site"}, "result"),
        ({"method": "on_site", "result": "passed", "satisfaction": "x"}, "satisfaction"),
    ],
)
def test_verify_refuses_bad_input_naming_the_field(world, body, field):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    refused(act(world.office, item, "verify", body, multipart=True), 400, field)


def test_verify_refusals(world):
    body = {"method": "on_site", "result": "passed", "evidence": [upload()]}
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    refused(act(world.officer_a, item, "verify", body, multipart=True), 403)
    own = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED, submitted_by=world.office)
    body["evidence"] = [upload()]
    assert (
        "申请销号的人"
        in refused(act(world.office, own, "verify", body, multipart=True), 403)["detail"]
    )
    body["evidence"] = [upload()]
    refused(act(world.officer_b, item, "verify", body, multipart=True), 404)
    body["evidence"] = [upload()]
    refused(act(world.office, world.evidenced_item(), "verify", body, multipart=True), 409)


# ------------------------------------------------------------------------------- return


def test_the_office_returns_a_submitted_item(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    row = ok(act(world.lead, item, "return", {"reason": "佐证材料不足。"}))
    assert (row["status"], row["return_reason"]) == ("returned", "佐证材料不足。")


def test_return_refusals(world):
    item = world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)
    refused(act(world.office, item, "return", {"reason": " "}), 400, "reason")
    refused(act(world.office, item, "return", {}), 400, "reason")
    refused(act(world.officer_a, item, "return", {"reason": "x"}), 403)
    refused(act(world.liaison, item, "return", {"reason": "x"}), 404)
    refused(act(world.office, world.item(), "return", {"reason": "x"}), 409)


# ------------------------------------------------------------------------------- reopen


def test_a_look_back_round_reopens_a_closed_item(world):
    item = world.item(status=ItemStatus.CLOSED)
    look_back = world.look_back_round()
    body = {
        "look_back_round": look_back.pk,
        "reason": "合同再次未经民主程序。",
        "deadline": (TODAY() + 30 * DAY).isoformat(),
    }

    row = ok(act(world.office, item, "reopen", body))

    assert row["status"] == "in_progress"
    assert row["reopened_by_round"] == look_back.pk
    assert row["closed_at"] is None
    assert row["deadline"] == body["deadline"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"look_back_round": "self"}, "look_back_round"),  # not a look-back round
        ({"look_back_round": 987654}, "look_back_round"),
        ({"look_back_round": "abc"}, "look_back_round"),
        ({"deadline": "yesterday"}, "deadline"),
        ({"reason": ""}, "reason"),
    ],
)
def test_reopen_refuses_bad_input_naming_the_field(world, changes, field):
    item = world.item(status=ItemStatus.CLOSED)
    body = {"look_back_round": world.look_back_round().pk, "reason": "反弹。"} | changes
    if body["look_back_round"] == "self":
        body["look_back_round"] = world.round.pk
    if body.get("deadline") == "yesterday":
        body["deadline"] = (TODAY() - DAY).isoformat()
    refused(act(world.office, item, "reopen", body), 400, field)


def test_reopen_refusals(world):
    item = world.item(status=ItemStatus.CLOSED, mode=RectificationMode.TIME_LIMITED)
    body = {"look_back_round": world.look_back_round().pk, "reason": "反弹。"}
    refused(act(world.officer_a, item, "reopen", body), 403)
    refused(act(world.officer_b, item, "reopen", body), 404)
    refused(act(world.office, world.item(status=ItemStatus.IN_PROGRESS), "reopen", body), 409)


def test_the_statistics_client_takes_no_action(world):
    refused(act(world.stats, world.item(), "update-plan", {"target": "x"}), 403)


def test_ids_out_of_any_range_in_paths_and_bodies(world):
    refused(act(world.office, HUGE, "update-plan", {"target": "x"}), 404)
    refused(
        act(world.office, HUGE, "post-progress", {"text": "x", "percent": 1}, multipart=True), 404
    )
    item = world.item(status=ItemStatus.CLOSED)
    body = {"look_back_round": HUGE, "reason": "反弹。"}
    refused(act(world.office, item, "reopen", body), 400, "look_back_round")


def test_text_a_database_would_refuse_is_a_400(world):
    refused(act(world.office, world.item(), "update-plan", {"measures": "a\x00b"}), 400, "measures")
    lone_surrogate = as_user(world.office).post(
        f"/api/v1/rectification-items/{world.item().pk}/update-plan/",
        data='{"target": "\\ud800"}',
        content_type="application/json",
    )
    refused(lone_surrogate, 400, "target")


def test_errors_of_list_fields_are_flat_messages_saying_where(world):
    body = {"milestones": [{"title": "完成合同清理", "due_on": "2026-06-01"}, {"title": "缺时限"}]}
    errors = refused(act(world.office, world.item(), "update-plan", body), 400)["errors"]
    [message] = errors["milestones"]
    assert message.startswith("第2项 due_on：")
    body = {"text": "进行中", "percent": 10, "evidence": [upload(), "not a file"]}
    errors = refused(act(world.office, world.item(), "post-progress", body, multipart=True), 400)
    assert all(isinstance(m, str) for m in errors["errors"]["evidence"])
