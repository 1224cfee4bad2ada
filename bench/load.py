"""Mixed read traffic from wrk (pinned to its own core) against gunicorn on loopback.

The mix (one request in ``MIX`` after another, per connection): list first pages with
filters, a deep page, record details, statistics for a town and a round, and the
dashboard when it is built. wrk runs at rising concurrency; the answer is the highest
throughput whose p95 latency stays within 200 ms.
"""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.lists import DEPTH, cursor_for
from bench.server import pin

SCRIPT = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], wrk.headers)
end
done = function(summary, latency, requests)
  io.write(string.format("JSON {\\"requests\\": %%d, \\"seconds\\": %%f, "
    .. "\\"p95_ms\\": %%f, \\"p50_ms\\": %%f, \\"errors\\": %%d, \\"non2xx\\": %%d}\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(95) / 1000,
    latency:percentile(50) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
"""
CONCURRENCY = (1, 2, 4, 8, 16)


def mix(ids: dict, deep_position: int | None, dashboard: bool) -> list[str]:
    town, round_id, village = ids["town"], ids["round"], ids["village"]
    paths = [
        f"/api/v1/rectification-items/?town={town}",
        "/api/v1/rectification-items/?overdue=true",
        f"/api/v1/problems/?round={round_id}",
        f"/api/v1/interviews/?village={village}",
        f"/api/v1/villages/?town={town}",
        f"/api/v1/statistics/?town={town}",
        f"/api/v1/statistics/problems/?round={round_id}&group_by=town",
        f"/api/v1/statistics/rectification/?town={town}&group_by=village",
        "/api/v1/rounds/",
        f"/api/v1/assignments/?town={town}",
    ]
    if deep_position:
        paths.append(f"/api/v1/problems/?status=fed_back&cursor={cursor_for(deep_position)}")
    if dashboard:
        paths.append("/")
    return paths


def run(port: int, cookie: str, paths: list[str], seconds: int, cores: str, report=print):
    """{"best": {...}, "runs": [...]} or {"missing": True} without wrk."""
    if shutil.which("wrk") is None:
        report("  wrk is missing: apt-get install -y wrk (mixed read traffic not measured)")
        return {"missing": True}
    lua = SCRIPT % ", ".join(json.dumps(path) for path in paths)
    runs = []
    with tempfile.TemporaryDirectory() as directory:
        script = Path(directory) / "mix.lua"
        script.write_text(lua)
        for connections in CONCURRENCY:
            command = [
                *pin(cores), "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout=10s",
                "-H", f"Cookie: sessionid={cookie}", "-H", "Accept: application/json",
                "-s", str(script), f"http://127.0.0.1:{port}",
            ]  # fmt: skip
            output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
            line = next(line for line in output.splitlines() if line.startswith("JSON "))
            result = json.loads(line[5:])
            result["connections"] = connections
            result["rps"] = result["requests"] / result["seconds"]
            runs.append(result)
            report(
                f"  wrk -c{connections:<3} {result['rps']:7.1f} req/s"
                f"  p50 {result['p50_ms']:6.1f} ms"
                f"  p95 {result['p95_ms']:6.1f} ms  errors {result['errors'] + result['non2xx']}"
            )
            if result["p95_ms"] > 400:
                break
    within = [r for r in runs if r["p95_ms"] <= 200 and not r["errors"] and not r["non2xx"]]
    best = max(within, key=lambda r: r["rps"]) if within else None
    return {"best": best, "runs": runs, "paths": paths, "depth": DEPTH}
