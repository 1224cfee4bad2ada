"""Problems through the API: who lists and reads which, filters, and each action's answers."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from findings.choices import ClueStatus, ProblemStatus, Severity
from findings.models import Problem, ProblemEvidence
from rounds.choices import RoundStatus
from rounds.models import InspectionRound
from tests import factories as f

pytestmark = pytest.mark.django_db

PROBLEMS = "/api/v1/problems/"


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
    """A draft of team A (behind a clue transferred to the commission), a fed-back problem
    of team A (in officer A's ledger), a draft of team B."""
    rows = {
        "a_draft": world.problem(),
        "a_fed_back": world.problem(status=ProblemStatus.FED_BACK),
        "b_draft": world.problem(assignment=world.assignment_b, recorded_by=world.leader_b),
    }
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    clue.problems.add(rows["a_draft"])
    return rows


SEEN_BY = {
    "office": {"a_draft", "a_fed_back", "b_draft"},
    "lead": {"a_draft", "a_fed_back", "b_draft"},
    "leadership": {"a_draft", "a_fed_back", "b_draft"},
    "leader_a": {"a_draft", "a_fed_back"},
    "member_a": {"a_draft", "a_fed_back"},
    "leader_b": {"b_draft"},
    "liaison": {"a_draft"},
    "liaison_org": set(),
    "officer_a": {"a_fed_back"},
    "officer_b": set(),
}


@pytest.mark.parametrize("persona", sorted(SEEN_BY))
def test_each_role_lists_and_reads_its_own_problems(world, rows, persona):
    client = as_user(getattr(world, persona))
    expected = {rows[name].pk for name in SEEN_BY[persona]}
    assert ids(client.get(PROBLEMS)) == expected
    for name, problem in rows.items():
        answer = client.get(f"{PROBLEMS}{problem.pk}/")
        assert answer.status_code == (200 if name in SEEN_BY[persona] else 404), name


def test_the_statistics_client_reads_no_problem(world, rows):
    client = as_user(world.stats)
    assert client.get(PROBLEMS).status_code == 403
    assert client.get(f"{PROBLEMS}{rows['a_draft'].pk}/").status_code == 403


def test_a_problem_reads_with_its_labels_and_evidence(world, rows):
    problem = rows["a_fed_back"]
    ProblemEvidence.objects.create(
        problem=problem,
        file="evidence/test/contract.pdf",
        original_name="租赁合同.pdf",
        uploaded_by=world.member_a,
    )
    row = as_user(world.officer_a).get(f"{PROBLEMS}{problem.pk}/").json()
    assert row["round"] == world.round.pk
    assert row["village_name"] == "甲一村"
    assert row["town_name"] == "甲镇"
    assert row["team_name"] == "第一巡察组"
    assert row["status"] == "fed_back" and row["status_display"] == "已反馈"
    assert row["problem_class_name"] == "“三资”管理"
    assert row["aspect_name"] == "农村集体“三资”管理"
    assert row["focus_name"] == "聚焦群众身边不正之风和腐败问题"
    assert row["nature"] == "violation" and row["nature_display"] == "违规"
    assert row["confirmed_by_name"] == str(world.leader_a)
    assert [e["original_name"] for e in row["evidence"]] == ["租赁合同.pdf"]
    assert "file" not in row["evidence"][0]


def test_filters_narrow_the_list(world, rows):
    common = world.problem(
        severity=Severity.GRAVE,
        is_common=True,
        amount=Decimal("52000.00"),
        problem_class=f.catalogue_class("welfare_funds"),
        nature="suspected_offence",
        facts="低保评定未经村民代表会议评议。",
    )
    governance = world.problem(problem_class=f.catalogue_class("party_organisation"))
    client = as_user(world.office)
    assert ids(client.get(PROBLEMS, {"team": world.team_b.pk})) == {rows["b_draft"].pk}
    assert ids(client.get(PROBLEMS, {"village": world.assignment_b.village_id})) == {
        rows["b_draft"].pk
    }
    assert ids(client.get(PROBLEMS, {"status": "fed_back"})) == {rows["a_fed_back"].pk}
    assert ids(client.get(PROBLEMS, {"severity": "grave"})) == {common.pk}
    assert ids(client.get(PROBLEMS, {"is_common": "true"})) == {common.pk}
    assert common.pk not in ids(client.get(PROBLEMS, {"is_common": "false"}))
    welfare = common.problem_class
    assert ids(client.get(PROBLEMS, {"problem_class": welfare.pk})) == {common.pk}
    assert ids(client.get(PROBLEMS, {"aspect": welfare.aspect_id})) == {common.pk}
    assert ids(client.get(PROBLEMS, {"nature": "suspected_offence"})) == {common.pk}
    organisation = governance.problem_class.aspect.focus_id
    assert ids(client.get(PROBLEMS, {"focus": organisation})) == {governance.pk}
    governance.delete()  # the counts below are of the rows of the fixture and ``common``
    assert ids(client.get(PROBLEMS, {"amount_min": "50000"})) == {common.pk}
    assert ids(client.get(PROBLEMS, {"search": "低保"})) == {common.pk}
    assert len(ids(client.get(PROBLEMS, {"round": world.round.pk}))) == 4
    assert ids(client.get(PROBLEMS, {"round": world.round.pk + 1000})) == set()
    assert len(ids(client.get(PROBLEMS, {"term": world.round.term_id, "mode": "regular"}))) == 4
    today = timezone.localdate()
    assert len(ids(client.get(PROBLEMS, {"created_after": today, "created_before": today}))) == 4
    assert ids(client.get(PROBLEMS, {"created_before": today - datetime.timedelta(days=1)})) == (
        set()
    )
    assert ids(client.get(PROBLEMS, {"created_after": "0001-01-01"})) == ids(client.get(PROBLEMS))
    ordered = client.get(PROBLEMS, {"ordering": "-amount"}).json()["results"]
    assert ordered[0]["id"] == common.pk


@pytest.mark.parametrize(
    "query",
    [
        {"round": "abc"},
        {"round": "0"},
        {"town": str(2**70)},
        {"status": "archived"},
        {"attention_class": "none"},
        {"created_after": "2026-13-01"},
        {"amount_min": "x"},
        {"amount_max": "1e400"},
        {"is_common": "maybe"},
    ],
)
def test_malformed_filters_answer_400_naming_them(world, query):
    answer = as_user(world.office).get(PROBLEMS, query)
    name = next(iter(query)).removesuffix("_min").removesuffix("_max").removesuffix("_after")
    assert name in errors_of(answer)


@pytest.mark.parametrize("count", [5, 30])
@pytest.mark.parametrize("persona", ["office", "member_a", "officer_a", "liaison"])
def test_the_list_costs_a_fixed_number_of_queries(
    world, persona, count, django_assert_max_num_queries, wide_page_queries
):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    for _ in range(count):
        problem = world.problem(status=ProblemStatus.FED_BACK)
        ProblemEvidence.objects.create(problem=problem, file="e.pdf", uploaded_by=world.member_a)
        clue.problems.add(problem)
    client = as_user(getattr(world, persona))
    # The problems with their joins, their evidence, and their links (interviews,
    # activities, petitions) the reader may open.
    with django_assert_max_num_queries(5 + wide_page_queries):
        answer = client.get(PROBLEMS, {"page_size": 100})
    assert len(ids(answer)) == count


# ------------------------------------------------------------------------------ actions

RECORD = {
    "facts": "村集体资产租赁合同未经民主程序。",
    "source": "documents",
    "amount": "12000.50",
    "severity": "serious",
}


def test_a_team_member_records_a_problem(world):
    answer = as_user(world.member_a).post(
        PROBLEMS, {**RECORD, "assignment": world.assignment_a.pk}, format="json"
    )
    assert answer.status_code == 201, answer.content
    row = answer.json()
    problem = Problem.objects.get(pk=row["id"])
    assert problem.recorded_by == world.member_a
    assert row["status"] == "draft" and row["amount"] == "12000.50"
    assert row["severity"] == "serious" and row["evidence"] == []
    assert row["problem_class"] is None and row["nature"] == ""


def test_a_problem_is_recorded_with_its_class_and_nature(world):
    welfare = f.catalogue_class("welfare_funds")
    body = {**RECORD, "problem_class": welfare.pk, "nature": "violation"}
    answer = as_user(world.member_a).post(
        PROBLEMS, {**body, "assignment": world.assignment_a.pk}, format="json"
    )
    assert answer.status_code == 201, answer.content
    row = answer.json()
    assert (row["problem_class"], row["aspect"], row["focus"]) == (
        welfare.pk,
        welfare.aspect_id,
        welfare.aspect.focus_id,
    )
    assert row["nature_display"] == "违规"


def test_confirming_an_unclassified_problem_answers_400_naming_what_is_missing(world):
    problem = world.problem(problem_class=None, nature="")
    answer = as_user(world.leader_a).post(f"{PROBLEMS}{problem.pk}/confirm/", {}, format="json")
    assert answer.status_code == 400
    assert answer.json()["detail"] == "核实前请先选定问题类别（四个聚焦 → 方面 → 类）和问题性质。"


def test_the_classes_list_reads_the_taxonomy_for_every_role(world):
    welfare = f.catalogue_class("welfare_funds")
    for user in (world.member_a, world.officer_a, f.UserFactory(role="statistics_client")):
        answer = as_user(user).get("/api/v1/problem-classes/", {"focus": welfare.aspect.focus_id})
        assert answer.status_code == 200
        rows = {row["id"]: row for row in answer.json()["results"]}
        assert rows[welfare.pk]["aspect_name"] == "惠民惠农资金和民生保障"
        assert {row["focus"] for row in rows.values()} == {welfare.aspect.focus_id}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"nature": "nonsense"}, "nature"),
        ({"problem_class": 999999}, "problem_class"),
        ({"facts": "  "}, "facts"),
        ({"amount": "-1"}, "amount"),
        ({"amount": "1.001"}, "amount"),
        ({"supervision_item": 999999}, "supervision_item"),
        ({"interviews": ["x"]}, "interviews"),
        ({"interviews": [999999]}, "interviews"),
        ({"basis": 999999}, "basis"),
        ({"assignment": None}, "assignment"),
    ],
)
def test_recording_bad_input_answers_400_naming_the_field(world, body, field):
    answer = as_user(world.member_a).post(
        PROBLEMS, {**RECORD, "assignment": world.assignment_a.pk, **body}, format="json"
    )
    assert field in errors_of(answer)


def test_recording_is_refused_by_role_scope_and_state(world):
    body = {**RECORD, "assignment": world.assignment_a.pk}
    assert as_user(world.office).post(PROBLEMS, body, format="json").status_code == 403
    assert as_user(world.leader_b).post(PROBLEMS, body, format="json").status_code == 404
    assert as_user(world.stats).post(PROBLEMS, body, format="json").status_code == 403
    InspectionRound.objects.filter(pk=world.round.pk).update(status=RoundStatus.FEEDBACK)
    answer = as_user(world.member_a).post(PROBLEMS, body, format="json")
    assert answer.status_code == 409 and "（「进驻」或「报告」时才能）" in answer.json()["detail"]


def test_a_draft_is_updated_with_only_the_fields_sent(world):
    problem = world.problem(severity=Severity.SERIOUS)
    answer = as_user(world.member_a).patch(
        f"{PROBLEMS}{problem.pk}/", {"facts": "补充：涉及合同3份。", "note": "补充"}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["facts"] == "补充：涉及合同3份。"
    assert answer.json()["severity"] == "serious"
    problem.refresh_from_db()
    assert problem.history.first().history_change_reason == "补充"


def test_updating_is_refused_alike(world):
    problem = world.problem()
    url = f"{PROBLEMS}{problem.pk}/"
    assert "amount" in errors_of(as_user(world.member_a).patch(url, {"amount": "-5"}, "json"))
    assert "severity" in errors_of(as_user(world.member_a).patch(url, {"severity": "x"}, "json"))
    assert as_user(world.office).patch(url, {"facts": "改"}, format="json").status_code == 403
    assert as_user(world.leader_b).patch(url, {"facts": "改"}, format="json").status_code == 404
    confirmed = world.problem(status=ProblemStatus.CONFIRMED)
    answer = as_user(world.member_a).patch(f"{PROBLEMS}{confirmed.pk}/", {"facts": "改"}, "json")
    assert answer.status_code == 409
    assert as_user(world.member_a).put(url, {"facts": "改"}, format="json").status_code == 405


def test_a_paper_is_numbered_linked_and_signed_three_times_through_the_api(world):
    interview = f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    basis = f.ProblemBasisFactory()
    member, leader = as_user(world.member_a), as_user(world.leader_a)
    body = {
        **RECORD,
        "assignment": world.assignment_a.pk,
        "title": "村集体资产租赁未经民主程序",
        "interviews": [interview.pk],
        "occurred_period": "2025年3月",
        "responsible_post": "村党支部书记",
        "responsible_name": "张卫东",
        "basis": basis.pk,
    }
    recorded = member.post(PROBLEMS, body, format="json")
    assert recorded.status_code == 201, recorded.content
    row = recorded.json()
    assert row["number"] == "一组-甲一村-001" and row["interviews"] == [interview.pk]
    url = f"{PROBLEMS}{row['id']}"
    assert leader.post(f"{url}/review/", format="json").status_code == 409  # not submitted
    assert member.post(f"{url}/submit/", format="json").json()["status"] == "submitted"
    # Team A has no deputy: its leader reviews, then signs.
    assert member.post(f"{url}/review/", format="json").status_code == 403
    returned = leader.post(f"{url}/return/", {"reason": "  "}, format="json")
    assert "reason" in errors_of(returned)
    assert leader.post(f"{url}/review/", format="json").json()["status"] == "reviewed"
    answer = leader.post(f"{url}/sign/", {"note": "同意"}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "confirmed"
    assert answer.json()["confirmed_by"] == world.leader_a.pk
    assert answer.json()["reviewed_by"] == world.leader_a.pk
    assert answer.json()["submitted_by"] == world.member_a.pk
    again = leader.post(f"{url}/sign/", format="json")
    assert again.status_code == 409 and "已审签" in again.json()["detail"]


def test_a_paper_returned_through_the_api_carries_its_reason(world):
    problem = world.problem(status=ProblemStatus.SUBMITTED)
    url = f"{PROBLEMS}{problem.pk}/return/"
    assert as_user(world.leader_b).post(url, {"reason": "x"}, format="json").status_code == 404
    answer = as_user(world.leader_a).post(url, {"reason": "缺少佐证材料。"}, format="json")
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "draft"
    assert answer.json()["return_reason"] == "缺少佐证材料。"
    assert answer.json()["submitted_by"] is None


def test_unknown_ids_answer_404_not_500(world):
    client = as_user(world.leader_a)
    assert client.get(f"{PROBLEMS}abc/").status_code == 404
    assert client.get(f"{PROBLEMS}{2**70}/").status_code == 404
    assert client.post(f"{PROBLEMS}{2**70}/sign/", format="json").status_code == 404
    assert client.patch(f"{PROBLEMS}abc/", {"facts": "x"}, format="json").status_code == 404


def test_evidence_upload_is_not_offered_yet(world):
    """No service stores problem evidence yet: the API reads it, never writes it."""
    answer = as_user(world.member_a).post(
        PROBLEMS,
        {**RECORD, "assignment": world.assignment_a.pk},
        format="multipart",
    )
    assert answer.status_code == 415


def test_a_paper_is_found_by_its_number_or_title(world):
    wanted = world.problem(title="低保评定未公示", number="一组-甲一村-042")
    world.problem(title="村务公开不及时")
    client = as_user(world.member_a)
    assert ids(client.get(PROBLEMS, {"search": "甲一村-042"})) == {wanted.pk}
    assert ids(client.get(PROBLEMS, {"search": "低保评定"})) == {wanted.pk}
