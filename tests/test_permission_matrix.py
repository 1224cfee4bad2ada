"""Every workflow action, for every persona, in and out of scope (tests/permission_matrix.py)."""

import importlib
import importlib.util

import pytest

from inspection.errors import NotFoundError, PermissionDeniedError
from inspection.permissions import ACTION_LABELS
from tests.permission_matrix import parse_matrix
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
CELLS = [(action, persona) for action in MATRIX for persona in PERSONAS]


def test_matrix_covers_every_declared_action():
    assert set(MATRIX) == set(SPECS)
    assert set(MATRIX) == set(ACTION_LABELS), "an action without a matrix row, or vice versa"


@pytest.mark.django_db
@pytest.mark.parametrize(("action", "persona"), CELLS, ids=[f"{a}-{p}" for a, p in CELLS])
def test_permission_matrix(action, persona):
    spec = SPECS[action]
    world = build_world(round_status=spec.round_status)
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
