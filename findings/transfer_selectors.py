"""Reads for the clue transfer chain: the body a clue is offered to (干部管理权限), the clues
a letter may take, and a letter with its clues."""

from django.db.models import QuerySet

from findings.choices import ClueStatus, ProblemNature, SubjectPost
from findings.models import Clue, TransferLetter
from findings.selectors import clue_text_prefetches
from inspection.choices import ReceivingBody
from inspection.permissions import visible


def suggested_receiving_body(clue: Clue) -> str:
    """干部管理权限, as the county applies it: a suspected breach of discipline or law goes
    to the commission (纪委监委 handles village and town cadres alike); a clue only about
    town cadres (县管干部, managed by the organisation department) with no suspected
    offence among its sources goes to 组织部. The office may choose otherwise."""
    posts = {subject.post for subject in clue.subjects.all()}
    offence = clue.problems.filter(nature=ProblemNature.SUSPECTED_OFFENCE).exists()
    if posts == {SubjectPost.TOWN_CADRE} and not offence:
        return ReceivingBody.ORGANISATION
    return ReceivingBody.COMMISSION


def clues_ready_to_send(user) -> QuerySet[Clue]:
    """The clues signed off by the leading group, not yet sent, that ``user`` sees."""
    return (
        visible(Clue, user)
        .filter(status=ClueStatus.APPROVED)
        .select_related("round", "assignment__town", "assignment__village", "signed_off_by")
        .prefetch_related(*clue_text_prefetches())
        .order_by("receiving_body", "signed_off_on", "id")
    )


def letter_clues(user, letter: TransferLetter) -> QuerySet[Clue]:
    """The clues ``letter`` sent that ``user`` sees, in the order they were numbered."""
    return (
        visible(Clue, user)
        .filter(letter=letter)
        .select_related("assignment__town", "assignment__village")
        .prefetch_related(*clue_text_prefetches())
        .order_by("id")
    )
