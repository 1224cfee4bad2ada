"""四个一批's 评估表 (rectification.evaluation_figures) against hand-computed values, the
figures stored with a judgement, the organisation's and the round's screens (with their
query counts), the 列入回头看 candidates, and 问责 on the organisation's page."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from rectification.choices import (
    EvaluationBatch,
    ItemStatus,
    VerificationMethod,
    VerificationResult,
)
from rectification.evaluation_figures import evaluation_figures
from rectification.models import AccountabilityProposal, Evaluation, FirstFormMeasure, Verification
from rectification.services import evaluation_record
from rounds.choices import RoundStatus
from tests.rectification.accountability_kit import first_form, proposal

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def assess(world, item, satisfaction):
    Verification.objects.create(
        item=item,
        method=VerificationMethod.PUBLIC_ASSESSMENT,
        result=VerificationResult.PASSED,
        satisfaction=satisfaction,
        verifier=world.office,
    )


def ledger_of_a(world):
    """Four items of 甲一村: closed on time with evidence (two assessments, 80 and 90),
    closed late without, open past its deadline, and reopened (not yet due)."""
    on_time = world.evidenced_item(status=ItemStatus.CLOSED, deadline=TODAY() + DAY)
    late = world.item(status=ItemStatus.CLOSED, deadline=TODAY() - 3 * DAY)
    world.item(status=ItemStatus.IN_PROGRESS, deadline=TODAY() - DAY)
    world.item(
        status=ItemStatus.IN_PROGRESS,
        deadline=TODAY() + 9 * DAY,
        reopened_at=timezone.now(),
        reopen_reason="反弹",
    )
    assess(world, on_time, 80)
    assess(world, late, 90)
    assess(world, world.item(assignment=world.assignment_b), 10)  # another organisation's


def test_the_evaluation_form_against_hand_computed_values(world):
    ledger_of_a(world)
    figures = evaluation_figures([world.assignment_a.pk, world.assignment_b.pk])
    a = figures[world.assignment_a.pk]
    assert (a["items"], a["items_closed"], a["closed_rate"]) == (4, 2, 0.5)
    # 如期率 as the statistics define it: on time 1 / (closed 2 + open past deadline 1).
    assert (a["items_closed_on_time"], a["items_due"], a["on_time_rate"]) == (1, 3, 0.3333)
    assert (a["assessments"], a["satisfaction"]) == (2, 85.0)
    assert (a["items_closed_with_evidence"], a["evidence_rate"]) == (1, 0.5)
    assert a["items_reopened"] == 1
    b = figures[world.assignment_b.pk]
    assert (b["items"], b["satisfaction"], b["closed_rate"]) == (1, 10.0, 0.0)


def test_an_item_closed_on_a_request_the_office_entered_counts_apart(world):
    """代录 never counts as the unit's own: an item closed on the office's entry is outside
    到位率 and 资料完备, and progress the office entered brings no evidence of the unit's."""
    world.evidenced_item(status=ItemStatus.CLOSED)  # the unit's own, with its evidence
    proxied = world.evidenced_item(status=ItemStatus.CLOSED, submitted_on_behalf=True)
    proxied.progress_updates.update(on_behalf=True)
    own_closed_entered = world.evidenced_item(status=ItemStatus.CLOSED)
    own_closed_entered.progress_updates.update(on_behalf=True)  # its only evidence is the office's
    world.item()
    (a,) = evaluation_figures([world.assignment_a.pk]).values()
    assert (a["items"], a["items_closed"], a["items_closed_by_proxy"]) == (4, 3, 1)
    assert (a["items_closed_own"], a["closed_rate"]) == (2, 0.5)
    assert a["items_closed_on_time"] == 2  # the 代录 one closed by its deadline too
    assert (a["items_closed_with_evidence"], a["evidence_rate"]) == (1, 0.5)
    world.round.status = RoundStatus.RECTIFICATION
    world.round.save()
    _, answer = page(world.office, f"/assignments/{world.assignment_a.pk}/evaluation/")
    text = answer.content.decode()
    assert "经责任单位申请销号 2 / 台账 4 条" in text and "代录销号 1 条不计" in text


def test_an_organisation_without_items_has_no_rates(world):
    (figures,) = evaluation_figures([world.assignment_a.pk]).values()
    assert figures["items"] == 0
    assert figures["closed_rate"] is figures["on_time_rate"] is figures["satisfaction"] is None


def test_a_judgement_keeps_the_figures_it_was_made_on(world):
    world.round.status = RoundStatus.RECTIFICATION
    world.round.save()
    ledger_of_a(world)
    evaluation = evaluation_record(
        actor=world.office, assignment_id=world.assignment_a.pk, batch=EvaluationBatch.LOOK_BACK
    )
    world.item(status=ItemStatus.CLOSED)  # later work does not change what was judged
    evaluation.refresh_from_db()
    assert (evaluation.figures["items"], evaluation.figures["closed_rate"]) == (4, 0.5)


def page(user, path):
    client = Client()
    client.force_login(user)
    return client, client.get(path)


def test_the_organisations_page_shows_the_form_and_lets_the_office_judge(world):
    world.round.status = RoundStatus.RECTIFICATION
    world.round.save()
    ledger_of_a(world)
    path = f"/assignments/{world.assignment_a.pk}/evaluation/"
    client, answer = page(world.office, path)
    text = answer.content.decode()
    assert answer.status_code == 200
    for shown in ("50.0%", "33.3%", "85.0%", "经责任单位申请销号 2 / 台账 4 条"):
        assert shown in text
    judged = client.post(path + "judge/", {"batch": "look_back", "note": "整改质量不高。"})
    assert judged.status_code == 302
    assert Evaluation.objects.get(assignment=world.assignment_a).batch == "look_back"
    (panel,) = client.get(path).context["documents"]
    assert panel.kind.code == "evaluation_form" and panel.may_generate
    missing = client.post(path + "judge/", {"note": "无结论"})
    assert missing.status_code == 200 and "请选择评估结果" in missing.content.decode()


def test_the_page_is_absent_out_of_reach_and_read_only_for_the_unit(world):
    path = f"/assignments/{world.assignment_a.pk}/evaluation/"
    for user in (world.officer_b, world.supervisor_b, world.leader_a, world.liaison):
        assert page(user, path)[1].status_code == 404, user
    client, answer = page(world.officer_a, path)
    assert answer.status_code == 200
    assert answer.context["judge_form"] is answer.context["proposal_form"] is None
    assert client.post(path + "propose/", {"facts": "x"}).status_code == 403


def test_a_supervisor_decides_and_talks_on_the_page(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    filed = proposal(world)
    path = f"/assignments/{world.assignment_a.pk}/evaluation/"
    client, answer = page(world.supervisor_a, path)
    (shown,) = answer.context["proposals"]
    assert shown.can_decide and answer.context["proposal_form"] is None
    decide = f"/accountability/{filed.pk}/decide/"
    wrong = client.post(
        decide, {"pursued": "True", "form": "org_reorganised", "decided_on": TODAY()}
    )
    assert wrong.status_code == 200
    assert "领导干部的问责方式只能是" in wrong.content.decode()
    done = client.post(decide, {"pursued": "True", "form": "admonishment", "decided_on": TODAY()})
    assert done.status_code == 302
    filed.refresh_from_db()
    assert filed.decision.signed_by == world.supervisor_a
    talk = {
        "kind": "talk",
        "person_name": "李建国",
        "reason": "进度滞后。",
        "conducted_on": TODAY(),
    }
    assert client.post(path + "first-form/", talk).status_code == 302
    assert FirstFormMeasure.objects.get().body == "commission"


def test_the_office_files_a_proposal_and_records_a_decision_with_the_document(
    world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    path = f"/assignments/{world.assignment_a.pk}/evaluation/"
    client, _ = page(world.office, path)
    filed = client.post(
        path + "propose/",
        {
            "target_kind": "organisation",
            "organisation_name": "甲一村党总支",
            "facts": "整改主体责任落实不力。",
            "suggested_form": "org_inspection",
            "deciding_body": "county_committee",
            "proposed_on": TODAY(),
        },
    )
    assert filed.status_code == 302
    created = AccountabilityProposal.objects.get()
    decide = f"/accountability/{created.pk}/decide/"
    values = {"pursued": "True", "form": "org_inspection", "decided_on": TODAY()}
    refused = client.post(decide, values)
    assert "请上传其问责决定文书" in refused.content.decode()
    document = SimpleUploadedFile("决定.pdf", b"%PDF-1.4 x", "application/pdf")
    assert client.post(decide, values | {"document": document}).status_code == 302


def test_the_round_page_lists_every_organisation_and_the_look_back_candidates(
    world, django_assert_max_num_queries
):
    from tests import factories as f

    for _ in range(12):
        assignment = f.AssignmentFactory(round=world.round, team=world.team_a, town=world.town_a)
        world.item(assignment=assignment, status=ItemStatus.CLOSED)
        Evaluation.objects.create(
            assignment=assignment, batch=EvaluationBatch.CLOSE, evaluator=world.office
        )
    Evaluation.objects.create(
        assignment=world.assignment_a,
        batch=EvaluationBatch.ACCOUNTABILITY,
        evaluated_on=TODAY() - DAY,
        evaluator=world.office,
    )
    Evaluation.objects.create(
        assignment=world.assignment_a, batch=EvaluationBatch.LOOK_BACK, evaluator=world.office
    )
    Evaluation.objects.create(
        assignment=world.assignment_b,
        batch=EvaluationBatch.LOOK_BACK,
        evaluated_on=TODAY() - DAY,
        evaluator=world.office,
    )
    Evaluation.objects.create(
        assignment=world.assignment_b, batch=EvaluationBatch.REMINDER, evaluator=world.office
    )
    client = Client()
    client.force_login(world.office)
    path = f"/rounds/{world.round.pk}/evaluations/"
    with django_assert_max_num_queries(12):
        answer = client.get(path)
    assert answer.status_code == 200
    assert len(answer.context["rows"]) == 14
    # The latest judgement counts: A is now a candidate, B (since reminded) is not.
    assert [a.pk for a in answer.context["candidates"]] == [world.assignment_a.pk]
    reviewer = Client()
    reviewer.force_login(world.reviewer_b)
    rows = reviewer.get(path).context["rows"]
    assert {row.town_id for row in rows} == {world.town_b.pk}


def test_the_look_back_list_starts_the_next_look_back_round(world):
    """列入回头看 feeds the next look-back: the round page's link opens a new round with
    回头看 and this round chosen; once such a round exists (before 进驻), its link opens
    its assignment page on the candidates' towns with only the candidates ticked."""
    from tests import factories as f

    other = f.VillageFactory(town=world.town_a)  # not on the list: left unticked
    Evaluation.objects.create(
        assignment=world.assignment_a, batch=EvaluationBatch.LOOK_BACK, evaluator=world.office
    )
    client = Client()
    client.force_login(world.office)
    text = client.get(f"/rounds/{world.round.pk}/evaluations/").content.decode()
    new_round = re.search(r'href="(/rounds/new/\?[^"]+)"', text).group(1)
    form = client.get(new_round.replace("&amp;", "&")).context["form"]
    assert form["mode"].value() == "look_back"
    assert str(form["revisits"].value()) == str(world.round.pk)

    look_back = world.look_back_round(status=RoundStatus.PREPARATION)
    text = client.get(f"/rounds/{world.round.pk}/evaluations/").content.decode()
    assert f"按名单安排到「{look_back.title}」" in text
    assign = re.search(rf'href="(/rounds/{look_back.pk}/assign/\?[^"]+)"', text).group(1)
    page = client.get(assign.replace("&amp;", "&")).content.decode()
    village = world.assignment_a.village_id
    assert re.search(rf'value="{village}" id="village-{village}" checked', page)
    assert f'value="{other.pk}" id="village-{other.pk}">' in page


def test_the_organisations_page_costs_the_same_for_many_proposals(
    world, django_assert_max_num_queries
):
    for _ in range(15):
        proposal(world)
        first_form(world)
    client = Client()
    client.force_login(world.supervisor_a)
    with django_assert_max_num_queries(16):
        answer = client.get(f"/assignments/{world.assignment_a.pk}/evaluation/")
    assert len(answer.context["proposals"]) == 15
    assert all(shown.can_decide for shown in answer.context["proposals"])


def test_the_towns_party_committee_decides_on_its_screen(world):
    world.round.status = RoundStatus.RECTIFICATION
    world.round.save()
    filed = proposal(world, deciding_body="town_committee")
    client, answer = page(world.reviewer_a, f"/assignments/{world.assignment_a.pk}/evaluation/")
    assert [shown.can_decide for shown in answer.context["proposals"]] == [True]
    values = {"pursued": "True", "form": "circulated", "decided_on": TODAY()}
    assert client.post(f"/accountability/{filed.pk}/decide/", values).status_code == 302
    filed.refresh_from_db()
    assert filed.decision.signed_by == world.reviewer_a
    text = client.get(f"/assignments/{world.assignment_a.pk}/evaluation/").content.decode()
    assert f"{world.reviewer_a} 签批" in text
