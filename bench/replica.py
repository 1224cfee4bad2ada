"""``python -m bench --only replica``: the province statistics read from a streaming replica.

A real hot standby of the benchmark's server (``BENCH_PG``, 127.0.0.1:5432) on this
machine: ``pg_basebackup -R`` of the whole cluster into a second data directory, started
on a free port, streaming from the main cluster, with ``hot_standby_feedback`` on and the
main cluster's planner and memory settings. The main cluster must accept a replication
connection from 127.0.0.1: when none of its pg_hba.conf lines allows one, this adds
``host replication postgres 127.0.0.1/32 trust`` to the file and reloads the server (once:
the next run finds the line). The province is then served with ``DATABASE_REPLICA_URL``
on the standby and measured by the statistics section's own ``measure`` (its floors run
on the standby too, so ×floor compares like with like), while a thread samples the
replica's lag. The standby is stopped and removed at the end, or kept running with
``--keep-replica`` (a later run uses it again).
"""

import os
import pwd
import shutil
import subprocess
import tempfile
import threading
import time
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlparse

import psycopg2

from bench import dbs, statistics
from bench.http import Client, percentile
from bench.server import Server, free_port

FOLDER = Path(os.environ.get("BENCH_REPLICA_DIR", Path(tempfile.gettempdir()) / "bench_replica"))
NAME = "bench_replica"  # the standby's cluster_name: its application_name on the primary
HBA_LINE = "host replication postgres 127.0.0.1/32 trust"
# The main cluster's settings the standby takes (hot standby needs the max_* ones at
# least as large as the primary's; the others make its plans and memory the same).
COPIED = (
    "max_connections",
    "max_worker_processes",
    "max_wal_senders",
    "max_prepared_transactions",
    "max_locks_per_transaction",
    "shared_buffers",
    "work_mem",
    "effective_cache_size",
    "random_page_cost",
    "jit",
    "max_parallel_workers_per_gather",
)
SAMPLE_SECONDS = 0.5


def server_bin() -> Path:
    """The programs of the main cluster's version (``SHOW server_version_num``)."""
    with dbs.connect("postgres") as connection, connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        major = int(cursor.fetchone()[0]) // 10000
    return Path(f"/usr/lib/postgresql/{major}/bin")


def allow_replication(report=print) -> None:
    """Add the replication line to the main cluster's pg_hba.conf unless a line allows a
    replication connection from 127.0.0.1 already, and reload it."""
    with dbs.connect("postgres") as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_hba_file_rules WHERE error IS NULL "
            "AND 'replication' = ANY(database) AND (type = 'local' OR address = '127.0.0.1' "
            "OR address IS NULL)"
        )
        if cursor.fetchone()[0]:
            return
        cursor.execute("SHOW hba_file")
        hba = Path(cursor.fetchone()[0])
        report(f"  adding '{HBA_LINE}' to {hba} and reloading the server")
        with hba.open("a") as stream:
            stream.write(f"\n# python -m bench --only replica: its standby streams over loopback\n"
                         f"{HBA_LINE}\n")  # fmt: skip
        cursor.execute("SELECT pg_reload_conf()")


class Standby:
    """``with Standby() as standby:`` a hot standby of the main cluster on ``standby.port``
    (kept after the block when ``keep``)."""

    def __init__(self, folder: Path = FOLDER, keep: bool = False, report=print):
        self.folder, self.keep, self.report = folder, keep, report
        self.bin = server_bin()
        self.runner, self.owner = [], None
        if os.geteuid() == 0:  # the server refuses to run as root
            self.owner = pwd.getpwnam("postgres")
            self.runner = ["runuser", "-u", "postgres", "--"]
        self.port = None
        self.seconds = 0.0

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def run(self, program: str, *args: str) -> None:
        subprocess.run([*self.runner, str(self.bin / program), *args], check=True,
                       capture_output=True, text=True)  # fmt: skip

    def __enter__(self):
        started = time.monotonic()
        try:
            if not self.alive():
                self.remove()
                self.create()
            self.wait_ready()
        except BaseException:
            if not self.keep:
                self.remove()
            raise
        self.seconds = time.monotonic() - started
        return self

    def alive(self) -> bool:
        """Whether a standby of an earlier run (``--keep-replica``, or one interrupted)
        runs in the folder; its port is then kept there."""
        try:
            self.port = int((self.folder / "bench_port").read_text())
        except (OSError, ValueError):
            return False
        status = subprocess.run([*self.runner, str(self.bin / "pg_ctl"), "-D", str(self.folder),
                                 "status"], capture_output=True)  # fmt: skip
        return status.returncode == 0

    def wait_ready(self) -> None:
        """Until the standby accepts connections and streams. A hot standby opens only
        once it has a snapshot of the primary's transactions, which a transaction of more
        than 64 subtransactions (savepoints) open on the primary withholds until it ends:
        such transactions are listed while it waits (``BENCH_REPLICA_START_SECONDS``)."""
        limit = float(os.environ.get("BENCH_REPLICA_START_SECONDS", "1800"))
        deadline, told = time.monotonic() + limit, time.monotonic()
        while time.monotonic() < deadline:
            try:
                connection = psycopg2.connect(self.url("postgres"), connect_timeout=5)
                with closing(connection) as pg, pg.cursor() as cursor:
                    cursor.execute("SELECT status FROM pg_stat_wal_receiver")
                    row = cursor.fetchone()
                    if row and row[0] == "streaming":
                        return
            except psycopg2.OperationalError as error:
                if time.monotonic() - told > 30:
                    told = time.monotonic()
                    self.report(f"  the standby does not accept connections yet ({error})")
                    self.report(f"  transactions open on the primary: {open_transactions()}")
            time.sleep(1)
        raise RuntimeError(f"the standby is not ready after {limit:.0f} s (BENCH_REPLICA_START_"
                           f"SECONDS; see {self.folder / 'standby.log'})")  # fmt: skip

    def create(self) -> None:
        allow_replication(self.report)
        self.port = free_port()
        parent = self.folder.parent
        parent.mkdir(parents=True, exist_ok=True)
        data = self.folder
        self.report(f"  pg_basebackup of {dbs.SERVER} into {data} …")
        if self.owner:
            data.mkdir(mode=0o700)
            os.chown(data, self.owner.pw_uid, self.owner.pw_gid)
        server = urlparse(dbs.SERVER)
        self.run("pg_basebackup", "-h", server.hostname, "-p", str(server.port or 5432),
                 "-U", server.username or "postgres", "-D", str(data), "-R", "-X", "stream",
                 "-c", "fast")  # fmt: skip
        with dbs.connect("postgres") as connection, connection.cursor() as cursor:
            copied = {}
            for name in COPIED:
                cursor.execute("SELECT current_setting(%s)", [name])
                copied[name] = cursor.fetchone()[0]
        lines = [f"{name} = '{value}'" for name, value in copied.items()]
        lines += [
            "listen_addresses = '127.0.0.1'",
            f"port = {self.port}",
            f"unix_socket_directories = '{data}'",
            f"cluster_name = '{NAME}'",
            "hot_standby = on",
            # Queries on the standby hold back the primary's vacuum instead of being
            # cancelled by its replay (docs/DEPLOYMENT.md).
            "hot_standby_feedback = on",
        ]
        (data / "postgresql.conf").write_text("\n".join(lines) + "\n")
        (data / "pg_hba.conf").write_text("local all all trust\nhost all all 127.0.0.1/32 trust\n")
        (data / "bench_port").write_text(str(self.port))
        for name in ("postgresql.conf", "pg_hba.conf", "bench_port"):
            if self.owner:
                os.chown(data / name, self.owner.pw_uid, self.owner.pw_gid)
        self.run("pg_ctl", "-D", str(data), "-l", str(data / "standby.log"), "-W", "start")

    def remove(self) -> None:
        if (self.folder / "postmaster.pid").exists():
            subprocess.run([*self.runner, str(self.bin / "pg_ctl"), "-D", str(self.folder),
                            "-m", "fast", "-w", "stop"], capture_output=True)  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)

    def __exit__(self, *exc) -> None:
        if self.keep:
            self.report(f"  the standby keeps running on port {self.port} ({self.folder})")
        else:
            self.remove()


def open_transactions() -> str:
    """The oldest transactions open on the main cluster: database, state, age."""
    with dbs.connect("postgres") as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, datname, state, date_trunc('second', now() - xact_start) "
            "FROM pg_stat_activity WHERE xact_start IS NOT NULL AND pid <> pg_backend_pid() "
            "ORDER BY xact_start LIMIT 5"
        )
        return "; ".join(f"{pid} {name} {state} for {age}" for pid, name, state, age in cursor)


class LagSampler(threading.Thread):
    """Samples the replica's lag every ``SAMPLE_SECONDS`` until ``stop()``: on the standby
    ``now() - pg_last_xact_replay_timestamp()`` (the age of the last transaction replayed:
    the lag while the primary writes, growing when it does not) and the bytes received
    but not replayed; on the primary the bytes written but not replayed and
    ``pg_stat_replication.replay_lag``."""

    def __init__(self, standby: Standby, database: str):
        super().__init__(daemon=True)
        self.standby, self.database = standby, database
        self.samples = []
        self.finished = threading.Event()

    def run(self) -> None:
        with (
            closing(psycopg2.connect(self.standby.url(self.database))) as replica,
            closing(psycopg2.connect(dbs.url(self.database))) as primary,
        ):
            replica.autocommit = primary.autocommit = True
            while not self.finished.wait(SAMPLE_SECONDS):
                with replica.cursor() as cursor:
                    cursor.execute(
                        "SELECT extract(epoch FROM now() - pg_last_xact_replay_timestamp()), "
                        "pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())"
                    )
                    age, unreplayed = cursor.fetchone()
                with primary.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), "
                        "extract(epoch FROM replay_lag) FROM pg_stat_replication "
                        "WHERE application_name = %s",
                        [NAME],
                    )
                    behind, replay_lag = cursor.fetchone() or (None, None)
                self.samples.append((age, unreplayed, behind, replay_lag))

    def stop(self) -> dict:
        self.finished.set()
        self.join()
        summary = {"samples": len(self.samples)}
        names = ("replay_age_s", "received_not_replayed_bytes", "bytes_behind", "replay_lag_s")
        for index, name in enumerate(names):
            values = [float(sample[index]) for sample in self.samples if sample[index] is not None]
            if values:
                summary[name] = {
                    "p50": percentile(values, 50),
                    "p95": percentile(values, 95),
                    "max": max(values),
                }
        return summary


@contextmanager
def replica_environment(url: str):
    """The servers started inside read ``DATABASE_REPLICA_URL`` (bench.dbs.django_env
    copies this process's environment)."""
    before = os.environ.get("DATABASE_REPLICA_URL")
    os.environ["DATABASE_REPLICA_URL"] = url
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("DATABASE_REPLICA_URL", None)
        else:
            os.environ["DATABASE_REPLICA_URL"] = before


def _standby_readers(cursor, database: str) -> int:
    """Client connections to ``database`` on the standby other than this one."""
    cursor.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
        [database],
    )
    return cursor.fetchone()[0]


def section(database: str, runs: int, worker, *, keep: bool = False, writer=None,
            cores: str | None = None, report=print) -> dict:  # fmt: skip
    """The province statistics served with the standby as the replica: ``measure``'s rows,
    the lag while they ran, and proof that the server read the standby."""
    ids = worker(database, "session")
    with Standby(keep=keep, report=report) as standby:
        report(f"  standby on port {standby.port}, ready in {standby.seconds:.0f} s")
        with (
            replica_environment(standby.url(database)),
            Server(database, cores=cores) as server,
            closing(psycopg2.connect(standby.url(database))) as replica,
        ):
            replica.autocommit = True
            cursor = replica.cursor()
            client = Client(server.port, ids["cookie"])
            client.json(statistics.path_of("table", "town"))
            readers = _standby_readers(cursor, database)
            if not readers:
                raise RuntimeError("the server did not read the standby")
            sampler = LagSampler(standby, database)
            sampler.start()
            try:
                extra = {"writer": writer} if writer is not None else {}
                rows = statistics.measure(client, cursor, "province", runs, **extra)
            finally:
                lag = sampler.stop()
    report(f"  replica lag: {lag}")
    return {"statistics": rows, "lag": lag, "standby_readers": readers,
            "standby_seconds": standby.seconds}  # fmt: skip


def _figure(summary: dict | None, scale: float = 1.0, unit: str = "", digits: int = 1) -> str:
    if not summary:
        return "—"
    return ", ".join(
        f"{name} {summary[name] * scale:,.{digits}f}{unit}" for name in ("p50", "p95", "max")
    )


def summary_rows(result: dict | None, limit: float, ratio: float) -> list[str]:
    """The targets table's line: the province statistics on the replica, lag beside."""
    if not result or not result.get("statistics"):
        return []
    rows = result["statistics"]
    worst = max(rows, key=lambda r: r["p95"])
    worst_ratio = max(r["p95"] / r["floor_p95"] for r in rows if r["floor_p95"])
    met = sum(r["p95"] <= limit and r["p95"] <= ratio * r["floor_p95"] for r in rows)
    lag = result.get("lag", {})
    replay_lag = _figure(lag.get("replay_lag_s"), 1000, " ms")
    return [
        f"| statistics, province, read from a streaming replica ({len(rows)} endpoint × "
        f"grouping) | worst p95 {worst['p95']:,.1f} ms ({worst['endpoint']}, {worst['group']}); "
        f"worst ×floor {worst_ratio:.2f}; replay lag {replay_lag}"
        f"; bytes behind {_figure(lag.get('bytes_behind'), digits=0)} | floor on the standby "
        f"| as on the primary | {met}/{len(rows)} met; numbers equal: "
        f"{'all' if all(r['same'] for r in rows) else 'NOT all'} |"
    ]


def markdown(result: dict | None, statistics_rows) -> list[str]:
    """The document's section: the lag and the per-endpoint table (``statistics_rows``:
    bench.report's)."""
    if not result or not result.get("statistics"):
        return []
    lag = result.get("lag", {})
    return [
        "## Statistics from a streaming replica (`--only replica`)",
        "",
        "A hot standby of the benchmark's cluster on this machine (pg_basebackup, streaming",
        "replication, `hot_standby_feedback`), the server's `DATABASE_REPLICA_URL` on it",
        f"({result['standby_readers']} connections of the server to the standby seen); floors",
        f"run on the standby. Lag sampled every {SAMPLE_SECONDS} s ({lag.get('samples', 0)} "
        "samples):",
        "",
        "| lag | figure |",
        "|---|---|",
        f"| `now() - pg_last_xact_replay_timestamp()` (standby) "
        f"| {_figure(lag.get('replay_age_s'), 1000, ' ms')} |",
        f"| received, not replayed (standby, bytes) "
        f"| {_figure(lag.get('received_not_replayed_bytes'), digits=0)} |",
        f"| written, not replayed (primary, bytes) "
        f"| {_figure(lag.get('bytes_behind'), digits=0)} |",
        f"| `pg_stat_replication.replay_lag` | {_figure(lag.get('replay_lag_s'), 1000, ' ms')} |",
        "",
        *statistics_rows(result["statistics"]),
        "",
    ]
