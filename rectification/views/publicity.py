"""整改公开 of an assignment: the office composes the exemptions and generates the 公开稿,
records the leading group's approval (a leadership account signs it here), the posting
and the 群众评议; whoever reads the organisation's ledger reads the page."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from inspection.documents.selectors import documents_panel
from inspection.permissions import can, visible
from inspection.web import perform, screen, visible_or_404
from rectification.forms.publicity import ApproveForm, AssessForm, ExemptionsForm, PostForm
from rectification.models import PublicityExemption, RectificationItem, RectificationPublicity
from rectification.services import (
    publicity_approve,
    publicity_assess,
    publicity_compose,
    publicity_post,
)
from rectification.services.publicity import APPROVE, ASSESS, COMPOSE, POST
from rounds.models import Assignment


def _page(request, assignment, *, status=200, **bound):
    user = request.user
    publicity = visible(RectificationPublicity, user).filter(assignment=assignment).first()
    items = list(
        visible(RectificationItem, user)
        .filter(problem__assignment=assignment, issue__isnull=False)
        .select_related("issue")
        .order_by("issue__number", "pk")
    )
    exempted = {}
    if publicity is not None:
        readable = visible(PublicityExemption, user).filter(publicity=publicity)
        exempted = {e.item_id: (e.reason, e.note) for e in readable}
    may_compose = can(user, "publicity_generate", assignment) and (
        publicity is None or COMPOSE.allows(publicity)
    )

    def offered(name, transition, form_class):
        if name in bound:
            return bound[name]
        ok = publicity is not None and transition.allows(publicity)
        return form_class() if ok and can(user, transition.name, publicity) else None

    compose_form = bound.get("compose") or (
        ExemptionsForm(items=items, exempted=exempted) if may_compose else None
    )
    rows = [
        {
            "item": item,
            "exempted": item.pk in exempted,
            "reason": compose_form[f"reason_{item.pk}"] if compose_form else None,
            "note": compose_form[f"note_{item.pk}"] if compose_form else None,
        }
        for item in items
    ]
    context = {
        "assignment": assignment,
        "publicity": publicity,
        "rows": rows,
        "compose_form": compose_form,
        "approve_form": offered("approve", APPROVE, ApproveForm),
        "post_form": offered("post", POST, PostForm),
        "assess_form": offered("assess", ASSESS, AssessForm),
        "documents": documents_panel(user, publicity) if publicity else [],
    }
    return render(request, "rectification/publicity.html", context, status=status)


def _assignment(user, pk):
    return visible_or_404(Assignment, user, pk=pk)


@screen()
def publicity_page(request, pk: int):
    assignment = _assignment(request.user, pk)
    publicity = visible(RectificationPublicity, request.user).filter(assignment=assignment)
    if not publicity.exists() and not can(request.user, "publicity_generate", assignment):
        raise Http404
    return _page(request, assignment)


@require_POST
@screen()
def publicity_compose_view(request, pk: int):
    user = request.user
    assignment = _assignment(user, pk)
    if not can(user, "publicity_generate", assignment):
        raise PermissionDenied
    items = list(
        RectificationItem.objects.filter(problem__assignment=assignment, issue__isnull=False)
        .select_related("issue")
        .order_by("issue__number", "pk")
    )
    form = ExemptionsForm(request.POST, items=items, exempted={})
    if form.is_valid() and perform(
        request,
        form,
        lambda: publicity_compose(
            actor=user, assignment_id=assignment.pk, exemptions=form.exemptions()
        ),
        success=_("已保存公开稿的不予公开事项，请生成公开稿。"),
    ):
        return redirect("rectification:publicity", pk=assignment.pk)
    return _page(request, assignment, status=400, compose=form)


def _step(request, pk, name, form_class, call, success):
    user = request.user
    assignment = _assignment(user, pk)
    publicity = visible(RectificationPublicity, user).filter(assignment=assignment).first()
    if publicity is None:
        raise Http404
    form = form_class(request.POST, request.FILES)
    if form.is_valid() and perform(
        request, form, lambda: call(user, publicity, form.cleaned_data), success=success
    ):
        return redirect("rectification:publicity", pk=assignment.pk)
    return _page(request, assignment, status=400, **{name: form})


@require_POST
@screen()
def publicity_approve_view(request, pk: int):
    return _step(
        request,
        pk,
        "approve",
        ApproveForm,
        lambda user, p, data: publicity_approve(
            actor=user,
            publicity_id=p.pk,
            approved_on=data["approved_on"],
            document=data["document"],
        ),
        _("已登记领导小组审定。"),
    )


@require_POST
@screen()
def publicity_post_view(request, pk: int):
    return _step(
        request,
        pk,
        "post",
        PostForm,
        lambda user, p, data: publicity_post(
            actor=user,
            publicity_id=p.pk,
            channel=data["channel"],
            place=data["place"],
            posted_on=data["posted_on"],
            photo=data["photo"],
        ),
        _("已登记整改公开。"),
    )


@require_POST
@screen()
def publicity_assess_view(request, pk: int):
    return _step(
        request,
        pk,
        "assess",
        AssessForm,
        lambda user, p, data: publicity_assess(actor=user, publicity_id=p.pk, **data),
        _("已登记群众评议结果。"),
    )
