"""What the benchmark runs inside Django, one task a process (``python -m bench.worker``):
a session to sign in with, ids for the URLs, the Excel builds and the alert scan.

Each task prints one JSON object; peak memory is this process's maximum resident set.
"""

import argparse
import json
import resource
import sys
import time


def _setup():
    import django

    django.setup()


def peak_mib() -> float:
    """This process's peak resident memory (VmHWM: ru_maxrss would count the parent's
    memory at fork time as well)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def session() -> dict:
    """A session of an office user (as a browser would hold), and ids for the URLs."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from inspection.choices import UserRole
    from inspection.models import Town, User
    from rounds.models import Assignment, InspectionRound

    user = User.objects.filter(role=UserRole.OFFICE_STAFF, is_active=True).order_by("pk").first()
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    town = Town.objects.order_by("pk")[Town.objects.count() // 2]
    rounds = list(InspectionRound.objects.order_by("ordinal").values_list("pk", flat=True))
    assignment = Assignment.objects.filter(town=town).order_by("pk").first()
    return {
        "cookie": store.session_key,
        "town": town.pk,
        "round": rounds[len(rounds) // 2],
        "rounds": rounds,
        "village": assignment.village_id,
        "team": assignment.team_id,
    }


def resident_mib() -> float:
    """This process's resident memory now (VmRSS), MiB."""
    from bench.bare import resident_mib

    return resident_mib()


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def excel(scope: str, path: str, round_id: int | None) -> dict:
    """The product's workbook: ``summary`` (every sheet, the office's) or ``ledger``
    (the 整改台账 sheet alone), optionally narrowed to one round. Besides the time: this
    process's CPU time, and its resident memory at about row 50,000 (read at the first
    progress past it) and at the end."""
    from django.utils import timezone

    from bench.bare import MEMORY_AT
    from reports.exports.scope import Audience
    from reports.exports.workbook import build_workbook, sheets_for
    from reports.statistics import StatisticsFilter

    audience, filters = Audience.office(), StatisticsFilter(round_id=round_id)
    on = timezone.localdate()
    only = ("整改台账",) if scope == "ledger" else None
    # The ledger's rows (the summary's 汇总 sheet would compute its figures to count them).
    rows = sheets_for(audience, filters, on, only)[0].count() if only else 0
    memory = {}

    def progress(percent: int) -> None:
        if rows and "at_row" not in memory and percent * rows >= MEMORY_AT * 99:
            memory["at_row"] = resident_mib()

    started, cpu = time.perf_counter(), _cpu()
    titles = build_workbook(
        audience=audience, filters=filters, on=on, path=path, sheets=only, progress=progress
    )
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": _cpu() - cpu,
        "peak_mib": peak_mib(),
        "rss_at_row_mib": memory.get("at_row"),
        "rss_end_mib": resident_mib(),
        "sheets": titles,
    }


def excel_floor(scope: str, path: str, round_id: int | None, library: str) -> dict:
    """The bare loop of ``library`` (``bench.bare``) over the same rows."""
    from bench.bare import MEMORY, bare_workbook

    started, cpu = time.perf_counter(), _cpu()
    rows = bare_workbook(scope, path, round_id, library)
    return {
        "seconds": time.perf_counter() - started,
        "cpu_seconds": _cpu() - cpu,
        "peak_mib": peak_mib(),
        "rss_at_row_mib": MEMORY.get("at_row"),
        "rss_end_mib": resident_mib(),
        "rows": rows,
        "library": library,
    }


def alerts() -> dict:
    """Two scans in one transaction, rolled back: the first raises what a cold ledger is
    due, the second must raise nothing. Nothing stays in the database."""
    from django.db import transaction

    from rectification.alerts.scan import run_alert_scan

    class Rollback(Exception):
        pass

    result = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            first = run_alert_scan()
            result["first_seconds"] = time.perf_counter() - started
            result["first_alerts"] = len(first.alerts)
            result["notifications"] = first.notifications
            started = time.perf_counter()
            second = run_alert_scan()
            result["second_seconds"] = time.perf_counter() - started
            result["second_alerts"] = len(second.alerts)
            raise Rollback
    except Rollback:
        pass
    result["peak_mib"] = peak_mib()
    return result


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.worker")
    parser.add_argument("task", choices=("session", "excel", "excel-floor", "alerts"))
    parser.add_argument("--scope", default="summary")
    parser.add_argument("--path", default="/tmp/bench.xlsx")
    parser.add_argument("--round", type=int)
    parser.add_argument("--library", default="openpyxl", choices=("openpyxl", "xlsxwriter"))
    args = parser.parse_args(argv)
    _setup()
    if args.task == "session":
        answer = session()
    elif args.task == "excel":
        answer = excel(args.scope, args.path, args.round)
    elif args.task == "excel-floor":
        answer = excel_floor(args.scope, args.path, args.round, args.library)
    else:
        answer = alerts()
    json.dump(answer, sys.stdout)


if __name__ == "__main__":
    main()
