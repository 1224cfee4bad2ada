"""The package the office makes for a team's standalone copy (单机版): office staff only,
an access-log EXPORT row, the passphrase printed once and stored nowhere, the file opened
only with it, holding what the team's pages need and no other account's password."""

import io
import re

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management import call_command
from django.core.management.base import CommandError

from inspection.models import AccessLog
from rectification.models import TeamPackage
from rectification.standalone import envelope
from rectification.standalone.rows import UNUSABLE_PASSWORD
from rounds.choices import RoundStatus
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """The small county with its round on site."""
    return build_world(round_status=RoundStatus.ON_SITE)


def make_package(world, tmp_path, user="office"):
    out = io.StringIO()
    path = tmp_path / "team.xuncha"
    call_command("team_package", team=world.team_a.pk, out=str(path), user=user, stdout=out)
    passphrase = re.search(r"^口令：(\S+)$", out.getvalue(), re.M).group(1)
    return path.read_bytes(), passphrase, out.getvalue()


def opened(data, passphrase):
    header = envelope.read_header(data, envelope.PACKAGE)
    key = envelope.passphrase_key(passphrase, bytes.fromhex(header["salt"]))
    return envelope.open_sealed(data, envelope.PACKAGE, key)


def test_the_package_opens_with_its_passphrase_only_and_is_logged(world, tmp_path):
    data, passphrase, printed = make_package(world, tmp_path)
    package = TeamPackage.objects.get()
    assert package.team == world.team_a
    assert package.made_by == world.office
    assert package.digest == envelope.digest(data)
    assert passphrase not in str(package.contents) and passphrase not in package.bundle_key
    header, body = opened(data, passphrase)
    assert header["package"] == str(package.uuid) and header["team"] == world.team_a.pk
    assert body["bundle_key"] == package.bundle_key
    with pytest.raises(envelope.SealError, match="校验失败"):
        opened(data, envelope.new_passphrase())
    log = AccessLog.objects.get(action=AccessLog.Action.EXPORT)
    assert (log.user, log.object_type, log.object_id) == (
        world.office,
        "rectification.teampackage",
        str(package.pk),
    )
    assert "第一巡察组" in log.detail or str(world.team_a) in log.detail
    assert printed.count(passphrase) == 1


def test_only_office_staff_make_packages(world, tmp_path):
    for name in ("leader_a", "leadership"):
        with pytest.raises(CommandError, match="只有巡察办工作人员"):
            make_package(world, tmp_path, user=name)
    assert not TeamPackage.objects.exists()
    assert not AccessLog.objects.filter(action=AccessLog.Action.EXPORT).exists()


def test_the_package_holds_the_teams_pages_and_only_its_members_passwords(world, tmp_path):
    f.InterviewFactory(assignment=world.assignment_a, recorded_by=world.member_a)
    f.InterviewFactory(assignment=world.assignment_b, recorded_by=world.leader_b)
    f.RosterEntryFactory(village=world.assignment_a.village)
    f.RosterEntryFactory(village=world.assignment_b.village)
    f.catalogue_class()  # the shipped taxonomy (seeded again if a flush removed it)
    data, passphrase, printed = make_package(world, tmp_path)
    _, body = opened(data, passphrase)
    rows = {}
    for row in body["rows"]:
        rows.setdefault(row["model"], {})[row["pk"]] = row["fields"]
    assert set(rows["rounds.assignment"]) == {world.assignment_a.pk}
    assert {r["assignment"] for r in rows["rounds.interview"].values()} == {world.assignment_a.pk}
    assert {r["village"] for r in rows["inspection.rosterentry"].values()} == {
        world.assignment_a.village_id
    }
    assert "findings.problemclass" in rows
    assert "rounds.mustitem" in rows, sorted(rows)[6:]
    users = rows["inspection.user"]
    # Each member's laptop password, printed once, and never the central hash.
    for member in (world.leader_a, world.member_a):
        laptop = re.search(rf"^  {member.username}（.*）：(\S+)$", printed, re.M).group(1)
        assert users[member.pk]["password"] != member.password
        assert PBKDF2PasswordHasher().verify(laptop, users[member.pk]["password"])
        assert not member.check_password(laptop)
    # The office account that made the round travels, if at all, without a usable password.
    others = [
        fields for pk, fields in users.items() if pk not in {world.leader_a.pk, world.member_a.pk}
    ]
    assert all(fields["password"] == UNUSABLE_PASSWORD for fields in others)
    assert all("groups" not in fields for fields in users.values())
    assert world.leader_b.pk not in users
    package = TeamPackage.objects.get()
    assert package.contents["assignments"] == [world.assignment_a.pk]
    assert sorted(package.contents["members"]) == sorted([world.leader_a.pk, world.member_a.pk])
    assert f"rounds.assignment:{world.assignment_a.pk}" in package.contents["versions"]
