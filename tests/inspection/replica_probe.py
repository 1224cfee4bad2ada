"""What the replica routing does against a real standby, run by ``test_replica.py`` in a
process of its own: ``DATABASE_URL`` names the throwaway primary, ``DATABASE_REPLICA_URL``
its hot standby, ``REPLICA_PROBE_STOP`` the command that stops the standby. Prints its
findings as one JSON object on the last line; the test asserts on them.

Requests go through the whole middleware stack (Django's test client); which server
served a request's reads is told by the queries each connection ran, and by what they
saw while the standby's replay is paused (``pg_wal_replay_pause``): the standby then
lags by exactly the writes made since.
"""

import json
import logging
import os
import subprocess
import sys
import time
from contextlib import closing

import psycopg2

LIST = "/api/v1/rounds/"
TABLE = 'FROM "rounds_inspectionround"'


class Remembered(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def main() -> dict:
    import django

    django.setup()
    from django.db import connections, router, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from inspection.choices import UserRole
    from inspection.replica import on_replica, primary_position, reading_database, replayed, routing
    from reports.exports.services import export_request
    from rounds.models import InspectionRound
    from tests.factories import InspectionRoundFactory, UserFactory

    warnings = Remembered()
    logging.getLogger("inspection.replica").addHandler(warnings)
    found = {}

    def standby(sql: str):
        with connections["replica"].cursor() as cursor:
            cursor.execute(sql)
            return cursor.fetchone()

    def wait_replayed() -> None:
        position, deadline = primary_position(), time.monotonic() + 30
        while not replayed(position):
            if time.monotonic() > deadline:
                raise RuntimeError("the standby does not replay")
            time.sleep(0.02)

    def served(client, path, *, replica_up=True):
        """The round's title the answer shows, and which servers read the rounds table."""
        aliases = ["default", "replica"] if replica_up else ["default"]
        contexts = {alias: CaptureQueriesContext(connections[alias]) for alias in aliases}
        for context in contexts.values():
            context.__enter__()
        try:
            response = client.get(path, HTTP_ACCEPT="application/json")
        finally:
            for context in contexts.values():
                context.__exit__(None, None, None)
        body = response.json()
        rows = body["results"] if isinstance(body, dict) and "results" in body else [body]
        title = next((row["title"] for row in rows if row["id"] == round_id), None)
        on = sorted(
            alias
            for alias, context in contexts.items()
            if any(TABLE in query["sql"] for query in context.captured_queries)
        )
        return response, title, on

    writer_user = UserFactory(username="replica_writer", role=UserRole.OFFICE_STAFF)
    reader_user = UserFactory(username="replica_reader", role=UserRole.OFFICE_STAFF)
    inspection_round = InspectionRoundFactory(ordinal=9001, title="县委第9001轮巡察")
    round_id = inspection_round.pk
    wait_replayed()

    # A read routed to the replica is served by the standby.
    with on_replica() as alias:
        found["alias"] = alias
        found["replica_in_recovery"] = standby("SELECT pg_is_in_recovery()")[0]
        found["read_from"] = InspectionRound.objects.get(pk=round_id)._state.db
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery()")
        found["primary_in_recovery"] = cursor.fetchone()[0]

    writer, reader = Client(), Client()
    writer.force_login(writer_user)
    reader.force_login(reader_user)
    served(reader, LIST)  # both sessions' reads warm, the replica's connection open
    served(writer, LIST)

    # The standby stops replaying: from here it lags by every write.
    standby("SELECT pg_wal_replay_pause()")
    while standby("SELECT pg_get_wal_replay_pause_state()")[0] != "paused":
        time.sleep(0.02)
    response = writer.patch(
        f"{LIST}{round_id}/",
        data=json.dumps({"title": "县委第9001轮巡察（改）"}),
        content_type="application/json",
    )
    found["write_status"] = response.status_code
    pin = response.cookies.get("replica_pin")
    found["pin_set"] = pin is not None and bool(pin.value)
    _, found["writer_sees"], found["writer_list_on"] = served(writer, LIST)
    _, found["reader_sees"], found["reader_list_on"] = served(reader, LIST)
    _, found["reader_detail_sees"], found["reader_detail_on"] = served(reader, f"{LIST}{round_id}/")

    # A write inside a replica block goes to the primary; a transaction reads the primary.
    with on_replica():
        loaded = InspectionRound.objects.get(pk=round_id)
        found["loaded_from"], found["loaded_title"] = loaded._state.db, loaded.title
        found["write_routed_to"] = router.db_for_write(InspectionRound, instance=loaded)
        loaded.title = "县委第9001轮巡察（再改）"
        loaded.save(update_fields=["title"])  # on the standby: "read-only transaction"
        with transaction.atomic():
            found["in_transaction_reads"] = reading_database()
    found["primary_title"] = InspectionRound.objects.using("default").get(pk=round_id).title

    # An export build waits for the replica to replay what its request wrote, then reads
    # the primary when it does not in time.
    with override_settings(DATABASE_REPLICA_WAIT_SECONDS=0.3):
        with on_replica(caught_up=True) as alias:
            found["caught_up_while_paused"] = alias
        standby("SELECT pg_wal_replay_resume()")
        wait_replayed()
        with on_replica(caught_up=True) as alias:
            found["caught_up_after_replay"] = alias

    # Replayed: the writer reads the replica again, and the pin goes.
    response, found["writer_after_replay_sees"], found["writer_after_replay_on"] = served(
        writer, LIST
    )
    pin = response.cookies.get("replica_pin")
    found["pin_dropped"] = pin is not None and pin.value == "" and str(pin["max-age"]) == "0"

    # An export job built by its task (eager here, as on commit): the workbook's rows are
    # read on the standby (a server-side cursor there too), the job on the primary.
    with (
        CaptureQueriesContext(connections["replica"]) as on_standby,
        CaptureQueriesContext(connections["default"]) as on_primary,
    ):
        job = export_request(actor=writer_user)
    job.refresh_from_db()
    found["export_status"] = job.status
    found["export_rows_read_on_standby"] = sum(
        'FROM "rounds_assignment"' in query["sql"] for query in on_standby.captured_queries
    )
    found["export_rows_read_on_primary"] = sum(
        'FROM "rounds_assignment"' in query["sql"] for query in on_primary.captured_queries
    )

    # The standby's connection dies in the middle of a list, after the check: the list is
    # answered again from the primary (the API said 503 for the failed read).
    def kill_at_the_list(execute, sql, params, many, context):
        if TABLE in sql and not killed:
            killed.append(context["connection"].connection.get_backend_pid())
            with closing(psycopg2.connect(os.environ["DATABASE_REPLICA_URL"])) as other:
                other.autocommit = True
                other.cursor().execute("SELECT pg_terminate_backend(%s)", [killed[0]])
        return execute(sql, params, many, context)

    killed = []
    with connections["replica"].execute_wrapper(kill_at_the_list):
        response, found["killed_sees"], found["killed_list_on"] = served(reader, LIST)
    found["killed_status"], found["killed"] = response.status_code, bool(killed)
    routing._down_until = 0.0  # the next check may try the standby again at once
    served(reader, LIST)  # a connection to the standby kept again, for the next step

    # The standby stops: reads fall back to the primary with a warning, not a 500.
    subprocess.run(json.loads(os.environ["REPLICA_PROBE_STOP"]), check=True, capture_output=True)
    response, found["down_sees"], found["down_list_on"] = served(reader, LIST, replica_up=False)
    found["down_status"] = response.status_code
    with on_replica() as alias:
        found["down_alias"] = alias
    found["warnings"] = warnings.messages
    return found


if __name__ == "__main__":
    sys.stdout.write("\n" + json.dumps(main(), ensure_ascii=False) + "\n")
