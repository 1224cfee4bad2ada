"""Names for group keys: one query per grouping, never one per row."""

from django.utils.translation import gettext as _

from findings.choices import ProblemNature
from findings.models import ProblemAspect, ProblemClass, ProblemFocus
from inspection.models import Term, Town, Village
from rounds.models import InspectionRound, Team

# Above this many keys the names of the whole table are read: a list of tens of thousands
# of ids costs the database more to parse than reading every name costs to send.
MANY_KEYS = 1000


def group_labels(grouping: str | None, keys) -> dict[object, str]:
    keys = [key for key in keys if key is not None]
    if grouping is None:
        return {None: _("合计")}  # the language is part of the cache key (cache.py)
    if grouping == "nature":
        return {key: str(ProblemNature(key).label) if key else _("未定性") for key in keys}
    if grouping == "team":
        teams = Team.objects.all() if len(keys) > MANY_KEYS else Team.objects.filter(pk__in=keys)
        names = teams.values_list("pk", "round__title", "number")
        return {pk: f"{title} {Team(number=number).name}" for pk, title, number in names}
    model = {
        "term": Term,
        "round": InspectionRound,
        "town": Town,
        "village": Village,
        "focus": ProblemFocus,
        "aspect": ProblemAspect,
        "class": ProblemClass,
    }[grouping]
    name_field = "title" if model is InspectionRound else "name"
    rows = model.objects.all() if len(keys) > MANY_KEYS else model.objects.filter(pk__in=keys)
    return dict(rows.values_list("pk", name_field))
