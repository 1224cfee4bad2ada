"""The town reviewer's queue (乡镇初审) and review page; the office's queue then lists only
what the town has passed; 代录 is shown on the item page and in the API."""

import pytest

from inspection.choices import UserRole
from rectification.choices import ItemStatus
from rectification.services import item_post_progress, item_submit
from tests import factories as f
from tests.rectification.helpers import upload
from tests.rectification.test_api import as_user, ok, refused
from tests.rectification.test_views_items import field_error, listed, page, post, signed_in

pytestmark = pytest.mark.django_db

QUEUE = "/town-review/"


def review_path(item) -> str:
    return f"/items/{item.pk}/town-review/"


def test_the_queue_lists_the_towns_village_requests_waiting_for_it(world):
    waiting = world.evidenced_item(status=ItemStatus.SUBMITTED)
    world.evidenced_item(status=ItemStatus.TOWN_REVIEWED)  # already passed
    world.evidenced_item(status=ItemStatus.IN_PROGRESS)
    town_b = world.evidenced_item(status=ItemStatus.SUBMITTED, assignment=world.assignment_b)

    response = page(world.reviewer_a, QUEUE)

    assert response.status_code == 200
    assert listed(response) == [waiting.pk]
    assert "佐证材料 1 份" in response.text and "100%" in response.text
    assert listed(page(world.reviewer_b, QUEUE)) == [town_b.pk]


@pytest.mark.parametrize("persona", ["office", "officer_a", "supervisor_a", "leader_a"])
def test_only_a_town_reviewer_opens_the_queue(world, persona):
    assert page(getattr(world, persona), QUEUE).status_code == 403


def test_the_queue_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(25):
        world.evidenced_item(status=ItemStatus.SUBMITTED)
    client = signed_in(world.reviewer_a)
    with django_assert_max_num_queries(12):
        response = client.get(QUEUE)
    assert len(listed(response)) == 25


def test_passing_sends_the_request_to_the_office_queue(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    assert listed(page(world.office, "/verification/")) == []
    shown = page(world.reviewer_a, review_path(item))
    assert "村民代表会议记录.pdf" in shown.text  # the evidence, to judge by

    response = post(world.reviewer_a, review_path(item), {"decision": "pass"})

    assert response.status_code == 302 and response["Location"] == QUEUE
    item.refresh_from_db()
    assert item.status == ItemStatus.TOWN_REVIEWED
    assert listed(page(world.office, "/verification/")) == [item.pk]
    assert "乡镇已初审" in page(world.officer_a, f"/items/{item.pk}/").text


def test_returning_without_a_reason_is_said_next_to_the_field(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    response = post(world.reviewer_a, review_path(item), {"decision": "return", "reason": " "})
    assert response.status_code == 200
    assert field_error(response, "reason") == "初审退回须说明理由。"
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED


def test_a_return_reaches_the_village_with_its_reason(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    post(
        world.reviewer_a,
        review_path(item),
        {"decision": "return", "reason": "照片看不出整改后的情况。"},
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.RETURNED
    assert "照片看不出整改后的情况。" in page(world.officer_a, f"/items/{item.pk}/").text


def test_another_towns_reviewer_gets_404_on_the_page(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    assert page(world.reviewer_b, review_path(item)).status_code == 404
    assert post(world.reviewer_b, review_path(item), {"decision": "pass"}).status_code == 404


def test_the_office_verify_page_says_the_town_must_review_first(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    assert "尚待乡镇党委初审" in page(world.office, f"/items/{item.pk}/verify/").text


# -------------------------------------------------------------------------------- 代录


def test_entries_made_by_the_office_are_marked_as_such(world):
    item = world.item(status=ItemStatus.IN_PROGRESS, measures="重新公示合同。")
    update = item_post_progress(
        actor=world.office, item_id=item.pk, text="代村里填报。", percent=100, evidence=[upload()]
    )
    item_submit(actor=world.office, item_id=item.pk)
    item.refresh_from_db()
    assert update.on_behalf and item.submitted_on_behalf

    text = page(world.officer_a, f"/items/{item.pk}/").text
    assert text.count('class="badge onbehalf"') == 2  # the update and the request

    api = ok(as_user(world.office).get(f"/api/v1/rectification-items/{item.pk}/"))
    assert api["submitted_on_behalf"] is True
    assert api["progress_updates"][0]["on_behalf"] is True


def test_the_town_reviews_through_the_api(world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    path = f"/api/v1/rectification-items/{item.pk}/town-review/"
    refused(as_user(world.reviewer_a).post(path, {"passed": False}, format="json"), 400, "reason")
    answer = ok(as_user(world.reviewer_a).post(path, {"passed": True}, format="json"))
    assert answer["status"] == ItemStatus.TOWN_REVIEWED
    assert answer["town_reviewed_by"] == world.reviewer_a.pk
    other = world.evidenced_item(status=ItemStatus.SUBMITTED)
    path = f"/api/v1/rectification-items/{other.pk}/town-review/"
    refused(as_user(world.reviewer_b).post(path, {"passed": True}, format="json"), 404)


def test_the_units_own_entries_are_not_marked(world):
    item = world.item(status=ItemStatus.IN_PROGRESS, measures="重新公示合同。")
    update = item_post_progress(
        actor=world.officer_a, item_id=item.pk, text="已公示。", percent=100, evidence=[upload()]
    )
    item_submit(actor=world.officer_a, item_id=item.pk)
    item.refresh_from_db()
    assert not update.on_behalf and not item.submitted_on_behalf
    assert 'class="badge onbehalf"' not in page(world.officer_a, f"/items/{item.pk}/").text


def test_a_reviewer_account_cannot_ask_to_close(world):
    """The town reviewer makes no request, so never reviews its own."""
    item = world.evidenced_item(status=ItemStatus.IN_PROGRESS)
    reviewer = f.UserFactory(role=UserRole.TOWN_REVIEWER, town=world.town_a)
    from inspection.errors import PermissionDeniedError

    with pytest.raises(PermissionDeniedError):
        item_submit(actor=reviewer, item_id=item.pk)
