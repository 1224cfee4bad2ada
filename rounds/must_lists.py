"""What each inspected village still owes of its round's must-lists (必谈 / 必访 / 必查 /
必看), in three queries whatever the number of villages.

A round's list of a kind is the round's own where it set one, else the county default
(``MustItem`` with no round). A 必谈 item of an interviewee category is met by an interview
of that category at the village; every other item by the team's record
(``MustItemCheck``). A town committee as an object (巡乡带村) owes none: the lists are of
villages.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q

from rounds.choices import MustListKind
from rounds.models import Assignment, Interview, MustItem, MustItemCheck


@dataclass
class MustRow:
    item: MustItem
    done: bool


def round_lists(round_ids: Iterable[int]) -> dict[int, dict[str, list[MustItem]]]:
    """{round id: {list kind: items}}: each round's own list of a kind, else the default."""
    round_ids = list(set(round_ids))
    items = MustItem.objects.filter(Q(round_id__in=round_ids) | Q(round__isnull=True))
    own: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    default: dict[str, list] = defaultdict(list)
    for item in items.order_by("list_kind", "order", "pk"):
        (own[item.round_id] if item.round_id else default)[item.list_kind].append(item)
    return {
        round_id: {kind: own[round_id].get(kind) or default.get(kind, []) for kind in MustListKind}
        for round_id in round_ids
    }


def must_progress_for(assignments: Iterable[Assignment]) -> dict[int, dict[str, list[MustRow]]]:
    """{assignment id: {list kind: [MustRow]}} for ``assignments`` (three queries)."""
    assignments = list(assignments)
    villages = [a for a in assignments if a.village_id]
    lists = round_lists(a.round_id for a in villages)
    ids = [a.pk for a in villages]
    talked: dict[int, set[str]] = defaultdict(set)
    for assignment_id, category in (
        Interview.objects.filter(assignment_id__in=ids)
        .values_list("assignment_id", "interviewee_category")
        .distinct()
    ):
        talked[assignment_id].add(category)
    checked: dict[int, set[int]] = defaultdict(set)
    for assignment_id, item_id in MustItemCheck.objects.filter(assignment_id__in=ids).values_list(
        "assignment_id", "item_id"
    ):
        checked[assignment_id].add(item_id)
    progress: dict[int, dict[str, list[MustRow]]] = {a.pk: {} for a in assignments}
    for assignment in villages:
        for kind, items in lists[assignment.round_id].items():
            progress[assignment.pk][kind] = [
                MustRow(
                    item,
                    item.interviewee_category in talked[assignment.pk]
                    if item.interviewee_category
                    else item.pk in checked[assignment.pk],
                )
                for item in items
            ]
    return progress


def must_talks_missing_for(assignments: Iterable[Assignment]) -> dict[int, list[MustItem]]:
    """{assignment id: the 必谈 items not yet met}, for ``assignments`` (three queries)."""
    progress = must_progress_for(assignments)
    return {
        pk: [row.item for row in kinds.get(MustListKind.TALK, []) if not row.done]
        for pk, kinds in progress.items()
    }


def must_talks_missing(assignment: Assignment) -> list[MustItem]:
    return must_talks_missing_for([assignment])[assignment.pk]
