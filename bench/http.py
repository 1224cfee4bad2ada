"""Timed GETs over loopback (keep-alive), and the percentiles the benchmark reports."""

import http.client
import json
import time


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile (nearest rank) of ``samples``."""
    ordered = sorted(samples)
    rank = max(round(p / 100 * len(ordered) + 0.5) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]


class Client:
    """One keep-alive connection to the server under test, signed in by a session cookie."""

    def __init__(self, port: int, cookie: str):
        self.port = port
        self.headers = {"Cookie": f"sessionid={cookie}", "Accept": "application/json"}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)

    def get(self, path: str, accept: str | None = None) -> tuple[int, bytes, str]:
        headers = dict(self.headers)
        if accept:
            headers["Accept"] = accept
        try:
            self.connection.request("GET", path, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, ConnectionError):
            self.connection.close()
            self.connection.request("GET", path, headers=headers)
            response = self.connection.getresponse()
        body = response.read()
        return response.status, body, response.getheader("Content-Type", "")

    def json(self, path: str):
        status, body, _ = self.get(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status} {body[:300]!r}")
        return json.loads(body)

    def timed(
        self, path: str, runs: int, accept: str | None = None, warm_up: bool = True
    ) -> list[float]:
        """Milliseconds of ``runs`` GETs (after one warm-up, unless not), each checked for
        a 200."""
        if warm_up:
            self.get(path, accept)
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            status, body, _ = self.get(path, accept)
            samples.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise RuntimeError(f"GET {path}: {status} {body[:300]!r}")
        return samples


def timed_sql(cursor, sql: str, runs: int, params=()) -> tuple[list[float], list]:
    """Milliseconds of ``runs`` executions of ``sql`` with every row fetched (after one
    warm-up), and the rows of the last run."""
    cursor.execute(sql, params)
    rows = cursor.fetchall()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        samples.append((time.perf_counter() - started) * 1000)
    return samples, rows
