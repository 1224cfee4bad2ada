"""Records of 问责 (提请 → 决定) and 第一种形态 made directly, for the tests that read them."""

from django.utils import timezone

from rectification.choices import (
    AccountabilityForm,
    AccountabilityTarget,
    DecidingBody,
    FirstFormKind,
    ProposalStatus,
)
from rectification.models import AccountabilityDecision, AccountabilityProposal, FirstFormMeasure


def proposal(world, assignment=None, **changes) -> AccountabilityProposal:
    values = {
        "assignment": assignment or world.assignment_a,
        "target_kind": AccountabilityTarget.PERSON,
        "person_name": "张卫东",
        "person_post": "村党总支书记",
        "facts": "整改不力，问题反弹回潮。",
        "suggested_form": AccountabilityForm.ADMONISHMENT,
        "deciding_body": DecidingBody.COMMISSION,
        "proposed_by": world.office,
    } | changes
    return AccountabilityProposal.objects.create(**values)


def organisation_proposal(world, assignment=None, **changes) -> AccountabilityProposal:
    return proposal(
        world,
        assignment,
        **{
            "target_kind": AccountabilityTarget.ORGANISATION,
            "person_name": "",
            "person_post": "",
            "organisation_name": "甲一村党总支",
            "suggested_form": AccountabilityForm.ORG_INSPECTION,
        }
        | changes,
    )


def decided(world, target=None, *, form=None, pursued=True) -> AccountabilityDecision:
    """A decision signed by supervisor_a (the commission) on ``target`` (a new proposal)."""
    target = target or proposal(world)
    target.status = ProposalStatus.DECIDED if pursued else ProposalStatus.NOT_PURSUED
    target.save()
    return AccountabilityDecision.objects.create(
        proposal=target,
        target_kind=target.target_kind,
        pursued=pursued,
        form=(form or target.suggested_form) if pursued else "",
        decided_on=timezone.localdate(),
        recorded_by=world.supervisor_a,
        signed_by=world.supervisor_a,
    )


def first_form(world, assignment=None, kind=FirstFormKind.TALK, **changes) -> FirstFormMeasure:
    values = {
        "assignment": assignment or world.assignment_a,
        "kind": kind,
        "person_name": "李建国",
        "reason": "整改进度滞后。",
        "conducted_on": timezone.localdate(),
        "recorded_by": world.office,
    } | changes
    return FirstFormMeasure.objects.create(**values)
