"""CPU seconds spent by the server under test: gunicorn's process group (master and
workers, and workers that ended, through the master's children counters) and the
PostgreSQL backends serving the benchmark's database, read from /proc; and how long
gunicorn's threads were ready to run but waited for the core (other processes had it:
on a shared machine that, not the code, is where much of the latency goes)."""

import os
import time
from pathlib import Path

from bench import dbs

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd (state) on


def _ticks(fields: list[str], children: bool = False) -> int:
    # utime, stime are fields 14 and 15 (1-based); cutime, cstime 16 and 17.
    own = int(fields[11]) + int(fields[12])
    return own + (int(fields[13]) + int(fields[14]) if children else 0)


def gunicorn_ticks(group: int) -> dict[int, int]:
    ticks = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields and int(fields[2]) == group:
                ticks[int(entry.name)] = _ticks(fields, children=int(entry.name) == group)
    return ticks


def gunicorn_waiting(group: int) -> dict[int, float]:
    """Seconds each gunicorn thread spent runnable, waiting for a CPU (schedstat)."""
    waiting = {}
    for pid in gunicorn_ticks(group):
        for task in Path(f"/proc/{pid}/task").glob("*/schedstat"):
            try:
                waiting[int(task.parent.name)] = int(task.read_text().split()[1]) / 1e9
            except (OSError, IndexError, ValueError):
                continue
    return waiting


def postgres_ticks(database: str) -> dict[int, int]:
    with dbs.connect(database) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        pids = [row[0] for row in cursor.fetchall()]
    ticks = {}
    for pid in pids:
        fields = _stat(pid)
        if fields:
            ticks[pid] = _ticks(fields)
    return ticks


def _spent(before: dict[int, int], after: dict[int, int]) -> float:
    return sum(value - before.get(pid, 0) for pid, value in after.items()) / TICK


class CpuMeter:
    """``meter.start()`` when the window opens, ``meter.stop()`` when it closes; then
    ``meter.figures()``: CPU seconds and percent of one core over the window."""

    def __init__(self, group: int, database: str):
        self.group, self.database = group, database
        self.before = self.after = None

    def _read(self) -> tuple[float, dict, dict, dict]:
        return (
            time.monotonic(),
            gunicorn_ticks(self.group),
            postgres_ticks(self.database),
            gunicorn_waiting(self.group),
        )

    def start(self) -> None:
        self.before = self._read()

    def stop(self) -> None:
        self.after = self._read()

    def figures(self) -> dict:
        if not (self.before and self.after):
            return {}
        seconds = self.after[0] - self.before[0]
        gunicorn = _spent(self.before[1], self.after[1])
        postgres = _spent(self.before[2], self.after[2])
        waited = sum(value - self.before[3].get(tid, 0.0) for tid, value in self.after[3].items())
        return {
            "gunicorn_cpu_seconds": gunicorn,
            "gunicorn_cpu_percent": 100 * gunicorn / seconds,
            "postgres_cpu_seconds": postgres,
            "postgres_cpu_percent": 100 * postgres / seconds,
            "gunicorn_waited_for_cpu_seconds": waited,
        }
