"""My assignments: today's villages first, each a big card to tap."""

import django_filters
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from findings.paper_selectors import signature_counts
from findings.team_selectors import team_assignments
from findings.views.team.common import team_screen
from inspection.permissions import visible
from inspection.web import Listing
from rounds.choices import MustListKind
from rounds.filtersets import AssignmentFilterSet
from rounds.models import InspectionRound
from rounds.must_lists import must_progress_for

PER_PAGE = 20


def _rounds(request):
    if request is None:
        return InspectionRound.objects.none()
    return visible(InspectionRound, request.user).order_by("-on_site_from", "-pk")


class TeamAssignmentFilterSet(AssignmentFilterSet):
    """The API's assignment filters a team needs: the round (a select of the rounds the
    inspector serves in), the round's status, and a search in the village's name."""

    search = django_filters.CharFilter(label=_("村(社区)名称"), method="search_name")
    round = django_filters.ModelChoiceFilter(label=_("巡察轮次"), queryset=_rounds)

    class Meta(AssignmentFilterSet.Meta):
        fields = ("search", "round", "round_status")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in tuple(self.filters):
            if name not in ("search", "round", "round_status"):
                self.filters.pop(name)
        self.filters["round_status"].label = _("轮次状态")
        self.filters["search"].field.widget.attrs["type"] = "search"

    def search_name(self, queryset, name, value):
        return queryset.filter(Q(village__name__icontains=value) | Q(town__name__icontains=value))


@team_screen
def team_home(request):
    listing = Listing(request, team_assignments(request.user), TeamAssignmentFilterSet, PER_PAGE)
    rows = list(listing.rows)
    progress = must_progress_for(rows)
    cards = []
    for assignment in rows:
        talks = progress[assignment.pk].get(MustListKind.TALK, [])
        cards.append(
            {
                "assignment": assignment,
                "must_talks_done": sum(row.done for row in talks),
                "must_talks_total": len(talks),
                "owes_must_talks": bool(talks),
            }
        )
    return render(
        request,
        "team/home.html",
        {
            "title": _("我的巡察"),
            "listing": listing,
            "cards": cards,
            "signatures": signature_counts(request.user),
        },
    )
