"""问责 as 提请 → 决定 (issue 19): the office proposes, the body with authority decides;
第一种形态 (约谈, 批评教育) is recorded apart.

A decision is the deciding body's: a supervisor account of that body, or the town
reviewer's account for a village's proposal asked of its 乡镇党委, records it (stored as
``signed_by``), or the office records it with the body's decision document attached.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.evidence import clean_evidence_files
from inspection.files import written_in_transaction
from inspection.permissions import authorize, is_supervisor, is_town_reviewer, visible
from inspection.services.checks import clean_column, clean_date, clean_ids, clean_text
from inspection.workflow import lock_visible, require, save_with_history
from rectification.choices import (
    FORMS_OF_TARGET,
    AccountabilityTarget,
    DecidingBody,
    FirstFormKind,
    ProposalStatus,
)
from rectification.models import (
    AccountabilityDecision,
    AccountabilityProposal,
    FirstFormMeasure,
    RectificationItem,
)
from rounds.models import Assignment


def _items_of(actor, assignment, item_ids) -> list[RectificationItem]:
    item_ids = clean_ids(item_ids, field="items", message=_("所选整改台账条目无效。"))
    items = list(
        visible(RectificationItem, actor)
        .filter(pk__in=item_ids, problem__assignment_id=assignment.pk)
        .order_by("pk")
    )
    require(
        len(items) == len(item_ids),
        _("所选整改台账条目不属于该巡察对象。"),
        field="items",
    )
    return items


def _target(target_kind, person_name, person_post, organisation_name) -> dict:
    require(
        target_kind in AccountabilityTarget.values,
        _("请选择问责对象类别（领导干部或党组织）。"),
        field="target_kind",
    )
    model = AccountabilityProposal
    if target_kind == AccountabilityTarget.PERSON:
        return {
            "person_name": clean_column(model, "person_name", person_name, required=True),
            "person_post": clean_column(model, "person_post", person_post),
            "organisation_name": "",
        }
    return {
        "person_name": "",
        "person_post": "",
        "organisation_name": clean_column(
            model, "organisation_name", organisation_name, required=True
        ),
    }


def _require_form(form: str, target_kind: str, *, field: str) -> None:
    allowed = FORMS_OF_TARGET[AccountabilityTarget(target_kind)]
    require(
        form in allowed,
        _("对%(target)s的问责方式只能是：%(allowed)s。")
        % {
            "target": AccountabilityTarget(target_kind).label,
            "allowed": "、".join(str(f.label) for f in allowed),
        },
        field=field,
    )


@transaction.atomic
def accountability_propose(
    *,
    actor,
    assignment_id: int,
    target_kind: str,
    facts: str,
    suggested_form: str,
    deciding_body: str,
    person_name: str = "",
    person_post: str = "",
    organisation_name: str = "",
    item_ids=(),
    proposed_on: datetime.date | None = None,
) -> AccountabilityProposal:
    """提请问责: the office asks ``deciding_body`` to hold a cadre (``person_name``) or a
    party organisation (``organisation_name``) of the assignment's unit to account."""
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, "accountability_propose", assignment)
    target = _target(target_kind, person_name, person_post, organisation_name)
    _require_form(suggested_form, target_kind, field="suggested_form")
    require(deciding_body in DecidingBody.values, _("请选择问责决定机关。"), field="deciding_body")
    require(
        deciding_body != DecidingBody.TOWN_COMMITTEE or assignment.village_id is not None,
        _("乡镇党委不能决定对本级党委的问责：请选择县委、纪委监委或组织部。"),
        field="deciding_body",
    )
    facts = clean_text(facts, field="facts", label=_("问责事实"), max_length=4000)
    proposed_on = timezone.localdate() if proposed_on is None else proposed_on
    clean_date(proposed_on, field="proposed_on", label=_("提请日期"))
    items = _items_of(actor, assignment, item_ids)

    proposal = AccountabilityProposal(
        assignment=assignment,
        target_kind=target_kind,
        facts=facts,
        suggested_form=suggested_form,
        deciding_body=deciding_body,
        proposed_on=proposed_on,
        proposed_by=actor,
        **target,
    )
    save_with_history(proposal, actor=actor, note=facts)
    proposal.items.set(items)
    return proposal


@transaction.atomic
def accountability_decide(
    *,
    actor,
    proposal_id: int,
    decided_on: datetime.date,
    pursued: bool = True,
    form: str = "",
    document_number: str = "",
    document=None,
    note: str = "",
) -> AccountabilityDecision:
    """The deciding body's decision on a proposal: a form of 问责 of the 问责条例, or
    不予问责 (``pursued`` false). A supervisor of that body, or the 乡镇党委's account for
    a proposal it is asked to decide, records it (signed); the office records it only with
    the body's decision document (``document``)."""
    proposal = lock_visible(
        visible(AccountabilityProposal, actor).select_related("assignment"), proposal_id
    )
    authorize(actor, "accountability_decide", proposal)
    require(
        proposal.status == ProposalStatus.PROPOSED,
        _("该提请问责已有决定，不能再次登记。"),
    )
    form = form or ""
    if pursued:
        _require_form(form, proposal.target_kind, field="form")
    else:
        form = ""
    clean_date(
        decided_on,
        field="decided_on",
        label=_("问责决定日期"),
        not_before=proposal.proposed_on,
        not_before_label=_("提请日期"),
    )
    decision = AccountabilityDecision(
        proposal=proposal,
        target_kind=proposal.target_kind,
        pursued=bool(pursued),
        form=form,
        decided_on=decided_on,
        document_number=clean_column(AccountabilityDecision, "document_number", document_number),
        note=clean_text(note, field="note", label=_("决定说明"), max_length=2000, required=False),
        recorded_by=actor,
    )
    if is_supervisor(actor) or is_town_reviewer(actor):  # the body itself (authorize said so)
        decision.signed_by = actor
    else:
        require(
            document is not None,
            _("问责由%(body)s决定：请上传其问责决定文书，或由其监督账号登记。")
            % {"body": proposal.get_deciding_body_display()},
            field="document",
        )
    if document is not None:
        (upload,) = clean_evidence_files([document], field="document")
        decision.document.save(upload.name, upload, save=False)
        written_in_transaction(decision.document)
    save_with_history(decision, actor=actor, note=decision.outcome_label)
    proposal.status = ProposalStatus.DECIDED if pursued else ProposalStatus.NOT_PURSUED
    save_with_history(proposal, actor=actor, note=decision.outcome_label)
    return decision


@transaction.atomic
def first_form_record(
    *,
    actor,
    assignment_id: int,
    kind: str,
    person_name: str,
    reason: str,
    conducted_on: datetime.date,
    person_post: str = "",
    item_id: int | None = None,
) -> FirstFormMeasure:
    """第一种形态: 约谈 or 批评教育 of a cadre of the assignment's unit, by the office or a
    supervising body (stored as the body). Counted apart from 问责."""
    assignment = lock_visible(visible(Assignment, actor), assignment_id)
    authorize(actor, "first_form_record", assignment)
    require(kind in FirstFormKind.values, _("请选择约谈或批评教育。"), field="kind")
    model = FirstFormMeasure
    person_name = clean_column(model, "person_name", person_name, required=True)
    reason = clean_text(reason, field="reason", label=_("事由"), max_length=4000)
    clean_date(conducted_on, field="conducted_on", label=_("日期"))
    items = _items_of(actor, assignment, [item_id] if item_id is not None else [])
    measure = FirstFormMeasure(
        assignment=assignment,
        item=items[0] if items else None,
        kind=kind,
        person_name=person_name,
        person_post=clean_column(model, "person_post", person_post),
        reason=reason,
        conducted_on=conducted_on,
        body=actor.receiving_body if is_supervisor(actor) else "",
        recorded_by=actor,
    )
    save_with_history(measure, actor=actor, note=reason)
    return measure
