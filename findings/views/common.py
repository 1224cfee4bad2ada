"""What the findings screens share: optional links to other apps' screens, the filters a
link set that the filter bar does not show, bulk actions, and the access log of lists."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from inspection.errors import ApplicationError
from inspection.models import Term, Village
from rounds.models import Assignment, SupervisionItem, Team


def scoped_get_or_404(queryset, pk: int):
    """The row ``pk`` of ``queryset`` (already scoped to the user), else 404."""
    if not 0 < pk < 2**63:
        raise Http404
    return get_object_or_404(queryset, pk=pk)


def url_or_empty(name: str, *args) -> str:
    """The URL of another app's screen, or "" while that screen is not installed."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


# The records a hidden id filter names, to say "村(社区)：甲一村" rather than "village=7".
NAMED_BY_ID = {
    "village": Village,
    "team": Team,
    "assignment": Assignment,
    "term": Term,
    "supervision_item": SupervisionItem,
}


@dataclass(frozen=True)
class KeptFilter:
    label: str
    value: str
    remove: str  # the query string without this filter


def kept_filters(request, listing) -> list[KeptFilter]:
    """The hidden filters in force (set by a link), each with a link that drops it."""
    form = listing.form
    if form is None or not form.is_bound:
        return []
    kept = []
    for field in form.hidden_fields():
        suffixes = getattr(field.field.widget, "suffixes", None)
        names = [f"{field.name}_{suffix}" for suffix in suffixes] if suffixes else [field.name]
        values = [request.GET[key] for key in names if request.GET.get(key)]
        if not values:
            continue
        choices = {str(key): label for key, label in getattr(field.field, "choices", ())}
        shown = "–".join(str(choices.get(value, value)) for value in values)
        model = NAMED_BY_ID.get(field.name)
        if model is not None and values[0].isdigit() and len(values[0]) < 19:
            record = model._default_manager.filter(pk=int(values[0])).first()
            shown = str(record) if record is not None else shown
        query = request.GET.copy()
        for key in [*names, "page"]:
            query.pop(key, None)
        kept.append(KeptFilter(str(field.label), shown, query.urlencode()))
    return kept


@dataclass(frozen=True)
class BulkOutcome:
    done: int
    error: str = ""


def all_or_nothing(ids: Iterable[int], action: Callable[[int], object]) -> BulkOutcome:
    """Run ``action(id)`` (one service call) for every id in ONE transaction.

    The first refusal undoes every earlier one and is reported with the record it
    concerns, so a bulk action either did everything the user ticked or nothing at all,
    never an unknown part of it. A refusal for lack of permission on one record is
    reported the same way (the screen's role gate answers 403 before this runs).
    """
    done = 0
    try:
        with transaction.atomic():
            for pk in ids:
                try:
                    action(pk)
                except ApplicationError as error:
                    raise _Refused(pk, error.message) from error
                done += 1
    except _Refused as refused:
        return BulkOutcome(
            0,
            _("未作任何更改：线索 #%(id)s 无法办理：%(reason)s")
            % {"id": refused.pk, "reason": refused.reason},
        )
    return BulkOutcome(done)


class _Refused(Exception):
    def __init__(self, pk, reason):
        super().__init__(reason)
        self.pk, self.reason = pk, reason
