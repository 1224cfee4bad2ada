"""The documents section (issue 23, part 5): the 巡察报告 of the largest organisation, and a
round's archive ZIP streamed whole beside one volume of it.

``python -m bench.documents TASK`` runs one task in its own process (peak memory is the
task's) and prints one JSON object; ``section`` runs them from ``python -m bench``. Each
task runs in one transaction rolled back at the end, like the alert scan: the documents,
their history and the access-log rows it writes vanish, and so do their files
(``inspection.files`` removes a rolled-back transaction's files); the files are written
under ``var/bench/media`` besides.

- ``report``: the organisation (assignment) with the most problems past draft, then
  clues, then talks, given a 巡察报告 record if it has none; ``document_generate`` of its
  report timed three times (the first pays the template's first read), and the context
  and rendering of each other kind of document whose subject it has.
- ``archive``: ``build_entries`` of that organisation's round (every volume, pages not
  counted, as the screen's whole-round download does) or of its volume alone
  (``--volume``), the reader's copy (stamped, logged), streamed by ``stream_zip`` into a
  sink that counts bytes: seconds to the first chunk and to the end, members, bytes,
  and the peak resident memory against the process's before the build. The garbage
  collector is set as a web worker sets it (``inspection.serving``: frozen, automatic
  collection off).
"""

import argparse
import gc
import json
import sys
import time

from bench import dbs
from bench.worker import peak_mib

REPORT_GOAL = 2.0  # seconds, the report of the largest organisation (issue 23)
MEMORY_GROWTH = 64  # MiB the whole round's ZIP may take above one volume's


def _resident_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Rollback(Exception):
    pass


def _rolled_back(task):
    from django.db import transaction

    answer = {}
    try:
        with transaction.atomic():
            answer = task()
            raise Rollback
    except Rollback:
        pass
    return answer


def _actor():
    from inspection.choices import UserRole
    from inspection.models import User

    return User.objects.filter(role=UserRole.OFFICE_STAFF, is_active=True).order_by("pk").first()


def largest_organisation():
    """The assignment with the most problems past draft, then clues, then talks: the
    problems counted in one grouped query, the ties compared on the others."""
    from django.db.models import Count, IntegerField, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from findings.choices import ProblemStatus
    from findings.models import Clue, Problem
    from rounds.models import Assignment, Interview

    per_assignment = (
        Problem.objects.exclude(status=ProblemStatus.DRAFT)
        .values("assignment_id")
        .annotate(found=Count("pk"))
    )
    most = per_assignment.order_by("-found").first()
    tied = per_assignment.filter(found=most["found"]).values("assignment_id")

    def counted(model):
        rows = model.objects.filter(assignment=OuterRef("pk")).values("assignment")
        count = Subquery(rows.annotate(n=Count("pk")).values("n"), output_field=IntegerField())
        return Coalesce(count, 0)

    assignment = (
        Assignment.objects.filter(pk__in=tied)
        .annotate(clue_count=counted(Clue), interview_count=counted(Interview))
        .select_related("round", "town", "village")
        .order_by("-clue_count", "-interview_count", "pk")
        .first()
    )
    assignment.problem_count = most["found"]
    return assignment


def _subjects(assignment, report) -> dict:
    """A subject of each model a kind of document is about, in the organisation."""
    from findings.models import Clue, Problem
    from rectification.models import Feedback
    from rounds.models import Interview

    feedback = Feedback.objects.filter(assignment=assignment).select_related("batch").first()
    found = {
        "Assignment": assignment,
        "InspectionReport": report,
        "InspectionRound": assignment.round,
        "Problem": Problem.objects.filter(assignment=assignment).order_by("pk").first(),
        "Clue": Clue.objects.filter(assignment=assignment).order_by("pk").first(),
        "Interview": Interview.objects.filter(assignment=assignment).order_by("pk").first(),
        "Feedback": feedback,
        "FeedbackBatch": feedback.batch if feedback else None,
    }
    return {name: subject for name, subject in found.items() if subject is not None}


def _kinds(actor, assignment, report) -> dict:
    """Context and rendering seconds of each kind whose subject the organisation has."""
    from inspection.documents.registry import document_kinds
    from inspection.documents.rendering import render
    from inspection.documents.services import template_content

    subjects = _subjects(assignment, report)
    heading = {"number": "—", "classification": "内部", "generated_on": "2026年1月1日"}
    timings = {}
    for kind in document_kinds():
        subject = subjects.get(kind.model.__name__)
        if subject is None:
            continue
        started = time.perf_counter()
        context = kind.context(actor, subject)
        built = time.perf_counter()
        render(template_content(kind), {**context, **heading})
        timings[kind.code] = {
            "context": built - started,
            "render": time.perf_counter() - built,
        }
    return timings


def report() -> dict:
    from django.utils import translation

    from findings.models import InspectionReport
    from inspection.documents.services import document_generate

    actor = _actor()
    assignment = largest_organisation()

    def task():
        subject, _ = InspectionReport.objects.get_or_create(
            assignment=assignment, defaults={"created_by": actor}
        )
        runs = []
        with translation.override("zh-hans"):
            for _ in range(3):
                started = time.perf_counter()
                document = document_generate(
                    actor=actor, kind="inspection_report", subject_id=subject.pk
                )
                runs.append(time.perf_counter() - started)
            kinds = _kinds(actor, assignment, subject)
        return {"runs": runs, "bytes": document.file.size, "kinds": kinds}

    answer = _rolled_back(task)
    return {
        "assignment": assignment.pk,
        "organisation": assignment.target_name,
        "problems": assignment.problem_count,
        "clues": assignment.clue_count,
        "interviews": assignment.interview_count,
        "seconds": min(answer["runs"]),
        "first_seconds": answer["runs"][0],
        **answer,
        "peak_mib": peak_mib(),
    }


def archive(volume: bool) -> dict:
    from django.utils import translation

    from rectification.archive.bundle import build_entries, reader_copy, stream_zip

    actor = _actor()
    assignment = largest_organisation()
    # As in a web worker (inspection.serving): what is loaded frozen, no automatic
    # collection during the response.
    gc.collect()
    gc.freeze()
    gc.disable()
    before = _resident_mib()

    def task():
        started = time.perf_counter()
        with translation.override("zh-hans"):
            entries = build_entries(
                actor=actor,
                round_id=assignment.round_id,
                assignment_id=assignment.pk if volume else None,
                count=False,
            )
            subject = assignment if volume else assignment.round
            entries = reader_copy(actor=actor, entries=entries, subject=subject)
            first, size = None, 0
            for chunk in stream_zip(entries):
                if chunk and first is None:
                    first = time.perf_counter() - started
                size += len(chunk)
        return {
            "members": len(entries),
            "bytes": size,
            "first_chunk_seconds": first,
            "seconds": time.perf_counter() - started,
        }

    answer = _rolled_back(task)
    volumes = 1 if volume else assignment.round.assignments.count()
    peak = peak_mib()
    return {
        "round": assignment.round_id,
        "volumes": volumes,
        **answer,
        "before_mib": before,
        "peak_mib": peak,
        "growth_mib": peak - before,
    }


def run(database: str, *args: str) -> dict:
    import subprocess

    media = dbs.ROOT / "var" / "bench" / "media"
    media.mkdir(parents=True, exist_ok=True)
    env = dbs.django_env(database, DJANGO_MEDIA_ROOT=str(media))
    output = subprocess.run(
        [sys.executable, "-m", "bench.documents", *args],
        cwd=dbs.ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if output.returncode:
        raise RuntimeError(f"bench.documents {' '.join(args)} failed:\n{output.stderr[-3000:]}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def section(database: str) -> dict:
    """The report, then one volume and the whole round (each its own process)."""
    result = {"report": run(database, "report")}
    print(f"  report: {result['report']}")
    for name, args in (("volume", ("archive", "--volume")), ("round", ("archive",))):
        result[name] = run(database, *args)
        print(f"  archive, {name}: {result[name]}")
    return result


def rows(result: dict | None) -> list[str]:
    """The targets table's lines (bench/report.py)."""
    if not result:
        return []
    from bench.report import mark

    found = result["report"]
    lines = [
        f"| 巡察报告, largest organisation ({found['organisation']}: {found['problems']} "
        f"problems, {found['clues']} clues, {found['interviews']} talks) "
        f"| {found['seconds']:.2f} s (first {found['first_seconds']:.2f} s) | — "
        f"| < {REPORT_GOAL:.0f} s | {mark(found['first_seconds'] < REPORT_GOAL)} |"
    ]
    whole, one = result.get("round"), result.get("volume")
    if whole and one:
        growth = whole["peak_mib"] - one["peak_mib"]
        lines.append(
            f"| archive ZIP, a whole province round ({whole['volumes']} volumes, "
            f"{whole['members']:,} files) | {whole['bytes'] / 2**20:.0f} MiB in "
            f"{whole['seconds']:.0f} s, first bytes at {whole['first_chunk_seconds']:.1f} s, "
            f"{whole['peak_mib']:.0f} MiB peak | one volume ({one['members']} files): "
            f"{one['bytes'] / 2**10:.0f} KiB in {one['seconds']:.1f} s, "
            f"{one['peak_mib']:.0f} MiB peak | streamed, memory flat (≤ {MEMORY_GROWTH} MiB "
            f"above one volume's) | {mark(growth <= MEMORY_GROWTH)} |"
        )
    return lines


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.documents")
    parser.add_argument("task", choices=("report", "archive"))
    parser.add_argument("--volume", action="store_true", help="the organisation's volume only")
    args = parser.parse_args(argv)
    import django

    django.setup()
    answer = report() if args.task == "report" else archive(args.volume)
    json.dump(answer, sys.stdout, default=str)


if __name__ == "__main__":
    main()
