"""The replica routing against a real hot standby (inspection/replica/), not a second name
for the same database.

The module makes a throwaway primary and its streaming standby (``tests/inspection/
standby.py``: initdb, pg_basebackup -R, free ports, a temporary folder), gives the primary
the migrated schema, and runs ``replica_probe`` in a process of its own with
``DATABASE_URL`` on the primary and ``DATABASE_REPLICA_URL`` on the standby: requests
through the whole middleware stack, the standby's replay paused to make its lag certain.
The migrated schema is the run's migrated template (scripts/test.sh), or this process's
test database, dumped and restored (a second ``migrate`` would cost a minute and a half);
on SQLite, where neither is PostgreSQL, the primary is migrated.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests.inspection import standby

ROOT = Path(__file__).resolve().parent.parent.parent
# Two clusters made, one migrated and copied: 15-30 s on the two-core machine under load.
pytestmark = pytest.mark.slow


def _dump_source(request) -> dict | None:
    """The connection settings of a migrated PostgreSQL database to copy, if any."""
    default = settings.DATABASES["default"]
    if not default["ENGINE"].endswith("postgresql"):
        return None
    template = os.environ.get("INSPECTION_TEST_TEMPLATE")
    if template:
        return {**default, "NAME": template}
    request.getfixturevalue("django_db_setup")
    return dict(settings.DATABASES["default"])


def _migrate(pair: standby.Pair, request) -> None:
    source = _dump_source(request)
    if source is None:
        environment = {**os.environ, "DATABASE_URL": pair.url(pair.primary_port)}
        environment.pop("DATABASE_REPLICA_URL", None)
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=environment, check=True
        )
        return
    dump = pair.root / "migrated.dump"
    subprocess.run(
        [str(pair.bin / "pg_dump"), "-Fc", "-f", str(dump), "-h", source["HOST"] or "127.0.0.1",
         "-p", str(source["PORT"] or 5432), "-U", source["USER"] or "postgres", source["NAME"]],
        check=True, capture_output=True, env={**os.environ, "PGPASSWORD": source["PASSWORD"] or ""},
    )  # fmt: skip
    pair.load(dump)


@pytest.fixture(scope="module")
def found(request):
    bin_dir = standby.server_bin()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL's server programs (initdb, pg_ctl, pg_basebackup) are not installed "
            "(apt-get install postgresql): no standby can be made"
        )
    with standby.Pair(bin_dir) as pair:
        _migrate(pair, request)
        pair.start_standby()
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "inspection.settings",
            "DATABASE_URL": pair.url(pair.primary_port),
            "DATABASE_REPLICA_URL": pair.url(pair.standby_port),
            "DJANGO_DEBUG": "false",
            "REDIS_URL": "",
            "INSPECTION_TASKS_IN_PROCESS": "eager",
            "REPLICA_PROBE_STOP": json.dumps(pair.stop_command("standby")),
            "DJANGO_MEDIA_ROOT": str(pair.root / "media"),
        }
        run = subprocess.run(
            [sys.executable, "-m", "tests.inspection.replica_probe"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if run.returncode:
            pytest.fail(f"the probe failed:\n{run.stderr[-4000:]}")
        return json.loads(run.stdout.strip().splitlines()[-1])


def test_a_read_routed_to_the_replica_is_served_by_the_standby(found):
    assert found["alias"] == "replica"
    assert found["replica_in_recovery"] is True
    assert found["primary_in_recovery"] is False
    assert found["read_from"] == "replica"


def test_a_users_list_right_after_their_own_write_reads_the_primary(found):
    assert found["write_status"] == 200
    assert found["pin_set"]
    # The standby has not replayed the write (paused): the writer sees it all the same.
    assert found["writer_sees"] == "县委第9001轮巡察（改）"
    assert found["writer_list_on"] == ["default"]


def test_other_users_lists_read_the_replica_and_a_records_page_the_primary(found):
    assert found["reader_sees"] == "县委第9001轮巡察"  # the standby, paused before the write
    assert found["reader_list_on"] == ["replica"]
    assert found["reader_detail_sees"] == "县委第9001轮巡察（改）"
    assert found["reader_detail_on"] == ["default"]


def test_a_write_never_goes_to_the_replica(found):
    assert (found["loaded_from"], found["loaded_title"]) == ("replica", "县委第9001轮巡察")
    assert found["write_routed_to"] == "default"
    assert found["primary_title"] == "县委第9001轮巡察（再改）"
    assert found["in_transaction_reads"] == "default"


def test_an_export_build_waits_for_the_replica_to_replay_its_request(found):
    assert found["caught_up_while_paused"] == "default"
    assert found["caught_up_after_replay"] == "replica"


def test_an_export_jobs_workbook_is_read_on_the_standby(found):
    assert found["export_status"] == "done"
    assert found["export_rows_read_on_standby"] > 0
    assert found["export_rows_read_on_primary"] == 0


def test_once_replayed_the_writer_reads_the_replica_again(found):
    assert found["writer_after_replay_sees"] == "县委第9001轮巡察（再改）"
    assert found["writer_after_replay_on"] == ["replica"]
    assert found["pin_dropped"]


def test_a_list_whose_read_fails_on_the_replica_is_answered_from_the_primary(found):
    assert found["killed"]
    assert found["killed_status"] == 200
    assert found["killed_sees"] == "县委第9001轮巡察（再改）"
    assert found["killed_list_on"] == ["default", "replica"]  # the failed read, then again
    assert any("reading the replica failed" in message for message in found["warnings"])


def test_the_replica_down_falls_back_to_the_primary_with_a_warning(found):
    assert found["down_status"] == 200
    assert found["down_sees"] == "县委第9001轮巡察（再改）"
    assert found["down_list_on"] == ["default"]
    assert found["down_alias"] == "default"
    assert any("the replica is unavailable" in message for message in found["warnings"])
