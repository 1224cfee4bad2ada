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
