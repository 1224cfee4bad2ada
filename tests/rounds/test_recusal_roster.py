"""Recusal against the roster (回避: 亲属任职 matched against 两委及村务监督委员会名册): a member
declares a relative by name and relation; an assignment or a membership putting them in
a village where that name is in office is refused unless the office lead gives a reason."""

import datetime

import pytest
from rest_framework.test import APIClient

from inspection.choices import Kinship, RecusalKind, RosterBody
from inspection.errors import ApplicationError, PermissionDeniedError
from rounds import services
from rounds.selectors import assignment_recusal_conflicts, recusal_conflicts
from tests import factories as f
from tests.rounds.helpers import field_of, inspector, village

pytestmark = pytest.mark.django_db


def declare_relative(actor, name="王五", relation=Kinship.SPOUSE, **extra):
    return services.recusal_declare(
        actor=actor, kind=RecusalKind.RELATIVE, relative_name=name, relation=relation, **extra
    )


def on_roster(place, name="王五", **extra):
    values = {"body": RosterBody.VILLAGERS, "post": "主任"} | extra
    return f.RosterEntryFactory(village=place, name=name, **values)


def test_a_relative_is_declared_by_name_and_relation_without_a_place(world):
    declaration = declare_relative(world.member_a)
    assert (declaration.relative_name, declaration.relation) == ("王五", Kinship.SPOUSE)
    assert (declaration.village, declaration.town, declaration.relative_post) == (None, None, "")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"relation": Kinship.SPOUSE}, "relative_name"),
        ({"relative_name": "王五"}, "relation"),
        ({"relative_name": "王五", "relation": "cousin"}, "relation"),
    ],
    ids=["no-name", "no-relation", "unknown-relation"],
)
def test_a_relative_without_a_place_needs_a_name_and_a_relation(world, values, field):
    with pytest.raises(ApplicationError) as error:
        services.recusal_declare(actor=world.member_a, kind=RecusalKind.RELATIVE, **values)
    assert field in field_of(error)


def test_a_relation_only_goes_with_a_relative(world):
    with pytest.raises(ApplicationError) as error:
        services.recusal_declare(
            actor=world.member_a,
            kind=RecusalKind.HOME_VILLAGE,
            town_id=world.town_a.pk,
            relation=Kinship.SPOUSE,
        )
    assert "relative_name" in field_of(error)


def test_a_relative_in_office_on_the_roster_is_a_conflict_naming_member_name_and_post(world):
    place = village(world, name="甲二村")
    on_roster(place)
    declare_relative(world.member_a)
    conflicts = recusal_conflicts(team=world.team_a, villages=[place])
    assert conflicts == {
        place.pk: [f"{world.member_a}：亲属任职（甲二村名册，配偶王五任村民委员会主任）"]
    }
    with pytest.raises(ApplicationError) as error:
        services.assignment_create(
            actor=world.office,
            round_id=world.round.pk,
            village_id=place.pk,
            team_id=world.team_a.pk,
        )
    assert "配偶王五任村民委员会主任" in str(error.value)
    assert "巡察办主任" in str(error.value)


def test_only_the_lead_overrides_it_with_a_reason_kept_on_the_assignment(world):
    place = village(world)
    on_roster(place)
    declare_relative(world.member_a)
    with pytest.raises(PermissionDeniedError):
        services.assignment_create(
            actor=world.office,
            round_id=world.round.pk,
            village_id=place.pk,
            team_id=world.team_a.pk,
            recusal_override_reason="工作需要",
        )
    assignment = services.assignment_create(
        actor=world.lead,
        round_id=world.round.pk,
        village_id=place.pk,
        team_id=world.team_a.pk,
        recusal_override_reason="该同志不参与涉及其配偶的谈话和核查",
    )
    assert assignment.recusal_override_reason == "该同志不参与涉及其配偶的谈话和核查"
    assert assignment.recusal_overridden_by == world.lead
    assert "放行回避冲突" in assignment.history.latest().history_change_reason


def test_a_relative_who_left_office_before_is_no_conflict(world):
    place = village(world)
    on_roster(place, ended_on=datetime.date(2020, 12, 31), started_on=datetime.date(2018, 1, 1))
    declare_relative(world.member_a)
    assert recusal_conflicts(team=world.team_a, villages=[place]) == {}
    assignment = services.assignment_create(
        actor=world.office, round_id=world.round.pk, village_id=place.pk, team_id=world.team_a.pk
    )
    assert assignment.recusal_override_reason == ""


def test_a_relative_in_office_during_the_stay_but_not_today_is_a_conflict(world):
    place = village(world)
    today = datetime.date.today()
    on_roster(
        place,
        started_on=today - datetime.timedelta(days=400),
        ended_on=today - datetime.timedelta(days=10),
    )
    declare_relative(world.member_a)
    stay = f.AssignmentFactory(
        round=world.round,
        team=world.team_a,
        village=place,
        town=place.town,
        on_site_from=today - datetime.timedelta(days=20),
        on_site_until=today - datetime.timedelta(days=12),
    )
    assert recusal_conflicts(team=world.team_a, villages=[place]) == {}
    assert set(assignment_recusal_conflicts(team=world.team_a, assignments=[stay])) == {stay.pk}


def test_another_name_or_another_village_is_no_conflict(world):
    place, other = village(world), village(world)
    on_roster(place, name="王五一")
    on_roster(other)
    declare_relative(world.member_a)
    assert set(recusal_conflicts(team=world.team_a, villages=[place, other])) == {other.pk}
    assert recusal_conflicts(team=world.team_b, villages=[other]) == {}


def test_joining_a_team_whose_village_has_the_relative_is_a_conflict(world):
    on_roster(world.assignment_a.village, name="钱六", body=RosterBody.PARTY, post="书记")
    newcomer = inspector()
    declare_relative(newcomer, name="钱六", relation=Kinship.SIBLING)
    with pytest.raises(ApplicationError) as error:
        services.team_member_add(actor=world.office, team_id=world.team_a.pk, user_id=newcomer.pk)
    assert "兄弟姐妹钱六任村党组织书记" in str(error.value)
    member = services.team_member_add(
        actor=world.lead,
        team_id=world.team_a.pk,
        user_id=newcomer.pk,
        recusal_override_reason="仅负责资料整理",
    )
    assert member.team == world.team_a


def test_a_typed_post_still_conflicts_and_is_listed_once(world):
    place = village(world, name="甲三村")
    on_roster(place)
    services.recusal_declare(
        actor=world.member_a,
        kind=RecusalKind.RELATIVE,
        village_id=place.pk,
        relative_name="王五",
        relative_post="村委会主任",
    )
    conflicts = recusal_conflicts(team=world.team_a, villages=[place])[place.pk]
    assert conflicts == [f"{world.member_a}：亲属任职（甲三村，亲属王五任村委会主任）"]


def test_without_a_relative_on_a_roster_the_check_stays_one_query(world, django_assert_num_queries):
    place = village(world)
    declare_relative(world.member_a)
    with django_assert_num_queries(1):
        assert recusal_conflicts(team=world.team_a, villages=[place]) == {}
    on_roster(place)
    with django_assert_num_queries(2):
        assert set(recusal_conflicts(team=world.team_a, villages=[place])) == {place.pk}


def test_a_relative_is_declared_through_the_api_and_checked_on_the_roster(world):
    client = APIClient()
    client.force_authenticate(world.member_a)
    answer = client.post(
        "/api/v1/recusal-declarations/",
        {"kind": "relative", "relative_name": "王五", "relation": "spouse"},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert (answer.json()["relation"], answer.json()["village"]) == ("spouse", None)
    refused = client.post(
        "/api/v1/recusal-declarations/",
        {"kind": "relative", "relative_name": "王五"},
        format="json",
    )
    assert refused.status_code == 400 and "relation" in refused.json()["errors"]
    on_roster(world.assignment_a.village)
    office = APIClient()
    office.force_authenticate(world.office)
    listed = office.get(f"/api/v1/assignments/{world.assignment_a.pk}/recusal-conflicts/").json()
    assert any("配偶王五任村民委员会主任" in line for line in listed["conflicts"])
