"""The 进驻公告 screens of the office: write one for a round's villages, edit it, and its
page (the villages with their 码上巡 address, the document to print). Whoever sees the
notice opens its page; only the office writes it."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from inspection.documents.selectors import documents_panel
from inspection.permissions import can
from inspection.web import perform, screen, visible_or_404
from rounds.models import EntryNotice
from rounds.notice_forms import EntryNoticeForm
from rounds.public.links import public_url
from rounds.services.notices import NOTICE_WINDOW, entry_notice_create, entry_notice_update
from rounds.views.common import round_or_404


@screen()
def notice_new(request, pk: int):
    inspection_round = round_or_404(request.user, pk)
    if not can(request.user, "entry_notice_create", inspection_round):
        raise PermissionDenied
    form = EntryNoticeForm(
        request.POST if request.method == "POST" else None,
        actor=request.user,
        inspection_round=inspection_round,
    )
    if form.is_bound and form.is_valid():
        created = perform(
            request,
            form,
            lambda: entry_notice_create(
                actor=request.user,
                round_id=inspection_round.pk,
                assignment_ids=form.assignment_ids(),
                note=form.cleaned_data["note"],
                **form.notice_data(),
            ),
            success=_("已编写进驻公告。"),
        )
        if created:
            return redirect("rounds:notice_detail", created.pk)
    return render(
        request,
        "rounds/notice_form.html",
        {"form": form, "round": inspection_round, "notice": None},
    )


@screen()
def notice_edit(request, pk: int):
    notice = visible_or_404(EntryNotice, request.user, pk=pk)
    if not can(request.user, "entry_notice_update", notice):
        raise PermissionDenied
    form = EntryNoticeForm(
        request.POST if request.method == "POST" else None,
        actor=request.user,
        inspection_round=notice.round,
        notice=notice,
    )
    if form.is_bound and form.is_valid():
        done = perform(
            request,
            form,
            lambda: entry_notice_update(
                actor=request.user,
                notice_id=notice.pk,
                data=form.notice_data(),
                assignment_ids=form.assignment_ids(),
                note=form.cleaned_data["note"],
            ),
            success=_("已保存进驻公告。"),
        )
        if done:
            return redirect("rounds:notice_detail", notice.pk)
    return render(
        request, "rounds/notice_form.html", {"form": form, "round": notice.round, "notice": notice}
    )


@require_safe
@screen()
def notice_detail(request, pk: int):
    notice = visible_or_404(EntryNotice, request.user, pk=pk)
    targets = notice.targets.select_related(
        "assignment__town", "assignment__village", "assignment__team"
    ).order_by("assignment__town__code", "assignment__village__code")
    return render(
        request,
        "rounds/notice_detail.html",
        {
            "title": _("进驻公告"),
            "notice": notice,
            "round": notice.round,
            "villages": [
                {"assignment": target.assignment, "url": public_url(target.public_code)}
                for target in targets
            ],
            "may_edit": NOTICE_WINDOW.allows(notice.round)
            and can(request.user, "entry_notice_update", notice),
            "documents": documents_panel(request.user, notice),
        },
    )
