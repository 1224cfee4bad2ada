"""The rectification officer's ledger (整改台账 of their own unit): its filters, and the
progress form with the evidence checks a phone on a weak connection needs.

The officer's plan and closing request use the office's forms (``rectification.forms.items``);
only the progress form differs: evidence files are limited in type, size and number here,
on the server, so a too-large photo is refused with a message next to the field instead of
failing somewhere on the way; and it is sent once, as the team's forms are (``OnceForm``).
"""

import django_filters
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from findings.models import ProblemFocus
from findings.taxonomy_fields import taxonomy_filter
from inspection.choices import AlertStage
from inspection.evidence import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_MAX_FILES,
)
from inspection.forms import EvidenceField, OnceForm
from inspection.models import Village
from inspection.permissions import visible
from rectification.choices import ItemStatus
from rectification.forms.filters import (
    ALL,
    mode_filter,
    round_filter,
    stage_condition,
    today_windows,
)
from rectification.forms.items import ProgressForm
from rectification.models import RectificationItem
from rounds.models import InspectionRound


class LedgerFilterSet(django_filters.FilterSet):
    """The officer's filters: status, colour, mode, focus, and where (round, village).

    Parameter names are the API's (``status``, ``mode``, ``focus``, ``round``,
    ``village``) and the office list's ``stage``; the round and village selects offer only
    the officer's own unit. A village officer has one village, so no village filter.
    """

    status = django_filters.ChoiceFilter(
        choices=ItemStatus.choices, label=_("状态"), empty_label=ALL
    )
    stage = django_filters.ChoiceFilter(
        choices=AlertStage.choices, method="filter_stage", label=_("预警颜色"), empty_label=ALL
    )
    mode = mode_filter()
    focus = taxonomy_filter(ProblemFocus, "problem__problem_class__aspect__focus", _("四个聚焦"))
    village = django_filters.ModelChoiceFilter(
        field_name="problem__assignment__village",
        queryset=Village.objects.none(),
        label=_("村(社区)"),
        empty_label=ALL,
    )
    round = round_filter()

    class Meta:
        model = RectificationItem
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        self.windows = today_windows()
        if user.village_id:
            del self.filters["village"]
        else:
            villages = visible(Village, user).filter(town_id=user.town_id)
            self.filters["village"].queryset = villages.order_by("code", "name")
        rounds = visible(RectificationItem, user).values("problem__assignment__round")
        self.filters["round"].queryset = (
            visible(InspectionRound, user).filter(pk__in=rounds).order_by("-pk")
        )

    def filter_stage(self, queryset, name, value):
        return queryset.filter(stage_condition(value, self.windows)) if value else queryset


class LedgerProgressForm(OnceForm, ProgressForm):
    """整改进展 from the officer's phone: text, percent, evidence files checked here, and
    the page's one-time token (``submission``): drafts.js resends the form after a lost
    answer, and the service saves it once (``inspection.once``)."""

    note = None  # the officer's form stays short; the history notes the update itself

    evidence = EvidenceField(camera=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = gettext(
            "照片、PDF 或 Office 文档，可多选；每个文件不超过 %(size)s，一次最多 %(count)d 个。"
            "填写有误退回时，需要重新选择文件。"
        ) % {"size": filesizeformat(EVIDENCE_MAX_BYTES), "count": EVIDENCE_MAX_FILES}
        self.fields["percent"].widget.attrs.update({"inputmode": "numeric", "step": 1})
