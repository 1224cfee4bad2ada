"""整改公开: the 公开稿 prints problems → measures → results and no name; the leading group
approves it (a leadership account, or the office with the group's document); it is posted
with a photo, then assessed with counts that add up (rectification.services.publicity,
rectification.publicity_document)."""

import datetime

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from findings.choices import ClueStatus, ProblemStatus
from inspection.documents.models import Document
from inspection.documents.services import document_generate
from inspection.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from rectification.choices import ItemStatus, PublicityStatus
from rectification.models import FeedbackIssueProblem, RectificationPublicity
from rectification.services import (
    publicity_approve,
    publicity_assess,
    publicity_compose,
    publicity_post,
)
from tests import factories as f
from tests.inspection.documents import docx_text, media_root  # noqa: F401
from tests.rectification.helpers import upload

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]

TODAY = timezone.localdate


def text_of(document) -> str:
    with document.file.open("rb") as stream:
        return docx_text(stream.read())


@pytest.fixture
def ledger(world):
    """Two items of 甲一村: one closed, one in progress whose measures name its 责任人."""
    world.closed = world.item(
        status=ItemStatus.CLOSED,
        measures="重新履行民主程序，规范合同管理。",
        responsible_person="张卫东",
        supervising_leader="李红梅",
    )
    world.open = world.item(
        status=ItemStatus.IN_PROGRESS,
        measures="由王建国牵头清理村集体资产台账。",
        responsible_person="王建国",
    )
    f.InterviewFactory(assignment=world.assignment_a, interviewee_name="赵德明")
    return world


def compose(world, exemptions=()):
    return publicity_compose(
        actor=world.office, assignment_id=world.assignment_a.pk, exemptions=exemptions
    )


def generated(world, publicity):
    return document_generate(actor=world.office, kind="publicity_draft", subject_id=publicity.pk)


def approved(world, publicity):
    generated(world, publicity)
    return publicity_approve(actor=world.leadership, publicity_id=publicity.pk, approved_on=TODAY())


def posted(world, publicity):
    return publicity_post(
        actor=world.office,
        publicity_id=publicity.pk,
        channel="notice_board",
        place="村委会公开栏",
        posted_on=TODAY(),
        photo=upload("公开栏.jpg"),
    )


def assess(world, publicity, **counts):
    values = {"sample_size": 50, "satisfied": 40, "basically_satisfied": 8, "dissatisfied": 2}
    return publicity_assess(
        actor=world.office, publicity_id=publicity.pk, assessed_on=TODAY(), **values | counts
    )


# --------------------------------------------------------------------------- 公开稿


def test_the_draft_prints_measures_and_results_and_no_name(ledger):
    publicity = compose(ledger)
    text = text_of(
        document_generate(actor=ledger.office, kind="publicity_draft", subject_id=publicity.pk)
    )
    assert "重新履行民主程序，规范合同管理。" in text
    assert "已完成整改" in text and "正在整改" in text
    assert "清理村集体资产台账" in text
    for name in ("张卫东", "李红梅", "王建国", "赵德明", "责任人"):
        assert name not in text, name
    assert "××牵头" in text


def test_exempted_items_and_items_behind_an_open_clue_are_left_out(ledger):
    clue = ledger.clue(status=ClueStatus.TRANSFERRED)
    clue.problems.add(ledger.open.problem)
    publicity = compose(ledger, exemptions=[(ledger.closed.pk, "privacy", "涉及低保户")])
    text = text_of(
        document_generate(actor=ledger.office, kind="publicity_draft", subject_id=publicity.pk)
    )
    assert "重新履行民主程序" not in text and "清理村集体资产台账" not in text
    assert "涉及低保户" not in text


def test_composing_writes_one_history_row_naming_what_is_withheld(ledger):
    publicity = compose(ledger, exemptions=[(ledger.closed.pk, "privacy", "涉及低保户")])
    (row,) = publicity.history.all()
    assert f"#{ledger.closed.pk}（涉及个人隐私）" in row.history_change_reason
    compose(ledger)
    assert publicity.history.count() == 2


def test_the_closing_day_is_shanghais(ledger):
    # 07:00 in Shanghai is still the day before in UTC.
    ledger.closed.closed_at = datetime.datetime(2026, 3, 5, 23, 0, tzinfo=datetime.UTC)
    ledger.closed.save()
    text = text_of(
        document_generate(
            actor=ledger.office, kind="publicity_draft", subject_id=compose(ledger).pk
        )
    )
    assert "2026年3月6日验收销号" in text and "2026年3月5日" not in text


def test_a_name_of_an_exempted_item_is_masked_where_an_issue_speaks_of_it(ledger):
    ledger.open.responsible_person = "孙志强"
    ledger.open.save()
    issue = ledger.closed.issue
    issue.text = f"{issue.text}孙志强签字后未公示。"
    issue.save()
    publicity = compose(ledger, exemptions=[(ledger.open.pk, "privacy", "")])
    text = text_of(
        document_generate(actor=ledger.office, kind="publicity_draft", subject_id=publicity.pk)
    )
    assert "孙志强" not in text and "××签字后未公示" in text


def test_an_issue_with_any_paper_behind_an_open_clue_is_left_out(ledger):
    issue = ledger.closed.issue
    other = ledger.problem(status=ProblemStatus.FED_BACK)
    FeedbackIssueProblem.objects.create(problem=other, issue=issue)
    clue = ledger.clue(status=ClueStatus.TRANSFERRED)
    clue.problems.add(other)
    publicity = compose(ledger)
    text = text_of(
        document_generate(actor=ledger.office, kind="publicity_draft", subject_id=publicity.pk)
    )
    assert "重新履行民主程序" not in text


def test_an_exemption_needs_a_known_reason_and_an_item_of_the_organisation(ledger):
    other = ledger.item(assignment=ledger.assignment_b, status=ItemStatus.CLOSED)
    for exemptions in (
        [(ledger.closed.pk, "because", "")],
        [(other.pk, "secret", "")],
        [(ledger.closed.pk, "other", "")],
    ):
        with pytest.raises(ApplicationError) as error:
            compose(ledger, exemptions)
        assert "exemptions" in error.value.errors
    assert not RectificationPublicity.objects.exists()


def test_the_text_is_locked_once_approved(ledger):
    publicity = approved(ledger, compose(ledger))
    with pytest.raises(ConflictError):
        compose(ledger, exemptions=[(ledger.closed.pk, "secret", "")])
    with pytest.raises(ApplicationError):
        document_generate(actor=ledger.office, kind="publicity_draft", subject_id=publicity.pk)


def test_no_publicity_before_feedback(world):
    with pytest.raises(ApplicationError):
        publicity_compose(actor=world.office, assignment_id=world.assignment_b.pk)


# ------------------------------------------------------------------------- approval


def test_a_leadership_account_approves_as_signer(ledger):
    publicity = approved(ledger, compose(ledger))
    assert publicity.status == PublicityStatus.APPROVED
    assert publicity.approved_by == ledger.leadership and not publicity.approval_document


def test_the_office_approves_only_with_the_leading_groups_document(ledger):
    publicity = compose(ledger)
    with pytest.raises(ApplicationError) as error:  # nothing generated yet to approve
        publicity_approve(actor=ledger.leadership, publicity_id=publicity.pk, approved_on=TODAY())
    assert "请先生成公开稿" in error.value.message
    generated(ledger, publicity)
    with pytest.raises(ApplicationError) as error:
        publicity_approve(actor=ledger.office, publicity_id=publicity.pk, approved_on=TODAY())
    assert "document" in error.value.errors
    publicity.refresh_from_db()
    assert publicity.status == PublicityStatus.DRAFT
    done = publicity_approve(
        actor=ledger.office,
        publicity_id=publicity.pk,
        approved_on=TODAY(),
        document=upload("领导小组审定意见.pdf"),
    )
    assert done.approved_by is None and done.approval_document
    assert done.approval_recorded_by == ledger.office


def test_the_database_refuses_an_approval_without_the_body(ledger):
    publicity = compose(ledger)
    RectificationPublicity.objects.filter(pk=publicity.pk).update(approved_on=TODAY())
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationPublicity.objects.filter(pk=publicity.pk).update(status="approved")


def test_the_team_leader_cannot_approve(ledger):
    publicity = compose(ledger)
    generated(ledger, publicity)
    with pytest.raises(PermissionDeniedError):
        publicity_approve(actor=ledger.leader_a, publicity_id=publicity.pk, approved_on=TODAY())
    with pytest.raises(NotFoundError):
        publicity_approve(actor=ledger.officer_b, publicity_id=publicity.pk, approved_on=TODAY())


# ------------------------------------------------------------------ posting, 群众评议


def test_posting_needs_a_photo_and_follows_approval(ledger):
    publicity = compose(ledger)
    with pytest.raises(ConflictError):
        posted(ledger, publicity)
    approved(ledger, publicity)
    with pytest.raises(ApplicationError) as error:
        publicity_post(
            actor=ledger.office,
            publicity_id=publicity.pk,
            channel="wechat",
            posted_on=TODAY(),
            photo=None,
        )
    assert "photo" in error.value.errors
    done = posted(ledger, publicity)
    assert done.status == PublicityStatus.POSTED and done.posting_photo


def test_the_assessment_counts_add_up_to_the_sample(ledger):
    publicity = posted(ledger, approved(ledger, compose(ledger)))
    with pytest.raises(ApplicationError) as error:
        assess(ledger, publicity, dissatisfied=3)
    assert "51" in error.value.message and "50" in error.value.message
    with pytest.raises(ApplicationError):
        assess(ledger, publicity, sample_size=0, satisfied=0, basically_satisfied=0, dissatisfied=0)
    done = assess(ledger, publicity)
    assert done.status == PublicityStatus.ASSESSED
    assert done.satisfaction == 96.0
    with pytest.raises(IntegrityError), transaction.atomic():
        RectificationPublicity.objects.filter(pk=publicity.pk).update(satisfied=41)


def test_render_documents_writes_the_draft(ledger, tmp_path):
    compose(ledger)
    call_command("render_documents", round=ledger.round.pk, out=tmp_path)
    assert Document.objects.filter(kind="publicity_draft").count() == 1
    written = [p for p in tmp_path.iterdir() if p.name.startswith("整改公开稿")]
    assert len(written) == 1
    text = docx_text(written[0].read_bytes())
    assert "规范合同管理" in text and "张卫东" not in text


# --------------------------------------------------------------------------- screens


def publicity_path(world) -> str:
    return f"/assignments/{world.assignment_a.pk}/publicity/"


def test_the_office_composes_generates_and_the_leadership_signs_on_the_page(ledger):
    from tests.rectification.test_views_items import page, post

    path = publicity_path(ledger)
    first = page(ledger.office, path)
    assert first.status_code == 200 and "开始拟稿" in first.text
    response = post(
        ledger.office,
        path + "compose/",
        {f"reason_{ledger.closed.pk}": "privacy", f"note_{ledger.closed.pk}": "涉及低保户"},
    )
    assert response.status_code == 302
    publicity = RectificationPublicity.objects.get()
    assert list(publicity.exemptions.values_list("item_id", "reason")) == [
        (ledger.closed.pk, "privacy")
    ]
    generated(ledger, publicity)
    unit = page(ledger.officer_a, path)
    # What is withheld (and so that something is) is not the unit's to read.
    assert unit.status_code == 200 and "整改公开稿" in unit.text and "不予公开" not in unit.text
    assert 'name="approved_on"' not in unit.text and "开始拟稿" not in unit.text
    leadership = page(ledger.leadership, path)
    assert "领导小组审定" in leadership.text and 'name="approved_on"' in leadership.text
    assert "不予公开" in leadership.text
    signed = post(ledger.leadership, path + "approve/", {"approved_on": TODAY().isoformat()})
    assert signed.status_code == 302
    publicity.refresh_from_db()
    assert publicity.approved_by == ledger.leadership
    assert page(ledger.officer_b, path).status_code == 404


def test_a_bad_assessment_comes_back_on_the_form(ledger):
    from tests.rectification.test_views_items import post

    publicity = posted(ledger, approved(ledger, compose(ledger)))
    response = post(
        ledger.office,
        publicity_path(ledger) + "assess/",
        {
            "assessed_on": TODAY().isoformat(),
            "sample_size": 10,
            "satisfied": 5,
            "basically_satisfied": 5,
            "dissatisfied": 1,
        },
    )
    assert response.status_code == 400 and "须等于参评人数" in response.text
    publicity.refresh_from_db()
    assert publicity.status == PublicityStatus.POSTED


def test_the_page_costs_the_same_for_many_items(ledger):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.rectification.test_views_items import page

    generated(ledger, compose(ledger, exemptions=[(ledger.closed.pk, "secret", "")]))
    page(ledger.office, publicity_path(ledger))
    with CaptureQueriesContext(connection) as few:
        page(ledger.office, publicity_path(ledger))
    for _ in range(12):
        ledger.item(status=ItemStatus.CLOSED)
    with CaptureQueriesContext(connection) as many:
        response = page(ledger.office, publicity_path(ledger))
    assert response.text.count("data-item=") == 14
    assert len(many) == len(few)


def test_the_api_reads_the_publicity_in_scope_only(ledger):
    from tests.rectification.test_api import as_user, ok

    publicity = posted(ledger, approved(ledger, compose(ledger, [(ledger.open.pk, "secret", "")])))
    assess(ledger, publicity)
    rows = ok(as_user(ledger.officer_a).get("/api/v1/rectification-publicities/"))["results"]
    assert [row["id"] for row in rows] == [publicity.pk]
    assert rows[0]["status"] == "assessed" and rows[0]["satisfaction"] == 96.0
    # What is withheld and why is not the unit's to read (线索未了结 would name an open clue).
    assert rows[0]["exemptions"] == []
    office_rows = ok(as_user(ledger.office).get("/api/v1/rectification-publicities/"))["results"]
    assert office_rows[0]["exemptions"][0]["reason"] == "secret"
    assert rows[0]["approved_by_name"] == str(ledger.leadership)
    assert not ok(as_user(ledger.officer_b).get("/api/v1/rectification-publicities/"))["results"]
    assert as_user(ledger.officer_a).post("/api/v1/rectification-publicities/", {}).status_code in (
        403,
        405,
    )


def test_the_approval_document_and_the_photo_are_served_to_the_readers_only(ledger):
    from tests.rectification.test_views_items import page

    publicity = compose(ledger)
    generated(ledger, publicity)
    publicity_approve(
        actor=ledger.office,
        publicity_id=publicity.pk,
        approved_on=TODAY(),
        document=upload("领导小组审定意见.pdf"),
    )
    posted(ledger, publicity)
    screen = page(ledger.officer_a, publicity_path(ledger)).text
    for slug in ("publicity-approval", "publicity-photo"):
        path = f"/evidence/{slug}/{publicity.pk}/"
        assert path in screen
        assert page(ledger.officer_a, path).status_code == 200
        assert page(ledger.officer_b, path).status_code == 404


def test_a_draft_whose_items_or_names_changed_since_it_was_made_is_not_approved(ledger):
    """The leading group approves what should be published now: an exemption ticked, a
    paper put behind a clue, or a name newly known after the draft was made sends the
    office back to make it again; a clue's routine step or composing with the same
    exemptions does not."""

    def approve():
        return publicity_approve(
            actor=ledger.leadership, publicity_id=publicity.pk, approved_on=TODAY()
        )

    clue = ledger.clue(status=ClueStatus.TRANSFERRED)
    publicity = compose(ledger)
    generated(ledger, publicity)
    compose(ledger, exemptions=[(ledger.closed.pk, "privacy", "涉及低保户")])
    with pytest.raises(ApplicationError, match="请巡察办重新生成公开稿"):
        approve()
    generated(ledger, publicity)
    clue.problems.add(ledger.open.problem)  # the paper is behind a clue not concluded
    with pytest.raises(ApplicationError, match="请巡察办重新生成公开稿"):
        approve()
    generated(ledger, publicity)
    f.ClueSubjectFactory(clue=clue, name="孙建华")  # a name the draft must now mask
    with pytest.raises(ApplicationError, match="请巡察办重新生成公开稿"):
        approve()
    text = text_of(generated(ledger, publicity))
    assert "清理村集体资产台账" not in text and "重新履行民主程序" not in text
    clue.status = ClueStatus.RECEIVED  # the commission's routine step
    clue.save()
    compose(ledger, exemptions=[(ledger.closed.pk, "privacy", "涉及低保户")])  # the same
    assert approve().status == PublicityStatus.APPROVED


def test_an_edited_copy_is_approved_as_the_draft_it_edits(ledger):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from inspection.documents.services import document_upload_version

    publicity = compose(ledger)
    draft = generated(ledger, publicity)
    compose(ledger, exemptions=[(ledger.closed.pk, "privacy", "涉及低保户")])
    with draft.file.open("rb") as stream:
        edited = SimpleUploadedFile("修改稿.docx", stream.read())
    document_upload_version(actor=ledger.office, document_id=draft.pk, file=edited)
    with pytest.raises(ApplicationError, match="请巡察办重新生成公开稿"):
        publicity_approve(actor=ledger.leadership, publicity_id=publicity.pk, approved_on=TODAY())
    draft = generated(ledger, publicity)
    edited.seek(0)
    document_upload_version(actor=ledger.office, document_id=draft.pk, file=edited)
    approved_now = publicity_approve(
        actor=ledger.leadership, publicity_id=publicity.pk, approved_on=TODAY()
    )
    assert approved_now.status == PublicityStatus.APPROVED


def test_the_schema_allows_what_a_draft_and_a_decision_not_pursued_answer(client):
    """A publicity not yet posted answers ``channel: ""``, a 不予问责 decision ``form: ""``:
    the schema must allow both (the generated client refused the list)."""
    import yaml

    schema = yaml.safe_load(client.get("/api/schema/").content)["components"]["schemas"]

    def allowed(component, field):
        options = schema[component]["properties"][field]
        refs = [options, *options.get("oneOf", []), *options.get("anyOf", [])]
        enums = []
        for ref in refs:
            target = schema[ref["$ref"].rsplit("/", 1)[1]] if "$ref" in ref else ref
            enums += target.get("enum", [])
        return enums

    assert "" in allowed("RectificationPublicity", "channel")
    assert "" in allowed("AccountabilityDecision", "form")
