"""The figures of ``python -m bench.users``: per request type and journey, sign-ins
apart; the markdown table of the command and of docs/PERFORMANCE.md."""

from bench.agent import Sample
from bench.http import percentile


def _figures(samples: list[Sample]) -> dict:
    times = [s.ms for s in samples] or [0.0]
    return {
        "requests": len(samples),
        "errors": sum(bool(s.error) for s in samples),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "p99": percentile(times, 99),
        "max": max(times),
    }


def summarise(samples: list[Sample], window: dict, plans: list[dict]) -> dict:
    """Figures per request type and journey, the sign-ins apart, over the window."""
    signing = [s for s in samples if s.name.startswith("sign in")]
    steady = [s for s in samples if not s.name.startswith("sign in")]
    seconds = window["end"] - window["start"]
    by_type = {}
    for sample in steady:
        by_type.setdefault((sample.journey, sample.name), []).append(sample)
    users = {}
    for plan in plans:
        users[plan["journey"]] = users.get(plan["journey"], 0) + 1
    return {
        "users": len(plans),
        "users_by_journey": users,
        "seconds": seconds,
        "total": {**_figures(steady), "rps": len(steady) / seconds if seconds else 0.0},
        "sign_in": _figures(signing),
        "types": [
            {"journey": journey, "name": name, **_figures(group)}
            for (journey, name), group in sorted(by_type.items())
        ],
        "writes": sum(s.name.startswith("POST") and not s.error for s in steady),
        "error_samples": [f"{s.journey}: {s.name}: {s.error}" for s in samples if s.error][:20],
    }


def markdown(result: dict) -> list[str]:
    """The table of the doc and of the command's output."""
    lines = [
        "| user | request | count | errors | p50 ms | p95 ms | p99 ms |",
        "|---|---|--:|--:|--:|--:|--:|",
    ]
    rows = [*result["types"], {"journey": "all", "name": "sign in (before the window)",
                               **result["sign_in"]}]  # fmt: skip
    for r in rows:
        lines.append(
            f"| {r['journey']} | `{r['name']}` | {r['requests']:,} | {r['errors']} "
            f"| {r['p50']:,.0f} | {r['p95']:,.0f} | {r['p99']:,.0f} |"
        )
    t = result["total"]
    lines.append(
        f"| **all** | **{t['rps']:.1f} req/s** | **{t['requests']:,}** | **{t['errors']}** "
        f"| **{t['p50']:,.0f}** | **{t['p95']:,.0f}** | **{t['p99']:,.0f}** |"
    )
    return lines


def summary(result: dict) -> str:
    server, total = result["server"], result["total"]
    mix = ", ".join(f"{name} {count}" for name, count in result["users_by_journey"].items())
    return (
        f"{result['users']} users ({mix}) "
        f"for {result['seconds']:.0f} s: {total['requests']:,} requests, {total['rps']:.1f} req/s, "
        f"{total['errors']} errors, {result['writes']} forms saved; gunicorn "
        f"({server['workers']} {server['worker_class']} workers, core {server['cores']}) "
        f"{server.get('gunicorn_cpu_percent', 0):.0f}% of a core "
        f"({server.get('cpu_ms_per_request', 0):.0f} ms CPU a request; its threads waited "
        f"{server.get('gunicorn_waited_for_cpu_seconds', 0):.0f} s in all for the core), "
        f"PostgreSQL {server.get('postgres_cpu_percent', 0):.0f}% of a core"
    )
