"""A clue's texts and history as the confidentiality policy lets each viewer read them, and
search only over what they read (issue 14, findings 2 and 3)."""

import html

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from findings import services
from findings.choices import ClueStatus
from inspection.workflow import save_with_history
from tests import factories as f

pytestmark = pytest.mark.django_db

CLUES = "/api/v1/clues/"
NOWHERE = "不存在"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def api_ids(user, search: str) -> set[int]:
    answer = api(user).get(CLUES, {"search": search})
    assert answer.status_code == 200, answer.content
    return {row["id"] for row in answer.json()["results"]}


def screen(client, user, url: str, **query) -> str:
    client.force_login(user)
    answer = client.get(url, query)
    assert answer.status_code == 200
    return html.unescape(answer.content.decode())


def test_an_inspector_of_another_team_cannot_find_a_round_level_clue_by_its_hidden_name(world):
    clue = world.clue(assignment=None, summary="乡镇干部赵德明插手全镇工程发包。")
    other_team = world.leader_b
    read = api(other_team).get(f"{CLUES}{clue.pk}/").json()
    assert read["subjects"][0]["name"] == "赵**"
    assert "赵德明" not in read["summary"] and "德明" not in read["summary"]
    assert api_ids(other_team, "赵德明") == api_ids(other_team, NOWHERE) == set()
    # A public field still finds it for them; its proposer finds it by the name.
    assert api_ids(other_team, "工程") == set()  # the summary is confidential: not searched
    assert api_ids(world.leader_a, "赵德明") == {clue.pk}
    assert api_ids(world.office, "德明") == {clue.pk}


def test_leadership_finds_by_public_fields_only_on_the_api_and_the_screen(client, world):
    clue = world.clue(status=ClueStatus.TRANSFERRED, summary="村书记赵德明虚报冒领补贴。")
    assert api_ids(world.leadership, "赵德明") == set()
    assert api_ids(world.leadership, "虚报") == set()
    assert api_ids(world.leadership, "甲一村") == {clue.pk}
    assert api_ids(world.leadership, clue.letter_number) == {clue.pk}
    page = screen(client, world.leadership, "/clues/", search="赵德明")
    assert f"/clues/{clue.pk}/" not in page
    page = screen(client, world.leadership, "/clues/", search="甲一村")
    assert f"/clues/{clue.pk}/" in page and "赵德明" not in page and "赵**" in page
    assert f"/clues/{clue.pk}/" in screen(client, world.office, "/clues/", search="赵德明")


def test_outcome_note_decline_reason_and_history_are_masked_for_leadership(client, world):
    clue = world.clue(
        status=ClueStatus.CONCLUDED,
        outcome_note="给予赵德明党纪警告处分，德明同志电话13912345678。",
    )
    save_with_history(clue, actor=world.liaison, note="赵德明已退缴违纪款")
    declined = world.clue(status=ClueStatus.DECLINED, decline_reason="赵德明已调离，不予移交")
    read = api(world.leadership).get(f"{CLUES}{clue.pk}/").json()
    assert read["outcome_note"] == "给予赵**党纪警告处分，**同志电话***。"
    assert api(world.leadership).get(f"{CLUES}{declined.pk}/").json()["decline_reason"] == (
        "赵**已调离，不予移交"
    )
    page = screen(client, world.leadership, f"/clues/{clue.pk}/")
    assert "赵**已退缴违纪款" in page and "给予赵**党纪警告处分" in page
    assert "赵德明" not in page and "13912345678" not in page
    page = screen(client, world.office, f"/clues/{clue.pk}/")
    assert "赵德明已退缴违纪款" in page and "13912345678" in page


def test_a_reporter_quoted_in_a_clue_is_masked_for_the_liaison(client, world):
    petition = f.PetitionFactory(
        assignment=world.assignment_a, reporter_name="柏永康", reporter_contact="13800002222"
    )
    clue = world.clue(
        status=ClueStatus.TRANSFERRED,
        summary="村民柏永康（13800002222）实名反映赵德明虚报补贴。",
    )
    clue.petitions.add(petition)
    read = api(world.liaison).get(f"{CLUES}{clue.pk}/").json()
    # The liaison reads the person concerned, not the reporter.
    assert read["summary"] == "村民柏**（***）实名反映赵德明虚报补贴。"
    assert read["subjects"][0]["name"] == "赵德明"
    assert api_ids(world.liaison, "柏永康") == set()
    # …and finds the clue by the person concerned it reads, quoted reporter or not.
    assert api_ids(world.liaison, "赵德明") == {clue.pk}
    desk = screen(client, world.liaison, "/desk/")
    assert "柏永康" not in desk and "13800002222" not in desk
    # The team reads its own petition's reporter, and the office everything.
    assert api(world.leader_a).get(f"{CLUES}{clue.pk}/").json()["summary"] == clue.summary
    assert api_ids(world.office, "柏永康") == {clue.pk}


def test_a_reporter_quoted_in_a_persons_note_is_masked_for_the_liaison(client, world):
    petition = f.PetitionFactory(
        assignment=world.assignment_a, reporter_name="柏永康", reporter_contact="13800002222"
    )
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    clue.petitions.add(petition)
    subject = clue.subjects.get()
    subject.note = "柏永康（13800002222）反映其虚报补贴"
    subject.save()
    (read,) = api(world.liaison).get(f"{CLUES}{clue.pk}/").json()["subjects"]
    assert read["name"] == subject.name and read["note"] == "柏**（***）反映其虚报补贴"
    page = screen(client, world.liaison, f"/clues/{clue.pk}/")
    assert "柏**（***）反映其虚报补贴" in page and "柏永康" not in page
    assert api_ids(world.liaison, "柏永康") == api_ids(world.liaison, NOWHERE) == set()
    # The team reads its own petition's reporter.
    (read,) = api(world.leader_a).get(f"{CLUES}{clue.pk}/").json()["subjects"]
    assert read["note"] == subject.note


def test_the_conclusion_written_through_the_service_reads_masked_to_leadership(world):
    clue = world.clue(status=ClueStatus.DISPOSING)
    services.clue_conclude(
        actor=world.liaison,
        clue_id=clue.pk,
        outcome="case_filed",
        concluded_on=timezone.localdate(),
        persons=[
            {"subject": clue.subjects.get().pk, "case_filed": True, "party_sanction": "warning"}
        ],
        outcome_note="给予赵德明党纪政务处分。",
        note="赵德明处分决定已送达",
    )
    read = api(world.leadership).get(f"{CLUES}{clue.pk}/").json()
    assert read["outcome_note"] == "给予赵**党纪政务处分。"
    assert "赵德明" not in str(read)
    # The person's outcome reads beside the masked name.
    (person,) = read["subjects"]
    assert person["name"] == "赵**" and person["outcome"]["party_sanction_display"] == "警告"


def test_a_reporter_quoted_in_a_subjects_note_is_masked_for_the_liaison(client, world):
    """The liaison reads the person concerned and their note, but not the petition's
    reporter the note quotes (API, clue page, problem page)."""
    petition = f.PetitionFactory(
        assignment=world.assignment_a, reporter_name="柏永康", reporter_contact="13800002222"
    )
    clue = world.clue(status=ClueStatus.TRANSFERRED, summary="据柏永康反映，村会计虚报冒领")
    clue.petitions.add(petition)
    subject = clue.subjects.get()
    subject.note = "柏永康称其收受好处，电话139-0000-1111"
    subject.unit = "永康家所在的三组"
    subject.save()
    problem = world.problem(status="confirmed")
    problem.clues.add(clue)

    read = api(world.liaison).get(f"{CLUES}{clue.pk}/").json()
    (seen,) = read["subjects"]
    assert seen["name"] == subject.name  # the person concerned: read in full
    assert seen["note"] == "柏**称其收受好处，电话***"
    assert seen["unit"] == "**家所在的三组"
    listed = api(world.liaison).get(CLUES).json()["results"]
    assert "柏永康" not in str(listed) and "永康" not in str(listed)
    for page in (
        screen(client, world.liaison, f"/clues/{clue.pk}/"),
        screen(client, world.liaison, f"/problems/{problem.pk}/"),
    ):
        assert "永康" not in page and "139-0000-1111" not in page
    # Who reads the reporter reads the note as written.
    for user in (world.office, world.leader_a):
        (seen,) = api(user).get(f"{CLUES}{clue.pk}/").json()["subjects"]
        assert (seen["note"], seen["unit"]) == (subject.note, subject.unit)
    assert "柏永康称其收受好处" in screen(client, world.office, f"/clues/{clue.pk}/")
