"""The office keeps a village's profile (村情画像) on one page: its party organisation, a
year's 三资 figures, a large project, a roster entry (the whole roster comes by import).
Each form posts to the same page with ``form=<name>`` and calls one service."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from inspection.forms_profile import FORMS
from inspection.models import Village, VillagePartyOrganisation
from inspection.permissions import is_office, visible
from inspection.services.profile import (
    roster_entry_add,
    village_finance_record,
    village_party_organisation_set,
    village_project_record,
)
from inspection.web import perform, screen

SERVICES = {
    "party": village_party_organisation_set,
    "finance": village_finance_record,
    "project": village_project_record,
    "roster": roster_entry_add,
}


def _initial(village) -> dict:
    party = VillagePartyOrganisation.objects.filter(village=village).first()
    return {"party": {"name": party.name, "kind": party.kind} if party else {}}


@screen(is_office)
def village_profile_edit(request, pk: int):
    village = get_object_or_404(visible(Village, request.user).select_related("town"), pk=pk)
    initial = _initial(village)
    forms = {name: form(initial=initial.get(name), prefix=name) for name, form in FORMS.items()}
    chosen = request.POST.get("form") if request.method == "POST" else None
    if chosen in FORMS:
        form = FORMS[chosen](request.POST, prefix=chosen)
        forms[chosen] = form
        if form.is_valid():
            service = SERVICES[chosen]
            done = perform(
                request,
                form,
                lambda: service(actor=request.user, village_id=village.pk, **form.cleaned_data),
                success=_("已保存。"),
            )
            if done:
                return redirect("inspection:village_profile_edit", pk=village.pk)
    return render(request, "villages/profile_edit.html", {"village": village, "forms": forms})
