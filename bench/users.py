"""``python -m bench.users``: 50 simulated users of mixed roles for 60 s against gunicorn.

Each user signs in with its own account (``bench.accounts``) — the office staff browse
the dashboard, lists, records and the API; team staff log interviews on the phone
pages; officers post progress; liaisons read the desk and clues; statistics clients
pull figures with a token — and thinks 1–3 s between pages. Sign-ins come first (one
every ``--spawn`` seconds, like a morning); the measured window starts when every user
is signed in. gunicorn runs as the Dockerfile deploys it (3 sync workers) pinned to
core 1; this generator (threads on http.client) is pinned to core 0.

Prints a markdown table and writes ``var/bench/users.json``.
"""

import argparse
import json
import os
import subprocess
import sys
import threading
import time

from bench import dbs
from bench.agent import Agent, Done, Recorder, Sample
from bench.cpu import CpuMeter
from bench.journeys import JOURNEYS
from bench.server import Server
from bench.users_report import markdown, summarise, summary

DATABASE = "bench_load"
RESULT = dbs.ROOT / "var" / "bench" / "users.json"
SERVER_CORES, GENERATOR_CORE = "1", 0


def ensure_demo(name: str, report=print) -> None:
    """``name`` created, migrated and holding the demo county (as scripts/serve.sh)."""
    with dbs.connect("postgres") as admin, admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            report(f"creating database {name}")
            cursor.execute(f'CREATE DATABASE "{name}"')
    dbs.manage(name, "migrate", "-v0")
    with dbs.connect(name) as connection, connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM inspection_user WHERE username = 'office'")
        if not cursor.fetchone()[0]:
            report(f"loading the demo county into {name} …")
            dbs.manage(name, "seed_demo", "--force")


def accounts(name: str, total: int) -> list[dict]:
    command = [sys.executable, "-m", "bench.accounts", "--total", str(total)]
    output = subprocess.run(
        command, cwd=dbs.ROOT, env=dbs.django_env(name), capture_output=True, text=True
    )
    if output.returncode:
        raise RuntimeError(f"bench.accounts failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout)


def _user(agent: Agent, plan: dict, ready: threading.Barrier, journeys: int | None) -> None:
    """Sign in, wait for the others, then run the journey ``journeys`` times (or until the
    window closes when None)."""
    journey = JOURNEYS[plan["journey"]]
    if "token" in plan:
        agent.headers["Authorization"] = f"Bearer {plan['token']}"
        signed_in = True
    else:
        signed_in = agent.sign_in(plan["username"], plan["password"])
    ready.wait()
    if not signed_in:
        return
    try:
        agent.pause()  # users do not all start on the same millisecond
        done = 0
        while journeys is None or done < journeys:
            journey(agent, plan)
            done += 1
    except Done:
        pass
    except Exception as error:  # a journey's own bug: recorded, never silent
        agent.recorder.add(Sample(agent.journey, "journey crashed", 0, 0.0, repr(error), 0.0))


def run(base_url: str, plans: list[dict], seconds: float | None, *, think=(1.0, 3.0),
        spawn=0.3, meter: CpuMeter | None = None, journeys: int | None = None):  # fmt: skip
    """Every plan's user, signed in first, then ``seconds`` of journeys — or, with
    ``seconds=None``, each user's journey ``journeys`` times however long that takes (a
    test's condition, not a clock): the samples and the measured window (start, end) in
    the recorder's clock."""
    if seconds is None and journeys is None:
        raise ValueError("run needs seconds, journeys or both")
    recorder = Recorder()
    window = {}

    def open_window():
        if meter:
            meter.start()
        window["start"] = time.monotonic() - recorder.started
        if seconds is not None:
            for agent in agents:
                agent.deadline = time.monotonic() + seconds

    ready = threading.Barrier(len(plans), action=open_window, timeout=600)
    agents = [Agent(base_url, plan["journey"], recorder, think=think) for plan in plans]
    threads = [
        threading.Thread(target=_user, args=(agent, plan, ready, journeys), daemon=True)
        for agent, plan in zip(agents, plans, strict=True)
    ]
    for thread in threads:
        thread.start()
        time.sleep(spawn)
    for thread in threads:
        thread.join((seconds or 0) + 600)
    window["end"] = time.monotonic() - recorder.started
    if meter:
        meter.stop()
    return recorder.samples, window


def measure(args, report=print) -> dict:
    ensure_demo(args.database, report)
    plans = accounts(args.database, args.users)
    log_level = os.environ.get("DJANGO_LOG_LEVEL")
    os.environ["DJANGO_LOG_LEVEL"] = "WARNING"  # not a line per sign-in from django-axes
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    server = Server(args.database, workers=args.workers, threads=args.threads,
                    cores=SERVER_CORES, worker_class=args.worker_class)  # fmt: skip
    with server:
        if affinity and len(affinity) > 1 and GENERATOR_CORE in affinity:
            os.sched_setaffinity(0, {GENERATOR_CORE})  # the users' threads inherit it
        meter = CpuMeter(server.process.pid, args.database)
        try:
            report(f"{len(plans)} users signing in, then {args.seconds:.0f} s of journeys …")
            samples, window = run(
                f"http://127.0.0.1:{server.port}", plans, args.seconds,
                think=(args.think_min, args.think_max), spawn=args.spawn, meter=meter,
            )  # fmt: skip
        finally:
            if affinity:
                os.sched_setaffinity(0, affinity)
            if log_level is None:
                os.environ.pop("DJANGO_LOG_LEVEL")
            else:
                os.environ["DJANGO_LOG_LEVEL"] = log_level
        cpu = meter.figures()
    result = summarise(samples, window, plans)
    result["elapsed"], result["seconds"] = result["seconds"], args.seconds
    result["server"] = {
        "workers": args.workers,
        "worker_class": args.worker_class,
        "threads": args.threads,
        "cores": SERVER_CORES,
        **cpu,
    }
    if cpu and result["total"]["requests"]:
        result["server"]["cpu_ms_per_request"] = (
            1000 * cpu["gunicorn_cpu_seconds"] / result["total"]["requests"]
        )
    result["think"] = [args.think_min, args.think_max]
    return result


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.users", description=__doc__)
    parser.add_argument("--database", default=DATABASE)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--worker-class", default="sync", choices=("sync", "gthread"))
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--think-min", type=float, default=1.0)
    parser.add_argument("--think-max", type=float, default=3.0)
    parser.add_argument("--spawn", type=float, default=0.3, help="seconds between sign-ins")
    return parser


def section(argv=(), report=print) -> dict:
    """Measure, print the table, write var/bench/users.json; answer the figures (the
    ``users`` section of ``python -m bench`` runs this with the defaults)."""
    result = measure(parser().parse_args(list(argv)), report)
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=1))
    report("\n".join(["", *markdown(result), "", summary(result)]))
    for line in result["error_samples"]:
        report(f"  error: {line}")
    report(f"wrote {RESULT.relative_to(dbs.ROOT)}")
    return result


def main(argv=None) -> None:
    section(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    main()
