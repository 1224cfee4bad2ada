"""移交函: the letters page (the letters sent, and for the office a letter composed from the
clues the leading group signed off: tick several, one body, one date) and a letter's page
(its clues, their persons as the viewer reads them, the 移交函 document).

Scoped as the letters are (``visible(TransferLetter, user)``): the office and leadership
read all, a liaison those to its body; a letter outside the scope answers 404.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from findings import services
from findings.forms import BulkForm, TransferLetterForm
from findings.models import Clue, ClueSubject, TransferLetter
from findings.permissions import reads_letter_material
from findings.selectors import ClueText, clue_subjects_seen_by
from findings.transfer_selectors import clues_ready_to_send, letter_clues
from findings.views.common import scoped_get_or_404
from inspection.audit import access_log_list
from inspection.documents.selectors import documents_panel
from inspection.permissions import is_liaison, is_office, reads_all, visible
from inspection.web import Listing, perform, screen


def _rows(user, clues) -> list[dict]:
    return [
        {
            "clue": clue,
            "subjects": clue_subjects_seen_by(user, clue),
            "summary": ClueText.of(user, clue).summary,
        }
        for clue in clues
    ]


@screen(reads_all | is_liaison)
def letter_list(request):
    user = request.user
    form = TransferLetterForm(use_required_attribute=False, auto_id="letter_%s")
    ticked: set[int] = set()
    if request.method == "POST":
        if not is_office(user):
            raise PermissionDenied
        chosen = BulkForm(request.POST)
        form = TransferLetterForm(request.POST, use_required_attribute=False, auto_id="letter_%s")
        ticked = set(chosen.cleaned_data["ids"]) if chosen.is_valid() else set()
        if not chosen.is_valid():
            form.is_valid()
            form.add_error(None, chosen.errors["ids"][0])
        elif form.is_valid():
            letter = perform(
                request,
                form,
                lambda: services.transfer_letter_send(
                    actor=user, clue_ids=chosen.cleaned_data["ids"], **form.cleaned_data
                ),
            )
            if letter:
                return redirect("findings:letter_detail", letter.pk)
    letters = (
        visible(TransferLetter, user)
        .annotate(clue_count=Count("clues"))
        .select_related("created_by")
        .order_by("-sent_on", "-id")
    )
    listing = Listing(request, letters)
    ready = []
    if is_office(user):
        ready = _rows(user, clues_ready_to_send(user))
        access_log_list(
            user=user, model=Clue, shown=len(ready), where=_("待移交线索"), request=request
        )
    return render(
        request,
        "findings/letter_list.html",
        {
            "title": _("移交函"),
            "classified": [TransferLetter, Clue] if ready else TransferLetter,
            "listing": listing,
            "ready": ready,
            "form": form if is_office(user) else None,
            "ticked": ticked,
        },
    )


@screen(reads_all | is_liaison)
def letter_detail(request, pk: int):
    user = request.user
    letter = scoped_get_or_404(visible(TransferLetter, user).select_related("created_by"), pk)
    rows = _rows(user, letter_clues(user, letter))
    access_log_list(user=user, model=Clue, shown=len(rows), where=_("移交函"), request=request)
    return render(
        request,
        "findings/letter_detail.html",
        {
            "title": letter.number,
            "classified": [letter, Clue, ClueSubject],
            "letter": letter,
            "rows": rows,
            "material_items": letter.material_items if reads_letter_material(user) else None,
            "documents": documents_panel(user, letter),
        },
    )
