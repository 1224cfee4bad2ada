"""Statistics endpoints through HTTP against their raw-SQL floors, same data, same run.

Every endpoint (``/api/v1/statistics/`` and one per figure) with every grouping it
answers: p50/p95 of the endpoint and of the floor, and whether both gave the same
numbers (each figure the floor computes, for every group).

The answers are cached under the data version (reports.statistics.version): the p50/p95
columns are repeated requests (warm); the cold column is the first request after a write,
made by bumping the version before each request with a statement that writes no row
(``BUMP``: the tables' triggers fire all the same, as for any write).
"""

import datetime
from decimal import Decimal

from bench.floors import FLOORS, figures_of, groupings_of
from bench.http import percentile, timed_sql

ENDPOINTS = ("table", *FLOORS)
# A write that changes no row still changes the data version (statement triggers).
BUMP = "UPDATE inspection_term SET id = id WHERE false"
COLD_RUNS = 5


def timed_cold(client, cursor, path: str, runs: int) -> list[float]:
    """Milliseconds of ``runs`` GETs, each the first after a write (a cold cache)."""
    samples = []
    for _ in range(runs):
        cursor.execute(BUMP)
        samples += client.timed(path, 1, warm_up=False)
    return samples


def path_of(endpoint: str, group: str | None) -> str:
    base = "/api/v1/statistics/" if endpoint == "table" else f"/api/v1/statistics/{endpoint}/"
    return base + (f"?group_by={group}" if group else "")


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def _same(answer: list[dict], floor_rows: dict[str, list]) -> bool:
    """Every number the floor computed equals the endpoint's, group by group."""
    by_key = {row["key"]: row["figures"] for row in answer}
    for figure, (columns, rows) in floor_rows.items():
        for row in rows:
            key = None if row[0] is None else str(row[0])
            figures = by_key.get(key)
            if figures is None:
                return False
            for name, value in zip(columns[1:], row[1:], strict=True):
                if _number(figures.get(name)) != _number(value):
                    return False
        del figure
    return True


def measure(client, cursor, scope: str, runs: int, report=print) -> list[dict]:
    today = datetime.date.today()
    results = []
    for endpoint in ENDPOINTS:
        for group in groupings_of(endpoint) if endpoint != "table" else groupings_of("clues"):
            path = path_of(endpoint, group)
            answer = client.json(path)
            samples = client.timed(path, runs)
            cold = timed_cold(client, cursor, path, min(runs, COLD_RUNS))
            floor_samples = [0.0] * runs
            floor_rows = {}
            for figure in figures_of(endpoint, group):
                sql = FLOORS[figure](group, today)
                times, rows = timed_sql(cursor, sql, runs)
                columns = [column.name for column in cursor.description]
                floor_rows[figure] = (columns, rows)
                floor_samples = [a + b for a, b in zip(floor_samples, times, strict=True)]
            result = {
                "scope": scope,
                "endpoint": endpoint,
                "group": group or "—",
                "path": path,
                "rows": len(answer),
                "p50": percentile(samples, 50),
                "p95": percentile(samples, 95),
                "cold_p50": percentile(cold, 50),
                "cold_p95": percentile(cold, 95),
                "floor_p50": percentile(floor_samples, 50),
                "floor_p95": percentile(floor_samples, 95),
                "same": _same(answer, floor_rows),
            }
            results.append(result)
            report(
                f"  {scope:8} {endpoint:13} {result['group']:8} p95 {result['p95']:8.1f} ms"
                f"  cold {result['cold_p95']:8.1f} ms  floor {result['floor_p95']:8.1f} ms"
                f"  same={result['same']}"
            )
    return results
