"""What the findings screens share: the filters a link set that the filter bar does not
show, and the access log of lists."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from inspection.models import Term, Village
from inspection.permissions import visible
from rounds.models import Assignment, SupervisionItem, Team


def scoped_get_or_404(queryset, pk: int):
    """The row ``pk`` of ``queryset`` (already scoped to the user), else 404."""
    if not 0 < pk < 2**63:
        raise Http404
    return get_object_or_404(queryset, pk=pk)


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
            # Named only within the user's scope: an id outside it reads as a bare id,
            # exactly as an id that does not exist.
            record = visible(model, request.user).filter(pk=int(values[0])).first()
            shown = str(record) if record is not None else shown
        query = request.GET.copy()
        for key in [*names, "page"]:
            query.pop(key, None)
        kept.append(KeptFilter(str(field.label), shown, query.urlencode()))
    return kept
