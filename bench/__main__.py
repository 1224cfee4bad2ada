"""``python -m bench [--preset province]``: seed if missing, measure, print, write the doc.

Sections: statistics, lists (with the dashboard), excel, alerts, load, users (50 users of
mixed roles for 60 s on the demo county, ``bench/users.py``), replica (the province
statistics from a hot standby made for the run, ``bench/replica.py``), documents (the
largest report, a round's archive ZIP: ``bench/documents.py``). ``--only`` runs
some of them (the document is written from what ran); ``--requests`` sets the requests
per measure (at least 50 for the published figures).
"""

import argparse
import json
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path

from bench import dbs, documents, lists, load, replica, report, statistics, users
from bench.http import Client
from bench.server import Server
from bench.writer import Writer

SECTIONS = ("statistics", "lists", "excel", "alerts", "load", "users", "replica", "documents")
DOC = dbs.ROOT / "docs" / "PERFORMANCE.md"
STATE = dbs.ROOT / "var" / "bench"
NOTES = Path(__file__).with_name("NOTES.md")
SERVER_CORES, LOAD_CORES = "1", "0"


def worker(database: str, *args: str) -> dict:
    command = [sys.executable, "-m", "bench.worker", *args]
    output = subprocess.run(
        command, cwd=dbs.ROOT, env=dbs.django_env(database), capture_output=True, text=True
    )
    if output.returncode:
        raise RuntimeError(f"bench.worker {' '.join(args)} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def measure_scope(scope: str, database: str, args, data: dict) -> None:
    ids = worker(database, "session")
    with Server(database, cores=SERVER_CORES) as server, dbs.connect(database) as pg:
        client = Client(server.port, ids["cookie"])
        cursor = pg.cursor()
        if "statistics" in args.only:
            print(f"statistics, {scope}:")
            measure_statistics(client, cursor, scope, database, args, data)
        if "lists" in args.only:
            print(f"lists, {scope}:")
            data["lists"] += lists.measure(client, cursor, scope, ids, args.requests)
            data["dashboard"].append(lists.dashboard(client, scope, args.requests))
        if "load" in args.only and scope == "province":
            print("mixed read traffic, province:")
            built = any(board.get("built") for board in data["dashboard"])
            cursor.execute(
                "SELECT id FROM findings_problem WHERE status = 'fed_back' "
                f"ORDER BY id DESC OFFSET {lists.DEPTH - 1} LIMIT 1"
            )
            row = cursor.fetchone()
            paths = load.mix(ids, row[0] if row else None, built)
            for path in paths:  # steady state: the first (cold) answers are measured above
                client.get(path)
            data["load"] = load.run(
                server.port, ids["cookie"], paths, args.load_seconds, LOAD_CORES
            )


def measure_statistics(client, cursor, scope: str, database: str, args, data: dict) -> None:
    """Under the writer (``bench/writer.py``, pinned to the load core) unless its rate is 0."""
    runs = args.province_statistics_requests if scope == "province" else args.requests
    if not args.writes_per_second:
        data["statistics"] += statistics.measure(client, cursor, scope, runs)
        return
    with Writer(dbs.url(database), args.writes_per_second, cores=LOAD_CORES) as writer:
        data["statistics"] += statistics.measure(client, cursor, scope, runs, writer)
    data["writer"][scope] = {**writer.summary, "pools": writer.sizes}
    print(f"  writer: {data['writer'][scope]}")


def measure_excel(databases: dict, data: dict) -> None:
    """The product's workbooks against the bare loops of XlsxWriter (the library the
    product writes with: the floor its target is read against) and of openpyxl."""
    print("excel:")
    STATE.mkdir(parents=True, exist_ok=True)
    county, province = databases["county"], databases["province"]
    path = str(STATE / "bench.xlsx")
    floors = {
        "floor": ("excel-floor", "--library", "xlsxwriter"),
        "floor_openpyxl": ("excel-floor", "--library", "openpyxl"),
    }
    summary = {"product": worker(county, "excel", "--scope", "summary", "--path", path)}
    for key, task in floors.items():
        summary[key] = worker(county, *task, "--scope", "summary", "--path", path)
    print(f"  county summary: {summary}")
    ids = worker(province, "session")
    # Product and floors twice, alternately, the faster of each kept: a single run of
    # either varies by a tenth on a machine doing anything else.
    tasks = {"product": ("excel",), **floors}
    runs = {key: [] for key in tasks}
    for _ in range(2):
        for key, task in tasks.items():
            runs[key].append(worker(province, *task, "--scope", "ledger", "--path", path))
    ledger = {
        **{key: min(results, key=lambda run: run["seconds"]) for key, results in runs.items()},
        "runs": runs,
        "one_round": worker(
            province, "excel", "--scope", "ledger", "--path", path, "--round", str(ids["round"])
        ),
    }
    with dbs.connect(province) as pg, pg.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM rectification_rectificationitem")
        ledger["rows"] = cursor.fetchone()[0]
    print(f"  province ledger: {ledger}")
    data["excel"] = {"county_summary": summary, "province_ledger": ledger}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--preset", default="province", choices=("province", "county"))
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument(
        "--province-statistics-requests",
        type=int,
        default=50,
        help="requests per province-wide statistics measure (each can take seconds)",
    )
    parser.add_argument("--load-seconds", type=int, default=10)
    parser.add_argument(
        "--writes-per-second",
        type=float,
        default=10.0,
        help="the writer's rate while the statistics are measured (0: warm figures only)",
    )
    parser.add_argument(
        "--copy",
        metavar="NAME",
        help="measure bench_<preset>_NAME and bench_county_NAME (copies: createdb -T)",
    )
    parser.add_argument("--only", nargs="*", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument(
        "--keep-replica", action="store_true", help="leave the replica section's standby running"
    )
    parser.add_argument("--no-doc", action="store_true", help="print only, keep the doc")
    parser.add_argument(
        "--merge", action="store_true", help="keep the last run's figures of the other sections"
    )
    args = parser.parse_args(argv)
    suffix = f"_{args.copy}" if args.copy else ""
    databases = {"province": f"bench_{args.preset}{suffix}", "county": f"bench_county{suffix}"}
    STATE.mkdir(parents=True, exist_ok=True)
    state_file = STATE / "seeding.json"
    seeding = json.loads(state_file.read_text()) if state_file.exists() else {}
    for scope, preset in (("province", args.preset), ("county", "county")):
        seconds = dbs.ensure(databases[scope], preset)
        if seconds is not None:
            seeding[preset] = seconds
            print(f"seeded {databases[scope]} in {seconds:.0f} s")
    state_file.write_text(json.dumps(seeding))
    data = {
        "statistics": [],
        "lists": [],
        "dashboard": [],
        "seeding": seeding,
        "requests": {"province": args.province_statistics_requests, "other": args.requests},
        "writer": {},
    }
    if args.merge and (STATE / "results.json").exists():
        last = json.loads((STATE / "results.json").read_text())
        ran = set(args.only) | ({"dashboard"} if "lists" in args.only else set())
        ran |= {"writer"} if "statistics" in args.only else set()
        data.update({key: value for key, value in last.items() if key not in ran | {"seeding"}})
        for key in ran & {"statistics", "lists", "dashboard"}:
            data[key] = []
    for scope in ("province", "county"):
        measure_scope(scope, databases[scope], args, data)
    if "replica" in args.only:
        print("statistics from a streaming replica, province (the writer on the primary):")
        with ExitStack() as stack:
            writer = None
            if args.writes_per_second:
                writer = stack.enter_context(
                    Writer(dbs.url(databases["province"]), args.writes_per_second, cores=LOAD_CORES)
                )
            data["replica"] = replica.section(
                databases["province"],
                args.province_statistics_requests,
                worker,
                keep=args.keep_replica,
                writer=writer,
                cores=SERVER_CORES,
            )
            if writer is not None:
                data["replica"]["writer"] = writer.summary
    if "excel" in args.only:
        measure_excel(databases, data)
    if "alerts" in args.only:
        print("alert scan, province:")
        data["alerts"] = worker(databases["province"], "alerts")
        print(f"  {data['alerts']}")
    if "documents" in args.only:
        print("documents and the archive, province:")
        data["documents"] = documents.section(databases["province"])
    if "users" in args.only:
        print("50 users of mixed roles, 60 s, demo county:")
        data["users"] = users.section()
    (STATE / "results.json").write_text(json.dumps(data, indent=1, default=str))
    notes = NOTES.read_text() if NOTES.exists() else ""
    text = report.document(data, notes)
    print()
    print("\n".join(report.summary_rows(data)))
    if not args.no_doc:
        DOC.parent.mkdir(exist_ok=True)
        DOC.write_text(text)
        print(f"\nwrote {DOC.relative_to(dbs.ROOT)}")


if __name__ == "__main__":
    main()
