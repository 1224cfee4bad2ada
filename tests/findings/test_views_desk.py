"""The liaison's desk: four tabs of the clues transferred to the liaison's own body."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from findings.choices import ClueStatus
from inspection.choices import ReceivingBody
from inspection.models import AccessLog

pytestmark = pytest.mark.django_db

DESK = "/desk/"
TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def signed_in(client, user):
    client.force_login(user)
    return client


def text_of(answer) -> str:
    assert answer.status_code == 200
    return html.unescape(answer.content.decode())


@pytest.fixture
def queue(world):
    """Commission clues in each situation, and one of the organisation department."""
    return {
        "new": world.clue(
            status=ClueStatus.TRANSFERRED,
            letter_number="新巡移〔2026〕21号",
            result_due_on=days(80),
        ),
        "received": world.clue(
            status=ClueStatus.RECEIVED, letter_number="新巡移〔2026〕22号", result_due_on=days(60)
        ),
        "soon": world.clue(
            status=ClueStatus.DISPOSING, letter_number="新巡移〔2026〕23号", result_due_on=days(5)
        ),
        "late": world.clue(
            status=ClueStatus.TRANSFERRED,
            letter_number="新巡移〔2026〕24号",
            result_due_on=days(-3),
        ),
        "concluded": world.clue(status=ClueStatus.CONCLUDED, letter_number="新巡移〔2026〕25号"),
        "organisation": world.clue(
            status=ClueStatus.TRANSFERRED,
            body=ReceivingBody.ORGANISATION,
            letter_number="新巡移〔2026〕26号",
        ),
    }


def letters(text: str) -> set[str]:
    return {f"2{n}号" for n in range(1, 7) if f"新巡移〔2026〕2{n}号" in text}


def test_the_url_name_the_navigation_expects():
    assert reverse("findings:desk") == DESK


def test_each_tab_lists_its_clues(client, world, queue):
    signed_in(client, world.liaison)
    assert letters(text_of(client.get(DESK))) == {"21号", "24号"}
    assert letters(text_of(client.get(DESK, {"tab": "new"}))) == {"21号", "24号"}
    assert letters(text_of(client.get(DESK, {"tab": "disposing"}))) == {"22号", "23号"}
    assert letters(text_of(client.get(DESK, {"tab": "soon"}))) == {"23号"}
    assert letters(text_of(client.get(DESK, {"tab": "late"}))) == {"24号"}
    # An unknown tab is the first one.
    assert letters(text_of(client.get(DESK, {"tab": "zzz"}))) == {"21号", "24号"}


def test_a_row_says_when_the_result_is_due_and_links_to_the_clue(client, world, queue):
    signed_in(client, world.liaison)
    text = text_of(client.get(DESK, {"tab": "soon"}))
    soon = queue["soon"]
    assert reverse("findings:clue_detail", args=[soon.pk]) in text
    assert days(5).isoformat() in text and soon.transferred_on.isoformat() in text
    assert "甲一村" in text
    assert 'class="stage stage-yellow" title="黄色预警">剩 5 天<' in text
    text = text_of(client.get(DESK, {"tab": "late"}))
    assert "逾期 3 天" in text


def test_the_tabs_show_their_counts(client, world, queue):
    text = text_of(signed_in(client, world.liaison).get(DESK))
    assert '待接收 <span class="count">2</span>' in text
    assert '办理中 <span class="count">2</span>' in text
    assert '即将到期 <span class="count">1</span>' in text
    assert '已逾期 <span class="count">1</span>' in text


def test_the_organisation_departments_liaison_sees_only_its_own_clues(client, world, queue):
    signed_in(client, world.liaison_org)
    assert letters(text_of(client.get(DESK))) == {"26号"}
    for tab in ("disposing", "soon", "late"):
        assert letters(text_of(client.get(DESK, {"tab": tab}))) == set()
    # A guessed URL of the commission's clue is answered as if it did not exist.
    assert client.get(f"/clues/{queue['new'].pk}/").status_code == 404


def test_the_search_narrows_the_tab_and_keeps_it(client, world, queue):
    signed_in(client, world.liaison)
    text = text_of(client.get(DESK, {"tab": "new", "search": "24号"}))
    assert letters(text) == {"24号"}
    assert 'name="tab" value="new"' in text


@pytest.mark.parametrize(
    "persona", ["office", "lead", "leadership", "leader_a", "officer_a", "stats"]
)
def test_the_desk_is_the_liaisons_alone(client, world, persona):
    assert signed_in(client, world.users[persona]).get(DESK).status_code == 403


def test_the_desk_is_logged_as_a_confidential_list(client, world, queue):
    signed_in(client, world.liaison).get(DESK)
    row = AccessLog.objects.get()
    assert row.user == world.liaison and row.object_type == "findings.clue"
    assert "线索办理台" in row.detail


def test_the_desk_costs_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    for _ in range(30):
        world.clue(status=ClueStatus.TRANSFERRED)
    signed_in(client, world.liaison).get(DESK)
    with django_assert_max_num_queries(12):
        text = text_of(client.get(DESK))
    assert text.count("新巡移〔2026〕1号") == 30


def test_signing_in_lands_the_liaison_on_the_desk(client, world):
    answer = signed_in(client, world.liaison).get("/", follow=True)
    assert answer.redirect_chain[-1][0] == DESK
