"""Clues for the office: the list (with its bulk actions) and a clue's page.

Clues are confidential. The page reads the clue through ``clue_get_for_user`` (one
access-log row a view, a refusal row and 404 outside the user's scope), exactly as the
API's retrieve does; a list writes one row a page shown, as the API's list does. The
persons concerned, the clue's texts and its history notes read as the confidentiality
policy lets the viewer read them (masked for leadership), and the search box searches
only what the viewer may read (``inspection.web.SearchBox``).

Bulk actions (office only): review the ticked proposed clues (巡察办审核), or send the
ticked clues signed off by the leading group with one letter (一函多件), each by one
service (``clues_review_bulk``, ``transfer_letter_send``, as the API's review-bulk and
letters): either every ticked clue moved, or none did and the page names the clue that
was refused and why.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from findings import services
from findings.choices import ClueStatus
from findings.forms import BulkForm, ClueReviewForm, TransferLetterForm
from findings.models import Clue, ClueEvidence, ClueSubject, Problem, TransferLetter
from findings.permissions import sees_clue_subjects
from findings.selectors import (
    ClueText,
    clue_get_for_user,
    clue_history_for,
    clue_subjects_seen_by,
    clue_text_prefetches,
)
from findings.transfer_selectors import suggested_receiving_body
from findings.views.actions import available
from findings.views.common import kept_filters
from findings.views.deadlines import due_of, windows_today
from findings.views.filtersets import ClueScreenFilterSet
from inspection.audit import access_log_list, access_log_refused
from inspection.documents.selectors import documents_panel
from inspection.errors import ApplicationError, NotFoundError
from inspection.permissions import is_inspector, is_liaison, is_office, reads_all, visible
from inspection.web import Listing, attach_errors, screen
from rounds.models import Petition

# The bulk-transfer form's element ids: the filter bar above it has fields of the same
# names (受理机关), and a label must focus its own field.
BULK_IDS = "bulk_%s"
# The statuses a bulk action moves from: a row in another state gets no checkbox.
BULK_STATUSES = (ClueStatus.PROPOSED, ClueStatus.APPROVED)
BULK_REVIEW_IDS = "bulk_%s"
# The review's fields share the bulk form with the letter's (受理机关, 办理说明): prefixed.
REVIEW_PREFIX = "review"


@screen(reads_all)
def clue_list(request):
    transfer_form = TransferLetterForm(use_required_attribute=False, auto_id=BULK_IDS)
    review_form = ClueReviewForm(
        use_required_attribute=False, auto_id=BULK_REVIEW_IDS, prefix=REVIEW_PREFIX
    )
    ticked: set[int] = set()
    if request.method == "POST":
        if not is_office(request.user):
            raise PermissionDenied
        done, (review_form, transfer_form), ticked = bulk_action(request)
        if done:
            return redirect(request.get_full_path())
    clues = (
        visible(Clue, request.user)
        .select_related("round", "assignment__town", "assignment__village")
        .prefetch_related(*clue_text_prefetches())
    )
    listing = Listing(request, clues, ClueScreenFilterSet)
    windows = windows_today()
    rows = [
        {
            "clue": clue,
            "subjects": clue_subjects_seen_by(request.user, clue),
            "summary": ClueText.of(request.user, clue).summary,
            "due": due_of(clue, windows),
            "tickable": clue.status in BULK_STATUSES,
        }
        for clue in listing
    ]
    access_log_list(
        user=request.user, model=Clue, shown=len(rows), where=_("线索列表"), request=request
    )
    office = is_office(request.user)
    return render(
        request,
        "findings/clue_list.html",
        {
            "title": _("问题线索"),
            "classified": Clue,
            "listing": listing,
            "kept": kept_filters(request, listing),
            "rows": rows,
            "bulk": office and any(row["tickable"] for row in rows),
            "transfer_form": transfer_form,
            "review_form": review_form,
            "ticked": ticked,
        },
    )


def bulk_action(request):
    """Run the bulk action posted. Answers (done, the two forms, the ticked ids): done
    when the page should be loaded afresh (success, or a refusal put in a message)."""
    action = request.POST.get("action")
    chosen = BulkForm(request.POST)
    review_form = ClueReviewForm(
        request.POST if action == "review" else None,
        use_required_attribute=False,
        auto_id=BULK_REVIEW_IDS,
        prefix=REVIEW_PREFIX,
    )
    transfer_form = TransferLetterForm(
        request.POST if action == "transfer" else None,
        use_required_attribute=False,
        auto_id=BULK_IDS,
    )
    forms = (review_form, transfer_form)
    ticked = set(chosen.cleaned_data["ids"]) if chosen.is_valid() else set()
    if action not in ("review", "transfer"):
        messages.error(request, _("请选择要执行的批量操作。"))
        return True, forms, ticked
    if not chosen.is_valid():
        messages.error(request, chosen.errors["ids"][0])
        return False, forms, ticked
    form = review_form if action == "review" else transfer_form
    if not form.is_valid():
        return False, forms, ticked
    ids = chosen.cleaned_data["ids"]
    data = form.cleaned_data
    try:
        if action == "review":
            done = services.clues_review_bulk(actor=request.user, clue_ids=ids, **data)
            message = _("已审核 %(count)d 条线索，待领导小组签批。") % {"count": len(done)}
        else:
            letter = services.transfer_letter_send(actor=request.user, clue_ids=ids, **data)
            message = _("已以移交函 %(letter)s 移交 %(count)d 条线索。") % {
                "letter": letter.number,
                "count": len(ids),
            }
    except ApplicationError as error:
        attach_errors(form, error)
        return False, forms, ticked
    messages.success(request, message)
    return True, forms, ticked


@screen(reads_all | is_liaison | is_inspector)
def clue_detail(request, pk: int):
    return render_clue(request, pk)


def render_clue(request, pk: int, *, bound=None):
    """The clue's page; ``bound`` = (action, form) re-shows a refused form with its messages."""
    if not 0 < pk < 2**63:
        access_log_refused(
            user=request.user, model=Clue, object_id=pk, detail="查看问题线索", request=request
        )
        raise Http404
    try:
        seen = clue_get_for_user(user=request.user, clue_id=pk, request=request)
    except NotFoundError as error:
        raise Http404(error.message) from error
    clue = (
        Clue.objects.select_related(
            "round",
            "assignment__town",
            "assignment__village",
            "assignment__team",
            "proposed_by",
            "approved_by",
            "signed_off_by",
            "sign_off_recorded_by",
            "letter",
            "received_by",
        )
        .prefetch_related(
            *clue_text_prefetches(),
            Prefetch("evidence", ClueEvidence.objects.select_related("uploaded_by")),
        )
        .get(pk=seen.pk)
    )
    user = request.user
    subjects = clue_subjects_seen_by(user, clue)
    forms = [(action, action.form(subjects=subjects)) for action in available(user, clue)]
    for _action, form in forms:
        if "receiving_body" in form.fields:
            form.initial["receiving_body"] = suggested_receiving_body(clue)
    if bound is not None:
        forms = [bound] + [(action, form) for action, form in forms if action != bound[0]]
    named = sees_clue_subjects(user, clue)
    return render(
        request,
        "findings/clue_detail.html",
        {
            "title": _("线索 #%(id)d") % {"id": clue.pk},
            "classified": [clue, ClueSubject, ClueEvidence] if named else [clue, ClueSubject],
            "clue": clue,
            "due": due_of(clue, windows_today()),
            "subjects": subjects,
            "text": ClueText.of(user, clue),
            "evidence": clue.evidence.all() if named else None,
            "named": named,
            "problems": visible(Problem, user)
            .filter(clues=clue)
            .select_related("assignment__village", "assignment__town", "problem_class")
            .order_by("id"),
            "petitions": visible(Petition, user).filter(clues=clue).order_by("id"),
            "history": clue_history_for(user, clue),
            "forms": forms,
            "from_desk": is_liaison(user),
            "documents": documents_panel(user, clue),
            "letter_readable": clue.letter_id is not None
            and visible(TransferLetter, user).filter(pk=clue.letter_id).exists(),
        },
    )
