"""Whom a management command acts as: the account it names, else the office's lead."""

from django.core.management.base import CommandError

from inspection.choices import UserRole
from inspection.models import User


def command_actor(username: str | None, *, option: str = "--user") -> User:
    """The active account ``username``; without one, the first active office lead (or,
    with none, office staff). The service the command calls checks what it may do."""
    users = User.objects.filter(is_active=True)
    if username:
        actor = users.filter(username=username).first()
        if actor is None:
            raise CommandError(f"{username} 不是在用的账号。")
        return actor
    office = (UserRole.OFFICE_LEAD, UserRole.OFFICE_STAFF)
    actor = (
        users.filter(role=UserRole.OFFICE_LEAD).order_by("pk").first()
        or users.filter(role__in=office).order_by("pk").first()
    )
    if actor is None:
        raise CommandError(f"没有在用的巡察办账号，请用 {option} 指定。")
    return actor
