"""The liaison's desk (线索办理台): the clues transferred to the liaison's body, in four tabs.

- 待接收 new: transferred, not yet received;
- 办理中 in disposition: received or being disposed of;
- 即将到期 owed soon: a result owed within the alerts' green window (not yet late);
- 已逾期 late: ``findings.selectors.clue_late_condition``.

The scope is ``visible(Clue, liaison)``: only the clues of the liaison's own body (the
organisation department's liaison never sees the commission's). A tab is a view, not a
state: a late clue not yet received is both new and late.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from findings.choices import ClueStatus
from findings.models import Clue
from findings.selectors import ClueText, clue_late_condition, clue_text_prefetches
from findings.views.deadlines import due_of, owed_soon_condition, windows_today
from findings.views.filtersets import DeskFilterSet
from inspection.audit import access_log_list
from inspection.deadlines import StageWindows
from inspection.permissions import is_liaison, visible
from inspection.web import Listing, screen


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    hint: str
    condition: Callable[[StageWindows], Q]
    ordering: tuple[str, ...] = ("result_due_on", "id")


TABS = (
    Tab(
        "new",
        gettext_lazy("待接收"),
        gettext_lazy("已移交本机关、尚未接收的线索。"),
        lambda windows: Q(status=ClueStatus.TRANSFERRED),
        ("transferred_on", "id"),
    ),
    Tab(
        "disposing",
        gettext_lazy("办理中"),
        gettext_lazy("已接收或处置中、尚未办结的线索。"),
        lambda windows: Q(status__in=(ClueStatus.RECEIVED, ClueStatus.DISPOSING)),
    ),
    Tab(
        "soon",
        gettext_lazy("即将到期"),
        gettext_lazy("反馈结果期限将至、尚未逾期的线索（与红黄绿三色预警的绿色、黄色提醒一致）。"),
        owed_soon_condition,
    ),
    Tab(
        "late",
        gettext_lazy("已逾期"),
        gettext_lazy("已过反馈结果期限、尚未办结的线索。"),
        lambda windows: clue_late_condition(windows.on),
    ),
)
BY_KEY = {tab.key: tab for tab in TABS}


@screen(is_liaison)
def desk(request):
    tab = BY_KEY.get(request.GET.get("tab"), TABS[0])
    windows = windows_today()
    mine = visible(Clue, request.user)
    counts = mine.aggregate(
        **{each.key: Count("pk", filter=each.condition(windows)) for each in TABS}
    )
    clues = (
        mine.filter(tab.condition(windows))
        .select_related("assignment__town", "assignment__village")
        .prefetch_related(*clue_text_prefetches())
        .order_by(*tab.ordering)
    )
    listing = Listing(request, clues, DeskFilterSet)
    # The summary as the policy lets the liaison read it: a reporter it quotes is masked.
    rows = [
        {
            "clue": clue,
            "summary": ClueText.of(request.user, clue).summary,
            "due": due_of(clue, windows),
        }
        for clue in listing
    ]
    access_log_list(
        user=request.user, model=Clue, shown=len(rows), where=_("线索办理台"), request=request
    )
    return render(
        request,
        "findings/desk.html",
        {
            "title": _("线索办理台"),
            "classified": Clue,
            "tabs": [(each, counts[each.key]) for each in TABS],
            "tab": tab,
            "listing": listing,
            "rows": rows,
            "windows": windows,
        },
    )
