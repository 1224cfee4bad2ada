"""Issue 16, rough screens, on the frame every page shares: a filter's empty choice reads
全部 on every list, and each page marks its own navigation entry as the current one."""

import re

import pytest
from django.test import Client

from rectification.choices import ItemStatus
from rounds.choices import RoundStatus
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world(round_status=RoundStatus.RECTIFICATION)


def get(user, path):
    client = Client()
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    return response


# ------------------------------------------------------------------ the empty choice

FILTER_PAGES = {
    "office": ["/rounds/", "/problems/", "/clues/", "/items/", "/villages/", "/reports/"],
    "leader_a": ["/team/"],
    "officer_a": ["/ledger/"],
}


@pytest.mark.parametrize(
    ("persona", "path"), [(who, path) for who, paths in FILTER_PAGES.items() for path in paths]
)
def test_every_filter_offers_all_rather_than_dashes(world, persona, path):
    html = get(world.users[persona], path).text
    empty = re.findall(r'<option value=""[^>]*>([^<]*)</option>', html)
    assert empty, f"{path} has no select with an empty choice"
    assert "---------" not in html
    assert set(empty) <= {"全部", "不限", "本届", "全部轮次", "—"}, (path, set(empty))


def test_a_rounds_own_assignments_filter_by_team_with_all(world):
    html = get(world.office, f"/rounds/{world.round.pk}/").text
    assert "---------" not in html
    assert re.search(r'<select name="team"[^>]*>\s*<option value=""[^>]*>全部</option>', html)


def test_the_empty_choice_speaks_english_too(world):
    client = Client()
    client.force_login(world.office)
    client.cookies["django_language"] = "en"
    html = client.get("/rounds/", headers={"accept-language": "en"}).text
    assert re.search(r'<select name="term"[^>]*>\s*<option value=""[^>]*>All</option>', html)


# ------------------------------------------------------------------ the current entry


def current_entry(html) -> list[str]:
    nav = re.search(r'<nav[^>]*aria-label="主导航".*?</nav>', html, re.S).group(0)
    return re.findall(r'aria-current="page">([^<]*)</a>', nav)


def test_each_main_page_marks_its_own_entry(world):
    submitted = world.evidenced_item(status=ItemStatus.SUBMITTED)
    pages = {
        "/": "首页",
        "/villages/": "村(社区)",
        "/rounds/": "巡察轮次",
        f"/rounds/{world.round.pk}/": "巡察轮次",
        "/problems/": "问题",
        "/clues/": "问题线索",
        "/items/": "整改台账",
        f"/items/{submitted.pk}/": "整改台账",
        "/verification/": "整改核验",
        f"/items/{submitted.pk}/verify/": "整改核验",
        "/reports/": "统计报表",
    }
    for path, entry in pages.items():
        assert current_entry(get(world.office, path).text) == [entry], path


def test_the_other_roles_start_pages_mark_their_entry(world):
    assert current_entry(get(world.leader_a, "/team/").text) == ["我的巡察"]
    assert current_entry(get(world.liaison, "/desk/").text) == ["线索办理"]
    assert current_entry(get(world.officer_a, "/ledger/").text) == ["整改台账"]


# ------------------------------------------------------- the statistics client's start


def test_the_statistics_account_starts_on_a_page_that_says_what_it_is_for(world):
    from inspection.services import api_token_issue

    token, key = api_token_issue(actor=world.office, user_id=world.stats.pk, name="市统计平台")
    client = Client()
    answer = client.post(
        "/accounts/login/", {"username": "stats", "password": "correct-horse-battery"}, follow=True
    )
    assert answer.redirect_chain[-1][0] == "/api-access/"
    html = answer.content.decode()
    assert current_entry(html) == ["接口使用"]
    assert "本账户是统计接口账户" in html and "读不到任何个人信息" in html
    assert "市统计平台" in html and f"{token.prefix}…" in html and key not in html
    for link in ("/api/docs/", "/api/redoc/", "/api/schema/"):
        assert f'href="{link}"' in html
        assert client.get(link).status_code == 200
    assert "/api/v1/statistics/" in html


def test_the_statistics_start_page_speaks_english(world):
    client = Client()
    client.force_login(world.stats)
    client.cookies["django_language"] = "en"
    html = client.get("/api-access/", headers={"accept-language": "en"}).content.decode()
    assert "This is a statistics API account" in html
    assert "API documentation" in html
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"<[^>]+>", "", html.split("<main")[1]))


# ------------------------------------------------------------------ the words


def who(html) -> str:
    return re.search(r'<span class="who">([^<]*)</span>', html).group(1)


def test_the_header_names_each_login_in_the_revised_words(world):
    item = world.item(responsible_person="王建国", supervising_leader="李书记")
    assert who(get(world.officer_a, "/ledger/").text).endswith("· 整改联络员")
    assert who(get(world.liaison, "/desk/").text).endswith("· 纪委监委案件监督管理室")
    assert who(get(world.liaison_org, "/desk/").text).endswith("· 组织部")
    office_page = get(world.office, f"/items/{item.pk}/").text
    assert "<dt>责任领导</dt><dd>李书记</dd>" in office_page
    assert "<dt>责任人</dt><dd>王建国</dd>" in office_page  # a named cadre, not the login
    assert "督导领导" not in office_page and "整改责任人" not in office_page
