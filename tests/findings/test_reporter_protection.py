"""Reporter protection (issue #14, finding 4): a problem made from a petition never carries
the reporter's identity or contacts to the inspected unit.

转为问题 proposes a draft with the reporter masked out, the leader confirms it, and every
write path refuses facts that still name or reach the reporter; the unit reads neither
the name nor the link to the petition; the team still reads the petition as it came.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from findings.models import Problem
from findings.selectors import petition_problem_draft
from findings.services import petition_dispose, problem_record, problem_update
from inspection.errors import ApplicationError
from rectification.models import RectificationItem
from rectification.services import round_give_feedback
from reports.exports.scope import audience_for
from reports.exports.workbook import build_workbook
from reports.statistics import StatisticsFilter
from rounds.choices import PetitionStatus, RoundStatus
from tests import factories as f
from tests.findings.helpers import sign_three_times
from tests.findings.reports_kit import clear_for_feedback
from tests.world import build_world

pytestmark = pytest.mark.django_db

NAME = "柏永康"
PHONE = "13912345678"
CONTENT = f"本人{NAME}（村民）实名反映：村主任在低保评定中优亲厚友，请核查。联系电话{PHONE}。"
MASKED = "反映人（村民）实名反映：村主任在低保评定中优亲厚友，请核查。联系电话（联系方式已隐去）。"


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def shows_reporter(text: str) -> bool:
    return NAME in text or "永康" in text or PHONE in text


@pytest.fixture
def reporting():
    return build_world(round_status=RoundStatus.REPORTING)


def named_petition(world, **extra):
    values = {
        "round": world.round,
        "assignment": world.assignment_a,
        "recorded_by": world.member_a,
        "reporter_name": NAME,
        "reporter_contact": PHONE,
        "content": CONTENT,
    }
    return f.PetitionFactory(**values | extra)


def to_problem(world, petition, facts, actor=None):
    return petition_dispose(
        actor=actor or world.leader_a,
        petition_id=petition.pk,
        disposition="to_problem",
        problem_class_id=f.catalogue_class("welfare_funds").pk,
        nature="violation",
        facts=facts,
    )


def fed_back_from_petition(world):
    """The leader turns a named petition into a problem from its draft, confirms it; the
    office feeds back."""
    petition = named_petition(world)
    draft = petition_problem_draft(user=world.leader_a, petition_id=petition.pk)
    to_problem(world, petition, draft.facts)
    problem = Problem.objects.get(petitions=petition)
    sign_three_times(world, problem)
    clear_for_feedback(world.round, actor=world.office)
    round_give_feedback(
        actor=world.office,
        round_id=world.round.pk,
        fed_back_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    return petition, problem, RectificationItem.objects.get(problem=problem)


# ----------------------------------------------------------------- the inspected unit


def test_the_towns_officer_never_reads_or_finds_the_reporter(client, reporting, tmp_path):
    world = reporting
    petition, problem, item = fed_back_from_petition(world)
    api = as_user(world.officer_a)

    # The petition itself is out of the officer's reach...
    assert api.get(f"/api/v1/petitions/{petition.pk}/").status_code == 404
    # ...and so is everything of its reporter on the problem and the ledger item.
    answer = api.get(f"/api/v1/problems/{problem.pk}/")
    assert answer.status_code == 200
    assert not shows_reporter(answer.content.decode())
    assert answer.json()["facts"] == MASKED
    assert answer.json()["petitions"] == []
    answer = api.get(f"/api/v1/rectification-items/{item.pk}/")
    assert answer.status_code == 200
    assert not shows_reporter(answer.content.decode())
    for url in ("/api/v1/problems/", "/api/v1/rectification-items/"):
        assert [row["id"] for row in api.get(url).json()["results"]] != []
        for term in (NAME, "永康", PHONE):
            found = api.get(url, {"search": term})
            assert found.status_code == 200
            assert found.json()["results"] == [], (url, term)

    client.force_login(world.officer_a)
    for url in (
        reverse("rectification:ledger"),
        reverse("rectification:ledger_tasks"),
        reverse("rectification:ledger_responsibilities"),
        reverse("rectification:ledger_item", args=[item.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200
        assert not shows_reporter(page.content.decode()), url

    path = tmp_path / "ledger.xlsx"
    build_workbook(
        audience=audience_for(world.officer_a),
        filters=StatisticsFilter(round_id=world.round.pk),
        on=timezone.localdate(),
        path=path,
    )
    cells = [
        str(cell)
        for sheet in load_workbook(path).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell is not None
    ]
    assert any("低保评定" in cell for cell in cells)  # the problem is there, masked
    assert not any(shows_reporter(cell) for cell in cells)


def test_the_unit_is_not_told_which_interview_a_problem_came_from(reporting):
    world = reporting
    interview = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    problem = world.problem(status="fed_back", source="interview")
    problem.interviews.add(interview)
    officer = as_user(world.officer_a)
    assert officer.get(f"/api/v1/interviews/{interview.pk}/").status_code == 404
    answer = officer.get(f"/api/v1/problems/{problem.pk}/")
    assert answer.status_code == 200
    assert answer.json()["interviews"] == []
    (row,) = [
        r for r in officer.get("/api/v1/problems/").json()["results"] if r["id"] == problem.pk
    ]
    assert row["interviews"] == []
    for user in (world.leader_a, world.office):
        read = as_user(user).get(f"/api/v1/problems/{problem.pk}/").json()
        assert read["interviews"] == [interview.pk]


def test_the_team_still_reads_the_petition_with_its_reporter(reporting):
    world = reporting
    petition, problem, _item = fed_back_from_petition(world)
    for user in (world.leader_a, world.member_a, world.office):
        api = as_user(user)
        answer = api.get(f"/api/v1/petitions/{petition.pk}/").json()
        assert (answer["reporter_name"], answer["content"]) == (NAME, CONTENT)
        assert api.get(f"/api/v1/problems/{problem.pk}/").json()["petitions"] == [petition.pk]


# ---------------------------------------------------------------------------- the draft


def test_the_draft_masks_the_reporter_out_and_says_what_it_took(world):
    petition = named_petition(world)
    draft = petition_problem_draft(user=world.leader_a, petition_id=petition.pk)
    assert draft.facts == MASKED
    assert [(trace.kind, trace.text) for trace in draft.removed] == [
        ("name", NAME),
        ("contact", PHONE),
    ]
    assert not Problem.objects.exists()  # nothing saved before the leader confirms
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.RECEIVED


def test_the_draft_through_the_api_for_who_may_dispose_only(world):
    petition = named_petition(world)
    url = f"/api/v1/petitions/{petition.pk}/problem-draft/"
    answer = as_user(world.leader_a).get(url)
    assert answer.status_code == 200, answer.content
    assert answer.json()["facts"] == MASKED
    assert answer.json()["removed"][0] == {"kind": "name", "label": "姓名", "text": NAME}
    assert as_user(world.member_a).get(url).status_code == 403
    for persona in ("officer_a", "leader_b", "liaison"):
        assert as_user(world.users[persona]).get(url).status_code == 404, persona


def test_the_api_disposes_only_with_facts_the_leader_confirmed(world):
    petition = named_petition(world)
    api = as_user(world.leader_a)
    url = f"/api/v1/petitions/{petition.pk}/dispose/"
    body = {"disposition": "to_problem", "nature": "violation"}

    answer = api.post(url, body, format="json")
    assert answer.status_code == 400 and "facts" in answer.json()["errors"]
    answer = api.post(url, body | {"facts": CONTENT}, format="json")
    assert answer.status_code == 400
    assert NAME in answer.json()["errors"]["facts"][0]
    assert not Problem.objects.exists()

    draft = api.get(f"/api/v1/petitions/{petition.pk}/problem-draft/").json()["facts"]
    answer = api.post(url, body | {"facts": draft}, format="json")
    assert answer.status_code == 200, answer.content
    assert Problem.objects.get(petitions=petition).facts == MASKED


# ------------------------------------------------------------------ the rule on every path


@pytest.mark.parametrize(
    ("facts", "named"),
    [
        (CONTENT, NAME),
        ("永康反映村主任优亲厚友。", "永康"),
        ("村主任优亲厚友，电话 139-1234-5678。", "139-1234-5678"),
        ("村主任优亲厚友，座机0519-86543210。", "0519-86543210"),
        ("村主任优亲厚友，身份证号320481198003124512。", "320481198003124512"),
        ("村主任优亲厚友，邮箱 bai.yk@example.cn。", "bai.yk@example.cn"),
    ],
)
def test_the_service_refuses_facts_that_name_or_reach_the_reporter(world, facts, named):
    petition = named_petition(world)
    with pytest.raises(ApplicationError) as refused:
        to_problem(world, petition, facts)
    assert type(refused.value) is ApplicationError
    assert named in refused.value.errors["facts"][0]
    assert not Problem.objects.exists()
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.RECEIVED


def test_an_anonymous_petition_signed_in_its_text_is_refused_with_that_name(world):
    petition = named_petition(world, reporter_name="", reporter_contact="", is_anonymous=True)
    with pytest.raises(ApplicationError) as refused:
        to_problem(world, petition, f"本人{NAME}（村民）实名反映：村主任优亲厚友。")
    assert NAME in refused.value.errors["facts"][0]
    assert not Problem.objects.exists()
    draft = petition_problem_draft(user=world.leader_a, petition_id=petition.pk)
    assert NAME not in draft.facts and NAME in str(draft.removed)
    to_problem(world, petition, draft.facts)
    assert not shows_reporter(Problem.objects.get(petitions=petition).facts)


def test_a_contact_as_typed_is_refused_too(world):
    petition = named_petition(world, reporter_contact="微信 byk_1980")
    with pytest.raises(ApplicationError, match="byk_1980"):
        to_problem(world, petition, "村主任优亲厚友，可加微信 byk_1980 了解。")


def test_the_name_cannot_come_back_by_editing_or_recording(world):
    petition = named_petition(world)
    to_problem(world, petition, MASKED)
    problem = Problem.objects.get()
    with pytest.raises(ApplicationError, match=NAME):
        problem_update(actor=world.member_a, problem_id=problem.pk, facts=f"{NAME}反映：……")
    with pytest.raises(ApplicationError, match=NAME):
        problem_record(
            actor=world.member_a,
            assignment_id=world.assignment_a.pk,
            facts=CONTENT,
            source="petition",
            petition_ids=[petition.pk],
        )
    problem.refresh_from_db()
    assert problem.facts == MASKED


def test_a_problem_made_from_a_petition_keeps_it_so_the_name_cannot_come_back(world):
    petition = named_petition(world)
    other = named_petition(world, reporter_name="", reporter_contact="", content="村路失修")
    to_problem(world, petition, MASKED)
    problem = Problem.objects.get()
    for unlinked in ([], [other.pk]):
        with pytest.raises(ApplicationError) as refused:
            problem_update(
                actor=world.member_a,
                problem_id=problem.pk,
                petition_ids=unlinked,
                facts=f"{NAME}反映村主任优亲厚友",
            )
        assert "已关联的信访件" in refused.value.errors["petitions"][0]
    answer = as_user(world.member_a).patch(
        f"/api/v1/problems/{problem.pk}/",
        {"petitions": [], "facts": f"{NAME}反映村主任优亲厚友"},
        format="json",
    )
    assert answer.status_code == 400, answer.content
    assert "petitions" in answer.json()["errors"]
    problem.refresh_from_db()
    assert (problem.facts, list(problem.petitions.all())) == (MASKED, [petition])
    # Naming the same petition again (with another), or leaving it out, changes the rest
    # as before; each linked petition's reporter is checked.
    problem_update(
        actor=world.member_a, problem_id=problem.pk, petition_ids=[petition.pk], amount=5
    )
    problem.refresh_from_db()
    assert problem.amount == 5 and list(problem.petitions.all()) == [petition]
    second = named_petition(world, reporter_name="钱多多", content="钱多多反映：村路失修")
    with pytest.raises(ApplicationError, match="钱多多"):
        problem_update(
            actor=world.member_a,
            problem_id=problem.pk,
            petition_ids=[petition.pk, second.pk],
            facts="钱多多反映村路失修。",
        )


def test_problems_not_from_a_petition_are_not_checked(world):
    problem_record(
        actor=world.member_a,
        assignment_id=world.assignment_a.pk,
        facts="村委会电话0519-86543210长期无人接听。",
        source="visit",
    )
    assert Problem.objects.count() == 1


# ------------------------------------------------------------------------ the team's screen


def test_the_leader_confirms_the_masked_draft_on_the_team_screen(client, world):
    petition = named_petition(world)
    client.force_login(world.leader_a)
    village = client.get(reverse("findings:team_assignment", args=[world.assignment_a.pk]))
    url = reverse("findings:team_petition_problem", args=[petition.pk])
    assert url in village.content.decode()

    page = client.get(url)
    assert page.status_code == 200
    assert page.context["form"].initial["facts"] == MASKED
    text = page.content.decode()
    assert MASKED in text  # the draft, in the form
    assert f"姓名“{NAME}”" in text  # what it took out, for the leader to check
    assert not Problem.objects.exists()

    page = client.post(url, {"nature": "violation", "facts": CONTENT})
    assert page.status_code == 200
    assert NAME in " ".join(page.context["form"].errors["facts"])
    assert not Problem.objects.exists()

    page = client.post(url, {"nature": "violation", "facts": MASKED, "amount": "3000"})
    assert page.status_code == 302
    problem = Problem.objects.get(petitions=petition)
    assert (problem.facts, problem.recorded_by, str(problem.amount)) == (
        MASKED,
        world.leader_a,
        "3000.00",
    )
    petition.refresh_from_db()
    assert petition.disposition == "to_problem"
    assert url not in client.get(village.request["PATH_INFO"]).content.decode()


@pytest.mark.parametrize(("persona", "status"), [("member_a", 403), ("leader_b", 404)])
def test_only_the_teams_leader_gets_the_screen(client, world, persona, status):
    petition = named_petition(world)
    client.force_login(world.users[persona])
    url = reverse("findings:team_petition_problem", args=[petition.pk])
    assert client.get(url).status_code == status
    assert client.post(url, {"nature": "general", "facts": "……"}).status_code == status
    assert not Problem.objects.exists()
