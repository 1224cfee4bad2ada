"""Clues through the API: scope per role, masked persons concerned, the access log, filters,
and each step of the handover as an endpoint."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from findings.choices import ClueStatus, ProblemStatus
from findings.models import Clue, ClueEvidence
from findings.selectors import clue_subjects_for_user
from inspection.choices import ReceivingBody
from inspection.models import AccessLog
from rounds.choices import RoundStatus
from rounds.models import InspectionRound
from tests import factories as f

pytestmark = pytest.mark.django_db

CLUES = "/api/v1/clues/"
TODAY = timezone.localdate


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def ids(answer) -> set[int]:
    assert answer.status_code == 200, answer.content
    return {row["id"] for row in answer.json()["results"]}


def errors_of(answer, status: int = 400) -> dict:
    assert answer.status_code == status, answer.content
    return answer.json().get("errors", {})


@pytest.fixture
def rows(world):
    """Team A's proposed clue, team A's clues transferred to the commission and to the
    organisation department, team B's proposed clue."""
    return {
        "a_proposed": world.clue(),
        "a_commission": world.clue(status=ClueStatus.TRANSFERRED),
        "a_organisation": world.clue(
            status=ClueStatus.TRANSFERRED, body=ReceivingBody.ORGANISATION
        ),
        "b_proposed": world.clue(assignment=world.assignment_b, proposed_by=world.leader_b),
    }


EVERY = {"a_proposed", "a_commission", "a_organisation", "b_proposed"}
SEEN_BY = {
    "office": EVERY,
    "lead": EVERY,
    "leadership": EVERY,
    "leader_a": {"a_proposed", "a_commission", "a_organisation"},
    "member_a": {"a_proposed", "a_commission", "a_organisation"},
    "leader_b": {"b_proposed"},
    "liaison": {"a_commission"},
    "liaison_org": {"a_organisation"},
    "officer_a": set(),
    "officer_b": set(),
}


@pytest.mark.parametrize("persona", sorted(SEEN_BY))
def test_each_role_lists_and_reads_its_own_clues(world, rows, persona):
    client = as_user(getattr(world, persona))
    assert ids(client.get(CLUES)) == {rows[name].pk for name in SEEN_BY[persona]}
    for name, clue in rows.items():
        answer = client.get(f"{CLUES}{clue.pk}/")
        assert answer.status_code == (200 if name in SEEN_BY[persona] else 404), name


def test_the_statistics_client_reads_no_clue(world, rows):
    client = as_user(world.stats)
    assert client.get(CLUES).status_code == 403
    assert client.get(f"{CLUES}{rows['a_proposed'].pk}/").status_code == 403
    assert not AccessLog.objects.exists()


# Who reads the persons concerned of the commission's clue in full.
READS_NAMES = {
    "office": True,
    "lead": True,
    "leader_a": True,
    "member_a": True,
    "liaison": True,
    "leadership": False,
}


@pytest.mark.parametrize("persona", sorted(READS_NAMES))
def test_persons_concerned_are_masked_for_whoever_may_not_read_them(world, rows, persona):
    clue = rows["a_commission"]
    f.ClueSubjectFactory(clue=clue, name="钱多多", post="director", note="其妻经营合作社")
    ClueEvidence.objects.create(
        clue=clue, file="e.pdf", original_name="账目.pdf", uploaded_by=world.leader_a
    )
    user = getattr(world, persona)
    client = as_user(user)
    detail = client.get(f"{CLUES}{clue.pk}/").json()
    listed = next(row for row in client.get(CLUES).json()["results"] if row["id"] == clue.pk)
    expected = [
        {
            "id": view.id,
            "name": view.name,
            "post": view.post,
            "post_display": view.post_label,
            "unit": view.unit,
            "note": view.note,
            "masked": view.masked,
            "outcome": None,  # until the clue is concluded
        }
        for view in clue_subjects_for_user(user, clue)
    ]
    assert detail["subjects"] == listed["subjects"] == expected
    names = [subject["name"] for subject in detail["subjects"]]
    if READS_NAMES[persona]:
        assert names == ["赵德明", "钱多多"]
        assert detail["subjects"][1]["note"] == "其妻经营合作社"
        assert [e["original_name"] for e in detail["evidence"]] == ["账目.pdf"]
    else:
        assert names == ["赵**", "钱**"]
        assert {subject["note"] for subject in detail["subjects"]} == {""}
        assert detail["evidence"] == []
    # Who reads the names finds the clue by them; for anyone else the search never tells
    # whether a masked name is in a clue.
    found = ids(client.get(CLUES, {"search": "钱多多"}))
    assert found == ({clue.pk} if READS_NAMES[persona] else set())


def test_reads_are_written_to_the_access_log(world, rows):
    client = as_user(world.liaison)
    client.get(CLUES, REMOTE_ADDR="10.1.2.3")
    listed = AccessLog.objects.get()
    assert listed.action == AccessLog.Action.VIEW and listed.user == world.liaison
    assert (listed.object_type, listed.object_id) == ("findings.clue", "")
    assert listed.detail == "列表，1条" and listed.ip_address == "10.1.2.3"
    client.get(f"{CLUES}{rows['a_commission'].pk}/", REMOTE_ADDR="10.1.2.3")
    read = AccessLog.objects.latest("id")
    assert read.action == AccessLog.Action.VIEW and read.object_id == str(rows["a_commission"].pk)
    assert read.ip_address == "10.1.2.3"
    assert client.get(f"{CLUES}{rows['a_proposed'].pk}/").status_code == 404
    refused = AccessLog.objects.latest("id")
    assert refused.action == AccessLog.Action.REFUSED
    assert refused.object_id == str(rows["a_proposed"].pk)
    assert AccessLog.objects.count() == 3


def test_a_refused_filter_reads_nothing_and_logs_nothing(world, rows):
    assert as_user(world.office).get(CLUES, {"status": "lost"}).status_code == 400
    assert not AccessLog.objects.exists()


def test_filters_narrow_the_list(world, rows):
    today = TODAY()
    late = world.clue(
        status=ClueStatus.RECEIVED,
        transferred_on=today - datetime.timedelta(days=100),
        result_due_on=today - datetime.timedelta(days=10),
        summary="村主任优亲厚友，违规评定低保。",
    )
    world.clue(  # past due, but the result is in: not late
        status=ClueStatus.CONCLUDED,
        transferred_on=today - datetime.timedelta(days=100),
        result_due_on=today - datetime.timedelta(days=10),
    )
    client = as_user(world.office)
    assert ids(client.get(CLUES, {"late": "true"})) == {late.pk}
    assert late.pk not in ids(client.get(CLUES, {"late": "false"}))
    assert as_user(world.office).get(f"{CLUES}{late.pk}/").json()["is_late"] is True
    assert ids(client.get(CLUES, {"search": "低保"})) == {late.pk}
    assert ids(client.get(CLUES, {"team": world.team_b.pk})) == {rows["b_proposed"].pk}
    assert ids(client.get(CLUES, {"town": world.town_b.pk})) == {rows["b_proposed"].pk}
    assert ids(client.get(CLUES, {"receiving_body": "organisation"})) == {rows["a_organisation"].pk}
    assert ids(client.get(CLUES, {"status": "received"})) == {late.pk}
    assert ids(client.get(CLUES, {"disposition_method": "preliminary_check"})) != set()
    assert len(ids(client.get(CLUES, {"outcome": "no_issue"}))) == 1
    a_month_ago = today - datetime.timedelta(days=30)
    assert len(ids(client.get(CLUES, {"transferred_on_before": a_month_ago}))) == 2
    assert ids(client.get(CLUES, {"transferred_on_after": today})) == {
        rows["a_commission"].pk,
        rows["a_organisation"].pk,
    }
    assert ids(client.get(CLUES, {"result_due_on_before": today})) == ids(
        client.get(CLUES, {"transferred_on_before": a_month_ago})
    )
    assert len(ids(client.get(CLUES, {"round": world.round.pk, "term": world.round.term_id}))) == 6
    assert ids(client.get(CLUES, {"transferred_on_after": "0001-01-01"})) != set()
    assert ids(client.get(CLUES, {"result_due_on_before": "9999-12-31"})) != set()


@pytest.mark.parametrize(
    "query",
    [
        {"round": "x"},
        {"late": "maybe"},
        {"receiving_body": "court"},
        {"transferred_on_after": "yesterday"},
        {"outcome": "guilty"},
    ],
)
def test_malformed_filters_answer_400(world, query):
    answer = as_user(world.office).get(CLUES, query)
    # A range is named by its filter: transferred_on for transferred_on_after.
    (given,) = query
    assert [name for name in errors_of(answer) if given.startswith(name)]


@pytest.mark.parametrize("count", [5, 30])
@pytest.mark.parametrize("persona", ["office", "leader_a", "liaison", "leadership"])
def test_the_list_costs_a_fixed_number_of_queries(
    world, persona, count, django_assert_max_num_queries, wide_page_queries
):
    problem = world.problem()
    for _ in range(count):
        clue = world.clue(status=ClueStatus.TRANSFERRED)
        clue.problems.add(problem)
        ClueEvidence.objects.create(clue=clue, file="e.pdf", uploaded_by=world.leader_a)
    client = as_user(getattr(world, persona))
    # The clues, their subjects, evidence, problem and petition ids, the inspector's teams
    # (for masking), and the one access-log row.
    with django_assert_max_num_queries(7 + wide_page_queries):
        answer = client.get(CLUES, {"page_size": 100})
    assert len(ids(answer)) == count


# ------------------------------------------------------------------------------ actions

SUBJECTS = [{"name": "赵德明", "post": "accountant", "unit": "甲一村", "note": "经手补贴发放"}]


def propose_body(world, **extra):
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    return {
        "assignment": world.assignment_a.pk,
        "summary": "村会计涉嫌虚报冒领补贴资金。",
        "subjects": SUBJECTS,
        "problem_ids": [problem.pk],
        "amount": "38000",
        **extra,
    }


def test_the_team_leader_proposes_a_clue(world):
    answer = as_user(world.leader_a).post(CLUES, propose_body(world), format="json")
    assert answer.status_code == 201, answer.content
    row = answer.json()
    assert row["status"] == "proposed" and row["amount"] == "38000.00"
    assert [s["name"] for s in row["subjects"]] == ["赵德明"]
    assert len(row["problems"]) == 1 and row["petitions"] == []
    assert Clue.objects.get(pk=row["id"]).proposed_by == world.leader_a
    assert AccessLog.objects.get().object_id == str(row["id"])


@pytest.mark.parametrize(
    ("extra", "field", "says"),
    [
        ({"subjects": []}, "subjects", "至少填写一名被反映人"),
        ({"subjects": [{"name": "赵德明", "post": "boss"}]}, "subjects", "第1项 post"),
        ({"subjects": [{"post": "director"}]}, "subjects", "第1项 name"),
        ({"subjects": "赵德明"}, "subjects", ""),
        ({"problem_ids": ["x"]}, "problem_ids", "第1项"),
        ({"problem_ids": [999999]}, "problem_ids", "不存在"),
        ({"problem_ids": []}, "problem_ids", "至少选择一个来源"),
        ({"summary": ""}, "summary", "线索摘要"),
        ({"amount": "abc"}, "amount", ""),
    ],
)
def test_proposing_bad_input_answers_400_with_messages_per_field(world, extra, field, says):
    answer = as_user(world.leader_a).post(CLUES, propose_body(world, **extra), format="json")
    errors = errors_of(answer)
    assert field in errors
    assert all(isinstance(message, str) for message in errors[field])
    assert says in " ".join(errors[field])


def test_proposing_is_refused_by_role_scope_and_state(world):
    assert as_user(world.member_a).post(CLUES, propose_body(world), "json").status_code == 403
    assert as_user(world.leader_b).post(CLUES, propose_body(world), "json").status_code == 404
    InspectionRound.objects.filter(pk=world.round.pk).update(status=RoundStatus.CLOSED)
    assert as_user(world.leader_a).post(CLUES, propose_body(world), "json").status_code == 409


def post(user, clue, verb, body=None):
    return as_user(user).post(f"{CLUES}{clue.pk}/{verb}/", body or {}, format="json")


def test_the_office_reviews_a_proposed_clue(world):
    clue = world.clue()
    body = {"receiving_body": "commission", "opinion": "同意", "note": "同意移交"}
    assert "note" in errors_of(post(world.office, clue, "review", body | {"note": {"a": 1}}))
    assert "receiving_body" in errors_of(
        post(world.office, clue, "review", body | {"receiving_body": "department"})
    )
    assert post(world.leader_a, clue, "review", body).status_code == 403
    assert post(world.leader_b, clue, "review", body).status_code == 404
    assert post(world.leadership, clue, "review", body).status_code == 403
    answer = post(world.office, clue, "review", body)
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "reviewed"
    assert answer.json()["review_opinion"] == "同意"
    assert answer.json()["approved_by_name"] == str(world.office)
    assert post(world.lead, clue, "review", body).status_code == 409


def sign_off(user, clue, body):
    client = as_user(user)
    return client.post(f"{CLUES}{clue.pk}/sign-off/", body, format="multipart")


def test_leadership_signs_off_through_the_api(world):
    clue = world.clue(status=ClueStatus.REVIEWED)
    body = {"signed_off_on": TODAY().isoformat(), "opinion": "同意移交"}
    assert sign_off(world.leader_a, clue, body).status_code == 403
    assert sign_off(world.liaison, clue, body).status_code == 404
    bare = sign_off(world.office, clue, body)
    assert bare.status_code == 400 and "sign_off_form" in bare.json()["errors"]
    assert post(world.leadership, clue, "sign-off", body).status_code == 415  # multipart only
    answer = sign_off(world.leadership, clue, body)
    assert answer.status_code == 200, answer.content
    row = answer.json()
    assert row["status"] == "approved" and row["signed_off_by"] == world.leadership.pk
    assert row["signed_off_on"] == TODAY().isoformat() and row["has_sign_off_form"] is False
    assert sign_off(world.leadership, clue, body).status_code == 409


def test_the_office_uploads_the_signed_form_through_the_api(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clue = world.clue(status=ClueStatus.REVIEWED)
    scan = SimpleUploadedFile("审批表.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    client = as_user(world.office)
    answer = client.post(
        f"{CLUES}{clue.pk}/sign-off/",
        {"signed_off_on": TODAY().isoformat(), "sign_off_form": scan},
        format="multipart",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["has_sign_off_form"] is True
    assert answer.json()["signed_off_by"] is None


def test_a_clue_not_signed_off_has_no_transfer_verb(world):
    clue = world.clue(status=ClueStatus.REVIEWED)
    assert post(world.office, clue, "transfer", {}).status_code == 404


def test_the_office_declines_with_a_reason(world):
    clue = world.clue()
    assert "reason" in errors_of(post(world.office, clue, "decline", {"reason": " "}))
    assert "reason" in errors_of(post(world.office, clue, "decline"))
    assert post(world.leader_a, clue, "decline", {"reason": "证据不足"}).status_code == 403
    assert post(world.liaison, clue, "decline", {"reason": "证据不足"}).status_code == 404
    answer = post(world.office, clue, "decline", {"reason": "证据不足"})
    assert answer.status_code == 200 and answer.json()["decline_reason"] == "证据不足"
    assert post(world.office, clue, "decline", {"reason": "再议"}).status_code == 409


def test_the_liaison_receives_a_transferred_clue(world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    assert "note" in errors_of(post(world.liaison, clue, "receive", {"note": ["x"]}))
    assert post(world.office, clue, "receive").status_code == 403
    assert post(world.liaison_org, clue, "receive").status_code == 404
    answer = post(world.liaison, clue, "receive")
    assert answer.status_code == 200 and answer.json()["status"] == "received"
    assert answer.json()["received_by"] == world.liaison.pk
    assert post(world.liaison, clue, "receive").status_code == 409


def test_the_liaison_disposes_of_a_received_clue(world):
    clue = world.clue(status=ClueStatus.RECEIVED)
    body = {"disposition_method": "talk_or_inquiry", "disposed_on": TODAY().isoformat()}
    tomorrow = (TODAY() + datetime.timedelta(days=1)).isoformat()
    assert "disposed_on" in errors_of(
        post(world.liaison, clue, "dispose", {**body, "disposed_on": tomorrow})
    )
    assert "disposition_method" in errors_of(
        post(world.liaison, clue, "dispose", {**body, "disposition_method": "ignore"})
    )
    assert post(world.office, clue, "dispose", body).status_code == 403
    assert post(world.liaison_org, clue, "dispose", body).status_code == 404
    answer = post(world.liaison, clue, "dispose", body)
    assert answer.status_code == 200, answer.content
    assert answer.json()["disposition_method_display"] == "谈话函询"
    assert post(world.liaison, clue, "dispose", body).status_code == 409


def test_the_liaison_concludes_a_clue_with_its_persons_outcomes(world):
    clue = world.clue(status=ClueStatus.DISPOSING)
    subject = clue.subjects.get()
    person = {
        "subject": subject.pk,
        "case_filed": True,
        "party_sanction": "serious_warning",
        "government_sanction": "demerit",
    }
    body = {
        "outcome": "case_filed",
        "concluded_on": TODAY().isoformat(),
        "persons": [person],
        "funds_recovered": "38000.00",
    }
    # The former clue-level counts are refused, naming them: they are the persons' now.
    errors = errors_of(post(world.liaison, clue, "conclude", {**body, "persons_sanctioned": 50}))
    assert "persons" in errors["persons_sanctioned"][0]
    errors = errors_of(
        post(
            world.liaison, clue, "conclude", {**body, "persons": [{**person, "case_filed": False}]}
        )
    )
    assert "须在立案审查调查之后" in errors["persons"][0]
    errors = errors_of(
        post(world.liaison, clue, "conclude", {**body, "persons": [{**person, "admonition": "x"}]})
    )
    assert "persons" in errors
    assert "funds_recovered" in errors_of(
        post(world.liaison, clue, "conclude", {**body, "funds_recovered": "1" * 20})
    )
    assert post(world.office, clue, "conclude", body).status_code == 403
    assert post(world.liaison_org, clue, "conclude", body).status_code == 404
    assert Clue.objects.get(pk=clue.pk).status == ClueStatus.DISPOSING
    answer = post(world.liaison, clue, "conclude", body)
    assert answer.status_code == 200, answer.content
    row = answer.json()
    assert row["status"] == "concluded" and row["outcome_display"] == "立案"
    assert row["persons_case_filed"] == 1 and row["persons_sanctioned"] == 1
    assert row["funds_recovered"] == "38000.00"
    (read,) = row["subjects"]
    assert read["outcome"]["party_sanction_display"] == "严重警告"
    assert read["outcome"]["government_sanction_display"] == "记过"
    assert read["outcome"]["case_filed"] and not read["outcome"]["to_judiciary"]
    assert post(world.liaison, clue, "conclude", body).status_code == 409


def test_the_issues_contradictory_outcome_is_refused_by_the_api(world):
    """One person, 了结, 50 sanctioned, 40 sent to the judiciary and 5,000,000 recovered:
    a 400 naming each field, nothing saved, the figures as they were."""
    clue = world.clue(status=ClueStatus.DISPOSING)
    client = APIClient()
    client.force_authenticate(world.office)
    before = client.get("/api/v1/statistics/", {"round": world.round.pk}).json()
    body = {
        "outcome": "no_issue",
        "concluded_on": TODAY().isoformat(),
        "persons_sanctioned": 50,
        "persons_to_judiciary": 40,
        "funds_recovered": "5000000",
    }
    errors = errors_of(post(world.liaison, clue, "conclude", body))
    assert {"persons_sanctioned", "persons_to_judiciary"} <= errors.keys()
    del body["persons_sanctioned"], body["persons_to_judiciary"]
    errors = errors_of(post(world.liaison, clue, "conclude", body))
    assert "了结" in errors["funds_recovered"][0]
    assert Clue.objects.get(pk=clue.pk).status == ClueStatus.DISPOSING
    assert client.get("/api/v1/statistics/", {"round": world.round.pk}).json() == before
    subject = clue.subjects.get()
    assert subject.case_filed is False and subject.party_sanction == ""


def test_each_action_answer_is_a_logged_read(world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    post(world.liaison, clue, "receive")
    row = AccessLog.objects.get()
    assert (row.user, row.action, row.object_id) == (world.liaison, "view", str(clue.pk))


def test_unknown_ids_answer_404_not_500(world):
    client = as_user(world.office)
    assert client.get(f"{CLUES}abc/").status_code == 404
    assert client.get(f"{CLUES}{2**70}/").status_code == 404
    assert client.post(f"{CLUES}{2**70}/approve/", {}, format="json").status_code == 404
