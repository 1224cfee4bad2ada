"""The closed round filed (归档) by the office lead, once its volumes are complete.

It is the seed's last step: its pieces (documents, the evaluation, the unit's reports)
are all made by then, each on its own day. Two of its clues are still being disposed of
by the commission (demo.county.clue_plan): the lead files the round all the same, with
the reason on record, and their results are added to the volumes when they come.
"""

from demo.county.clock import travel
from demo.county.common import DemoContext, at
from rectification.archive.catalogue import seed_archive_table
from rectification.models import ArchivePieceKind
from rectification.services import round_close

OVERRIDE_REASON = (
    "两件问题线索仍在纪委监委处置中，整改已全部完成，先行归档，线索办结后补充归档办理结果。"
)


def file_the_closed_round(ctx: DemoContext) -> None:
    seed_archive_table(ArchivePieceKind)  # the migration's, again after a test's flush
    plan = ctx.rounds["closed"]
    with travel(at(plan.closes_on, 15, 0)):
        plan.round = round_close(
            actor=ctx.users["lead"], round_id=plan.round.pk, override_reason=OVERRIDE_REASON
        )
