"""Roles, the one rule set of actions, scoping and masking: who may see and do what.

- Which rows a user may see: one scope function per model, registered with
  ``@scope_of(Model)`` in the app's ``permissions.py`` and reached by
  ``visible(Model, user)``. The admin, the screens and the API all start from it.
  A record outside the scope is answered as if it did not exist.
- Which actions a user may take on a visible record: the rule set ``ACTIONS``
  (django-rules), one rule per action name, added by each app's ``permissions.py``;
  ``authorize`` raises ``PermissionDeniedError``, ``can`` answers yes or no (for
  showing a button).
- Confidential names (interviewees, petition reporters, persons concerned in clues)
  are masked with ``mask_name`` for every user the app's predicates do not allow; the
  free text around them, search and ordering follow ``inspection.confidentiality``.
- Who serves on which team is rounds' to answer (``rounds.membership``): the core
  imports no app.
"""

from collections.abc import Callable

import rules
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

from inspection.choices import UserRole
from inspection.errors import PermissionDeniedError

OFFICE_ROLES = frozenset({UserRole.OFFICE_STAFF, UserRole.OFFICE_LEAD})
READ_ALL_ROLES = frozenset({*OFFICE_ROLES, UserRole.LEADERSHIP})
# Roles reading the rectification of a place (``reach_condition``), not of the county.
UNIT_LEDGER_ROLES = frozenset(
    {UserRole.RECTIFICATION_OFFICER, UserRole.TOWN_REVIEWER, UserRole.SUPERVISOR}
)


def role_of(user) -> str | None:
    """The role of an active, signed-in user; None for anyone else."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user.role


@rules.predicate
def is_office(user) -> bool:
    return role_of(user) in OFFICE_ROLES


@rules.predicate
def is_office_lead(user) -> bool:
    return role_of(user) == UserRole.OFFICE_LEAD


@rules.predicate
def reads_all(user) -> bool:
    """Office staff, the office lead and leadership read every record of the county."""
    return role_of(user) in READ_ALL_ROLES


@rules.predicate
def is_leadership(user) -> bool:
    """巡察工作领导小组: reads everything; signs the leading group's decisions."""
    return role_of(user) == UserRole.LEADERSHIP


@rules.predicate
def is_inspector(user) -> bool:
    return role_of(user) == UserRole.INSPECTOR


@rules.predicate
def is_liaison(user) -> bool:
    return role_of(user) == UserRole.COMMISSION_LIAISON


@rules.predicate
def is_officer(user) -> bool:
    return role_of(user) == UserRole.RECTIFICATION_OFFICER


@rules.predicate
def is_town_reviewer(user) -> bool:
    """乡镇党委 (整改初审): first review of its town's villages' rectification."""
    return role_of(user) == UserRole.TOWN_REVIEWER


@rules.predicate
def is_supervisor(user) -> bool:
    """纪委监委 / 组织部 supervising rectification (日常监督) in their town, or the county."""
    return role_of(user) == UserRole.SUPERVISOR


@rules.predicate
def reads_unit_ledger(user) -> bool:
    """The roles that read the rectification of a place, not of the county: the unit's
    整改联络员, the town's reviewer and a supervisor (``reach_condition`` says where)."""
    return role_of(user) in UNIT_LEDGER_ROLES


def is_county_supervisor(user) -> bool:
    """A supervisor with no town: their reach is the whole county."""
    return role_of(user) == UserRole.SUPERVISOR and not user.town_id


def reach_condition(user, prefix: str = "") -> Q:
    """Assignments whose rectification a ``reads_unit_ledger`` user reads: an officer's
    unit (``unit_condition``), a reviewer's town, a supervisor's town or, with none, the
    county. ``prefix`` leads to an object with ``town`` and ``village`` (an assignment)."""
    if is_county_supervisor(user):
        return Q()
    return unit_condition(user, prefix)


def in_reach(user, assignment) -> bool:
    """The Python twin of ``reach_condition`` for one assignment."""
    if is_county_supervisor(user):
        return True
    return in_unit(user, assignment)


def unit_condition(user, prefix: str = "") -> Q:
    """Rows of a rectification officer's unit: their village if set, else their town.

    ``prefix`` leads to an object with ``town`` and ``village`` (an assignment).
    """
    if user.village_id:
        return Q(**{f"{prefix}village_id": user.village_id})
    if user.town_id:
        return Q(**{f"{prefix}town_id": user.town_id})
    return Q(pk__in=[])


def in_unit(user, assignment) -> bool:
    """The Python twin of ``unit_condition`` for one assignment."""
    if user.village_id:
        return assignment.village_id == user.village_id
    return bool(user.town_id) and assignment.town_id == user.town_id


# ------------------------------------------------------------------------------- scoping

_SCOPES: dict[type[models.Model], Callable[[object], models.QuerySet]] = {}


def scope_of(model: type[models.Model]):
    """Register the function answering which rows of ``model`` a user may see."""

    def register(function):
        _SCOPES[model] = function
        return function

    return register


def visible(model: type[models.Model], user) -> models.QuerySet:
    """The rows of ``model`` that ``user`` may see (none for an unknown model or user)."""
    if role_of(user) is None or model not in _SCOPES:
        return model._default_manager.none()
    return _SCOPES[model](user)


def scoped_models() -> set[type[models.Model]]:
    return set(_SCOPES)


# ------------------------------------------------------------------------------- actions

ACTIONS = rules.RuleSet()
ACTION_LABELS: dict[str, str] = {}  # lazy texts: translated when a message names them


def action(name: str, label: str, predicate) -> None:
    """Declare the action ``name`` (its Chinese verb ``label``) and who may take it."""
    ACTIONS.add_rule(name, predicate)
    ACTION_LABELS[name] = label


def can(user, name: str, obj=None) -> bool:
    return role_of(user) is not None and ACTIONS.test_rule(name, user, obj)


def authorize(user, name: str, obj=None) -> None:
    """Refuse with a message naming the action unless ``user`` may take it on ``obj``."""
    if not can(user, name, obj):
        label = ACTION_LABELS.get(name, name)
        raise PermissionDeniedError(_("您没有权限执行「%(action)s」。") % {"action": label})


# ------------------------------------------------------------------------------- masking


def mask_name(name: str) -> str:
    """张三丰 → 张**: the surname stays, the rest (and its length) is hidden."""
    return f"{name[0]}**" if name else ""


def mask_contact(contact: str) -> str:
    return "***" if contact else ""
