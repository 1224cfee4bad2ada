"""One auth group per role, carrying the Django model permissions the admin console needs.

This is deliberately simple and will give way to object rules (``rules``) scoped by
the user's unit: for now the admin is the office's tool, so

- 巡察办工作人员 (office staff) may view, add and change every model of the apps
  ``inspection``, ``rounds``, ``findings`` and ``rectification``, but not delete;
- 巡察办主任 (office lead) may do the same and delete;
- whatever the group grants, the admin adds, changes and deletes no workflow record
  (``WorkflowRecordAdmin`` in inspection/admin.py): only reference data is edited there;
- 巡察工作领导小组 (leadership) may only view here (its one write, signing the bodies'
  decisions on a 巡察报告, goes through findings.services.reports);
- the other roles get an empty group: they work through the product's own pages
  and API, never the admin.

User accounts are the exception: every group may only *view* users, because the
user admin edits ``is_superuser``, groups and permissions, so changing a user is a
way to grant oneself everything; accounts are managed by a superuser.

Groups are named by the role's value (``office_staff`` …), which does not change with
the interface language. Call ``sync_role_groups()`` after migrations (the demo seed
does); it is idempotent and sets each group's permissions exactly.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from inspection.choices import UserRole

ADMIN_APPS = ("inspection", "rounds", "findings", "rectification")

ROLE_ACTIONS: dict[str, tuple[str, ...]] = {
    UserRole.OFFICE_STAFF: ("view", "add", "change"),
    UserRole.OFFICE_LEAD: ("view", "add", "change", "delete"),
    UserRole.LEADERSHIP: ("view",),
}

# Models whose admin can grant privileges: view only, whatever the role.
VIEW_ONLY_MODELS = {("inspection", "user")}


def role_group_name(role: str) -> str:
    return str(UserRole(role).value)


def _role_permissions(actions: tuple[str, ...], permissions: list[Permission]) -> list[Permission]:
    chosen = []
    for permission in permissions:
        content_type = permission.content_type
        model_actions = actions
        if (content_type.app_label, content_type.model) in VIEW_ONLY_MODELS:
            model_actions = tuple(action for action in actions if action == "view")
        if permission.codename in {f"{action}_{content_type.model}" for action in model_actions}:
            chosen.append(permission)
    return chosen


@transaction.atomic
def sync_role_groups() -> dict[str, Group]:
    """Create (or update) one group per role and set its model permissions exactly.

    Needs the permissions that ``migrate`` creates; returns the groups by role value.
    """
    permissions = list(
        Permission.objects.filter(content_type__app_label__in=ADMIN_APPS)
        .select_related("content_type")
        .order_by("content_type__app_label", "content_type__model", "codename")
    )
    groups = {}
    for role in UserRole:
        group, _ = Group.objects.get_or_create(name=role_group_name(role))
        group.permissions.set(_role_permissions(ROLE_ACTIONS.get(role, ()), permissions))
        groups[role.value] = group
    return groups


def assign_role_group(user) -> None:
    """Put ``user`` into the group of their role, and out of the other roles' groups."""
    group, _ = Group.objects.get_or_create(name=role_group_name(user.role))
    other_roles = [role_group_name(role) for role in UserRole if role != user.role]
    user.groups.remove(*Group.objects.filter(name__in=other_roles))
    user.groups.add(group)
