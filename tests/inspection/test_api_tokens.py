"""Whose tokens: a person issues their own; the office also issues statistics clients'.

Issue #14, finding 1: office staff issued a token for the commission liaison and the
office lead and acted as them. Every history and access-log row written through a
token names the token.
"""

import datetime
import importlib

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from findings.choices import ClueStatus, ProblemStatus
from inspection.errors import PermissionDeniedError
from inspection.models import AccessLog, ApiToken
from inspection.services import api_token_issue, api_token_revoke
from rectification.models import Feedback, RectificationItem
from rounds.choices import RoundStatus
from tests.findings.reports_kit import clear_for_feedback
from tests.world import build_world

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def bearer(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def issue(client, user, name="接口"):
    return client.post("/api/v1/api-tokens/", {"user": user.pk, "name": name}, format="json")


# ---------------------------------------------------------------------- who issues for whom


def test_office_cannot_issue_a_token_for_the_commission_liaison():
    world = build_world()
    answer = issue(signed_in(world.office), world.liaison)
    assert answer.status_code == 403, answer.content
    assert "签发接口令牌" in answer.json()["detail"]
    assert not ApiToken.objects.exists()


def test_office_cannot_issue_a_token_for_the_office_lead():
    world = build_world()
    answer = issue(signed_in(world.office), world.lead)
    assert answer.status_code == 403, answer.content
    assert not ApiToken.objects.exists()


def test_the_lead_cannot_issue_a_token_for_office_staff():
    world = build_world()
    with pytest.raises(PermissionDeniedError):
        api_token_issue(actor=world.lead, user_id=world.office.pk, name="代办")


def test_office_issues_a_token_for_a_statistics_client():
    world = build_world()
    answer = issue(signed_in(world.office), world.stats, name="市级平台")
    assert answer.status_code == 201, answer.content
    token = ApiToken.objects.get()
    assert (token.user, token.issued_by) == (world.stats, world.office)


@pytest.mark.parametrize("persona", ["office", "lead", "leader_a", "liaison", "officer_a"])
def test_a_person_issues_their_own_token(persona):
    world = build_world()
    user = getattr(world, persona)
    answer = issue(signed_in(user), user, name="自己的")
    assert answer.status_code == 201, answer.content
    assert bearer(answer.json()["key"]).get("/api/v1/towns/").status_code == 200
    token = ApiToken.objects.get()
    assert token.user == token.issued_by == user


def test_another_person_s_id_answers_as_absent():
    world = build_world()
    answer = issue(signed_in(world.leader_a), world.liaison)
    assert answer.status_code == 404, answer.content


def test_owner_revokes_their_own_token_and_nobody_else_s():
    world = build_world()
    own, _key = api_token_issue(actor=world.liaison, user_id=world.liaison.pk, name="自己")
    other, _key = api_token_issue(actor=world.leader_a, user_id=world.leader_a.pk, name="组长")
    client = signed_in(world.liaison)
    assert client.post(f"/api/v1/api-tokens/{other.pk}/revoke/").status_code == 404
    assert client.post(f"/api/v1/api-tokens/{own.pk}/revoke/").status_code == 200
    own.refresh_from_db()
    assert own.revoked_by == world.liaison and own.revoked_at is not None


def test_office_revokes_anyone_s_token():
    world = build_world()
    token, _key = api_token_issue(actor=world.liaison, user_id=world.liaison.pk, name="自己")
    api_token_revoke(actor=world.office, token_id=token.pk)
    token.refresh_from_db()
    assert token.revoked_by == world.office


# ------------------------------------------------------------- tokens are issued signed in


@pytest.mark.parametrize("persona", ["office", "leader_a", "liaison"])
def test_a_token_cannot_issue_a_token(persona):
    """A key (short-lived, or stolen) minted a token without expiry that outlived the
    key's revocation: tokens are issued only from a signed-in session."""
    world = build_world()
    user = getattr(world, persona)
    soon = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    answer = signed_in(user).post(
        "/api/v1/api-tokens/",
        {"user": user.pk, "name": "手机", "expires_at": soon},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    through_the_key = bearer(answer.json()["key"])

    minted = issue(through_the_key, user, name="永久")
    assert minted.status_code == 403, minted.content
    assert "签发接口令牌" in minted.json()["detail"]
    assert "登录" in minted.json()["detail"]
    assert ApiToken.objects.count() == 1


def test_the_office_s_token_issues_no_statistics_token():
    world = build_world()
    _token, key = api_token_issue(actor=world.office, user_id=world.office.pk, name="办公系统")
    answer = issue(bearer(key), world.stats, name="市级平台")
    assert answer.status_code == 403, answer.content
    assert not ApiToken.objects.filter(user=world.stats).exists()


# ------------------------------------------------------ the rule holds on every use, too


def test_a_token_whose_user_changed_role_stops_working():
    """The office's token for a statistics client, once the account is a person's: the
    token would act as that person, issued by somebody else."""
    world = build_world()
    _token, key = api_token_issue(actor=world.office, user_id=world.stats.pk, name="市级平台")
    assert bearer(key).get("/api/v1/statistics/overview/").status_code != 401
    world.stats.role = world.leader_a.role
    world.stats.save(update_fields=["role"])
    answer = bearer(key).get("/api/v1/towns/")
    assert answer.status_code == 401, answer.content
    assert "令牌无效" in answer.json()["detail"]


def test_a_token_issued_for_somebody_else_stops_working():
    """A token the rule no longer allows (left over from before it) is refused like a
    revoked one."""
    world = build_world()
    token, key = api_token_issue(actor=world.leader_a, user_id=world.leader_a.pk, name="组长")
    assert bearer(key).get("/api/v1/towns/").status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(issued_by=world.office)
    assert bearer(key).get("/api/v1/towns/").status_code == 401


# ------------------------------------------------------------- what a token's actions record


def test_a_token_s_actions_name_the_token_in_history_and_access_log():
    world = build_world()
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    token, key = api_token_issue(actor=world.liaison, user_id=world.liaison.pk, name="案管系统")
    answer = bearer(key).post(f"/api/v1/clues/{clue.pk}/receive/", {}, format="json")
    assert answer.status_code == 200, answer.content
    latest = clue.history.latest("history_date")
    assert (latest.history_user, latest.history_api_token) == (world.liaison, token)
    logged = AccessLog.objects.filter(object_type="findings.clue", object_id=str(clue.pk))
    assert logged.exists()
    assert {(row.user, row.api_token) for row in logged} == {(world.liaison, token)}


def test_the_clue_s_history_and_the_access_log_admin_show_the_token_never_the_key(
    client, admin_client
):
    world = build_world()
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    token, key = api_token_issue(actor=world.liaison, user_id=world.liaison.pk, name="案管系统")
    bearer(key).post(f"/api/v1/clues/{clue.pk}/receive/", {}, format="json")
    shown = f"案管系统 ({token.prefix}…)"

    client.force_login(world.liaison)
    page = client.get(reverse("findings:clue_detail", args=[clue.pk])).content.decode()
    assert shown in page and key not in page

    page = admin_client.get(reverse("admin:inspection_accesslog_changelist")).content.decode()
    assert shown in page and key not in page


def test_a_session_s_actions_name_no_token():
    world = build_world()
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    answer = signed_in(world.liaison).post(f"/api/v1/clues/{clue.pk}/receive/", {}, format="json")
    assert answer.status_code == 200, answer.content
    latest = clue.history.latest("history_date")
    assert (latest.history_user, latest.history_api_token) == (world.liaison, None)
    logged = AccessLog.objects.filter(object_type="findings.clue", object_id=str(clue.pk))
    assert logged.exists()
    assert {row.api_token for row in logged} == {None}


def test_feedback_given_through_a_token_names_it_on_every_bulk_written_row():
    """The ledger is written in bulk (simple_history's bulk helpers): those rows too."""
    world = build_world(round_status=RoundStatus.REPORTING)
    problem = world.problem(status=ProblemStatus.CONFIRMED)
    clear_for_feedback(world.round, actor=world.office)
    token, key = api_token_issue(actor=world.office, user_id=world.office.pk, name="办公系统")
    answer = bearer(key).post(
        f"/api/v1/round-feedback/{world.round.pk}/give/",
        {"fed_back_on": str(timezone.localdate()), "letter": "反馈意见"},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    rows = [
        world.round.history.latest("history_date"),
        problem.history.latest("history_date"),
        *Feedback.history.all(),
        *RectificationItem.history.all(),
    ]
    assert len(rows) == 5
    assert {(row.history_user, row.history_api_token) for row in rows} == {(world.office, token)}


# ------------------------------------------------------------------------------ migration


def test_the_migration_revokes_exactly_the_tokens_issued_for_somebody_else():
    from django.apps import apps

    migration = importlib.import_module(
        "inspection.migrations.0006_api_token_revoke_issued_for_others"
    )
    world = build_world()

    def token(user, issued_by, **extra):
        return ApiToken.objects.create(
            user=user,
            issued_by=issued_by,
            name="旧令牌",
            prefix="abcdefgh",
            digest=f"{user.pk}-{issued_by.pk}-{len(extra)}".ljust(64, "0"),
            **extra,
        )

    as_liaison = token(world.liaison, world.office)
    as_lead = token(world.lead, world.office)
    own = token(world.leader_a, world.leader_a)
    statistics = token(world.stats, world.office)
    earlier = timezone.now() - datetime.timedelta(days=3)
    already = token(world.officer_a, world.office, revoked_at=earlier, revoked_by=world.lead)

    migration.revoke_tokens_issued_for_others(apps, None)

    for row in (as_liaison, as_lead, own, statistics, already):
        row.refresh_from_db()
    assert as_liaison.revoked_at and as_lead.revoked_at
    assert (as_liaison.revoked_by, as_lead.revoked_by) == (None, None)
    assert own.revoked_at is None and statistics.revoked_at is None
    assert (already.revoked_at, already.revoked_by) == (earlier, world.lead)
