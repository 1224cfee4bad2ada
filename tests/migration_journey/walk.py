"""The database walked along its migrations, one step a call.

A step costs what Django's executor does for each migration it passes: after every
operation it re-renders the models related to the one changed (every model hangs off the
user, and each has its history model), and a step back passes each migration twice (once
to build the state it goes back to, once to unapply it). Rendering a whole state from
scratch takes a tenth of a second; going back from the leaf to findings 0006 about thirty
seconds, and forward again fifteen to twenty. So the journey passes each migration as few
times as it can; how many stops it makes on the way costs next to nothing, and a
migration passed again reuses the states it went through (states.py).
"""

from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from tests.migration_journey.states import remembered


def migrate(*targets):
    """Migrate to ``targets`` (one node per app named; every app's latest when none) and
    answer the apps of the state reached: its historical models, to plant or read rows in
    the shape the tables have there. A step goes all backwards or all forwards."""
    executor = MigrationExecutor(connection)
    with remembered():  # each migration's states computed once (states.py)
        executor.migrate(list(targets or executor.loader.graph.leaf_nodes()))
    return applied_apps()


def applied_apps():
    """The apps of the migrations applied, as the database stands. (Not the state
    ``MigrationExecutor.migrate`` answers: after a step back over several apps it can still
    hold what a migration it unapplied made, e.g. the fields of findings 0007 after going
    back to findings 0006 and reports 0003.)"""
    loader = MigrationLoader(connection)
    applied = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    return loader.project_state(applied).apps


def at_leaf() -> bool:
    """Whether every migration is applied."""
    executor = MigrationExecutor(connection)
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def parent_in_app(node: tuple[str, str]) -> tuple[str, str]:
    """The migration ``node`` follows in its own app (whatever its number once merged)."""
    graph = MigrationExecutor(connection).loader.graph
    (parent,) = [p.key for p in graph.node_map[node].parents if p.key[0] == node[0]]
    return parent


def flush() -> None:
    """Empty every table as a transactional test's teardown does
    (``TransactionTestCase._fixture_teardown``, which pytest-django runs after a test
    marked ``django_db(transaction=True)``), so the tests after the journey find an
    empty database with its content types and permissions."""
    call_command(
        "flush",
        verbosity=0,
        interactive=False,
        database=connection.alias,
        reset_sequences=False,
        allow_cascade=False,
        inhibit_post_migrate=False,
    )
