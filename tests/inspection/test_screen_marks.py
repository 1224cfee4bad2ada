"""Issue 22, on the screens: every confidential screen shows its 密级 near the title and
the reader's name and the time across the page (inspection/templatetags/screen_marks.py);
the public intake pages, the sign-in page and the password pages show neither."""

import datetime
import html
import re

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from findings.choices import ClueStatus
from inspection.classification import classification_of, highest_classification
from inspection.documents.choices import Classification
from inspection.watermark import reader_mark
from rounds.models import Interview
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db

# A quarter past two in Shanghai: the reader's mark names this minute.
MOMENT = datetime.datetime(2026, 12, 7, 14, 15, tzinfo=datetime.UTC) - datetime.timedelta(hours=8)
CLUE_READERS = ("office", "lead", "leadership", "liaison", "leader_a")
INTERVIEW_READERS = ("office", "lead", "leader_a", "member_a", "leadership")


@pytest.fixture
def world():
    return build_world()


def page_of(user, path: str) -> str:
    client = Client()
    client.force_login(user)
    with time_machine.travel(MOMENT, tick=False):
        answer = client.get(path)
    assert answer.status_code == 200, path
    return html.unescape(answer.content.decode())


def classification_shown(page: str) -> str:
    """The 密级 the page's mark shows (the mark's own text, tags left out)."""
    found = re.findall(r'<p class="classification-mark[^"]*"[^>]*>(.*?)</p>', page, re.S)
    assert len(found) == 1, f"{len(found)} classification marks"
    return re.sub(r"<[^>]+>", "", found[0])


def watermark_of(page: str) -> set[str]:
    return set(re.findall(r'class="watermark-row" data-mark="([^"]*)"', page))


@pytest.mark.parametrize("persona", CLUE_READERS)
def test_a_clue_page_shows_secret_and_the_readers_mark_to_each_reader(world, persona):
    clue = world.clue(status=ClueStatus.RECEIVED)
    user = world.users[persona]
    page = page_of(user, reverse("findings:clue_detail", args=[clue.pk]))
    assert classification_shown(page) == "密级：秘密"
    assert 'class="classification-mark raised"' in page  # the red badge
    assert watermark_of(page) == {reader_mark(user, MOMENT)}
    assert reader_mark(user, MOMENT).endswith("2026-12-07 14:15")


@pytest.mark.parametrize("persona", INTERVIEW_READERS)
def test_an_interview_page_shows_internal_and_the_readers_mark_to_each_reader(world, persona):
    interview = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    user = world.users[persona]
    page = page_of(user, reverse("rounds:interview_detail", args=[interview.pk]))
    assert classification_shown(page) == "密级：内部"
    assert "classification-mark raised" not in page
    assert watermark_of(page) == {reader_mark(user, MOMENT)}


def test_the_clue_list_and_the_liaisons_desk_are_secret(world):
    world.clue(status=ClueStatus.RECEIVED)
    assert classification_shown(page_of(world.office, "/clues/")) == "密级：秘密"
    assert classification_shown(page_of(world.liaison, "/desk/")) == "密级：秘密"


def test_a_problem_page_takes_the_level_of_the_clues_it_lists(world):
    problem = world.problem(status="confirmed")
    path = reverse("findings:problem_detail", args=[problem.pk])
    assert classification_shown(page_of(world.office, path)) == "密级：内部"
    world.clue().problems.add(problem)
    assert classification_shown(page_of(world.office, path)) == "密级：秘密"


def test_a_countys_own_levels_are_shown(world, settings):
    settings.INSPECTION_RECORD_CLASSIFICATIONS = {"rounds.interview": "confidential"}
    interview = f.InterviewFactory(assignment=world.assignment_a)
    page = page_of(world.office, reverse("rounds:interview_detail", args=[interview.pk]))
    assert classification_shown(page) == "密级：机密"
    # A model the setting no longer names is 内部, clues too.
    assert classification_of(world.clue()) == Classification.INTERNAL


def test_the_levels_by_record(world):
    clue = world.clue()
    assert classification_of(clue) == Classification.SECRET
    assert classification_of(clue.subjects.get()) == Classification.SECRET
    assert classification_of(Interview) == Classification.INTERNAL
    assert highest_classification([Interview, clue]) == Classification.SECRET
    assert highest_classification([]) == Classification.INTERNAL


def test_a_typo_in_the_countys_levels_stops_the_checks(settings):
    settings.INSPECTION_RECORD_CLASSIFICATIONS = {"findings.clues": "secret"}
    with pytest.raises(SystemCheckError, match=r"inspection\.E111"):
        call_command("check")
    settings.INSPECTION_RECORD_CLASSIFICATIONS = {"findings.clue": "top-secret"}
    with pytest.raises(SystemCheckError, match=r"inspection\.E112"):
        call_command("check")


def test_the_mark_speaks_english(world):
    client = Client()
    client.force_login(world.office)
    client.cookies["django_language"] = "en"
    clue = world.clue()
    text = client.get(reverse("findings:clue_detail", args=[clue.pk])).content.decode()
    assert "Classification: <strong>Secret</strong>" in text


@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("office", "/"),
        ("office", "/items/"),
        ("officer_a", "/ledger/"),
        ("leader_a", "/team/"),
        ("leadership", "/problems/"),
        ("supervisor_a", "/supervision/"),
    ],
)
def test_every_signed_in_page_is_marked(world, persona, path):
    user = world.users[persona]
    page = page_of(user, path)
    assert watermark_of(page) == {reader_mark(user, MOMENT)}
    assert classification_shown(page) == "密级：内部"


def test_the_admin_console_carries_the_watermark(world):
    world.office.is_staff = True
    world.office.save(update_fields=["is_staff"])
    page = page_of(world.office, "/admin/")
    assert watermark_of(page) == {reader_mark(world.office, MOMENT)}
    assert classification_shown(page) == "密级：内部"


def test_the_admins_clue_pages_show_secret(world, admin_user):
    """The admin shows the same clues as the screens, with the same 密级."""
    clue = world.clue()
    for path in ("/admin/findings/clue/", f"/admin/findings/clue/{clue.pk}/change/"):
        page = page_of(admin_user, path)
        assert classification_shown(page) == "密级：秘密", path
        assert watermark_of(page) == {reader_mark(admin_user, MOMENT)}
    page = page_of(admin_user, "/admin/rounds/interview/")
    assert classification_shown(page) == "密级：内部"


def test_the_password_and_sign_in_pages_are_not_marked(world):
    page = page_of(world.office, reverse("inspection:password_change"))
    assert 'class="watermark' not in page and "classification-mark" not in page
    page = Client().get(reverse("inspection:login")).content.decode()
    assert 'class="watermark' not in page and "classification-mark" not in page


def test_the_public_intake_pages_carry_no_mark_even_for_a_signed_in_visitor(world):
    notice = f.EntryNoticeFactory(round=world.round, targets=[world.assignment_a])
    path = reverse("public:intake", kwargs={"code": notice.targets.get().public_code})
    for user in (None, world.office):
        client = Client()
        if user is not None:
            client.force_login(user)
        answer = client.get(path)
        assert answer.status_code == 200
        page = answer.content.decode()
        assert "watermark" not in page and "密级" not in page
        assert "office" not in page and timezone.localtime().strftime("%Y-%m-%d %H:") not in page
