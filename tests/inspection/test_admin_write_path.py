"""The admin is no second write path: what the services refuse, the admin cannot do.

Workflow records (everything a service creates or moves) are read-only in the admin,
for every account that enters it; reference data stays editable by the office.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from findings.choices import ClueStatus
from findings.models import Clue
from inspection.choices import RecusalKind
from inspection.models import RecusalDeclaration, Term, Town, User
from inspection.roles import assign_role_group, sync_role_groups
from rounds.choices import RoundStatus, TeamRole
from rounds.models import Assignment, SupervisionItem, TeamMember
from tests import factories as f
from tests.admin_records import BUILDERS, EDITABLE, REGISTERED
from tests.world import PERSONAS, build_world

pytestmark = pytest.mark.django_db

WORKFLOW = [m for m in REGISTERED if m not in EDITABLE]


def url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def sign_in(client, user):
    """The account as the demo gives it: staff flag and its role's group."""
    sync_role_groups()
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    assign_role_group(user)
    client.force_login(user)
    return client


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def office(client, world):
    return sign_in(client, world.office)


@pytest.fixture
def lead(client, world):
    return sign_in(client, world.lead)


# --- the reproductions (issue #14, finding 9) ------------------------------------------


def test_office_cannot_add_through_the_admin_a_member_team_member_add_refuses(office, world):
    # team_member_add refuses a leadership account as a team member.
    response = office.post(
        url(TeamMember, "add"),
        {"team": world.team_a.pk, "user": world.leadership.pk, "role": TeamRole.MEMBER},
    )
    assert response.status_code == 403
    assert not TeamMember.objects.filter(user=world.leadership).exists()


def test_office_cannot_put_a_person_on_two_teams_through_the_team_inline(office, world):
    change = url(type(world.team_b), "change", world.team_b.pk)
    response = office.post(
        change,
        {
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-user": world.member_a.pk,
            "memberships-0-role": TeamRole.MEMBER,
        },
    )
    assert response.status_code == 403
    assert world.member_a.team_memberships.count() == 1


def test_office_cannot_add_a_member_on_a_closed_round(office, world):
    world.round.status = RoundStatus.CLOSED
    world.round.save(update_fields=["status"])
    person = f.UserFactory()
    response = office.post(
        url(TeamMember, "add"),
        {"team": world.team_a.pk, "user": person.pk, "role": TeamRole.MEMBER},
    )
    assert response.status_code == 403
    assert not TeamMember.objects.filter(user=person).exists()


def test_office_cannot_assign_a_team_to_its_members_home_village(office, world):
    village = f.VillageFactory(town=world.town_a)
    RecusalDeclaration.objects.create(
        user=world.member_a, kind=RecusalKind.HOME_VILLAGE, village=village, town=world.town_a
    )
    before = Assignment.objects.count()
    response = office.post(
        url(Assignment, "add"),
        {
            "round": world.round.pk,
            "village": village.pk,
            "town": world.town_a.pk,
            "team": world.team_a.pk,
        },
    )
    assert response.status_code == 403
    assert Assignment.objects.count() == before


def test_the_lead_cannot_delete_a_concluded_clue(lead, world):
    clue = world.clue(status=ClueStatus.CONCLUDED)
    assert lead.get(url(Clue, "delete", clue.pk)).status_code == 403
    response = lead.post(url(Clue, "delete", clue.pk), {"post": "yes"})
    assert response.status_code == 403
    assert Clue.objects.filter(pk=clue.pk).exists()
    changelist = url(Clue, "changelist")
    response = lead.post(
        changelist, {"action": "delete_selected", "_selected_action": [clue.pk], "post": "yes"}
    )
    assert Clue.objects.filter(pk=clue.pk).exists()


# --- the matrix through the admin ------------------------------------------------------


def _records():
    f.TeamFactory.reset_sequence(50)  # clear of the world's teams 1 and 2
    return {model: BUILDERS[model]() for model in REGISTERED}


@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_matrix_workflow_records_are_read_only(client, world, persona, rf):
    """Every persona, every registered model: no add, change or delete of a workflow
    record, no bulk action; office roles still read them."""
    user = world.users[persona]
    sign_in(client, user)
    records = _records()
    enters = persona in ("office", "lead")
    for model in WORKFLOW:
        obj = records[model]
        model_admin = admin.site._registry[model]
        request = rf.get("/")
        request.user = user
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request, obj), model
        assert not model_admin.has_delete_permission(request, obj), model
        assert not model_admin.get_actions(request), model
        for view, args in (("add", ()), ("change", (obj.pk,)), ("delete", (obj.pk,))):
            response = client.post(url(model, view, *args), {})
            if enters:
                assert response.status_code == 403, (model, view)
            else:
                assert response.status_code == 302, (model, view)
                assert "/admin/login/" in response["Location"]
        if enters:
            shown = model_admin.get_queryset(request).filter(pk=obj.pk).exists()
            page = client.get(url(model, "change", obj.pk))
            assert page.status_code == (200 if shown else 302), model
        assert model.objects.filter(pk=obj.pk).exists()


@pytest.mark.parametrize("persona", ["office", "lead"])
def test_office_still_edits_reference_data(client, world, persona):
    sign_in(client, world.users[persona])
    response = client.post(url(Town, "add"), {"name": "丙镇", "code": "990000001", "kind": "town"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    town = Town.objects.get(code="990000001")
    response = client.post(
        url(Term, "add"), {"name": "第十五届", "starts_on": "2026-01-01", "ends_on": "2030-12-31"}
    )
    assert response.status_code == 302
    item = f.SupervisionItemFactory()
    data = {
        "code": item.code,
        "title": "新的标题",
        "focus_area": item.focus_area,
        "guidance": item.guidance,
        "is_active": "on",
    }
    assert client.post(url(SupervisionItem, "change", item.pk), data).status_code == 302
    item.refresh_from_db()
    assert item.title == "新的标题"
    deleted = client.post(url(Town, "delete", town.pk), {"post": "yes"})
    if persona == "lead":
        assert deleted.status_code == 302 and not Town.objects.filter(pk=town.pk).exists()
    else:
        assert deleted.status_code == 403 and Town.objects.filter(pk=town.pk).exists()
    # Accounts are a superuser's: the office's groups may only view them.
    assert client.post(url(User, "change", world.member_a.pk), {}).status_code == 403
