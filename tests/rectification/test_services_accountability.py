"""问责 as 提请 → 决定 and 第一种形态 (rectification/services/accountability.py)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspection.errors import ApplicationError, NotFoundError, PermissionDeniedError
from inspection.permissions import visible
from rectification.choices import AccountabilityTarget, ProposalStatus
from rectification.models import AccountabilityDecision, AccountabilityProposal
from rectification.services import (
    accountability_decide,
    accountability_propose,
    first_form_record,
)
from tests import factories as f
from tests.rectification.accountability_kit import organisation_proposal, proposal
from tests.rectification.helpers import assert_one_new_history_row, refused

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def document() -> SimpleUploadedFile:
    return SimpleUploadedFile("问责决定.pdf", b"%PDF-1.4 decision", "application/pdf")


def propose(world, **changes):
    values = {
        "actor": world.office,
        "assignment_id": world.assignment_a.pk,
        "target_kind": AccountabilityTarget.PERSON,
        "person_name": "张卫东",
        "person_post": "村党总支书记",
        "facts": "整改不力，问题反弹回潮。",
        "suggested_form": "admonishment",
        "deciding_body": "commission",
    } | changes
    return accountability_propose(**values)


# ----------------------------------------------------------------- accountability_propose


def test_the_office_proposes_for_a_person_with_the_items(world):
    item = world.item()
    filed = propose(world, item_ids=[item.pk], proposed_on=TODAY() - DAY)
    filed.refresh_from_db()
    assert (filed.target, filed.person_post, filed.status) == ("张卫东", "村党总支书记", "proposed")
    assert list(filed.items.all()) == [item]
    assert (filed.proposed_on, filed.proposed_by) == (TODAY() - DAY, world.office)
    assert_one_new_history_row(filed, before=0, actor=world.office, note="整改不力，问题反弹回潮。")


def test_an_organisation_is_proposed_in_an_organisations_forms(world):
    filed = propose(
        world,
        target_kind="organisation",
        person_name="不该保存",
        organisation_name="甲一村党总支",
        suggested_form="org_reorganised",
    )
    assert (filed.target, filed.person_name) == ("甲一村党总支", "")
    with refused("suggested_form", match="党组织的问责方式只能是"):
        propose(world, target_kind="organisation", organisation_name="甲一村党总支")
    with refused("suggested_form", match="领导干部的问责方式只能是"):
        propose(world, suggested_form="org_inspection")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"person_name": " "}, "person_name"),
        ({"target_kind": "village"}, "target_kind"),
        ({"target_kind": "organisation", "suggested_form": "org_inspection"}, "organisation_name"),
        ({"suggested_form": "talk"}, "suggested_form"),
        ({"deciding_body": "office"}, "deciding_body"),
        ({"facts": ""}, "facts"),
        ({"proposed_on": TODAY() + 7 * DAY}, "proposed_on"),  # a run may cross midnight
        # An id that is no id is the field's error, not a server error.
        ({"item_ids": ["x"]}, "items"),
        ({"item_ids": [2**63]}, "items"),
    ],
)
def test_proposal_inputs_are_checked(world, changes, field):
    with refused(field):
        propose(world, **changes)


def test_a_proposals_items_belong_to_its_assignment(world):
    with refused("items", match="不属于该巡察对象"):
        propose(world, item_ids=[world.item(assignment=world.assignment_b).pk])


# ------------------------------------------------------------------ accountability_decide


def test_the_commissions_supervisor_decides_signed(world):
    filed = proposal(world)
    decision = accountability_decide(
        actor=world.supervisor_a,
        proposal_id=filed.pk,
        form="disciplinary",
        decided_on=TODAY(),
        document_number="县纪〔2026〕5号",
    )
    filed.refresh_from_db()
    assert filed.status == ProposalStatus.DECIDED
    assert (decision.form, decision.signed_by, decision.recorded_by) == (
        "disciplinary",
        world.supervisor_a,
        world.supervisor_a,
    )
    assert not decision.document and not decision.migrated
    assert_one_new_history_row(decision, before=0, actor=world.supervisor_a, note="纪律处分")


def test_the_office_decides_only_with_the_bodys_document(world):
    filed = proposal(world)
    with refused("document", match="纪委监委决定"):
        accountability_decide(
            actor=world.office, proposal_id=filed.pk, form="admonishment", decided_on=TODAY()
        )
    decision = accountability_decide(
        actor=world.office,
        proposal_id=filed.pk,
        form="admonishment",
        decided_on=TODAY(),
        document=document(),
    )
    assert decision.document and decision.signed_by is None


def test_not_pursued_has_no_form(world):
    filed = organisation_proposal(world)
    decision = accountability_decide(
        actor=world.supervisor_a,
        proposal_id=filed.pk,
        pursued=False,
        form="org_inspection",
        decided_on=TODAY(),
        note="经核查，已整改到位。",
    )
    filed.refresh_from_db()
    assert (decision.form, filed.status, decision.outcome_label) == (
        "",
        ProposalStatus.NOT_PURSUED,
        "不予问责",
    )


def test_a_decision_fits_its_target_and_follows_its_proposal(world):
    filed = organisation_proposal(world, proposed_on=TODAY() - DAY)
    with refused("form", match="党组织的问责方式只能是"):
        accountability_decide(
            actor=world.supervisor_a, proposal_id=filed.pk, form="admonishment", decided_on=TODAY()
        )
    with refused("decided_on"):
        accountability_decide(
            actor=world.supervisor_a,
            proposal_id=filed.pk,
            form="org_circulated",
            decided_on=TODAY() - 2 * DAY,
        )
    accountability_decide(
        actor=world.supervisor_a, proposal_id=filed.pk, form="org_circulated", decided_on=TODAY()
    )
    with pytest.raises(ApplicationError, match="已有决定"):
        accountability_decide(
            actor=world.supervisor_a,
            proposal_id=filed.pk,
            form="org_circulated",
            decided_on=TODAY(),
        )


def test_only_the_asked_bodys_supervisor_decides(world):
    asked_of_the_department = proposal(world, deciding_body="organisation")
    with pytest.raises(PermissionDeniedError):
        accountability_decide(
            actor=world.supervisor_a,  # the commission's
            proposal_id=asked_of_the_department.pk,
            form="admonishment",
            decided_on=TODAY(),
        )


def test_the_towns_party_committee_decides_what_it_is_asked_to_signed(world):
    """A village cadre's 问责 may be the 乡镇党委's to decide (干部管理权限): its account
    reads the proposal while pending and signs the decision; another town's does not see
    it, the unit does not see it before it is decided, and the committee neither sees nor
    decides a proposal asked of another body."""
    filed = proposal(world, deciding_body="town_committee")
    of_the_commission = proposal(world)
    assert set(visible(AccountabilityProposal, world.reviewer_a)) == {filed}
    assert not visible(AccountabilityProposal, world.reviewer_b).exists()
    assert not visible(AccountabilityProposal, world.officer_a).exists()
    with pytest.raises(NotFoundError):
        accountability_decide(
            actor=world.reviewer_a,
            proposal_id=of_the_commission.pk,
            form="admonishment",
            decided_on=TODAY(),
        )
    with pytest.raises(NotFoundError):
        accountability_decide(
            actor=world.reviewer_b, proposal_id=filed.pk, form="circulated", decided_on=TODAY()
        )
    decision = accountability_decide(
        actor=world.reviewer_a, proposal_id=filed.pk, form="circulated", decided_on=TODAY()
    )
    assert (decision.signed_by, decision.recorded_by) == (world.reviewer_a, world.reviewer_a)
    assert list(visible(AccountabilityProposal, world.officer_a)) == [filed]  # decided now


def test_the_towns_party_committee_is_never_asked_to_decide_on_itself(world):
    """A town party committee inspected as such (镇村一体) is not its own judge: the
    office cannot ask it, and a proposal so recorded (the admin, an import) stays out of
    its reviewer's sight until decided."""
    committee = f.AssignmentFactory(round=world.round, town=world.town_a, village=None)
    with refused("deciding_body", match="乡镇党委不能决定对本级党委的问责"):
        propose(world, assignment_id=committee.pk, deciding_body="town_committee")
    proposal(world, committee, deciding_body="town_committee")
    assert not visible(AccountabilityProposal, world.reviewer_a).exists()


def test_the_database_refuses_a_decision_that_is_nobodys(world):
    filed = proposal(world)
    values = {
        "proposal": filed,
        "target_kind": "person",
        "form": "admonishment",
        "decided_on": TODAY(),
        "recorded_by": world.office,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountabilityDecision.objects.create(**values)
    with pytest.raises(IntegrityError), transaction.atomic():
        AccountabilityDecision.objects.create(
            **values | {"form": "org_reorganised", "signed_by": world.supervisor_a}
        )
    AccountabilityDecision.objects.create(**values, migrated=True)


# ---------------------------------------------------------------------- first_form_record


def test_a_supervisor_records_a_talk_as_its_body(world):
    item = world.item()
    measure = first_form_record(
        actor=world.supervisor_a,
        assignment_id=world.assignment_a.pk,
        item_id=item.pk,
        kind="talk",
        person_name="李建国",
        reason="整改进度滞后。",
        conducted_on=TODAY(),
    )
    assert (measure.body, measure.item, measure.recorded_by) == (
        "commission",
        item,
        world.supervisor_a,
    )
    by_office = first_form_record(
        actor=world.office,
        assignment_id=world.assignment_a.pk,
        kind="criticism",
        person_name="李建国",
        reason="资料不全。",
        conducted_on=TODAY(),
    )
    assert by_office.body == "" and by_office.get_kind_display() == "批评教育"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"kind": "admonishment"}, "kind"),
        ({"person_name": ""}, "person_name"),
        ({"reason": " "}, "reason"),
        ({"conducted_on": None}, "conducted_on"),
    ],
)
def test_first_form_inputs_are_checked(world, changes, field):
    values = {
        "actor": world.office,
        "assignment_id": world.assignment_a.pk,
        "kind": "talk",
        "person_name": "李建国",
        "reason": "整改进度滞后。",
        "conducted_on": TODAY(),
    } | changes
    with refused(field):
        first_form_record(**values)
