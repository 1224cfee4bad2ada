"""A refused action is answered in the user's language: Chinese unless the user chose
English with the language switch (the ``django_language`` cookie), on screens and in the
API alike; the browser's Accept-Language does not decide. What is written to the
database (history notes) stays in the Chinese source text, whoever acted."""

import html

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from findings.choices import ProblemStatus
from inspection.choices import UserRole
from inspection.models import Village
from reports.statistics import StatisticsFilter
from reports.statistics.cache import cached_statistics_table
from reports.statistics.version import data_version
from rounds.choices import RoundStatus, TeamRole
from rounds.models import InspectionRound
from tests import factories as f
from tests.inspection.test_village_import import HEADERS, csv_file, village_rows
from tests.rounds.helpers import inspector
from tests.world import build_world

pytestmark = pytest.mark.django_db

ACTIVITIES = "/api/v1/activities/"


@pytest.fixture
def world():
    return build_world()


def speaking(language: str | None, user) -> APIClient:
    """An API client of ``user`` who chose ``language`` with the switch (None: never did)."""
    client = APIClient()
    if language is not None:
        switched = client.post(reverse("set_language"), {"language": language, "next": "/"})
        assert switched.status_code == 302
        assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language
    client.force_authenticate(user)
    return client


def detail(answer, status: int) -> str:
    assert answer.status_code == status, answer.content
    return answer.json()["detail"]


def test_a_state_conflict_names_the_action_in_the_users_language(world):
    url = f"/api/v1/problems/{world.problem(status=ProblemStatus.CONFIRMED).pk}/sign/"
    chinese = detail(speaking(None, world.leader_a).post(url, format="json"), 409)
    assert "当前状态为「已审签」，不能审签" in chinese
    english = detail(speaking("en", world.leader_a).post(url, format="json"), 409)
    assert 'is currently "Signed", so "Sign" is not possible' in english
    assert "refresh and try again" in english


def test_an_english_browser_alone_still_gets_chinese(world):
    url = f"/api/v1/problems/{world.problem(status=ProblemStatus.CONFIRMED).pk}/sign/"
    client = speaking(None, world.leader_a)
    answer = client.post(url, format="json", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "不能审签" in detail(answer, 409)
    assert answer["Content-Language"] == "zh-hans"


def test_a_field_error_carries_its_values_in_the_users_language(world):
    body = {
        "assignment": world.assignment_a.pk,
        "kind": "questionnaire",
        "questionnaires_distributed": 5,
        "questionnaires_returned": 6,
    }
    chinese = speaking(None, world.member_a).post(ACTIVITIES, body, format="json")
    assert detail(chinese, 400) == "问卷回收份数（6）不能多于发放份数（5）。"
    english = speaking("en", world.member_a).post(ACTIVITIES, body, format="json")
    message = "Questionnaires returned (6) cannot exceed questionnaires distributed (5)."
    assert detail(english, 400) == message
    assert english.json()["errors"] == {"questionnaires_returned": [message]}


def test_a_refusal_by_role_names_the_action_in_the_users_language(world):
    url = f"/api/v1/problems/{world.problem(status=ProblemStatus.REVIEWED).pk}/sign/"
    chinese = speaking(None, world.member_a).post(url, format="json")
    assert detail(chinese, 403) == "您没有权限执行「审签底稿」。"
    english = speaking("en", world.member_a).post(url, format="json")
    assert detail(english, 403) == 'You do not have permission for "Sign working paper".'


def test_a_general_input_error_is_in_the_users_language(world):
    body = {"assignment": "x", "kind": "symposium"}
    chinese = speaking(None, world.member_a).post(ACTIVITIES, body, format="json")
    assert detail(chinese, 400) == "提交的数据有误，请按提示修改。"
    english = speaking("en", world.member_a).post(ACTIVITIES, body, format="json")
    assert (
        detail(english, 400)
        == "Some of the data submitted is invalid; please correct it as indicated."
    )


# ------------------------------------------------------------------------------ screens


@pytest.fixture
def planning():
    return build_world(round_status=RoundStatus.PLANNING)


def add_member(client, world, user, role):
    return client.post(
        reverse("rounds:team_detail", args=[world.team_a.pk]), {"user": user.pk, "role": role}
    )


def test_a_screen_form_shows_the_refusal_next_to_the_field_in_english(planning, client):
    client.force_login(planning.office)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = add_member(client, planning, inspector(), TeamRole.LEADER)
    assert response.status_code == 200
    [message] = response.context["form"].errors["role"]
    leader = planning.leader_a
    assert message == (
        f"{planning.team_a.name} already has a leader ({leader}); "
        "each inspection team can have only one leader."
    )
    assert message in response.content.decode().replace("&#x27;", "'")


def test_the_same_form_answers_in_chinese_by_default(planning, client):
    client.force_login(planning.office)
    response = add_member(client, planning, inspector(), TeamRole.LEADER)
    [message] = response.context["form"].errors["role"]
    assert "已有组长" in message and "每个巡察组只能有一名组长" in message


def test_the_history_note_of_an_english_speakers_move_stays_chinese(planning, client):
    client.force_login(planning.office)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    newcomer = inspector(full_name="李新")
    response = add_member(client, planning, newcomer, TeamRole.MEMBER)
    assert response.status_code == 302
    note = InspectionRound.objects.get(pk=planning.round.pk).history.first()
    assert note.history_change_reason == f"{planning.team_a.name}添加组员李新"


# ------------------------------------------------- the registry import and the statistics


def registry_upload(rows: list[list]) -> SimpleUploadedFile:
    return SimpleUploadedFile("名册.csv", csv_file(rows).getvalue())


@pytest.fixture
def office_in_english(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(f.UserFactory(role=UserRole.OFFICE_STAFF))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def test_the_import_page_lists_row_errors_in_english_naming_the_chinese_headers(
    office_in_english,
):
    headers = [("人 口" if header == "人口" else header) for header in HEADERS]
    [row] = village_rows(1)
    row[HEADERS.index("一肩挑")] = "maybe"
    page = office_in_english.post(
        reverse("inspection:village_import"), {"file": registry_upload([headers, row])}
    )
    assert page.status_code == 200
    assert page.context["refused"] == "Import refused: 2 errors found; nothing was written."
    assert [str(error) for error in page.context["row_errors"]] == [
        'Row 1, column "人 口": Not a column that can be imported; did you mean "人口"?',
        'Row 2, column "一肩挑": Expected "是" or "否" (Y/N, 1/0 or true/false also '
        'accepted); got "maybe".',
    ]
    text = html.unescape(page.content.decode())
    assert 'Not a column that can be imported; did you mean "人口"?' in text
    assert "不是可导入的列名" not in text and not Village.objects.exists()


def test_a_refused_file_and_the_preview_summary_are_in_english(office_in_english):
    missing = office_in_english.post(
        reverse("inspection:village_import"), {"file": registry_upload([["乡镇", "村(社区)"]])}
    )
    assert missing.context["refused"] == "Import refused: 1 error found; nothing was written."
    assert [str(error) for error in missing.context["row_errors"]] == [
        'Row 1: The required column "村代码" is missing (the header must be in row 1).'
    ]
    old_excel = SimpleUploadedFile("名册.xls", b"\xd0\xcf\x11\xe0")
    refused = office_in_english.post(reverse("inspection:village_import"), {"file": old_excel})
    assert refused.context["refused"].startswith(".xls (Excel 97-2003) files are not supported")
    passed = office_in_english.post(
        reverse("inspection:village_import"), {"file": registry_upload([HEADERS, *village_rows(2)])}
    )
    summary = passed.context["preview"].result.summary()
    assert summary.startswith("Check passed; nothing was written.")
    assert "2 created, 0 updated, 0 unchanged" in summary and "西夏墅镇" in summary


def test_a_statistics_refusal_is_in_the_users_language(world):
    url = "/api/v1/statistics/coverage/"
    chinese = speaking(None, world.office).get(url, {"group_by": "village"})
    assert detail(chinese, 400) == "覆盖率只能按乡镇或巡察轮次分组。"
    english = speaking("en", world.office).get(url, {"group_by": "village"})
    assert detail(english, 400) == "Coverage can only be grouped by town or by inspection round."
    team = {"team": world.team_b.pk}
    refused = speaking("en", world.leader_a).get("/api/v1/statistics/problems/", team)
    assert detail(refused, 403).startswith("Inspection team members can only see the statistics")
    total = speaking("en", world.office).get("/api/v1/statistics/problems/")
    assert [row["label"] for row in total.json()] == ["Total"]


@pytest.mark.django_db(transaction=True)
def test_the_cached_total_row_is_labelled_in_each_language():
    """Committed (no surrounding transaction), so the answers go through the cache: the
    language is part of the key, an English total is never served to a Chinese reader."""
    assert data_version() is not None  # outside ``atomic``: the cache is used

    def total_label(language: str) -> str:
        with translation.override(language):
            [row] = cached_statistics_table(StatisticsFilter(), figures=["problems"])
        return row["label"]

    assert total_label("zh-hans") == "合计"
    assert total_label("en") == "Total"
    assert total_label("zh-hans") == "合计"
