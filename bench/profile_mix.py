"""The mixed reads request by request, layer by layer, in one process (issue 23).

``python -m bench.profile_mix [--database bench_province_NAME] [--rounds 30]`` runs each
path of the mix (``bench/load.py``) ``--rounds`` times, one path after another as wrk
does, through the project's WSGI application as gunicorn calls it: production-like
settings (no DEBUG, the cache in Redis, connections kept), an office user's session
cookie, the garbage collected after each response as the server's workers do
(``inspection/serving.py``). Each request's wall time is split into layers, each
counting only its own time (a query run by a serializer is the queries', not the
serializer's):

- middleware      everything outside the others: the WSGI handler, URL resolution,
                  every middleware's own work;
- session+auth    the session read and written, the user loaded, DRF's authenticators;
- view+perm       the view's own code: permission classes, scoping, filters, paging;
- queries         SQL, from the driver's call to the last row fetched;
- serializer      serializers made and their ``data`` built;
- rendering       a response rendered: DRF's renderers, Django templates;
- cache           the cache (Redis) read and written.

``--json FILE`` keeps the samples; ``python -m bench.profile_mix report --before A.json
--after B.json`` prints the table of docs/PERFORMANCE.md from samples of two code trees
(run each tree's copy of this file alternately, several times, and pass every file).
``--pyinstrument DIR`` also writes one pyinstrument profile a path, all its rounds
combined: the call tree (text and HTML) and the functions by their own time (flat).

The mix writes (each interview list read adds an access-log row; the session's last-seen
time is kept), so run it on a copy of the benchmark's database
(``createdb -T bench_province bench_province_NAME``).
"""

import argparse
import io
import json
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import unquote

LAYERS = ("middleware", "session+auth", "view+perm", "queries", "serializer", "rendering", "cache")


class Clock:
    """Exclusive time per layer: entering a layer pauses the one it was entered from.

    Each layer's time is counted twice: the CPU time of the thread (what the server's
    core spends, whatever else the machine runs: the published measure) and the wall
    time (which adds the waits: for PostgreSQL, Redis, and for a core on a busy machine).
    """

    def __init__(self):
        self.stack: list[list] = []
        self.cpu: dict[str, float] = defaultdict(float)
        self.wall: dict[str, float] = defaultdict(float)
        self.queries = 0

    def reset(self) -> None:
        self.stack.clear()
        self.cpu = defaultdict(float)
        self.wall = defaultdict(float)
        self.queries = 0

    def enter(self, layer: str) -> None:
        cpu, wall = time.thread_time(), time.perf_counter()
        if self.stack:
            top = self.stack[-1]
            self.cpu[top[0]] += cpu - top[1]
            self.wall[top[0]] += wall - top[2]
        self.stack.append([layer, cpu, wall])

    def leave(self) -> None:
        cpu, wall = time.thread_time(), time.perf_counter()
        layer, cpu_started, wall_started = self.stack.pop()
        self.cpu[layer] += cpu - cpu_started
        self.wall[layer] += wall - wall_started
        if self.stack:
            self.stack[-1][1] = cpu
            self.stack[-1][2] = wall


CLOCK = Clock()


def timed(function, layer: str):
    def wrapper(*args, **kwargs):
        CLOCK.enter(layer)
        try:
            return function(*args, **kwargs)
        finally:
            CLOCK.leave()

    wrapper.__wrapped__ = function
    wrapper.__name__ = getattr(function, "__name__", "wrapper")
    return wrapper


def patch(owner, name: str, layer: str) -> None:
    """Time ``owner.name`` (a function, a method or a property's getter) as ``layer``."""
    attribute = owner.__dict__.get(name) if isinstance(owner, type) else getattr(owner, name)
    if attribute is None:  # inherited: found on a base class
        attribute = getattr(owner, name)
    if isinstance(attribute, property):
        setattr(owner, name, property(timed(attribute.fget, layer), attribute.fset))
    else:
        setattr(owner, name, timed(attribute, layer))


def instrument() -> None:
    """Put the clock on the layers (after ``django.setup()``)."""
    from django.contrib import auth
    from django.contrib.sessions.backends import base as sessions_base
    from django.contrib.sessions.backends import db as sessions_db
    from django.core.cache.backends import redis as redis_cache
    from django.core.handlers import base as handlers_base
    from django.db import connection
    from django.template import base as template_base
    from rest_framework import generics, request, response, serializers, views

    patch(sessions_db.SessionStore, "load", "session+auth")
    patch(sessions_db.SessionStore, "save", "session+auth")
    patch(sessions_base.SessionBase, "_get_session", "session+auth")
    patch(auth, "get_user", "session+auth")
    patch(request.Request, "_authenticate", "session+auth")
    for name in ("get", "get_many", "set", "set_many", "add"):
        patch(redis_cache.RedisCache, name, "cache")
    patch(generics.GenericAPIView, "get_serializer", "serializer")
    patch(serializers.Serializer, "data", "serializer")
    patch(serializers.ListSerializer, "data", "serializer")
    patch(response.Response, "rendered_content", "rendering")
    patch(template_base.Template, "render", "rendering")
    patch(views.APIView, "check_permissions", "view+perm")

    original = handlers_base.BaseHandler.make_view_atomic

    def make_view_atomic(self, view):
        return timed(original(self, view), "view+perm")

    handlers_base.BaseHandler.make_view_atomic = make_view_atomic

    def query(execute, sql, params, many, context):
        CLOCK.queries += 1
        CLOCK.enter("queries")
        try:
            return execute(sql, params, many, context)
        finally:
            CLOCK.leave()

    connection.execute_wrappers.append(query)


def environ(path: str, cookie: str) -> dict:
    """What gunicorn hands the application for ``GET path`` from the benchmark's wrk."""
    route, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": unquote(route).encode().decode("latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": f"sessionid={cookie}",
        "HTTP_ACCEPT": "application/json",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": True,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def request(application, path: str, cookie: str) -> dict:
    """One request, timed by layer; the response closed (and garbage collected, as the
    server does after sending it) outside the time."""
    statuses = []
    CLOCK.reset()
    CLOCK.enter("middleware")
    body = application(environ(path, cookie), lambda status, headers: statuses.append(status))
    size = sum(len(chunk) for chunk in body)
    CLOCK.leave()
    body.close()
    if not statuses[0].startswith("200"):
        raise RuntimeError(f"GET {path}: {statuses[0]}")
    sample = {layer: CLOCK.cpu.get(layer, 0.0) * 1000 for layer in LAYERS}
    sample.update({f"{layer} wall": CLOCK.wall.get(layer, 0.0) * 1000 for layer in LAYERS})
    sample.update(
        cpu=sum(CLOCK.cpu.values()) * 1000,
        wall=sum(CLOCK.wall.values()) * 1000,
        statements=CLOCK.queries,
        bytes=size,
    )
    return sample


def setup(database: str, redis: str) -> None:
    from bench.dbs import django_env

    os.environ.update(
        django_env(
            database, DATABASE_CONN_MAX_AGE="600", REDIS_URL=redis, DJANGO_LOG_LEVEL="WARNING"
        )
    )
    import django

    django.setup()


def mix_paths() -> tuple[list[str], str]:
    """The benchmark's mix on this database, and a session cookie of its office user."""
    from django.db import connection

    from bench import lists, load, worker

    ids = worker.session()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id FROM findings_problem WHERE status = 'fed_back' "
            f"ORDER BY id DESC OFFSET {lists.DEPTH - 1} LIMIT 1"
        )
        row = cursor.fetchone()
    return load.mix(ids, row[0] if row else None, dashboard=True), ids["cookie"]


def measure(args) -> dict:
    setup(args.database, args.redis)
    from inspection.serving import collect_after_responses
    from inspection.wsgi import application

    paths, cookie = mix_paths()
    collect_after_responses()
    instrument()
    for path in paths:  # warm: the statistics answers cached, every module imported
        request(application, path, cookie)
    samples = {path: [] for path in paths}
    profiles = {path: [] for path in paths} if args.pyinstrument else None
    for _ in range(args.rounds):
        for path in paths:
            if profiles is None:
                samples[path].append(request(application, path, cookie))
                continue
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            profiler.start()
            samples[path].append(request(application, path, cookie))
            profiles[path].append(profiler.stop())
    if profiles:
        write_profiles(Path(args.pyinstrument), profiles)
    return {"code": str(Path.cwd()), "rounds": args.rounds, "samples": samples}


def write_profiles(directory: Path, profiles: dict) -> None:
    from pyinstrument.renderers import ConsoleRenderer, HTMLRenderer
    from pyinstrument.session import Session

    directory.mkdir(parents=True, exist_ok=True)
    for number, (path, sessions) in enumerate(profiles.items(), 1):
        session = sessions[0]
        for other in sessions[1:]:
            session = Session.combine(session, other)
        name = directory / f"{number:02d}"
        text = ConsoleRenderer(unicode=True, color=False, show_all=False).render(session)
        name.with_suffix(".txt").write_text(f"{path}\n\n{text}")
        flat = ConsoleRenderer(unicode=True, flat=True).render(session)
        name.with_suffix(".flat.txt").write_text(f"{path}\n\n{flat}")
        name.with_suffix(".html").write_text(HTMLRenderer().render(session))


# --------------------------------------------------------------------------- the table


def pooled(files: list[str]) -> dict[str, list[dict]]:
    samples = defaultdict(list)
    for file in files:
        for path, rows in json.loads(Path(file).read_text())["samples"].items():
            samples[path].extend(rows)
    return samples


def medians(rows: list[dict]) -> dict[str, float]:
    keys = (*LAYERS, "cpu", "wall", "statements")
    return {key: statistics.median(row[key] for row in rows) for key in keys}


def short(path: str) -> str:
    return re.sub(r"cursor=[^&]+", "cursor=…", path.replace("/api/v1/", ""))


def table(before: dict | None, after: dict) -> list[str]:
    """Median CPU ms per layer and path (and the request's CPU and wall time, and its
    SQL statements); ``before → after`` when both are given."""

    def cell(key, path, digits=1):
        new = medians(after[path])[key]
        if before is None:
            return f"{new:.{digits}f}"
        return f"{medians(before[path])[key]:.{digits}f} → {new:.{digits}f}"

    head = ["path", *LAYERS, "CPU", "wall", "SQL statements"]
    lines = ["| " + " | ".join(head) + " |", "|---" + "|--:" * (len(head) - 1) + "|"]
    for path in after:
        cells = [cell(key, path) for key in (*LAYERS, "cpu", "wall")]
        lines.append(
            f"| `{short(path)}` | " + " | ".join(cells) + f" | {cell('statements', path, 0)} |"
        )

    def mean_of(samples, key):
        return statistics.fmean(medians(samples[path])[key] for path in after)

    cells = []
    for key in (*LAYERS, "cpu", "wall", "statements"):
        new = mean_of(after, key)
        cells.append(f"{new:.1f}" if before is None else f"{mean_of(before, key):.1f} → {new:.1f}")
    lines.append("| **mean of the mix** | " + " | ".join(f"**{c}**" for c in cells) + " |")
    return lines


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_mix", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    report = commands.add_parser("report", help="the table from --json files")
    report.add_argument("--before", nargs="*", default=[])
    report.add_argument("--after", nargs="+", required=True)
    parser.add_argument("--database", default="bench_province")
    parser.add_argument(
        "--redis", default=os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/9")
    )
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--json", help="write the samples to this file")
    parser.add_argument("--pyinstrument", help="write one profile a path into this directory")
    args = parser.parse_args(argv)
    if args.command == "report":
        before = pooled(args.before) if args.before else None
        print("\n".join(table(before, pooled(args.after))))
        return
    data = measure(args)
    if args.json:
        Path(args.json).write_text(json.dumps(data))
    print("\n".join(table(None, data["samples"])))


if __name__ == "__main__":
    main()
