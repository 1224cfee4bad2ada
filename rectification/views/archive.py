"""The round's archive (立卷归档): its volumes and pieces, the download of a volume or of
all, and closing the round (归档), which the archive's completeness decides."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.api.downloads import content_disposition
from inspection.permissions import can, is_office
from inspection.web import perform, screen
from rectification.archive.bundle import archive_name, build_entries, reader_copy, stream_zip
from rectification.archive.closing import closing_gaps, override_reason
from rectification.archive.volumes import archive_volumes
from rectification.forms.archive import RoundCloseForm
from rectification.services.archive import round_close
from rounds.services.rounds import ROUND_CLOSE
from rounds.views.common import round_or_404, whole_message


def _round_for(request, pk: int, action: str):
    inspection_round = round_or_404(request.user, pk)
    if not can(request.user, action, inspection_round):
        raise PermissionDenied
    return inspection_round


@screen(is_office)
def round_archive(request, pk: int):
    """The round's volumes, each piece in order (文书档案 and 业务档案 apart), the required
    ones missing in red, and what still keeps the round from being closed."""
    inspection_round = _round_for(request, pk, "archive_read")
    inspection_round, volumes = archive_volumes(request.user, inspection_round.pk)
    # What keeps it from being closed, once closing is next (each volume shows its own).
    gaps = closing_gaps(inspection_round.pk) if ROUND_CLOSE.allows(inspection_round) else []
    return render(
        request,
        "rectification/round_archive.html",
        {
            "round": inspection_round,
            "volumes": volumes,
            "gaps": gaps,
            "override": override_reason(inspection_round),
            "may_build": can(request.user, "archive_build", inspection_round),
            "may_close": ROUND_CLOSE.allows(inspection_round)
            and can(request.user, "round_close", inspection_round),
        },
    )


@require_POST
@screen(is_office)
def archive_download(request, pk: int, assignment: int | None = None):
    """The round's volumes (or one) as one ZIP, streamed as it is written: the reader's
    copy, each document in it stamped and the download logged (``reader_copy``)."""
    inspection_round = _round_for(request, pk, "archive_build")
    name, subject = "", inspection_round
    if assignment is not None:
        found = inspection_round.assignments.filter(pk=assignment).select_related("town", "village")
        if not found:
            raise Http404
        name, subject = found[0].target_name, found[0]
    # One volume's pages are counted here (seconds); a whole round's are not, as that
    # would outlast the request: they are counted by build_archive (or a volume's download).
    entries = build_entries(
        actor=request.user,
        round_id=inspection_round.pk,
        assignment_id=assignment,
        count=assignment is not None,
    )
    entries = reader_copy(actor=request.user, entries=entries, subject=subject, request=request)
    response = StreamingHttpResponse(stream_zip(entries), content_type="application/zip")
    response["Content-Disposition"] = content_disposition(
        archive_name(str(inspection_round.title), name),
        f"archive-{inspection_round.pk}.zip",
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@screen(is_office)
def round_close_view(request, pk: int):
    """归档: confirm, seeing what the archive still lacks; the lead may give a reason."""
    inspection_round = _round_for(request, pk, "round_close")
    form = RoundCloseForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        done = perform(
            request,
            form,
            whole_message(
                form,
                lambda: round_close(
                    actor=request.user,
                    round_id=inspection_round.pk,
                    note=form.cleaned_data["note"],
                    override_reason=form.cleaned_data["override_reason"],
                ),
            ),
            success=_("巡察轮次已归档。"),
        )
        if done:
            return redirect("rectification:round_archive", inspection_round.pk)
        inspection_round = round_or_404(request.user, pk)
    allowed = ROUND_CLOSE.allows(inspection_round)
    gaps = closing_gaps(inspection_round.pk) if allowed else []
    facts = [_("归档后本轮次的状态不再改变。")]
    if gaps:
        facts.insert(
            0,
            _("本轮次档案尚不完整或线索尚未办结（见下）；确需归档的，请在“归档说明”中写明理由。"),
        )
    else:
        facts.insert(0, _("本轮次各卷材料齐全，问题线索均已办结。"))
        del form.fields["override_reason"]
    return render(
        request,
        "rectification/round_close.html",
        {
            "round": inspection_round,
            "move": {"title": _("归档"), "button": _("确认归档")},
            "allowed": allowed,
            "facts": facts,
            "gaps": gaps,
            "form": form,
        },
    )
