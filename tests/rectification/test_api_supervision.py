"""整改监督 through the API (read-only): the letters and joint inspections of the reader's
reach, and a bounded number of queries for a page of them."""

import pytest

from tests.rectification.supervision_kit import inspection, letter, red_item
from tests.rectification.test_api import as_user, ok

pytestmark = pytest.mark.django_db

LETTERS = "/api/v1/supervision-letters/"
INSPECTIONS = "/api/v1/joint-inspections/"


def test_a_supervisor_reads_the_letters_and_inspections_of_their_reach(world):
    item = red_item(world)
    sent = letter(world, item)
    in_a = inspection(world, findings=[{"text": "台账不全。", "item_id": item.pk}])
    inspection(world, village=world.assignment_b.village)

    letters = ok(as_user(world.supervisor_a).get(LETTERS))["results"]
    assert [(row["number"], row["items"], row["status"]) for row in letters] == [
        (sent.number, [item.pk], "issued")
    ]
    assert letters[0]["village_name"] == world.assignment_a.village.name
    rows = ok(as_user(world.supervisor_a).get(INSPECTIONS))["results"]
    assert [row["id"] for row in rows] == [in_a.pk]
    assert rows[0]["findings"] == [
        {"id": in_a.findings.get().pk, "text": "台账不全。", "item": item.pk}
    ]
    assert ok(as_user(world.supervisor_b).get(LETTERS))["results"] == []
    assert as_user(world.supervisor_b).get(f"{INSPECTIONS}{in_a.pk}/").status_code == 404
    assert as_user(world.supervisor_a).post(LETTERS, {}, format="json").status_code == 405


def test_a_page_of_letters_and_inspections_takes_a_fixed_number_of_queries(
    world, django_assert_max_num_queries, wide_page_queries
):
    for _ in range(15):
        item = red_item(world)
        letter(world, item)
        inspection(world, findings=[{"text": "未整改。", "item_id": item.pk}])
    client = as_user(world.supervisor_a)
    for path in (LETTERS, INSPECTIONS):
        with django_assert_max_num_queries(8 + wide_page_queries):
            assert len(ok(client.get(path))["results"]) == 15
