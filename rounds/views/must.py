"""A round's must-lists (必谈 / 必访 / 必查 / 必看): each list as it applies (the round's own,
else the county default), and before the round goes on site, the office's form to set the
round's own, one item a line."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import can, reads_all
from inspection.web import perform, screen
from rounds.choices import MustListKind
from rounds.must_lists import round_lists
from rounds.services.must import MUST_LIST_WINDOW, round_must_lists_set
from rounds.views.common import round_or_404


class MustListsForm(forms.Form):
    """One text box a list; a box left empty returns that list to the county default."""

    def __init__(self, *args, lists, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in MustListKind:
            self.fields[kind.value] = forms.CharField(
                label=kind.label,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial="\n".join(item.label for item in lists[kind]),
                help_text=_lazy("每行一项；清空则使用全县默认清单。")
                if kind != MustListKind.TALK
                else _lazy("每行一项；写谈话对象类别（如老党员）的，以登记该类谈话为准。"),
            )

    def labels(self, kind) -> list[str]:
        return [line.strip() for line in self.cleaned_data[kind].splitlines() if line.strip()]


@screen(reads_all)
def round_must_lists(request, pk: int):
    inspection_round = round_or_404(request.user, pk)
    lists = round_lists([inspection_round.pk])[inspection_round.pk]
    own = {item.list_kind for item in inspection_round.must_items.all()}
    may_edit = MUST_LIST_WINDOW.allows(inspection_round) and can(
        request.user, "round_must_list_set", inspection_round
    )
    form = MustListsForm(request.POST if request.method == "POST" else None, lists=lists)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            changed = [kind for kind in MustListKind if kind.value in form.changed_data]
            done = perform(
                request,
                form,
                lambda: round_must_lists_set(
                    actor=request.user,
                    round_id=inspection_round.pk,
                    lists={kind: form.labels(kind) for kind in changed},
                ),
                success=_("已保存必谈必访清单。"),
            )
            if done is not None:
                return redirect("rounds:round_must_lists", inspection_round.pk)
    return render(
        request,
        "rounds/must_lists.html",
        {
            "round": inspection_round,
            "lists": [
                {"kind": kind, "items": lists[kind], "own": kind.value in own}
                for kind in MustListKind
            ],
            "form": form if may_edit else None,
        },
    )
