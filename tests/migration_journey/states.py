"""The project states a migration's operations pass through, computed once a journey.

Django computes them again at every pass: going back over a migration it renders them
twice (once to build the state before the next one, once more to unapply it), and the
journey goes back over the findings migrations twice. Each time it renders the models
related to the one an operation changes, and every model hangs off the user: nine tenths
of the journey's time. Here the states a pass back computes, before and after each
operation of a migration, are kept by the migration and the state it starts from
(``fingerprint``: every model's name, fields, options, bases and managers), and a pass
that starts a migration from a state met before runs the same operations between the same
states, as Django would have computed them again. A state met for the first time is
computed as Django does; a way forward keeps nothing (it seldom meets a state again: the
other apps stand elsewhere each time), but uses what a pass back kept. The journey's CPU
went from 251 s to 131-149 s (two runs; one process on PostgreSQL, pytest's own time
included); its memory from about half a gigabyte to 1.6 GB at the most.

Only while ``remembered`` is on (the journey's ``migrate``): the rest of the suite
migrates with Django's own code. ``forget`` drops the states kept at the journey's end.
"""

import hashlib
from contextlib import contextmanager

from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.migration import Migration
from django.db.transaction import atomic

_django = {name: getattr(Migration, name) for name in ("apply", "unapply", "mutate_state")}
# (app label, migration name, fingerprint of the state before) → the states before each
# operation and after the last, rendered.
_states: dict = {}
_field_prints: dict = {}  # id(field) → (field, its print): a state's fields are shared


def _field_print(field) -> str:
    known = _field_prints.get(id(field))
    if known is None or known[0] is not field:
        known = _field_prints[id(field)] = (field, repr(field.deconstruct()[1:]))
    return known[1]


def _manager_print(manager) -> str:
    try:
        return repr(manager.deconstruct())
    except ValueError:  # not deconstructible: never taken for another one
        return f"{type(manager).__qualname__}@{id(manager)}"


def fingerprint(state) -> str:
    """What a state is made of, as ``ProjectState.__eq__`` compares it (each model's
    name, fields, options, bases and managers; the fields in their order too): equal
    prints, equal states. A print that differs only costs a state computed again."""
    text = repr(
        [
            (
                key,
                model.name,
                [(name, _field_print(field)) for name, field in model.fields.items()],
                sorted(model.options.items()),
                model.bases,
                [(name, _manager_print(manager)) for name, manager in model.managers],
            )
            for key, model in sorted(state.models.items())
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def states_of(migration, before, *, compute: bool = True) -> list | None:
    """The states before each operation of ``migration`` and after its last, starting
    from ``before`` (not changed), as ``Migration.apply`` computes them; remembered, or
    computed and kept (``compute``), or None."""
    key = (migration.app_label, migration.name, fingerprint(before))
    states = _states.get(key)
    if states is None and compute:
        _ = before.apps  # rendered, as the executor has it before a migration runs
        current = before.clone()
        states = []
        for operation in migration.operations:
            states.append(current.clone())
            operation.state_forwards(migration.app_label, current)
        states.append(current)
        _states[key] = states
    return states


def _run(migration, schema_editor, operation, method, *states):
    if not schema_editor.atomic_migration and (
        operation.atomic or (migration.atomic and operation.atomic is not False)
    ):
        with atomic(schema_editor.connection.alias):
            method(migration.app_label, schema_editor, *states)
    else:
        method(migration.app_label, schema_editor, *states)


def apply(self, project_state, schema_editor, collect_sql=False):
    """``Migration.apply`` (without ``collect_sql``), on the remembered states where a
    pass back met this state; Django's own otherwise, keeping nothing (a way forward
    seldom meets a state again: the other apps stand elsewhere each time)."""
    states = None if collect_sql else states_of(self, project_state, compute=False)
    if states is None:
        return _django["apply"](self, project_state, schema_editor, collect_sql)
    for operation, old, new in zip(self.operations, states[:-1], states[1:], strict=True):
        _run(self, schema_editor, operation, operation.database_forwards, old, new)
    return states[-1].clone()  # the executor goes on changing the state it gets


def unapply(self, project_state, schema_editor, collect_sql=False):
    """``Migration.unapply`` (without ``collect_sql``), on the remembered states."""
    if collect_sql:
        return _django["unapply"](self, project_state, schema_editor, collect_sql)
    for operation in self.operations:
        if not operation.reversible:
            raise IrreversibleError(f"Operation {operation} in {self} is not reversible")
    states = states_of(self, project_state)
    steps = list(zip(self.operations, states[:-1], states[1:], strict=True))
    for operation, old, new in reversed(steps):
        _run(self, schema_editor, operation, operation.database_backwards, new, old)
    return project_state


def mutate_state(self, project_state, preserve=True):
    """``Migration.mutate_state``: the remembered state after the migration where the
    state is rendered (where it is not, Django's own is cheap: nothing is rendered)."""
    if "apps" not in project_state.__dict__:
        return _django["mutate_state"](self, project_state, preserve)
    after = states_of(self, project_state)[-1].clone()
    if preserve:
        return after
    project_state.__dict__.update(after.__dict__)  # the same object, now the state after
    return project_state


def forget() -> None:
    """The states kept, dropped (the journey's end)."""
    _states.clear()
    _field_prints.clear()


@contextmanager
def remembered():
    """Migrations apply and unapply on the remembered states while on."""
    mine = {"apply": apply, "unapply": unapply, "mutate_state": mutate_state}
    for name, method in mine.items():
        setattr(Migration, name, method)
    try:
        yield
    finally:
        for name, method in _django.items():
            setattr(Migration, name, method)
