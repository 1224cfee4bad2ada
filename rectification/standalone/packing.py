"""Making a team's package (office → laptop; docs/DOMAIN.md "Confidentiality": the 单机版).

One service: the office staff member asks for one team's package; the file is sealed with
a key derived from a fresh passphrase (handed to the team leader apart from the file, and
shown once), the ``TeamPackage`` row keeps the key its bundle will be sealed with, and an
access-log EXPORT row says who took the team's records out.
"""

import os
import secrets
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.audit import access_log_record
from inspection.errors import NotFoundError, PermissionDeniedError
from inspection.models import AccessLog, User
from inspection.permissions import is_office
from rectification.models import TeamPackage
from rectification.standalone import envelope
from rectification.standalone.rows import collect, seeds, serialize, versions
from rounds.models import Assignment, Team, TeamMember


@dataclass(frozen=True)
class MadePackage:
    package: TeamPackage
    data: bytes  # the sealed file
    passphrase: str  # shown once, never stored
    # (member, laptop password): each member signs in on the laptop with a password of its
    # own, shown once with the passphrase; the central password hashes never leave.
    passwords: list[tuple[User, str]]


def laptop_password() -> str:
    """Twelve characters a member can type: ``K7Q2-M9XD-4TPA``."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


@transaction.atomic
def team_package_make(*, actor, team_id: int) -> MadePackage:
    """Seal team ``team_id``'s records into a package for its standalone copy."""
    if not is_office(actor):
        raise PermissionDeniedError(_("只有巡察办工作人员可以导出巡察组的单机版数据包。"))
    team = Team.objects.select_related("round").filter(pk=team_id).first()
    if team is None:
        raise NotFoundError(_("巡察组不存在。"))
    held = collect(seeds(team))
    members = set(TeamMember.objects.filter(team=team).values_list("user_id", flat=True))
    people = User.objects.filter(pk__in=members, is_active=True).order_by("pk")
    passwords = [(member, laptop_password()) for member in people]
    # The laptop checks passwords with the default hasher, whatever this server's first is.
    hasher = PBKDF2PasswordHasher()
    hashes = {member.pk: hasher.encode(password, hasher.salt()) for member, password in passwords}
    rows, files = serialize(held, hashes)
    package = TeamPackage(
        team=team, made_by=actor, made_at=timezone.now(), bundle_key=envelope.new_bundle_key()
    )
    passphrase = envelope.new_passphrase()
    salt = os.urandom(16)
    header = {
        "package": str(package.uuid),
        "team": team.pk,
        "round": team.round_id,
        "made_at": package.made_at.isoformat(),
        "salt": salt.hex(),
    }
    body = {"bundle_key": package.bundle_key, "rows": rows, "files": files}
    data = envelope.seal(envelope.PACKAGE, header, body, envelope.passphrase_key(passphrase, salt))
    package.digest = envelope.digest(data)
    package.contents = {
        "counts": dict(Counter(row["model"] for row in rows)),
        "assignments": list(
            Assignment.objects.filter(team=team).order_by("pk").values_list("pk", flat=True)
        ),
        "members": sorted(members),
        "versions": versions(held),
    }
    package.save()
    access_log_record(
        user=actor,
        action=AccessLog.Action.EXPORT,
        object_type=TeamPackage._meta.label_lower,
        object_id=package.pk,
        detail=_("%(team)s单机版数据包，%(rows)s条记录") % {"team": team, "rows": len(rows)},
    )
    return MadePackage(package=package, data=data, passphrase=passphrase, passwords=passwords)
