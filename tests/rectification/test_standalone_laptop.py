"""The laptop's side of the standalone copy (单机版) in this process: the bundle holds the
records made after the package was loaded — with their links to one another, their files
and their history — sealed with the package's key; the banner names the team and the
package's date on every page, and the pages that need the office are refused.
(tests/rectification/test_standalone_round_trip.py runs the real laptop.)"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from findings.services import problem_record
from findings.services.signatures import problem_submit
from rectification.standalone import envelope
from rectification.standalone.bundling import team_bundle_make
from rectification.standalone.loading import _max_pks
from rectification.standalone.state import StandaloneState, write_state
from rounds.choices import RoundStatus
from rounds.services import interview_record
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return build_world(round_status=RoundStatus.ON_SITE)


def loaded(world, key=None) -> StandaloneState:
    """The state load_team_package leaves: what exists now came in the package."""
    state = StandaloneState(
        package="6b1f3c1e-1d2a-4c4f-9e0a-3f1b2c3d4e5f",
        team=world.team_a.pk,
        team_name=world.team_a.name,
        round=world.round.pk,
        made_at="2026-12-01T09:00:00+08:00",
        loaded_at="2026-12-01T10:00:00+08:00",
        bundle_key=key or envelope.new_bundle_key(),
        max_pks=_max_pks(),
        laptop="5e1f09aa",
    )
    write_state(state)
    return state


def test_the_bundle_holds_what_the_laptop_made_with_its_links_files_and_history(world):
    packaged = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    state = loaded(world)
    interview = interview_record(
        actor=world.member_a,
        assignment_id=world.assignment_a.pk,
        interviewee_category="villager",
        interviewee_name="李卫东",
        interviewer_ids=[world.member_a.pk, world.leader_a.pk],
        recorder_id=world.member_a.pk,
    )
    problem = problem_record(
        actor=world.member_a,
        assignment_id=world.assignment_a.pk,
        facts="土地发包未经村民代表会议。",
        source="interview",
        title="土地发包",
        problem_class_id=f.catalogue_class().pk,
        nature="violation",
        occurred_period="2025年",
        responsible_post="村党支部书记",
        basis_text="组织法",
        interview_ids=[interview.pk, packaged.pk],
        evidence=[SimpleUploadedFile("合同.pdf", b"%PDF-1.4 test", "application/pdf")],
    )
    problem_submit(actor=world.member_a, problem_id=problem.pk)

    data, body = team_bundle_make()
    header, opened = envelope.open_sealed(data, envelope.BUNDLE, state.bundle_key)
    assert opened == body and header["package"] == state.package
    assert (body["format"], body["team"]) == (1, world.team_a.pk)
    refs = [record["ref"] for record in body["records"]]
    assert refs == [
        f"rounds.interview:{interview.pk}@5e1f09aa",
        f"findings.problem:{problem.pk}@5e1f09aa",
        f"findings.problemevidence:{problem.evidence.get().pk}@5e1f09aa",
    ]  # the packaged interview is not the laptop's: not in the bundle; each names the laptop
    paper = body["records"][1]
    assert paper["fields"]["assignment"] == world.assignment_a.pk  # central: its pk
    assert paper["fields"]["interviews"] == [{"ref": refs[0]}, packaged.pk]
    assert [row["type"] for row in paper["history"]] == ["+", "~"]
    assert paper["history"][1]["fields"]["status"] == "submitted"
    assert paper["history"][1]["user"] == world.member_a.pk
    evidence = body["records"][2]
    assert evidence["fields"]["problem"] == {"ref": refs[1]}
    assert evidence["files"]["file"]["name"].endswith(".pdf")
    with pytest.raises(envelope.SealError):
        envelope.open_sealed(data, envelope.BUNDLE, envelope.new_bundle_key())


def test_no_bundle_where_no_package_was_loaded(world, tmp_path):
    with pytest.raises(CommandError, match="没有装入巡察组的数据包"):
        call_command("team_bundle", out=str(tmp_path / "b"))


@pytest.fixture
def standalone(settings, world):
    settings.INSPECTION_STANDALONE = True
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "rectification.standalone.web.StandaloneMiddleware",
    ]
    return loaded(world)


def test_every_page_names_the_standalone_copy_and_office_pages_are_refused(
    client, world, standalone
):
    client.force_login(world.member_a)
    page = client.get("/team/").content.decode()
    assert "单机版" in page and "第一巡察组" in page and "2026-12-01" in page
    refused = client.get("/reports/")
    assert refused.status_code == 403
    assert "单机版不提供此功能" in refused.content.decode()
    assert client.get("/gs/").status_code == 403
    assert client.get("/standalone/imports/").status_code == 403
    assert client.get("/api/v1/exports/").status_code == 403


def test_the_central_system_shows_no_banner(client, world):
    client.force_login(world.member_a)
    assert "单机版" not in client.get("/team/").content.decode()


def test_changes_the_bundle_would_not_carry_are_refused_on_the_laptop(client, world, standalone):
    central = world.problem()  # came in the package
    loaded(world)
    made_here = world.problem()  # made on the laptop
    client.force_login(world.member_a)
    refused = client.post(f"/team/papers/{central.pk}/submit/")
    assert refused.status_code == 403
    assert "回传包不带回这项操作" in refused.content.decode()
    central.refresh_from_db()
    assert central.status == "draft"
    assert client.post(f"/team/papers/{made_here.pk}/submit/").status_code != 403
    assert client.get(f"/team/papers/{central.pk}/").status_code == 200  # still readable
    clue = client.post(f"/team/assignments/{world.assignment_a.pk}/clues/new/", {})
    assert clue.status_code == 403
