"""Each action on a clue's page: a POST that calls its service, changes the status, and
refuses a role that may not (403), a clue out of scope (404), a clue in the wrong state
or invalid input (the page again, 200, with the message next to the field)."""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from findings.choices import ClueOutcome, ClueStatus, DispositionMethod
from findings.models import Clue
from inspection.choices import ReceivingBody

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def post(client, user, clue, slug, data=None, **kwargs):
    client.force_login(user)
    return client.post(f"/clues/{clue.pk}/{slug}/", data or {}, **kwargs)


def text_of(answer) -> str:
    return html.unescape(answer.content.decode())


def fresh(clue) -> Clue:
    return Clue.objects.get(pk=clue.pk)


def field_error(answer, field: str, message: str) -> bool:
    """``message`` is shown as the error of ``field`` (next to it, not only on top); the
    field's id is led by the action's, as the page holds several forms. A message ending
    in "（" is the start of one that goes on to name a date."""
    slug = answer.request["PATH_INFO"].rstrip("/").rsplit("/", 1)[-1]
    text = text_of(answer)
    shown = f'<p class="error" id="id_{slug}_{field}_error">{message}'
    return (shown if message.endswith("（") else f"{shown}</p>") in text


# ------------------------------------------------------------------------------ the office


def test_the_office_reviews_a_proposed_clue(client, world):
    clue = world.clue()
    data = {"receiving_body": "organisation", "opinion": "镇干部选人用人问题", "note": "同意移交"}
    answer = post(client, world.office, clue, "review", data, follow=True)
    assert answer.redirect_chain[-1][0] == f"/clues/{clue.pk}/"
    assert "已审核通过，待领导小组签批。" in text_of(answer)
    clue = fresh(clue)
    assert clue.status == ClueStatus.REVIEWED and clue.approved_by == world.office
    assert clue.receiving_body == ReceivingBody.ORGANISATION
    assert clue.history.first().history_change_reason == "同意移交"


def test_reviewing_a_clue_twice_shows_the_services_message(client, world):
    clue = world.clue(status=ClueStatus.REVIEWED)
    answer = post(client, world.lead, clue, "review", {"receiving_body": "commission"})
    assert answer.status_code == 200
    assert "当前状态为「巡察办已审核」，不能巡察办审核" in text_of(answer)


@pytest.mark.parametrize("persona", ["leadership", "liaison", "leader_a", "officer_a"])
@pytest.mark.parametrize("slug", ["review", "decline"])
def test_office_actions_are_refused_to_other_roles(client, world, persona, slug):
    clue = world.clue()
    data = {"reason": "不予移交", "receiving_body": "commission"}
    answer = post(client, world.users[persona], clue, slug, data)
    assert answer.status_code == 403
    assert fresh(clue).status == ClueStatus.PROPOSED


def test_declining_needs_a_reason(client, world):
    clue = world.clue()
    answer = post(client, world.office, clue, "decline", {"reason": "  "})
    assert answer.status_code == 200
    assert field_error(answer, "reason", "请填写不予移交理由。")
    assert fresh(clue).status == ClueStatus.PROPOSED
    post(client, world.office, clue, "decline", {"reason": "已由镇纪委查结。"})
    clue = fresh(clue)
    assert clue.status == ClueStatus.DECLINED and clue.decline_reason == "已由镇纪委查结。"


# ------------------------------------------------------------------------ the leading group


def test_leadership_signs_off_on_the_page(client, world):
    clue = world.clue(status=ClueStatus.REVIEWED)
    data = {"signed_off_on": TODAY().isoformat(), "opinion": "同意"}
    answer = post(client, world.leadership, clue, "sign-off", data, follow=True)
    assert "已登记领导小组签批，可以发函移交。" in text_of(answer)
    clue = fresh(clue)
    assert clue.status == ClueStatus.APPROVED and clue.signed_off_by == world.leadership


def test_the_office_without_the_signed_form_is_told_so(client, world):
    clue = world.clue(status=ClueStatus.REVIEWED)
    answer = post(client, world.office, clue, "sign-off", {"signed_off_on": TODAY().isoformat()})
    assert answer.status_code == 200
    assert field_error(
        answer, "sign_off_form", "请上传领导小组签批的移交审批表（扫描件）；未经签批不能登记。"
    )
    assert fresh(clue).status == ClueStatus.REVIEWED


def test_the_office_records_the_sign_off_with_the_scan(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clue = world.clue(status=ClueStatus.REVIEWED)
    scan = SimpleUploadedFile("审批表.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    data = {"signed_off_on": TODAY().isoformat(), "sign_off_form": scan}
    answer = post(client, world.office, clue, "sign-off", data)
    assert answer.status_code == 302
    clue = fresh(clue)
    assert clue.status == ClueStatus.APPROVED and clue.signed_off_by is None
    assert clue.sign_off_form


def test_the_sign_off_form_uploads(client, world):
    clue = world.clue(status=ClueStatus.REVIEWED)
    client.force_login(world.leadership)
    text = text_of(client.get(f"/clues/{clue.pk}/"))
    assert f'action="/clues/{clue.pk}/sign-off/" enctype="multipart/form-data"' in text


@pytest.mark.parametrize("persona", ["leader_a", "member_a"])
def test_the_team_cannot_sign_off(client, world, persona):
    clue = world.clue(status=ClueStatus.REVIEWED)
    answer = post(client, world.users[persona], clue, "sign-off", {"signed_off_on": "2026-01-01"})
    assert answer.status_code == 403
    assert fresh(clue).status == ClueStatus.REVIEWED


# ------------------------------------------------------------------------------ the liaison


def test_the_liaison_receives_disposes_of_and_concludes_a_clue(client, world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    answer = post(client, world.liaison, clue, "receive", follow=True)
    assert "已接收该线索。" in text_of(answer)
    assert fresh(clue).status == ClueStatus.RECEIVED
    assert fresh(clue).received_by == world.liaison

    data = {"method": DispositionMethod.PRELIMINARY_CHECK, "disposed_on": TODAY().isoformat()}
    post(client, world.liaison, clue, "dispose", data)
    clue = fresh(clue)
    assert clue.status == ClueStatus.DISPOSING
    assert clue.disposition_method == DispositionMethod.PRELIMINARY_CHECK

    page = text_of(client.get(f"/clues/{clue.pk}/"))
    person = clue.subjects.get()
    # The conclusion's form has one fieldset a person concerned, named as the liaison reads.
    assert "<legend>赵德明 · 村会计/报账员</legend>" in page
    assert f'name="person_{person.pk}_party_sanction"' in page
    data = {
        "outcome": ClueOutcome.CASE_FILED,
        "concluded_on": TODAY().isoformat(),
        f"person_{person.pk}_case_filed": "on",
        f"person_{person.pk}_party_sanction": "warning",
        f"person_{person.pk}_government_sanction": "demerit",
        "funds_recovered": "12000.50",
        "outcome_note": "立案审查，给予党内警告处分。",
    }
    post(client, world.liaison, clue, "conclude", data)
    clue = fresh(clue)
    assert clue.status == ClueStatus.CONCLUDED
    assert clue.outcome == ClueOutcome.CASE_FILED
    assert clue.persons_case_filed == 1 and clue.persons_sanctioned == 1
    assert str(clue.funds_recovered) == "12000.50"
    # The clue's page shows what befell the person, to who reads the clue.
    page = text_of(client.get(f"/clues/{clue.pk}/"))
    assert (
        '赵德明 · 村会计/报账员 — <span class="person-outcome">立案、党纪处分：警告、政务处分：记过'
        in page
    )
    client.force_login(world.leadership)
    page = text_of(client.get(f"/clues/{clue.pk}/"))
    assert "赵** · 村会计/报账员 — " in page and "党纪处分：警告" in page
    client.force_login(world.officer_a)
    assert client.get(f"/clues/{clue.pk}/").status_code == 403  # no clue role


def test_the_liaison_of_another_body_gets_404(client, world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    assert post(client, world.liaison_org, clue, "receive").status_code == 404
    assert fresh(clue).status == ClueStatus.TRANSFERRED


@pytest.mark.parametrize("persona", ["office", "lead", "leadership", "leader_a"])
def test_liaison_actions_are_refused_to_other_roles(client, world, persona):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    assert post(client, world.users[persona], clue, "receive").status_code == 403
    assert fresh(clue).status == ClueStatus.TRANSFERRED


def test_receiving_a_received_clue_is_refused_on_the_page(client, world):
    clue = world.clue(status=ClueStatus.RECEIVED)
    answer = post(client, world.liaison, clue, "receive")
    assert answer.status_code == 200
    assert "当前状态为「已接收」，不能接收" in text_of(answer)


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"method": ""}, "method", "请选择处置方式。"),
        ({"method": "burn"}, "method", "所选处置方式不是有效的选项。"),
        ({"disposed_on": ""}, "disposed_on", "请填写处置日期。"),
        ({"disposed_on": "2020-01-01"}, "disposed_on", "处置日期不能早于移交日期（"),
    ],
)
def test_invalid_disposition_is_shown_next_to_the_field(client, world, data, field, message):
    clue = world.clue(status=ClueStatus.RECEIVED)
    base = {"method": DispositionMethod.TALK_OR_INQUIRY, "disposed_on": TODAY().isoformat()}
    answer = post(client, world.liaison, clue, "dispose", base | data)
    assert answer.status_code == 200
    assert field_error(answer, field, message), text_of(answer)
    assert fresh(clue).status == ClueStatus.RECEIVED


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"outcome": ""}, "outcome", "请选择办结结果。"),
        ({"funds_recovered": "-5"}, "funds_recovered", "追回资金不能为负数。"),
        (
            {"funds_recovered": "5000000"},
            "funds_recovered",
            "办结结果为了结时不能登记追回资金；整改中追回的资金请在整改台账中登记。",
        ),
        ({"funds_recovered": "1.234"}, "funds_recovered", "追回资金最多保留两位小数。"),
        ({"concluded_on": "2020-01-01"}, "concluded_on", "办结日期不能早于处置日期（"),
    ],
)
def test_invalid_outcome_is_shown_next_to_the_field(client, world, data, field, message):
    clue = world.clue(status=ClueStatus.DISPOSING)
    base = {"outcome": ClueOutcome.NO_ISSUE, "concluded_on": TODAY().isoformat()}
    answer = post(client, world.liaison, clue, "conclude", base | data)
    assert answer.status_code == 200
    assert field_error(answer, field, message), text_of(answer)
    assert fresh(clue).status == ClueStatus.DISPOSING


def test_actions_are_posts_only_and_unknown_clues_answer_404(client, world):
    clue = world.clue(status=ClueStatus.TRANSFERRED)
    client.force_login(world.liaison)
    assert client.get(f"/clues/{clue.pk}/receive/").status_code == 405
    assert fresh(clue).status == ClueStatus.TRANSFERRED
    assert client.post("/clues/987654/receive/").status_code == 404
    assert client.post("/clues/99999999999999999999/receive/").status_code == 404


def test_the_signed_form_downloads_for_who_sees_the_clue(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    clue = world.clue(status=ClueStatus.REVIEWED)
    scan = SimpleUploadedFile("审批表.pdf", b"%PDF-1.4 signed", content_type="application/pdf")
    post(
        client,
        world.office,
        clue,
        "sign-off",
        {"signed_off_on": TODAY().isoformat(), "sign_off_form": scan},
    )
    page = text_of(client.get(f"/clues/{clue.pk}/"))
    link = f"/evidence/clue-sign-off/{clue.pk}/"
    assert link in page
    answer = client.get(link)
    assert answer.status_code == 200 and b"".join(answer.streaming_content).startswith(b"%PDF")
    client.force_login(world.leader_b)
    assert client.get(link).status_code == 404


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"outcome": ClueOutcome.CASE_FILED},
            "办结结果为立案时，至少一名被反映人应登记为立案。",
        ),
        (
            {"outcome": ClueOutcome.NO_ISSUE, "case_filed": "on", "to_judiciary": "on"},
            "办结结果为了结（反映问题不实或无需处理）时，第1名被反映人（赵德明）不能有立案、"
            "党纪处分、政务处分、组织处理、诫勉/批评教育或移送司法。",
        ),
        (
            {"outcome": ClueOutcome.CASE_FILED, "party_sanction": "warning"},
            "第1名被反映人（赵德明）未立案，不能登记党纪处分",
        ),
    ],
)
def test_a_contradictory_outcome_is_shown_above_the_form(client, world, data, message):
    clue = world.clue(status=ClueStatus.DISPOSING)
    person = clue.subjects.get()
    measures = {
        f"person_{person.pk}_{key}": value for key, value in data.items() if key != "outcome"
    }
    base = {"outcome": data["outcome"], "concluded_on": TODAY().isoformat()}
    answer = post(client, world.liaison, clue, "conclude", base | measures)
    assert answer.status_code == 200
    assert message in text_of(answer)
    assert fresh(clue).status == ClueStatus.DISPOSING
    # The form comes back as it was sent.
    if "case_filed" in data:
        assert re.search(rf'name="person_{person.pk}_case_filed"[^>]* checked', text_of(answer))
