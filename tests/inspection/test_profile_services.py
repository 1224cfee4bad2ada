"""The office keeps the village profile: party organisation, roster entries, 三资, projects;
each change one service with its history; bad input refused with a Chinese message."""

import datetime
from decimal import Decimal

import pytest

from inspection.choices import PartyOrganisationKind, RosterBody, UserRole
from inspection.errors import ApplicationError, PermissionDeniedError
from inspection.models import RosterEntry, VillageFinance
from inspection.permissions import visible
from inspection.services.profile import (
    roster_entry_add,
    roster_entry_end,
    village_finance_record,
    village_party_organisation_set,
    village_project_record,
)
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def fields_of(error) -> set[str]:
    return set(error.value.errors)


def test_the_party_organisation_is_named_then_renamed_with_history(world):
    village = world.assignment_a.village
    first = village_party_organisation_set(
        actor=world.office,
        village_id=village.pk,
        name="甲一村党支部",
        kind=PartyOrganisationKind.BRANCH,
    )
    second = village_party_organisation_set(
        actor=world.office,
        village_id=village.pk,
        name="甲一村党总支",
        kind=PartyOrganisationKind.GENERAL_BRANCH,
        note="升格",
    )
    assert first.pk == second.pk
    assert second.history.count() == 2
    assert second.history.latest().history_change_reason == "升格"
    with pytest.raises(ApplicationError) as error:
        village_party_organisation_set(
            actor=world.office, village_id=village.pk, name="甲一村", kind="cell"
        )
    assert "kind" in fields_of(error)


def test_a_roster_entry_is_added_and_ends(world):
    village = world.assignment_a.village
    entry = roster_entry_add(
        actor=world.office,
        village_id=village.pk,
        name="王建国",
        body=RosterBody.PARTY,
        post="书记",
        started_on=datetime.date(2021, 1, 5),
        is_party_member=True,
    )
    assert entry.in_office and entry.history.latest().history_user == world.office
    with pytest.raises(ApplicationError) as error:
        roster_entry_add(
            actor=world.office,
            village_id=village.pk,
            name="王建国",
            body=RosterBody.PARTY,
            post="书记",
            started_on=datetime.date(2021, 1, 5),
        )
    assert "名册中已有王建国自2021-01-05起任书记" in str(error.value)
    with pytest.raises(ApplicationError) as error:
        roster_entry_end(actor=world.office, entry_id=entry.pk, ended_on=datetime.date(2020, 1, 1))
    assert "ended_on" in fields_of(error)
    ended = roster_entry_end(
        actor=world.office, entry_id=entry.pk, ended_on=datetime.date(2024, 6, 30)
    )
    assert ended.ended_on == datetime.date(2024, 6, 30)
    with pytest.raises(ApplicationError, match="已离任"):
        roster_entry_end(actor=world.office, entry_id=entry.pk, ended_on=datetime.date(2024, 7, 1))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"body": "party_group"}, "body"),
        ({"post": "长" * 51}, "post"),
        ({"started_on": datetime.date.today() + datetime.timedelta(days=3)}, "started_on"),
    ],
    ids=["no-name", "body", "post-too-long", "future-start"],
)
def test_a_roster_entry_is_refused_on_bad_input(world, values, field):
    base = {
        "name": "李四",
        "body": RosterBody.VILLAGERS,
        "post": "委员",
        "started_on": datetime.date(2021, 1, 5),
    }
    with pytest.raises(ApplicationError) as error:
        roster_entry_add(
            actor=world.office, village_id=world.assignment_a.village_id, **base | values
        )
    assert field in fields_of(error)
    assert not RosterEntry.objects.exists()


def test_finances_are_one_row_a_year_corrected_in_place(world):
    village = world.assignment_a.village
    values = {"assets": "8800000", "debts": 0, "operating_income": Decimal("560000.5")}
    first = village_finance_record(actor=world.office, village_id=village.pk, year=2025, **values)
    again = village_finance_record(
        actor=world.office, village_id=village.pk, year=2025, **values | {"debts": "120000"}
    )
    assert first.pk == again.pk and again.debts == Decimal("120000")
    assert VillageFinance.objects.count() == 1 and again.history.count() == 2
    for bad, field in (({"assets": "-1"}, "assets"), ({"debts": "很多"}, "debts")):
        with pytest.raises(ApplicationError) as error:
            village_finance_record(
                actor=world.office, village_id=village.pk, year=2025, **values | bad
            )
        assert field in fields_of(error)
    with pytest.raises(ApplicationError) as error:
        village_finance_record(actor=world.office, village_id=village.pk, year=1900, **values)
    assert "year" in fields_of(error)


def test_a_project_is_added_and_corrected_within_its_village(world):
    village = world.assignment_a.village
    project = village_project_record(
        actor=world.office,
        village_id=village.pk,
        name="村道硬化工程",
        year=2025,
        amount="1350000",
        funding="财政补助",
        progress="已完工",
    )
    corrected = village_project_record(
        actor=world.office,
        village_id=village.pk,
        project_id=project.pk,
        name="村道硬化工程",
        year=2025,
        amount="1380000",
        progress="已审计",
    )
    assert corrected.pk == project.pk and corrected.amount == Decimal("1380000")
    other = world.assignment_b.village
    with pytest.raises(ApplicationError):  # a project of another village is not found here
        village_project_record(
            actor=world.office,
            village_id=other.pk,
            project_id=project.pk,
            name="挪用",
            year=2025,
            amount=1,
        )


def test_only_the_office_keeps_the_profile(world):
    for actor in (world.leadership, world.leader_a, world.officer_a, world.reviewer_a):
        with pytest.raises(PermissionDeniedError):
            village_finance_record(
                actor=actor,
                village_id=world.assignment_a.village_id,
                year=2025,
                assets=1,
                debts=1,
                operating_income=1,
            )


def test_who_reads_the_roster(world):
    entry = f.RosterEntryFactory(village=world.assignment_a.village)
    readers = {
        name
        for name in world.users
        if visible(RosterEntry, world.users[name]).filter(pk=entry.pk).exists()
    }
    assert readers == {
        "office",
        "lead",
        "leadership",
        "leader_a",
        "member_a",
        "officer_a",
        "reviewer_a",
        "supervisor_a",
    }
    county = f.UserFactory(role=UserRole.SUPERVISOR, receiving_body="commission")
    assert visible(RosterEntry, county).filter(pk=entry.pk).exists()


def test_the_office_keeps_the_profile_on_its_page(client, world):
    village = world.assignment_a.village
    address = f"/villages/{village.pk}/profile/edit/"
    client.force_login(world.leader_a)
    assert client.get(address).status_code == 403
    client.force_login(world.office)
    assert client.get(address).status_code == 200
    answer = client.post(
        address, {"form": "party", "party-name": "甲一村党总支", "party-kind": "general_branch"}
    )
    assert answer.status_code == 302
    assert village.party_organisation.name == "甲一村党总支"
    finance = {
        "form": "finance",
        "finance-year": "2025",
        "finance-assets": "8800000",
        "finance-debts": "120000",
        "finance-operating_income": "560000",
    }
    assert client.post(address, finance).status_code == 302
    refused = client.post(address, finance | {"finance-year": "1900"})
    assert refused.status_code == 200 and "1949" in refused.content.decode()
    roster = {
        "form": "roster",
        "roster-name": "王建国",
        "roster-body": "party",
        "roster-post": "书记",
        "roster-started_on": "2021-01-05",
    }
    assert client.post(address, roster).status_code == 302
    duplicate = client.post(address, roster)
    assert "名册中已有王建国" in duplicate.content.decode()
    project = {
        "form": "project",
        "project-name": "村道硬化",
        "project-year": "2025",
        "project-amount": "1350000",
    }
    assert client.post(address, project).status_code == 302
    profile = client.get(f"/villages/{village.pk}/profile/").content.decode()
    for text in ("甲一村党总支", "王建国", "村道硬化", "8800000.00"):
        assert text in profile
