"""Every workflow action, for every persona, in and out of scope (tests/permission_matrix.py).

The world (tests/world.py) is built once for each round status the actions ask for, not
once a cell: its rows in a transaction left open while the cells that need it run (pytest
groups them by it: ``world`` is a module-scoped parameter), each cell in a savepoint of it
(``django_db``) rolled back after the cell, and on a copy of its objects, as Django's
``setUpTestData`` does. A cell thus starts from the same rows as a world of its own; the
2,200 cells built 2,200 worlds, some twenty rows each.
"""

import copy
import importlib
import importlib.util
import sys

import pytest
from django.db import transaction
from django.test import override_settings

from inspection.errors import NotFoundError, PermissionDeniedError
from inspection.permissions import ACTION_LABELS
from tests.permission_matrix import parse_matrix
from tests.seeding import FAST_HASHERS
from tests.world import PERSONAS, build_world

APPS = ("inspection", "rounds", "findings", "rectification", "reports")


def load():
    specs, matrix = {}, {}
    for app in APPS:
        if importlib.util.find_spec(f"tests.{app}.action_specs") is None:
            continue  # an app without workflow actions yet
        module = importlib.import_module(f"tests.{app}.action_specs")
        specs |= module.SPECS
        matrix |= parse_matrix(module.MATRIX)
    return specs, matrix


SPECS, MATRIX = load()
CELLS = [
    (SPECS[action].round_status, action, persona)
    for action in MATRIX
    if action in SPECS  # (test_matrix_covers_every_declared_action names any missing)
    for persona in PERSONAS
]


@pytest.fixture(scope="module")
def world(request, django_db_setup, django_db_blocker):
    """The world at the round status ``request.param``, for the cells that ask for it;
    its rows rolled back once they ran."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        block = transaction.atomic()
        block.__enter__()
        try:
            built = build_world(round_status=request.param)
        except BaseException:
            block.__exit__(*sys.exc_info())
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        block.__exit__(None, None, None)


def test_matrix_covers_every_declared_action():
    assert set(MATRIX) == set(SPECS)
    assert set(MATRIX) == set(ACTION_LABELS), "an action without a matrix row, or vice versa"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("world", "action", "persona"),
    CELLS,
    indirect=["world"],
    scope="module",  # the world's scope: a cell asking for the same status reuses it
    ids=[f"{action}-{persona}" for _status, action, persona in CELLS],
)
def test_permission_matrix(world, action, persona):
    spec = SPECS[action]
    world = copy.deepcopy(world)  # what a cell changes of the objects stays in the cell
    target = spec.build(world)
    actor = world.users[persona]
    expected = MATRIX[action][persona]
    if expected == "ok":
        spec.perform(actor, target, world)
    elif expected == "403":
        with pytest.raises(PermissionDeniedError):
            spec.perform(actor, target, world)
    else:
        with pytest.raises(NotFoundError):
            spec.perform(actor, target, world)
