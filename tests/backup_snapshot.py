"""What a restore must reproduce, printed as JSON, for the backup test (run in a
subprocess against the database DATABASE_URL names and the files DJANGO_MEDIA_ROOT holds):

    python -m tests.backup_snapshot attach          # add evidence files of every kind
    python -m tests.backup_snapshot snapshot DATE   # every statistic on DATE, grouped every
                                                    # way; each table's rows; the sequences;
                                                    # every file's digest

The demo county has no evidence files (demo/county), so ``attach`` adds one per kind.
"""

import hashlib
import json
import os
import sys
from pathlib import Path


def attach() -> None:
    from django.core.files.base import ContentFile

    from findings.models import Clue, ClueEvidence, Problem, ProblemEvidence
    from inspection.models import User
    from rectification.models import (
        Feedback,
        ProgressEvidence,
        ProgressUpdate,
        Verification,
        VerificationEvidence,
    )

    office = User.objects.filter(username="office").get()
    photo = b"\xff\xd8\xff\xe0" + os.urandom(2048)
    for model, parent, row in (
        (ProblemEvidence, "problem", Problem.objects.order_by("id").first()),
        (ClueEvidence, "clue", Clue.objects.order_by("id").first()),
        (ProgressEvidence, "update", ProgressUpdate.objects.order_by("id").first()),
        (VerificationEvidence, "verification", Verification.objects.order_by("id").first()),
    ):
        model.objects.create(
            file=ContentFile(photo + parent.encode(), name="现场照片.jpg"),
            original_name="现场照片.jpg",
            uploaded_by=office,
            **{parent: row},
        )
    feedback = Feedback.objects.order_by("id").first()
    feedback.letter_file.save("反馈意见书.pdf", ContentFile(b"%PDF-1.7 " + os.urandom(1024)))


def _rows(figures) -> list:
    return sorted(([str(key), values] for key, values in figures.items()), key=str)


def statistics(on) -> dict:
    from inspection.errors import ApplicationError
    from reports.statistics import FIGURES, GROUPINGS, StatisticsFilter, statistics_table

    answers = {}
    for grouping in (None, *GROUPINGS):
        for name, function in FIGURES.items():
            options = {"on": on} if name == "rectification" else {}
            try:
                answers[f"{name}/{grouping}"] = _rows(
                    function(StatisticsFilter(), grouping, **options)
                )
            except ApplicationError as refused:
                answers[f"{name}/{grouping}"] = f"refused: {refused.message}"
        try:
            answers[f"table/{grouping}"] = statistics_table(StatisticsFilter(), grouping, on=on)
        except ApplicationError as refused:
            answers[f"table/{grouping}"] = f"refused: {refused.message}"
    return answers


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def snapshot(on) -> dict:
    from django.apps import apps
    from django.conf import settings
    from django.db import connection

    from inspection.attachments import evidence_kinds

    counts = {
        model._meta.db_table: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
        sequences = dict(cursor.fetchall())
    records = {}
    for kind in evidence_kinds().values():
        for obj in kind.model._default_manager.order_by("pk"):
            file = getattr(obj, kind.field)
            if file:
                with file.open("rb") as stream:
                    records[f"{kind.slug}/{obj.pk}"] = [file.name, _digest(stream.read())]
    media = Path(settings.MEDIA_ROOT)
    files = {
        str(path.relative_to(media)): _digest(path.read_bytes())
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }
    return {
        "statistics": statistics(on),
        "counts": counts,
        "sequences": sequences,
        "evidence": records,
        "files": files,
    }


def main(argv: list[str]) -> None:
    import datetime

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inspection.settings")
    django.setup()
    if argv[0] == "attach":
        attach()
    else:
        on = datetime.date.fromisoformat(argv[1])
        print(json.dumps(snapshot(on), default=str, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
