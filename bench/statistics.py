"""Statistics endpoints through HTTP against their raw-SQL floors, same data, same run.

Every endpoint (``/api/v1/statistics/`` and one per figure) with every grouping it
answers: p50/p95 of the endpoint and of the floor, and whether both gave the same
numbers (each figure the floor computes, for every group).
"""

import datetime
from decimal import Decimal

from bench.floors import FLOORS, figures_of, groupings_of
from bench.http import percentile, timed_sql

ENDPOINTS = ("table", *FLOORS)


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
                "floor_p50": percentile(floor_samples, 50),
                "floor_p95": percentile(floor_samples, 95),
                "same": _same(answer, floor_rows),
            }
            results.append(result)
            report(
                f"  {scope:8} {endpoint:13} {result['group']:8} p95 {result['p95']:8.1f} ms"
                f"  floor {result['floor_p95']:8.1f} ms  same={result['same']}"
            )
    return results
