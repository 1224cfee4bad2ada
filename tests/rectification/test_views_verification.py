"""The office's verification queue and the verify page: who may use them, verifying closes
an item or returns it, returning needs a reason, and every refusal is said on the page."""

import datetime

import pytest
from django.utils import timezone

from rectification.choices import ItemStatus, RectificationMode, VerificationResult
from rectification.models import Verification, VerificationEvidence
from tests.rectification.helpers import upload
from tests.rectification.test_views_items import field_error, listed, page, post, signed_in

pytestmark = pytest.mark.django_db

QUEUE = "/verification/"
DAY = datetime.timedelta(days=1)


def verify_path(item) -> str:
    return f"/items/{item.pk}/verify/"


def return_path(item) -> str:
    return f"/items/{item.pk}/return/"


def submitted(world, *, days_ago: int = 1, **extra):
    """An item asking to be closed since ``days_ago`` days, submitted by officer_a."""
    at = timezone.now() - days_ago * DAY
    return world.evidenced_item(status=ItemStatus.TOWN_REVIEWED, submitted_at=at, **extra)


def verify(user, item, **changes):
    data = {
        "method": "on_site",
        "result": "passed",
        "satisfaction": "",
        "note": "",
        "evidence": [upload("现场核验照片.jpg")],
    } | changes
    return signed_in(user).post(verify_path(item), data)


# -------------------------------------------------------------------------- the queue


@pytest.mark.parametrize("persona", ["office", "lead"])
def test_the_office_sees_the_items_asking_to_be_closed_oldest_first(world, persona):
    newer = submitted(world, days_ago=2)
    older = submitted(world, days_ago=9, responsible_unit="甲一村股份经济合作社")
    world.evidenced_item(status=ItemStatus.IN_PROGRESS)
    world.item(status=ItemStatus.CLOSED)

    response = page(getattr(world, persona), QUEUE)

    assert response.status_code == 200
    assert listed(response) == [older.pk, newer.pk]
    assert "甲一村股份经济合作社" in response.text
    assert "9 天" in response.text  # how long it has waited
    rows = response.context["rows"]
    assert [row.evidence_count for row in rows] == [1, 1]
    assert response.context["next_item"] == older
    assert verify_path(older) in response.text


@pytest.mark.parametrize(
    "persona", ["leadership", "leader_a", "member_a", "liaison", "officer_a", "stats"]
)
def test_the_queue_is_the_offices_only(world, persona):
    assert page(getattr(world, persona), QUEUE).status_code == 403


def test_the_queue_filters_by_round_town_and_mode(world):
    a = submitted(world)
    b = submitted(world, assignment=world.assignment_b, mode=RectificationMode.IMMEDIATE)
    office = world.office

    assert listed(page(office, QUEUE, {"town": world.town_a.pk})) == [a.pk]
    assert listed(page(office, QUEUE, {"mode": "immediate"})) == [b.pk]
    assert set(listed(page(office, QUEUE, {"round": world.round.pk}))) == {a.pk, b.pk}
    assert page(office, QUEUE, {"mode": "bogus", "page": "x"}).status_code == 200


def test_the_queue_paginates(world):
    for days in range(32):
        submitted(world, days_ago=days + 1)
    response = page(world.office, QUEUE)
    assert len(listed(response)) == 30
    assert len(listed(page(world.office, QUEUE, {"page": 2}))) == 2


def test_the_queue_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    client = signed_in(world.office)
    submitted(world)
    with django_assert_max_num_queries(10):
        client.get(QUEUE)
    for days in range(10):
        submitted(world, days_ago=days + 2)
    with django_assert_max_num_queries(10):
        response = client.get(QUEUE)
    assert len(listed(response)) == 11


# ---------------------------------------------------------------------- the verify page


def test_the_verify_page_shows_the_request_and_both_forms(world):
    item = submitted(world)
    response = page(world.office, verify_path(item))
    assert response.status_code == 200
    assert "村民代表会议记录.pdf" in response.text
    assert 'name="method"' in response.text and 'name="reason"' in response.text


@pytest.mark.parametrize("persona", ["leadership", "leader_a", "officer_a", "liaison"])
def test_only_the_office_opens_the_verify_page(world, persona):
    assert page(getattr(world, persona), verify_path(submitted(world))).status_code == 403


def test_the_verify_page_out_of_range_is_not_found(world):
    assert page(world.office, "/items/987654/verify/").status_code == 404


def test_a_passing_verification_closes_the_item_and_goes_back_to_the_queue(world):
    item = submitted(world)
    following = submitted(world)

    response = verify(world.office, item, method="documents", note="资料齐全。")

    assert response.status_code == 302 and response["Location"] == QUEUE
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED and item.closed_at is not None
    check = Verification.objects.get(item=item)
    assert check.result == VerificationResult.PASSED and check.verifier == world.office
    assert VerificationEvidence.objects.get(verification=check).original_name == "现场核验照片.jpg"
    queue = signed_in(world.office).get(QUEUE)
    assert listed(queue) == [following.pk]  # the next item waits on top


def test_the_message_and_the_queues_filters_survive_the_verification(world):
    item = submitted(world)
    client = signed_in(world.office)

    response = client.post(
        verify_path(item),
        {
            "method": "on_site",
            "result": "passed",
            "evidence": [upload()],
            "back": f"town={world.town_a.pk}",
        },
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"{QUEUE}?town={world.town_a.pk}"
    assert "核验通过，已销号" in response.text


def test_a_failed_verification_returns_the_item_with_its_opinion_as_the_reason(world):
    item = submitted(world)

    response = verify(world.office, item, result="failed", note="现场发现合同仍未公示。")

    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.RETURNED
    assert item.return_reason == "现场发现合同仍未公示。"
    assert "现场发现合同仍未公示。" in page(world.officer_a, f"/items/{item.pk}/").text


def test_a_failed_verification_without_an_opinion_is_said_next_to_it(world):
    item = submitted(world)

    response = verify(world.office, item, result="failed")

    assert response.status_code == 200
    assert field_error(response, "note") == "核验不通过须填写核验意见（退回理由）。"
    item.refresh_from_db()
    assert item.status == ItemStatus.TOWN_REVIEWED


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"method": ""}, "method", "请选择核验方式。"),
        ({"result": "maybe"}, "result", "选择一个有效的选项"),
        ({"evidence": []}, "evidence", "核验须附核验材料。"),
        ({"method": "public_assessment"}, "satisfaction", "群众评议须填写满意度"),
        ({"method": "public_assessment", "satisfaction": "101"}, "satisfaction", "100"),
        ({"satisfaction": "很好"}, "satisfaction", "满意度须为0到100之间的整数。"),
    ],
)
def test_bad_verification_input_is_said_next_to_the_field(world, changes, field, message):
    item = submitted(world)
    response = verify(world.office, item, **changes)
    assert response.status_code == 200
    assert message in field_error(response, field)


def test_a_public_assessment_with_its_score_closes_the_item(world):
    item = submitted(world)
    verify(world.office, item, method="public_assessment", satisfaction="92")
    assert Verification.objects.get(item=item).satisfaction == 92


def test_verifying_an_item_not_asking_to_be_closed_is_a_form_error(world):
    item = world.evidenced_item(status=ItemStatus.IN_PROGRESS)

    assert "不在待核验之列" in page(world.office, verify_path(item)).text
    response = verify(world.office, item)

    assert response.status_code == 200
    assert "不能核验销号" in response.context["verify_form"].non_field_errors()[0]
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


def test_the_submitter_may_not_verify_their_own_request(world):
    item = submitted(world, submitted_by=world.office)

    shown = page(world.office, verify_path(item))
    assert "申请销号的人不能核验或退回同一条目" in shown.text
    assert "申请销号的人不能核验或退回同一条目" in page(world.office, f"/items/{item.pk}/").text

    response = verify(world.office, item)
    assert response.status_code == 200
    assert "申请销号的人不能核验同一条目。" in response.text
    refused_return = post(world.office, return_path(item), {"reason": "材料不全"})
    assert "申请销号的人不能退回同一条目。" in refused_return.text
    item.refresh_from_db()
    assert item.status == ItemStatus.TOWN_REVIEWED

    assert verify(world.lead, item).status_code == 302  # another member of the office may
    item.refresh_from_db()
    assert item.status == ItemStatus.CLOSED


@pytest.mark.parametrize("persona", ["leadership", "leader_a", "officer_a", "liaison"])
def test_only_the_office_verifies_or_returns(world, persona):
    item = submitted(world)
    user = getattr(world, persona)
    assert verify(user, item).status_code == 403
    assert post(user, return_path(item), {"reason": "x"}).status_code == 403
    item.refresh_from_db()
    assert item.status == ItemStatus.TOWN_REVIEWED


# ---------------------------------------------------------------------------- return


def test_returning_with_a_reason_takes_the_item_off_the_queue(world):
    item = submitted(world)

    response = post(world.office, return_path(item), {"reason": "佐证材料缺少会议签到表。"})

    assert response.status_code == 302 and response["Location"] == QUEUE
    item.refresh_from_db()
    assert item.status == ItemStatus.RETURNED
    assert item.return_reason == "佐证材料缺少会议签到表。"
    assert listed(page(world.office, QUEUE)) == []
    assert "佐证材料缺少会议签到表。" in page(world.officer_a, f"/items/{item.pk}/").text


def test_returning_without_a_reason_is_said_next_to_the_field(world):
    item = submitted(world)

    response = post(world.office, return_path(item), {"reason": "  "})

    assert response.status_code == 200
    assert field_error(response, "reason") == "退回须说明理由。"
    item.refresh_from_db()
    assert item.status == ItemStatus.TOWN_REVIEWED


def test_returning_an_item_not_asking_to_be_closed_is_a_form_error(world):
    item = world.item(status=ItemStatus.CLOSED)
    response = post(world.office, return_path(item), {"reason": "再看看"})
    assert response.status_code == 200
    assert "不能退回" in response.context["return_form"].non_field_errors()[0]


def test_return_only_answers_post(world):
    assert page(world.office, return_path(submitted(world))).status_code == 405


def test_an_officer_of_another_unit_finds_nothing_to_verify(world):
    item = submitted(world)
    assert page(world.officer_b, f"/items/{item.pk}/").status_code == 404
