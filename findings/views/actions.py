"""The actions on a clue, each a POST form calling its one service.

The office reviews (巡察办审核) or declines; the leading group signs off (a leadership
account itself, or the office with the signed 移交审批表 attached); the transfer is a letter
(``findings.views.letters``, 一函多件); the liaison of the receiving body receives,
disposes of and concludes. A form is offered only when the rule set allows the user the
action (``can``) and the clue is in a state the action moves from; the service checks
both again, so a stale page gets the service's message next to the form.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from findings import forms, services
from findings.models import Clue
from findings.selectors import clue_subjects_for_user
from findings.services.clue_disposal import CLUE_CONCLUDE, CLUE_DISPOSE, CLUE_RECEIVE
from findings.services.clues import CLUE_DECLINE, CLUE_REVIEW
from findings.services.transfers import CLUE_SIGN_OFF
from inspection.permissions import can, is_leadership, is_liaison, is_office, visible
from inspection.web import perform, screen
from inspection.workflow import Transition


@dataclass(frozen=True)
class ClueAction:
    slug: str  # the URL's last segment and the form's id
    rule: str  # the action's name in the rule set
    title: str
    button: str
    form_class: type
    transition: Transition
    service: Callable
    success: str
    gate: Callable  # the role that may post it at all (others: 403)
    danger: bool = False
    confirm: str = ""

    @property
    def url_name(self) -> str:
        return f"findings:clue_{self.slug}"

    @property
    def uploads(self) -> bool:
        return any(
            field.widget.needs_multipart_form for field in self.form_class.base_fields.values()
        )

    def form(self, data=None, files=None, *, subjects=()):
        """The action's form; its ids carry the slug, as a page shows several forms. The
        conclusion's form takes the persons concerned (``subjects``, as the user reads
        them): one row of outcomes each."""
        extra = {"subjects": subjects} if getattr(self.form_class, "has_persons", False) else {}
        return self.form_class(data, files, auto_id=f"id_{self.slug}_%s", **extra)


ACTIONS = (
    ClueAction(
        slug="review",
        rule="clue_review",
        title=_("巡察办审核"),
        button=_("审核通过，报领导小组签批"),
        form_class=forms.ClueReviewForm,
        transition=CLUE_REVIEW,
        service=services.clue_review,
        success=_("已审核通过，待领导小组签批。"),
        gate=is_office,
    ),
    ClueAction(
        slug="sign-off",
        rule="clue_sign_off",
        title=_("领导小组签批"),
        button=_("签批同意移交"),
        form_class=forms.ClueSignOffForm,
        transition=CLUE_SIGN_OFF,
        service=services.clue_sign_off,
        success=_("已登记领导小组签批，可以发函移交。"),
        gate=is_office | is_leadership,
    ),
    ClueAction(
        slug="decline",
        rule="clue_decline",
        title=_("不予移交"),
        button=_("不予移交"),
        form_class=forms.ClueDeclineForm,
        transition=CLUE_DECLINE,
        service=services.clue_decline,
        success=_("已决定不予移交。"),
        gate=is_office,
        danger=True,
        confirm=_("确定不予移交该线索？此操作不能撤销。"),
    ),
    ClueAction(
        slug="receive",
        rule="clue_receive",
        title=_("接收线索"),
        button=_("确认接收"),
        form_class=forms.ClueReceiveForm,
        transition=CLUE_RECEIVE,
        service=services.clue_receive,
        success=_("已接收该线索。"),
        gate=is_liaison,
    ),
    ClueAction(
        slug="dispose",
        rule="clue_dispose",
        title=_("登记处置方式"),
        button=_("登记处置"),
        form_class=forms.ClueDisposeForm,
        transition=CLUE_DISPOSE,
        service=services.clue_dispose,
        success=_("已登记处置方式。"),
        gate=is_liaison,
    ),
    ClueAction(
        slug="conclude",
        rule="clue_conclude",
        title=_("办结"),
        button=_("登记办结"),
        form_class=forms.ClueConcludeForm,
        transition=CLUE_CONCLUDE,
        service=services.clue_conclude,
        success=_("已办结该线索。"),
        gate=is_liaison,
        confirm=_("确定办结该线索？办结后不能再修改。"),
    ),
)
BY_SLUG = {action.slug: action for action in ACTIONS}


def available(user, clue) -> list[ClueAction]:
    """The actions ``user`` may take on ``clue`` now."""
    return [
        action
        for action in ACTIONS
        if action.transition.allows(clue) and can(user, action.rule, clue)
    ]


@require_POST
@screen()
def clue_act(request, pk: int, slug: str):
    """Run one action; on success back to the clue, else its page again with the form's
    messages next to the fields (status 200)."""
    from findings.views.clues import render_clue

    action = BY_SLUG.get(slug)
    if action is None or not 0 < pk < 2**63:
        raise Http404
    if not action.gate(request.user):
        raise PermissionDenied
    form = action.form(request.POST, request.FILES, subjects=_subjects(request.user, pk))
    if form.is_valid():
        done = perform(
            request,
            form,
            lambda: action.service(actor=request.user, clue_id=pk, **form.cleaned_data),
            success=str(action.success),
        )
        if done:
            return redirect("findings:clue_detail", pk)
    return render_clue(request, pk, bound=(action, form))


def _subjects(user, pk: int) -> list:
    """The persons concerned of the clue ``pk`` as ``user`` reads them (none when it is out
    of sight: the service answers that)."""
    clue = visible(Clue, user).select_related("assignment").filter(pk=pk).first()
    return clue_subjects_for_user(user, clue) if clue is not None else []
