"""The letters page (移交函: the office composes one from signed-off clues, 一函多件), a
letter's page, and the letters API: scoped (office and leadership all, a liaison its
body's, others nothing: 404), one query count however many letters."""

import html

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from findings.choices import ClueStatus
from findings.models import TransferLetter
from inspection.choices import ReceivingBody
from tests.findings.clue_chain import transfer

pytestmark = pytest.mark.django_db

LETTERS = "/letters/"
API = "/api/v1/transfer-letters/"
TODAY = timezone.localdate


def signed_in(client, user):
    client.force_login(user)
    return client


def text_of(answer) -> str:
    return html.unescape(answer.content.decode())


def letter_to(world, body=ReceivingBody.COMMISSION, count=1):
    clues = [world.clue() for _ in range(count)]
    return transfer(
        office=world.office,
        leadership=world.leadership,
        clue_ids=[clue.pk for clue in clues],
        body=body,
    )


def test_the_office_composes_a_letter_from_signed_off_clues(client, world):
    ready = [world.clue(status=ClueStatus.APPROVED) for _ in range(2)]
    waiting = world.clue(status=ClueStatus.REVIEWED)
    signed_in(client, world.office)
    page = text_of(client.get(LETTERS))
    assert all(f'name="ids" value="{clue.pk}"' in page for clue in ready)
    assert f'name="ids" value="{waiting.pk}"' not in page  # not signed off
    answer = client.post(
        LETTERS,
        {
            "ids": [clue.pk for clue in ready],
            "receiving_body": "commission",
            "receiving_unit": "县纪委监委第一纪检监察室",
            "sent_on": TODAY().isoformat(),
            "material": "移交审批表2份",
        },
    )
    letter = TransferLetter.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/letters/{letter.pk}/"
    assert set(letter.clues.values_list("pk", flat=True)) == {clue.pk for clue in ready}
    page = text_of(client.get(f"/letters/{letter.pk}/"))
    assert letter.number in page and "移交审批表2份" in page and "赵德明" in page
    assert "问题线索移交函" in page  # the document panel


def test_a_letter_mixing_bodies_is_refused_on_the_page(client, world):
    commission = world.clue(status=ClueStatus.APPROVED)
    organisation = world.clue(status=ClueStatus.APPROVED, body=ReceivingBody.ORGANISATION)
    signed_in(client, world.office)
    answer = client.post(
        LETTERS,
        {
            "ids": [commission.pk, organisation.pk],
            "receiving_body": "commission",
            "sent_on": TODAY().isoformat(),
        },
    )
    assert answer.status_code == 200
    assert "不能与移交纪委监委的线索同函移交" in text_of(answer)
    assert not TransferLetter.objects.exists()


def test_composing_needs_a_ticked_clue(client, world):
    signed_in(client, world.office)
    answer = client.post(LETTERS, {"receiving_body": "commission", "sent_on": "2026-01-01"})
    assert answer.status_code == 200 and "请至少勾选一条线索。" in text_of(answer)


@pytest.mark.parametrize("persona", ["leadership", "liaison"])
def test_only_the_office_composes(client, world, persona):
    clue = world.clue(status=ClueStatus.APPROVED)
    answer = signed_in(client, world.users[persona]).post(
        LETTERS, {"ids": [clue.pk], "receiving_body": "commission", "sent_on": "2026-01-01"}
    )
    assert answer.status_code == 403
    assert not TransferLetter.objects.exists()


def test_leadership_reads_letters_masked_and_without_the_form(client, world):
    letter = letter_to(world)
    world.clue(status=ClueStatus.APPROVED)
    signed_in(client, world.leadership)
    assert 'name="ids"' not in text_of(client.get(LETTERS))
    page = text_of(client.get(f"/letters/{letter.pk}/"))
    assert letter.number in page and "赵**" in page and "赵德明" not in page
    assert "问题线索移交函" not in page  # the named document is not theirs


def test_the_material_list_names_persons_and_is_not_leaderships(client, world):
    """ "关于赵德明问题的举报信": the office and the receiving liaison read the list; leadership
    finds it withheld, on the page and in the API."""
    clue = world.clue()
    letter = transfer(
        office=world.office,
        leadership=world.leadership,
        clue_ids=[clue.pk],
        material="关于赵德明问题的举报信\n谈话笔录2份",
    )
    for reader in (world.office, world.liaison):
        signed_in(client, reader)
        assert "关于赵德明问题的举报信" in text_of(client.get(f"/letters/{letter.pk}/"))
        assert client.get(f"/api/v1/transfer-letters/{letter.pk}/").json()["material_items"]
    signed_in(client, world.leadership)
    page = text_of(client.get(f"/letters/{letter.pk}/"))
    assert "赵德明" not in page and "移交材料仅巡察办和受理机关查阅" in page
    answer = client.get(f"/api/v1/transfer-letters/{letter.pk}/").json()
    assert answer["material"] == "" and answer["material_items"] == []


# Who sees a letter to the commission: the office and leadership, the commission's liaison.
SEES_COMMISSION_LETTER = {"office", "lead", "leadership", "liaison"}


@pytest.mark.parametrize(
    "persona",
    ["office", "lead", "leadership", "liaison", "liaison_org", "leader_a", "member_a"],
)
def test_letters_are_scoped_on_screens_and_the_api(client, world, persona):
    letter = letter_to(world)
    user = world.users[persona]
    api = APIClient()
    api.force_authenticate(user)
    page = signed_in(client, user).get(f"/letters/{letter.pk}/")
    detail = api.get(f"{API}{letter.pk}/")
    listed = api.get(API)
    if persona in SEES_COMMISSION_LETTER:
        assert page.status_code == 200
        assert detail.status_code == 200 and detail.json()["number"] == letter.number
        assert [row["id"] for row in listed.json()["results"]] == [letter.pk]
    else:
        assert page.status_code in (403, 404)
        assert detail.status_code in (403, 404)
        assert listed.status_code == 403 or listed.json()["results"] == []


@pytest.mark.parametrize("persona", ["officer_a", "officer_b", "stats"])
def test_roles_without_clues_get_nothing(client, world, persona):
    letter = letter_to(world)
    user = world.users[persona]
    assert signed_in(client, user).get(f"/letters/{letter.pk}/").status_code in (403, 404)
    api = APIClient()
    api.force_authenticate(user)
    assert api.get(f"{API}{letter.pk}/").status_code in (403, 404)


def test_the_organisation_liaison_reads_only_its_letters(world):
    mine = letter_to(world, body=ReceivingBody.ORGANISATION)
    letter_to(world)
    api = APIClient()
    api.force_authenticate(world.liaison_org)
    assert [row["id"] for row in api.get(API).json()["results"]] == [mine.pk]


def test_the_api_sends_a_letter(world):
    clues = [world.clue(status=ClueStatus.APPROVED) for _ in range(2)]
    api = APIClient()
    api.force_authenticate(world.office)
    body = {
        "clue_ids": [clue.pk for clue in clues],
        "receiving_body": "commission",
        "sent_on": TODAY().isoformat(),
        "material": "审批表\n谈话记录",
    }
    answer = api.post(API, body, format="json")
    assert answer.status_code == 201, answer.content
    assert answer.json()["material_items"] == ["审批表", "谈话记录"]
    assert answer.json()["clues"] == sorted(clue.pk for clue in clues)
    api.force_authenticate(world.leadership)
    assert api.post(API, body, format="json").status_code == 403


@pytest.mark.parametrize("count", [1, 8])
def test_lists_cost_a_fixed_number_of_queries(client, world, count, django_assert_max_num_queries):
    for _ in range(count):
        letter_to(world, count=2)
    for _ in range(count):
        world.clue(status=ClueStatus.APPROVED)
    api = APIClient()
    api.force_authenticate(world.office)
    with django_assert_max_num_queries(8):
        assert api.get(API).status_code == 200
    signed_in(client, world.office)
    with django_assert_max_num_queries(16):
        assert client.get(LETTERS).status_code == 200
    letter = TransferLetter.objects.first()
    with django_assert_max_num_queries(20):
        assert client.get(f"/letters/{letter.pk}/").status_code == 200
