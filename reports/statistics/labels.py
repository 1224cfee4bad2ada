"""Names for group keys: one query per grouping, never one per row."""

from findings.choices import ProblemCategory
from inspection.models import Term, Town, Village
from rounds.models import InspectionRound, Team


def group_labels(grouping: str | None, keys) -> dict[object, str]:
    keys = [key for key in keys if key is not None]
    if grouping is None:
        return {None: "合计"}
    if grouping == "category":
        return {key: str(ProblemCategory(key).label) for key in keys}
    if grouping == "team":
        teams = Team.objects.filter(pk__in=keys).select_related("round")
        return {team.pk: f"{team.round.title} {team.name}" for team in teams}
    model = {"term": Term, "round": InspectionRound, "town": Town, "village": Village}[grouping]
    name_field = "title" if model is InspectionRound else "name"
    return dict(model.objects.filter(pk__in=keys).values_list("pk", name_field))
