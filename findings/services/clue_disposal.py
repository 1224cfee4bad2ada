"""Problem clues on the receiving body's side: received, disposed of, concluded.

已移交 transferred → 已接收 received → 处置中 disposing (one of the four ways) → 办结
concluded with its outcome. Only the liaison of the body the clue went to acts here.
"""

import datetime
from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import ClueOutcome, ClueStatus, DispositionMethod
from findings.models import Clue, ClueSubject
from findings.services.clue_outcomes import (
    apply_person_outcomes,
    check_agreement,
    clean_person_outcomes,
)
from inspection.permissions import authorize, visible
from inspection.services.checks import (
    clean_amount,
    clean_choice,
    clean_date,
    clean_text,
)
from inspection.workflow import Transition, lock_visible, save_with_history

CLUE_RECEIVE = Transition(
    "clue_receive", (ClueStatus.TRANSFERRED,), ClueStatus.RECEIVED, _lazy("接收")
)
CLUE_DISPOSE = Transition(
    "clue_dispose", (ClueStatus.RECEIVED,), ClueStatus.DISPOSING, _lazy("处置")
)
CLUE_CONCLUDE = Transition(
    "clue_conclude", (ClueStatus.DISPOSING,), ClueStatus.CONCLUDED, _lazy("办结")
)


@transaction.atomic
def clue_receive(*, actor, clue_id: int, note: str = "") -> Clue:
    """The liaison of the receiving body acknowledges a transferred clue."""
    clue = lock_visible(visible(Clue, actor), clue_id)
    authorize(actor, "clue_receive", clue)
    CLUE_RECEIVE.check(clue)
    clue.status = CLUE_RECEIVE.target
    clue.received_by = actor
    clue.received_at = timezone.now()
    save_with_history(clue, actor=actor, note=note)
    return clue


@transaction.atomic
def clue_dispose(
    *,
    actor,
    clue_id: int,
    method: str,
    disposed_on: datetime.date | None,
    note: str = "",
) -> Clue:
    """The liaison records which of the four ways (四种方式) the clue is disposed of."""
    clue = lock_visible(visible(Clue, actor), clue_id)
    authorize(actor, "clue_dispose", clue)
    CLUE_DISPOSE.check(clue)
    clue.disposition_method = clean_choice(
        method, DispositionMethod, field="method", label=_("处置方式")
    )
    clue.disposed_on = clean_date(
        disposed_on,
        field="disposed_on",
        label=_("处置日期"),
        not_before=clue.transferred_on,
        not_before_label=_("移交日期"),
    )
    clue.status = CLUE_DISPOSE.target
    save_with_history(clue, actor=actor, note=note)
    return clue


@transaction.atomic
def clue_conclude(
    *,
    actor,
    clue_id: int,
    outcome: str,
    concluded_on: datetime.date | None,
    persons: Sequence[Mapping] = (),
    funds_recovered: Decimal | int | str | None = 0,
    outcome_note: str = "",
    note: str = "",
) -> Clue:
    """The liaison concludes the clue (办结) with its outcome, each person's outcome
    (``persons``: ``[{"subject": id, "case_filed": bool, "party_sanction": …,
    "government_sanction": …, "organisational": …, "admonition": …, "to_judiciary": bool}]``,
    a person not named has none) and the funds recovered. The clue's person counts are
    derived from the persons; what must agree is ``findings.services.clue_outcomes``.
    """
    clue = lock_visible(visible(Clue, actor), clue_id)
    authorize(actor, "clue_conclude", clue)
    CLUE_CONCLUDE.check(clue)
    clue.outcome = clean_choice(outcome, ClueOutcome, field="outcome", label=_("办结结果"))
    clue.concluded_on = clean_date(
        concluded_on,
        field="concluded_on",
        label=_("办结日期"),
        not_before=clue.disposed_on,
        not_before_label=_("处置日期"),
    )
    subjects = list(ClueSubject.objects.filter(clue=clue).order_by("id"))
    people = clean_person_outcomes(subjects, persons)
    clue.funds_recovered = clean_amount(
        funds_recovered, field="funds_recovered", label=_("追回资金")
    )
    check_agreement(clue, clue.outcome, people, clue.funds_recovered)
    clue.outcome_note = clean_text(
        outcome_note, field="outcome_note", label=_("办结情况"), required=False
    )
    apply_person_outcomes(clue, people)
    clue.status = CLUE_CONCLUDE.target
    save_with_history(clue, actor=actor, note=note)
    return clue
