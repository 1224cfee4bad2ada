"""Seeding a scale data set in one transaction, stage by stage, with timings."""

import time
from collections.abc import Callable

from django.db import connection, transaction
from django.utils import timezone

from demo.scale.clues import create_clues
from demo.scale.context import ScaleContext
from demo.scale.findings import create_ledger
from demo.scale.places import (
    create_checklist,
    create_places,
    create_term,
    create_users,
    password_hash,
)
from demo.scale.presets import PRESETS, Preset
from demo.scale.rounds import create_assignments, create_onsite_work, create_rounds
from demo.scale.writer import reset_sequences
from findings.models import Clue, ClueSubject, Problem
from inspection.errors import ApplicationError
from inspection.models import Term, Town, User, Village
from rectification.models import (
    Feedback,
    FeedbackIssue,
    FeedbackIssueProblem,
    ProgressUpdate,
    RectificationItem,
)
from rounds.models import (
    Activity,
    Assignment,
    InspectionRound,
    Interview,
    Petition,
    SupervisionItem,
    Team,
    TeamMember,
)

WRITTEN = (
    Term, SupervisionItem, Town, Village, User, InspectionRound, Team, TeamMember, Assignment,
    Interview, Activity, Petition, Feedback, Problem, FeedbackIssue, FeedbackIssueProblem,
    RectificationItem, ProgressUpdate, Clue, ClueSubject, Clue.problems.through,
)  # fmt: skip


def scale_seeded(preset: Preset) -> bool:
    """The database holds this preset's data (its marker term)."""
    return Term.objects.filter(name=preset.marker).exists()


def _refuse_unless_empty() -> None:
    if Village.objects.exists() or Term.objects.exists():
        raise ApplicationError(
            "数据库中已有村(社区)或届次，规模测试数据只写入空数据库（请新建数据库后再运行）。"
        )


def scale_seed(*, preset_name: str, today=None, report: Callable[[str], None] = print) -> dict:
    """Write the preset's data set into an empty database; answer rows written per table."""
    preset = PRESETS[preset_name]
    _refuse_unless_empty()
    ctx = ScaleContext(
        preset=preset, today=today or timezone.localdate(), password_hash=password_hash()
    )
    stages = (
        ("places", lambda: (create_term(ctx), create_checklist(ctx), create_places(ctx))),
        ("users", lambda: create_users(ctx)),
        ("rounds", lambda: (create_rounds(ctx), create_assignments(ctx))),
        ("on-site work", lambda: create_onsite_work(ctx)),
        ("ledger and clues", lambda: create_clues(ctx, create_ledger(ctx))),
    )
    with transaction.atomic():
        for name, stage in stages:
            started = time.monotonic()
            stage()
            report(f"  {name}: {time.monotonic() - started:.1f} s")
        reset_sequences(WRITTEN)
    # VACUUM cannot run in a transaction (a test's, say): ANALYZE alone then.
    if connection.vendor == "postgresql":
        started = time.monotonic()
        with connection.cursor() as cursor:
            # The visibility map too, not only statistics: index-only scans need it.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        report(f"  vacuum analyze: {time.monotonic() - started:.1f} s")
    return {model._meta.db_table: model._default_manager.count() for model in WRITTEN}
