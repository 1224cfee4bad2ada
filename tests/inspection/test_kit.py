"""The shared kit, as a user meets it in every app: one message for a date that is not
one, one answer to an action out of turn, one field template (a radio group is named by
its legend), one evidence picker with the camera on a phone, one deadline badge."""

import datetime
import re

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from findings.choices import ClueStatus
from findings.forms import TransferLetterForm
from findings.services.problems import problem_record
from findings.team_forms import ActivityForm
from inspection.errors import ConflictError
from rectification.choices import EvaluationBatch, ItemStatus
from rectification.forms.accountability import ProposalForm
from rectification.forms.items import ItemPlanForm
from rectification.services.follow_up import evaluation_record
from reports.forms.exports import ExportRequestForm
from rounds.choices import IntervieweeCategory, RoundStatus
from rounds.forms import RoundForm
from rounds.services.onsite import interview_record
from tests.world import build_world

pytestmark = pytest.mark.django_db

NOT_A_DATE = "请输入有效的日期，如 2026-05-01。"
OUT_OF_TURN = re.compile(
    r"^「[^」]+」当前状态为「[^」]+」，不能.+（「[^」]+」(或「[^」]+」)*时才能）。"
    r"可能已被他人处理，请刷新后重试。$"
)


@pytest.fixture
def world():
    return build_world()


def test_a_date_that_is_not_one_reads_the_same_in_every_apps_form(world):
    bad = "2026-02-30"
    forms = {
        "rounds": (RoundForm({"on_site_from": bad}, actor=world.office), "on_site_from"),
        "team": (ActivityForm({"held_on": bad}), "held_on"),
        "findings": (TransferLetterForm({"sent_on": bad}), "sent_on"),
        "rectification": (ProposalForm({"proposed_on": bad}), "proposed_on"),
        "rectification plan": (ItemPlanForm({"deadline": bad}), "deadline"),
        "reports": (ExportRequestForm({"date_from": bad}, user=world.office), "date_from"),
    }
    said = {app: form.errors[field] for app, (form, field) in forms.items()}
    assert said == {app: [NOT_A_DATE] for app in forms}


def test_an_action_out_of_turn_is_answered_alike_in_every_app():
    """A round window (rounds), the findings window and a follow-up's window
    (rectification) answer with one message that names the states the action needs."""
    planning = build_world(round_status=RoundStatus.PLANNING)
    refusals = []
    for act in (
        lambda: interview_record(
            actor=planning.member_a,
            assignment_id=planning.assignment_a.pk,
            interviewee_category=IntervieweeCategory.choices[0][0],
            interviewee_name="王建国",
            interviewer_ids=[planning.member_a.pk, planning.leader_a.pk],
        ),
        lambda: problem_record(
            actor=planning.member_a,
            assignment_id=planning.assignment_a.pk,
            facts="低保评定未公示。",
            source="interview",
        ),
        lambda: evaluation_record(
            actor=planning.office,
            assignment_id=planning.assignment_a.pk,
            batch=EvaluationBatch.CLOSE,
        ),
    ):
        with pytest.raises(ConflictError) as refused:
            act()
        refusals.append(refused.value.message)
    assert all(OUT_OF_TURN.match(message) for message in refusals), refusals
    assert "不能记录问题（「进驻」或「报告」时才能）" in refusals[1]


def page_of(client, user, url):
    client.force_login(user)
    answer = client.get(url)
    assert answer.status_code == 200, url
    return lxml.html.fromstring(answer.content.decode())


def team_and_office_forms(client, world):
    """The pages of the team's forms, the officer's progress form and the office's
    verification form, each as parsed HTML."""
    assignment = world.assignment_a
    pages = {
        name: page_of(
            client, world.member_a, reverse(f"findings:team_{name}_new", args=[assignment.pk])
        )
        for name in ("interview", "activity", "petition", "problem")
    }
    item = world.evidenced_item(status=ItemStatus.SUBMITTED, submitted_at=timezone.now())
    pages["verify"] = page_of(
        client, world.office, reverse("rectification:item_verify", args=[item.pk])
    )
    open_item = world.item(status=ItemStatus.IN_PROGRESS)
    pages["ledger"] = page_of(
        client, world.officer_a, reverse("rectification:ledger_item", args=[open_item.pk])
    )
    return pages


def group_name(radio) -> str:
    """The accessible name of the group ``radio`` belongs to: its fieldset's legend, or
    the element a role=radiogroup ancestor is labelled by."""
    for ancestor in radio.iterancestors():
        if ancestor.tag == "fieldset":
            legend = ancestor.find("legend")
            return legend.text_content().strip() if legend is not None else ""
        if ancestor.get("role") == "radiogroup" and ancestor.get("aria-labelledby"):
            [label] = (
                ancestor.getroottree().getroot().get_element_by_id(ancestor.get("aria-labelledby"))
            )
            return label.text_content().strip()
    return ""


def test_every_radio_group_on_the_team_and_ledger_forms_has_a_name(client, world):
    pages = team_and_office_forms(client, world)
    groups = {}
    for page_name, page in pages.items():
        for radio in page.xpath("//input[@type='radio']"):
            groups[(page_name, radio.get("name"))] = group_name(radio)
    assert {key[0] for key in groups} >= {"interview", "petition", "problem", "verify"}
    assert all(groups.values()), [key for key, name in groups.items() if not name]
    assert groups[("interview", "interviewee_category")] == "谈话对象类别："
    assert groups[("verify", "method")] == "核验方式："


def test_the_team_and_the_officer_attach_evidence_with_the_camera_alike(client, world):
    pages = team_and_office_forms(client, world)
    for name in ("problem", "ledger"):
        [picker] = pages[name].xpath("//div[@class='evidence-pick']")
        camera, files = picker.xpath(".//input[@type='file']")
        assert camera.get("capture") == "environment" and camera.get("accept") == "image/*"
        assert files.get("capture") is None and ".pdf" in files.get("accept")
        assert camera.get("name") == files.get("name") == "evidence"
        assert camera.get("data-max-bytes") == files.get("data-max-bytes")
        assert picker.xpath(".//ul[@class='picked'][@data-picked-for='evidence']")
    # The office's desk has no camera: one picker, the same limits and list.
    [picker] = pages["verify"].xpath("//div[@class='evidence-pick']")
    [files] = picker.xpath(".//input[@type='file']")
    assert files.get("capture") is None and files.get("multiple") is not None


def badge_of(client, user, url) -> tuple:
    """The late deadline's date and badge on the page: their classes, title and text."""
    page = page_of(client, user, url)
    [badge] = page.xpath("//span[contains(@class, 'stage-red')]")
    date = badge.getprevious()
    return date.get("class"), date.text, badge.get("class"), badge.get("title"), badge.text


def test_a_late_deadline_wears_the_same_badge_on_the_ledger_and_the_clues(client, world):
    late = timezone.localdate() - datetime.timedelta(days=3)
    world.item(status=ItemStatus.IN_PROGRESS, deadline=late)
    world.clue(status=ClueStatus.TRANSFERRED, result_due_on=late)
    ledger = badge_of(client, world.office, reverse("rectification:item_list"))
    clues = badge_of(client, world.office, reverse("findings:clue_list"))
    shown = ("deadline nowrap", f"{late:%Y-%m-%d}", "stage stage-red", "红色预警", "逾期 3 天")
    assert ledger == clues == shown
