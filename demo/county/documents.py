"""The closed round's documents: every kind generated for each of its subjects.

Each document is generated through the service (``document_generate``) by someone who
may: a 谈话记录 by the interview's recorder, the evening of the interview, so that its
number (巡察谈〔YYYY〕N号) follows the order the interviews were held in. A kind added
later is generated here by the office at the end of the stay unless it says otherwise.
"""

import datetime

from django.utils import timezone

from demo.county.clock import travel
from demo.county.common import DemoContext, at
from inspection.documents.registry import document_kinds
from inspection.documents.services import document_generate
from rounds.models import Interview

EVENING = 19  # the recorder types the record up after the day's talks


def _interview_records(ctx: DemoContext, kind) -> None:
    interviews = (
        kind.subjects_of_round(ctx.rounds["closed"].round.pk)
        .select_related("recorder")
        .order_by("held_at", "pk")
    )
    for interview in interviews:
        day = timezone.localtime(interview.held_at).date()
        with travel(at(day, EVENING) + datetime.timedelta(minutes=interview.pk % 50)):
            document_generate(actor=interview.recorder, kind=kind.code, subject_id=interview.pk)


def _by_the_office(ctx: DemoContext, kind) -> None:
    plan = ctx.rounds["closed"]
    office = ctx.users["office"]
    subjects = kind.subjects_of_round(plan.round.pk).order_by("pk")
    with travel(at(plan.round.on_site_until, 17)):
        for subject in subjects:
            document_generate(actor=office, kind=kind.code, subject_id=subject.pk)


def create_documents(ctx: DemoContext) -> None:
    for kind in document_kinds():
        if kind.model is Interview:
            _interview_records(ctx, kind)
        else:
            _by_the_office(ctx, kind)
