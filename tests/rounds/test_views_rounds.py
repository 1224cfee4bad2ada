"""The round list, a round's page, and creating and editing a round (rounds/views/rounds.py)."""

import datetime

import pytest
from django.urls import reverse

from findings.choices import ProblemStatus
from inspection.models import Term
from rounds.choices import RoundMode, RoundStatus
from rounds.models import InspectionRound
from tests import factories as f
from tests.rounds.helpers import approve_work_plan, declare, set_round_status

pytestmark = pytest.mark.django_db

READERS = ("office", "lead", "leadership")
OUTSIDERS = ("leader_a", "member_a", "liaison", "officer_a", "stats")


@pytest.fixture
def as_user(client):
    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


def errors_of(response, field):
    return response.context["form"].errors.get(field, [])


# ------------------------------------------------------------------------------- list


@pytest.mark.parametrize("persona", READERS)
def test_the_round_list_shows_each_reader_the_rounds(world, as_user, persona):
    response = as_user(getattr(world, persona)).get(reverse("rounds:round_list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert world.round.title in page
    assert ("新建巡察轮次" in page) == (persona != "leadership")


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_round_list_is_not_for_other_roles(world, as_user, persona):
    response = as_user(getattr(world, persona)).get(reverse("rounds:round_list"))
    assert response.status_code == 403


def test_anonymous_users_are_sent_to_sign_in(world, client):
    response = client.get(reverse("rounds:round_list"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_round_list_counts_teams_villages_and_problems_past_draft(world, as_user):
    world.problem(status=ProblemStatus.CONFIRMED)
    world.problem(status=ProblemStatus.CONFIRMED, assignment=world.assignment_b)
    world.problem(status=ProblemStatus.DRAFT)
    f.AssignmentFactory(round=world.round, team=world.team_b, town=world.town_b, village=None)
    response = as_user(world.office).get(reverse("rounds:round_list"))
    [row] = response.context["listing"].rows
    assert (row.team_count, row.village_count, row.committee_count) == (2, 2, 1)
    assert row.problem_count == 2


def test_the_round_list_filters_with_the_api_parameter_names(world, as_user):
    thematic = f.InspectionRoundFactory(
        mode=RoundMode.THEMATIC, theme="惠民资金", status=RoundStatus.ON_SITE
    )
    client = as_user(world.office)
    url = reverse("rounds:round_list")

    def titles(**query):
        return {r.title for r in client.get(url, query).context["listing"].rows}

    assert titles(status=RoundStatus.ON_SITE) == {thematic.title}
    assert titles(mode=RoundMode.REGULAR) == {world.round.title}
    assert titles(search="惠民") == {thematic.title}
    assert titles(town=world.town_a.pk) == {world.round.title}
    assert titles(village=world.assignment_b.village_id) == {world.round.title}
    assert titles(term=world.round.term_id) == {world.round.title, thematic.title}


def test_a_bad_filter_value_answers_an_empty_list_not_an_error(world, as_user):
    response = as_user(world.office).get(reverse("rounds:round_list"), {"status": "nonsense"})
    assert response.status_code == 200
    assert list(response.context["listing"].rows) == []
    assert "没有符合条件的巡察轮次" in response.content.decode()


def test_the_round_list_paginates(world, as_user):
    for _ in range(22):
        f.InspectionRoundFactory()
    client = as_user(world.office)
    first = client.get(reverse("rounds:round_list"))
    second = client.get(reverse("rounds:round_list"), {"page": 2})
    assert len(first.context["listing"].rows) == 20
    assert len(second.context["listing"].rows) == 3
    assert "第 2 / 2 页" in second.content.decode()


def test_the_round_list_reads_a_fixed_number_of_queries(
    world, as_user, django_assert_max_num_queries
):
    for _ in range(12):
        extra = f.InspectionRoundFactory()
        team = f.TeamFactory(round=extra, number=1)
        f.AssignmentFactory(round=extra, team=team)
    client = as_user(world.office)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("rounds:round_list"))
    assert len(response.context["listing"].rows) == 13


# ----------------------------------------------------------------------------- detail


def test_the_round_page_shows_facts_teams_and_assignments(world, as_user):
    response = as_user(world.office).get(reverse("rounds:round_detail", args=[world.round.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for text in ("第一巡察组", "第二巡察组", "甲一村", "乙一村", "甲镇", "筹备", "常规巡察"):
        assert text in page
    assert str(world.leader_a) in page
    steps = response.context["steps"]
    assert [s["state"] for s in steps][:2] == ["current", "todo"]


def test_the_assignment_table_filters_by_town_team_and_key_village(world, as_user):
    world.assignment_b.is_key = True
    world.assignment_b.save()
    client = as_user(world.office)
    url = reverse("rounds:round_detail", args=[world.round.pk])

    def targets(**query):
        return {a.target_name for a in client.get(url, query).context["listing"].rows}

    assert targets(town=world.town_a.pk) == {"甲一村"}
    assert targets(team=world.team_b.pk) == {"乙一村"}
    assert targets(is_key="true") == {"乙一村"}
    assert targets(is_key="false") == {"甲一村"}
    assert targets(team="null") == set()


def test_the_office_sees_the_moves_open_now(world, as_user):
    page = (
        as_user(world.office)
        .get(reverse("rounds:round_detail", args=[world.round.pk]))
        .content.decode()
    )
    for button in ("修改轮次信息", "组建巡察组", "安排巡察对象", "转入巡前准备", "调整巡察组"):
        assert button in page
    pk = world.round.pk
    for later in (
        "rounds:round_go_on_site",
        "rounds:round_end_on_site",
        "rectification:round_close",
    ):
        assert reverse(later, args=[pk]) not in page
    assert reverse("rectification:round_feedback", args=[pk]) not in page


def test_leadership_reads_the_round_page_without_any_button(world, as_user):
    response = as_user(world.leadership).get(reverse("rounds:round_detail", args=[world.round.pk]))
    assert response.status_code == 200
    assert not any(response.context["actions"].values())
    page = response.content.decode()
    for button in ("修改轮次信息", "组建巡察组", "安排巡察对象", "转入巡前准备", "调整巡察组"):
        assert button not in page


def test_closing_is_shown_to_the_office_lead_only(world, as_user):
    set_round_status(world, RoundStatus.RECTIFICATION)
    url = reverse("rounds:round_detail", args=[world.round.pk])
    assert as_user(world.lead).get(url).context["actions"]["close"]
    assert not as_user(world.office).get(url).context["actions"]["close"]


@pytest.mark.parametrize("persona", OUTSIDERS)
def test_the_round_page_is_not_for_other_roles(world, as_user, persona):
    url = reverse("rounds:round_detail", args=[world.round.pk])
    assert as_user(getattr(world, persona)).get(url).status_code == 403


@pytest.mark.parametrize("pk", [999999, 2**63])
def test_an_unknown_round_answers_404(world, as_user, pk):
    assert as_user(world.office).get(f"/rounds/{pk}/").status_code == 404


def test_recusal_conflicts_are_shown_to_the_office_only(world, as_user):
    declare(world.member_a, village=world.assignment_a.village)
    url = reverse("rounds:round_detail", args=[world.round.pk])
    assert "户籍或居住地（甲一村）" in as_user(world.office).get(url).content.decode()
    assert "户籍或居住地（甲一村）" not in as_user(world.leadership).get(url).content.decode()


def test_the_round_page_reads_a_fixed_number_of_queries(
    world, as_user, django_assert_max_num_queries
):
    """Whatever the number of assignments; the recusal check costs one query a team."""
    for _ in range(30):
        f.AssignmentFactory(
            round=world.round,
            team=world.team_a,
            town=world.town_a,
            village=f.VillageFactory(town=world.town_a),
        )
    world.problem(status=ProblemStatus.CONFIRMED)
    world.round.supervision_items.set([f.SupervisionItemFactory() for _ in range(5)])
    approve_work_plan(world.round)  # the page checks the plan agreed still stands
    for assignment in world.round.assignments.order_by("pk")[:3]:
        f.EntryNoticeFactory(round=world.round, targets=[assignment])
    client = as_user(world.office)
    # Two for the 进驻公告 and their villages, whatever their count.
    with django_assert_max_num_queries(27):
        response = client.get(reverse("rounds:round_detail", args=[world.round.pk]))
    assert response.context["listing"].page.paginator.count == 32


# ---------------------------------------------------------------------------- planning


def round_form(**changes):
    return {
        "title": "县委第九轮巡察",
        "term": Term.objects.get().pk,
        "mode": RoundMode.REGULAR,
        "theme": "",
        "mobilised_on": "2026-03-01",
        "on_site_from": "2026-03-05",
        "on_site_until": "2026-04-05",
        "feedback_on": "",
        "note": "",
    } | changes


def test_the_office_creates_a_round_with_its_supervision_items(world, as_user):
    items = [f.SupervisionItemFactory(), f.SupervisionItemFactory()]
    client = as_user(world.office)
    assert client.get(reverse("rounds:round_create")).status_code == 200
    response = client.post(
        reverse("rounds:round_create"),
        round_form(supervision_items=[item.pk for item in items]),
        follow=True,
    )
    created = InspectionRound.objects.get(title="县委第九轮巡察")
    assert response.redirect_chain[-1][0] == reverse("rounds:round_detail", args=[created.pk])
    assert "已新建巡察轮次。" in response.content.decode()
    assert created.status == RoundStatus.PLANNING
    assert created.on_site_from == datetime.date(2026, 3, 5)
    assert set(created.supervision_items.all()) == set(items)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "请填写轮次名称。"),
        ({"mode": ""}, "mode", "请选择巡察方式。"),
        ({"mode": RoundMode.THEMATIC}, "theme", "专项巡察必须填写专项主题。"),
        ({"mode": RoundMode.LOOK_BACK}, "revisits", "回头看必须指明所针对的轮次。"),
        (
            {"on_site_until": "2026-03-01"},
            "on_site_until",
            "撤离日期不能早于进驻日期（2026-03-05）。",
        ),
        ({"on_site_from": "2026-02-30"}, "on_site_from", "请输入有效的日期，如 2026-05-01。"),
        ({"term": "999999"}, "term", "所选届次不存在。"),
        ({"supervision_items": ["999999"]}, "supervision_items", "所选监督重点不存在或已停用。"),
    ],
)
def test_invalid_input_is_answered_next_to_the_field(world, as_user, changes, field, message):
    response = as_user(world.office).post(reverse("rounds:round_create"), round_form(**changes))
    assert response.status_code == 200
    assert errors_of(response, field) == [message]
    assert message in response.content.decode()
    assert not InspectionRound.objects.filter(title="县委第九轮巡察").exists()


def test_items_are_not_kept_when_the_round_is_refused(world, as_user):
    """The round and its items are written together or not at all."""
    retired = f.SupervisionItemFactory(is_active=False)
    response = as_user(world.office).post(
        reverse("rounds:round_create"), round_form(supervision_items=[retired.pk])
    )
    assert response.status_code == 200
    assert errors_of(response, "supervision_items")
    assert not InspectionRound.objects.filter(title="县委第九轮巡察").exists()


@pytest.mark.parametrize("persona", ("leadership", "leader_a", "liaison", "officer_a"))
def test_only_the_office_plans_rounds(world, as_user, persona):
    client = as_user(getattr(world, persona))
    assert client.get(reverse("rounds:round_create")).status_code == 403
    assert client.post(reverse("rounds:round_create"), round_form()).status_code == 403
    edit = reverse("rounds:round_update", args=[world.round.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, round_form()).status_code == 403
    assert not InspectionRound.objects.filter(title="县委第九轮巡察").exists()


def test_the_office_edits_a_round_and_its_items(world, as_user):
    item = f.SupervisionItemFactory()
    client = as_user(world.office)
    url = reverse("rounds:round_update", args=[world.round.pk])
    form = client.get(url).context["form"]
    assert form.initial["title"] == world.round.title
    response = client.post(
        url,
        round_form(title="县委第一轮巡察（修订）", supervision_items=[item.pk], note="调整日期"),
    )
    assert response.status_code == 302
    world.round.refresh_from_db()
    assert world.round.title == "县委第一轮巡察（修订）"
    assert list(world.round.supervision_items.all()) == [item]
    assert world.round.history.latest().history_change_reason == "调整日期"


def test_an_edit_refused_by_the_service_is_shown_next_to_the_field(world, as_user):
    url = reverse("rounds:round_update", args=[world.round.pk])
    response = as_user(world.office).post(url, round_form(mode=RoundMode.THEMATIC))
    assert response.status_code == 200
    assert errors_of(response, "theme") == ["专项巡察必须填写专项主题。"]


def test_a_round_on_site_can_no_longer_be_edited(world, as_user):
    set_round_status(world, RoundStatus.ON_SITE)
    url = reverse("rounds:round_update", args=[world.round.pk])
    response = as_user(world.office).get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("rounds:round_detail", args=[world.round.pk])
    assert "不能修改轮次信息" in response.content.decode()
