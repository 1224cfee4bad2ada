"""List endpoints with typical filters, first page and 100,000 rows deep, and the dashboard.

Pages are cursor pages (newest first by id): the deep page's cursor is built for the
position 100,000 rows into the filtered list, as a client paging that far would hold.
The floor is the same page read with raw SQL (the rows' own columns, by the same filter).
"""

import base64
import datetime
from urllib.parse import quote

from bench.http import percentile, timed_sql

DEPTH = 100_000
OPEN = "('pending', 'in_progress', 'returned')"


def lists(ids: dict) -> list[tuple[str, str, str, str]]:
    """(label, API path, table, SQL condition) of each list measured."""
    today = datetime.date.today().isoformat()
    town = ids["town"]
    return [
        ("problems ?status=fed_back", "/api/v1/problems/?status=fed_back",
         "findings_problem", "status = 'fed_back'"),
        ("ledger ?overdue=true", "/api/v1/rectification-items/?overdue=true",
         "rectification_rectificationitem", f"deadline < DATE '{today}' AND status IN {OPEN}"),
        ("ledger ?status=closed", "/api/v1/rectification-items/?status=closed",
         "rectification_rectificationitem", "status = 'closed'"),
        ("ledger ?town=", f"/api/v1/rectification-items/?town={town}",
         "rectification_rectificationitem",
         "problem_id IN (SELECT p.id FROM findings_problem p JOIN rounds_assignment a "
         f"ON a.id = p.assignment_id WHERE a.town_id = {town})"),
        ("interviews (all)", "/api/v1/interviews/", "rounds_interview", "true"),
        ("villages ?attention_class=risk", "/api/v1/villages/?attention_class=risk",
         "inspection_village", "attention_class = 'risk'"),
    ]  # fmt: skip


def cursor_for(position: int) -> str:
    """The API's cursor to the rows after ``position`` (its ordering's one column, the id:
    the position is the list of the ordering's values, inspection/api/pagination.py)."""
    return quote(base64.b64encode(f"p=[{position}]".encode()).decode())


def measure(client, cursor, scope: str, ids: dict, runs: int, report=print) -> list[dict]:
    results = []
    for label, path, table, where in lists(ids):
        cursor.execute(f"SELECT count(*) FROM {table} WHERE {where}")
        total = cursor.fetchone()[0]
        pages = [("first page", path, f"SELECT * FROM {table} WHERE {where}")]
        if total > DEPTH + 50:
            cursor.execute(
                f"SELECT id FROM {table} WHERE {where} ORDER BY id DESC OFFSET {DEPTH - 1} LIMIT 1"
            )
            position = cursor.fetchone()[0]
            joiner = "&" if "?" in path else "?"
            pages.append(
                (
                    f"{DEPTH:,} deep",
                    f"{path}{joiner}cursor={cursor_for(position)}",
                    f"SELECT * FROM {table} WHERE {where} AND id < {position}",
                )
            )
        for depth, url, sql in pages:
            samples = client.timed(url, runs)
            floor, _ = timed_sql(cursor, f"{sql} ORDER BY id DESC LIMIT 51", runs)
            result = {
                "scope": scope,
                "list": label,
                "page": depth,
                "path": url,
                "rows": total,
                "p50": percentile(samples, 50),
                "p95": percentile(samples, 95),
                "floor_p50": percentile(floor, 50),
                "floor_p95": percentile(floor, 95),
            }
            results.append(result)
            report(
                f"  {scope:8} {label:32} {depth:12} p95 {result['p95']:7.1f} ms"
                f"  floor {result['floor_p95']:6.1f} ms"
            )
    return results


def dashboard(client, scope: str, runs: int, report=print) -> dict:
    """GET / as an office user: measured if it answers 200 with HTML."""
    status, _, content_type = client.get("/", accept="text/html")
    if status != 200 or "html" not in content_type:
        report(f"  {scope:8} dashboard: not built yet (GET / answered {status})")
        return {"scope": scope, "built": False, "status": status}
    samples = client.timed("/", runs, accept="text/html")
    result = {
        "scope": scope,
        "built": True,
        "p50": percentile(samples, 50),
        "p95": percentile(samples, 95),
    }
    report(f"  {scope:8} dashboard p50 {result['p50']:.1f} ms  p95 {result['p95']:.1f} ms")
    return result
