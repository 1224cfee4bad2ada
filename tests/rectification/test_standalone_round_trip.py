"""The standalone round trip (issue 22's first "Done when"; docs/DOMAIN.md "Confidentiality"):
the office packages team A; a laptop (processes of its own on the embedded default: SQLite,
no Redis) migrates, loads the package and serves it; the team signs in through the real form
and records an interview, an activity, a petition, a 底稿 with its evidence and its three
signatures, and an on-site order on it, through the pages; ``team_bundle`` seals them; the
office imports the bundle and the central figures count each once. A second import changes
nothing, and an altered bundle is refused with the reason.

The laptop's steps are timed and the times printed (``-s``), not asserted: migrate on SQLite
is most of the test's time (measured: 42-47 s of CPU, 50-64 s of wall time, 126-147 s on a
machine shared by five; loading the package 2-6 s, the bundle 2-6 s, mostly Django's start;
the whole test 84 s).
"""

import io
import re

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.core.management.base import CommandError

from findings.choices import ProblemStatus
from findings.models import Problem, ProblemClass, ProblemEvidence
from rectification.models import ImmediateOrder
from rectification.standalone import envelope
from reports.statistics import figures
from reports.statistics.scope import StatisticsFilter
from rounds.choices import RoundStatus
from rounds.models import Activity, Interview, Petition
from tests import factories as f
from tests.rectification.standalone_laptop import Browser, Laptop
from tests.world import build_world

pytestmark = pytest.mark.django_db(transaction=False)
PASSWORD = "correct-horse-battery"
PHOTO = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def world():
    world = build_world(round_status=RoundStatus.ON_SITE)
    f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)  # central
    # The office remade a shipped class since it installed (the same code, another pk): the
    # laptop's migrate seeds the shipped one, the package's replaces it.
    shipped = f.catalogue_class()
    shipped.delete()
    ProblemClass.objects.create(
        aspect=shipped.aspect, code=shipped.code, name=shipped.name, order=shipped.order
    )
    # Their central passwords, which do not open the laptop (each member has its own there).
    hasher = PBKDF2PasswordHasher()
    for user in (world.leader_a, world.member_a):
        user.password = hasher.encode(PASSWORD, hasher.salt())
        user.save(update_fields=["password"])
    return world


def interviews_counted(world) -> int:
    rows = figures.interviews(StatisticsFilter(round_id=world.round.pk))
    return sum(row["interviews"] for row in rows.values())


def central_counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Interview, Activity, Petition, Problem, ProblemEvidence, ImmediateOrder)
    }


def package(world, tmp_path):
    out = io.StringIO()
    path = tmp_path / "team-a.xuncha"
    call_command("team_package", team=world.team_a.pk, out=str(path), user="office", stdout=out)
    printed = out.getvalue()
    # Each member's laptop password, printed once beside the passphrase.
    passwords = dict(re.findall(r"^  (\S+?)（.*）：(\S+)$", printed, re.M))
    return path, re.search(r"^口令：(\S+)$", printed, re.M).group(1), passwords


def record_on_site(url: str, world, passwords: dict[str, str]) -> None:
    """What team A does on the laptop's pages, as its browsers would."""
    a = world.assignment_a.pk
    member, leader = Browser(url), Browser(url)
    member.sign_in(world.member_a.username, passwords[world.member_a.username])
    leader.sign_in(world.leader_a.username, passwords[world.leader_a.username])

    home = member.get("/team/")
    assert "单机版" in home.text and "第一巡察组" in home.text
    for page in (f"/team/assignments/{a}/", "/team/papers/", f"/orders/assignments/{a}/"):
        assert member.get(page).status_code == 200, page  # what the team reads is there
    assert member.get("/gs/").status_code == 403  # the public intake needs the office's site

    member.submit(
        f"/team/assignments/{a}/interviews/new/",
        {
            "held_at": _now(),
            "interviewee_category": "villager",
            "interviewee_name": "李卫东",
            "interviewers": [str(world.member_a.pk), str(world.leader_a.pk)],
            "recorder": str(world.member_a.pk),
            "record": "反映村集体土地发包未经村民代表会议。",
        },
    )
    member.submit(
        f"/team/assignments/{a}/activities/new/",
        {"kind": "symposium", "held_on": _today(), "topic": "村民代表座谈", "people_reached": "9"},
    )
    member.submit(
        f"/team/assignments/{a}/petitions/new/",
        {"channel": "visit", "received_at": _now(), "is_anonymous": "on", "content": "来访反映"},
    )
    member.submit(
        f"/team/assignments/{a}/problems/new/",
        {
            "title": "土地发包未经民主程序",
            "problem_class": str(f.catalogue_class().pk),
            "nature": "violation",
            "severity": "minor",
            "facts": "2025年村集体土地发包未经村民代表会议表决。",
            "source": "interview",
            "occurred_period": "2025年3月",
            "responsible_post": "村党支部书记",
            "basis_text": "《村民委员会组织法》第二十四条",
        },
        files={"evidence": ("合同.png", PHOTO, "image/png")},
    )
    papers = member.get(f"/team/assignments/{a}/problems/")
    paper = max(int(pk) for pk in re.findall(r"/team/papers/(\d+)/", papers.text))
    member.submit(f"/team/papers/{paper}/submit/", {}, page=f"/team/papers/{paper}/")
    leader.submit(f"/team/papers/{paper}/review/", {}, page=f"/team/papers/{paper}/")
    leader.submit(f"/team/papers/{paper}/sign/", {}, page=f"/team/papers/{paper}/")
    leader.submit(
        f"/orders/assignments/{a}/",
        {"problems": [str(paper)], "form": "oral", "requirements": "三日内补开村民代表会议。"},
    )


def _today() -> str:
    from django.utils import timezone

    return timezone.localdate().isoformat()


def _now() -> str:
    from django.utils import timezone

    return timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def test_the_team_works_on_its_laptop_and_the_office_counts_it_once(world, tmp_path, capsys):
    path, passphrase, passwords = package(world, tmp_path)
    laptop = Laptop(tmp_path / "laptop", passphrase)
    laptop.directory.mkdir()
    laptop.manage("migrate", "--noinput", "--verbosity", "0")
    # The file without its passphrase (handed to the leader apart from it) opens nothing.
    wrong = laptop.manage(
        "load_team_package", str(path), fails=True, XUNCHA_PASSPHRASE=envelope.new_passphrase()
    )
    assert "校验失败" in wrong.stderr
    loaded = laptop.manage("load_team_package", str(path))
    assert "第一巡察组" in loaded.stdout
    with laptop.serve() as url:
        record_on_site(url, world, passwords)
    bundle = tmp_path / "team-a.bundle"
    made = laptop.manage("team_bundle", "--out", str(bundle))
    assert "rounds.interview 1" in made.stdout
    with capsys.disabled():
        print(f"\nthe laptop's steps (seconds): {laptop.timings}")

    before, counted = central_counts(), interviews_counted(world)
    # The office's import (rectification.standalone.importing).
    call_command("import_team_bundle", str(bundle), user="office", stdout=io.StringIO())
    after = central_counts()
    assert {name: after[name] - before[name] for name in after} == {
        "Interview": 1,
        "Activity": 1,
        "Petition": 1,
        "Problem": 1,
        "ProblemEvidence": 1,
        "ImmediateOrder": 1,
    }
    assert interviews_counted(world) == counted + 1
    interview = Interview.objects.get(interviewee_name="李卫东")
    assert interview.assignment == world.assignment_a
    assert interview.recorded_by == world.member_a
    assert set(interview.interviewers.all()) == {world.member_a, world.leader_a}
    problem = Problem.objects.get(title="土地发包未经民主程序")
    assert problem.status == ProblemStatus.CONFIRMED
    assert (problem.submitted_by, problem.reviewed_by, problem.confirmed_by) == (
        world.member_a,
        world.leader_a,
        world.leader_a,
    )
    assert [row.history_user for row in problem.history.order_by("history_date")] == [
        world.member_a,
        world.member_a,
        world.leader_a,
        world.leader_a,
    ]
    assert problem.evidence.get().file.read() == PHOTO
    assert ImmediateOrder.objects.get(assignment=world.assignment_a).items.get().problem == problem

    # Once: the same file again changes nothing.
    again = io.StringIO()
    call_command("import_team_bundle", str(bundle), user="office", stdout=again)
    assert "已导入" in again.getvalue()
    assert central_counts() == after
    assert interviews_counted(world) == counted + 1

    # Altered: one byte of the sealed body changed, the file is refused with the reason.
    data = bytearray(bundle.read_bytes())
    data[-10] = ord("A") if data[-10] != ord("A") else ord("B")
    altered = tmp_path / "altered.bundle"
    altered.write_bytes(bytes(data))
    with pytest.raises(CommandError, match="校验失败"):
        call_command("import_team_bundle", str(altered), user="office", stdout=io.StringIO())
    assert central_counts() == after
    assert envelope.read_header(bytes(data), envelope.BUNDLE)["team"] == world.team_a.pk
