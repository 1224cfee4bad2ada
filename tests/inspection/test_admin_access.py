"""The admin console is the office's; confidential records opened there are access-logged."""

import pytest

from inspection.choices import UserRole
from inspection.models import AccessLog
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (UserRole.OFFICE_STAFF, True),
        (UserRole.OFFICE_LEAD, True),
        (UserRole.LEADERSHIP, False),
        (UserRole.INSPECTOR, False),
        (UserRole.STATISTICS_CLIENT, False),
    ],
)
def test_only_office_roles_enter_the_admin_even_with_the_staff_flag(client, role, allowed):
    user = f.UserFactory(role=role, is_staff=True)
    client.force_login(user)
    page = client.get("/admin/")
    assert (page.status_code == 200) is allowed
    if not allowed:
        assert page.status_code == 302 and "/admin/login/" in page["Location"]


def test_opening_a_clue_interview_or_petition_writes_the_access_log(admin_client, admin_user):
    records = {
        "findings/clue": f.ClueFactory(),
        "rounds/interview": f.InterviewFactory(),
        "rounds/petition": f.PetitionFactory(),
    }
    for path, obj in records.items():
        page = admin_client.get(f"/admin/{path}/{obj.pk}/change/", REMOTE_ADDR="10.1.2.3")
        assert page.status_code == 200
        row = AccessLog.objects.get(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        assert (row.user, row.action, row.ip_address) == (admin_user, "view", "10.1.2.3")


def test_opening_an_activity_is_not_logged(admin_client):
    activity = f.ActivityFactory()
    assert admin_client.get(f"/admin/rounds/activity/{activity.pk}/change/").status_code == 200
    assert not AccessLog.objects.exists()


def test_a_long_path_id_is_logged_cut_to_the_column(admin_user):
    from inspection.audit import access_log_refused
    from inspection.models import Town

    row = access_log_refused(user=admin_user, model=Town, object_id="9" * 200)
    assert row.object_id == "9" * 64


# --- every admin read that shows names is logged, with what was searched -------------


def _rows(model):
    return AccessLog.objects.filter(object_type=model._meta.label_lower, action="view")


def test_the_clue_changelist_writes_a_row_with_its_search(admin_client, admin_user):
    from findings.models import Clue

    f.ClueSubjectFactory(name="张三")
    page = admin_client.get("/admin/findings/clue/", {"q": "张三", "p": "0"})
    assert page.status_code == 200
    row = _rows(Clue).get()
    assert row.user == admin_user and row.object_id == ""
    assert "q=张三" in row.query and "p=" not in row.query


@pytest.mark.parametrize(
    "path", ["findings/clue", "findings/cluesubject", "rounds/interview", "rounds/petition"]
)
def test_each_confidential_changelist_writes_a_row(admin_client, path):
    factory = {
        "findings/clue": f.ClueFactory,
        "findings/cluesubject": f.ClueSubjectFactory,
        "rounds/interview": f.InterviewFactory,
        "rounds/petition": f.PetitionFactory,
    }[path]
    obj = factory()
    assert admin_client.get(f"/admin/{path}/").status_code == 200
    assert _rows(type(obj)).count() == 1


def test_a_clues_history_and_its_versions_write_rows(admin_client):
    clue = f.ClueSubjectFactory().clue
    history = admin_client.get(f"/admin/findings/clue/{clue.pk}/history/")
    assert history.status_code == 200
    version = clue.history.earliest()
    page = admin_client.get(f"/admin/findings/clue/{clue.pk}/history/{version.history_id}/")
    assert page.status_code == 200
    rows = _rows(type(clue)).filter(object_id=str(clue.pk))
    assert rows.count() == 2


def test_a_person_concerneds_admin_history_writes_a_row(admin_client):
    subject = f.ClueSubjectFactory()
    page = admin_client.get(f"/admin/findings/cluesubject/{subject.pk}/history/")
    assert page.status_code == 200
    assert _rows(type(subject)).filter(object_id=str(subject.pk)).count() == 1


def test_an_autocomplete_over_clues_writes_a_row_with_its_term(admin_client):
    from findings.models import Clue

    f.ClueSubjectFactory(name="张三")
    answer = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "findings",
            "model_name": "cluesubject",
            "field_name": "clue",
            "term": "张三",
        },
    )
    assert answer.status_code == 200
    assert "term=张三" in _rows(Clue).get().query
