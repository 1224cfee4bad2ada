"""Statistics endpoints through HTTP against their raw-SQL floors, same data, same run.

Every endpoint (``/api/v1/statistics/`` and one per figure) with every grouping it
answers, measured twice:

- **under writes** (the published figure): while the writer (``bench/writer.py``) makes
  its writes a second over the whole database, ``runs`` requests one after another;
- **warm**: the writer paused, repeated requests (the answers cached under the data
  version, reports.statistics.version, are then served again).

The floor (``bench/floors.py``) is timed with the writer paused, and whether it gives the
same numbers as the endpoint is checked on that same still data: the endpoint's answer
is read just before, nothing writing in between. The floor under writes would be a
little slower, so ×floor under writes is the stricter ratio.

Without a writer (``writer=None``) only the warm figure is measured.
"""

import datetime
import time
from decimal import Decimal
from zoneinfo import ZoneInfo

from bench.floors import FLOORS, figures_of, groupings_of
from bench.http import percentile, timed_sql

ENDPOINTS = ("table", *FLOORS)
PRODUCT_ZONE = ZoneInfo("Asia/Shanghai")  # settings.TIME_ZONE: the day the figures are "on"
# Once resumed, the writer has this long to make its first writes (and so invalidate
# what the warm requests left cached) before the requests under writes are timed.
SETTLE_SECONDS = 0.3


def path_of(endpoint: str, group: str | None) -> str:
    base = "/api/v1/statistics/" if endpoint == "table" else f"/api/v1/statistics/{endpoint}/"
    return base + (f"?group_by={group}" if group else "")


def _number(value):
    """Counts as they are; amounts (the API writes them as text) as decimals."""
    if isinstance(value, Decimal | float | str):
        return Decimal(str(value))
    return value


def _same(answer: list[dict], floor_rows: dict[str, list]) -> bool:
    """Every number the floor computed equals the endpoint's, group by group."""
    by_key = {row["key"]: row["figures"] for row in answer}
    for columns, rows in floor_rows.values():
        for row in rows:
            key = None if row[0] is None else str(row[0])
            figures = by_key.get(key)
            if figures is None:
                return False
            for name, value in zip(columns[1:], row[1:], strict=True):
                if _number(figures.get(name)) != _number(value):
                    return False
    return True


def _floor(cursor, endpoint: str, group: str | None, runs: int) -> tuple[list, dict]:
    """The floor's milliseconds (its figures' SQL one after another) and rows."""
    today = datetime.datetime.now(PRODUCT_ZONE).date()  # the endpoint's "today"
    samples, rows = [0.0] * runs, {}
    for figure in figures_of(endpoint, group):
        times, found = timed_sql(cursor, FLOORS[figure](group, today), runs)
        rows[figure] = ([column.name for column in cursor.description], found)
        samples = [a + b for a, b in zip(samples, times, strict=True)]
    return samples, rows


def under_writes(client, writer, path: str, runs: int) -> tuple[list[float], dict]:
    """Milliseconds of ``runs`` GETs while the writer writes, and its writes meanwhile."""
    before = writer.resume()
    time.sleep(SETTLE_SECONDS)
    samples = client.timed(path, runs, warm_up=False)
    after = writer.pause()
    writes = {key: after[key] - before[key] for key in ("writes", "refused", "failed", "seconds")}
    writes["rate"] = writes["writes"] / writes["seconds"] if writes["seconds"] else 0.0
    return samples, writes


def measure(client, cursor, scope: str, runs: int, writer=None, report=print) -> list[dict]:
    results = []
    for endpoint in ENDPOINTS:
        for group in groupings_of(endpoint) if endpoint != "table" else groupings_of("clues"):
            path = path_of(endpoint, group)
            answer = client.json(path)  # the writer is paused: the floor reads the same data
            floor, floor_rows = _floor(cursor, endpoint, group, runs)
            warm = client.timed(path, runs)
            result = {
                "scope": scope,
                "endpoint": endpoint,
                "group": group or "—",
                "path": path,
                "rows": len(answer),
                "warm_p50": percentile(warm, 50),
                "warm_p95": percentile(warm, 95),
                "floor_p50": percentile(floor, 50),
                "floor_p95": percentile(floor, 95),
                "same": _same(answer, floor_rows),
            }
            # The published figure: under writes when there is a writer, else warm.
            published = warm
            if writer is not None:
                published, result["writes"] = under_writes(client, writer, path, runs)
            result["p50"], result["p95"] = percentile(published, 50), percentile(published, 95)
            results.append(result)
            rate = f"  {result['writes']['rate']:4.1f} writes/s" if writer is not None else ""
            report(
                f"  {scope:8} {endpoint:13} {result['group']:8} p95 {result['p95']:8.1f} ms"
                f"  warm {result['warm_p95']:8.1f} ms  floor {result['floor_p95']:8.1f} ms"
                f"  same={result['same']}{rate}"
            )
    return results
