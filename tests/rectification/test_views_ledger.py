"""The rectification officer's ledger: the three lists of their own unit, their item page,
posting progress with evidence, asking for closing, the plan; what other roles get."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from inspection import evidence
from rectification.choices import ItemStatus, RectificationMode
from rectification.models import Milestone, ProgressEvidence, ProgressUpdate
from tests import factories as f

pytestmark = pytest.mark.django_db

LISTS = (
    "rectification:ledger",
    "rectification:ledger_tasks",
    "rectification:ledger_responsibilities",
)
TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


def signed_in(client, user):
    client.force_login(user)
    return client


def item_url(item, name="rectification:ledger_item"):
    return reverse(name, args=[item.pk])


def once(data: dict) -> dict:
    """The fields of the progress form with the one-time token its page carries."""
    return {"submission": uuid.uuid4().hex, **data}


def pdf(name="整改会议记录.pdf", size=None):
    content = b"%PDF-1.4 minutes" if size is None else b"%PDF-" + b"x" * (size - 5)
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def field_errors(page, field: str) -> list[str]:
    return [str(error) for error in page.context["progress_form"].errors.get(field, [])]


# ------------------------------------------------------------------------------ who sees what


@pytest.mark.parametrize("url_name", LISTS)
def test_the_officer_sees_the_items_of_their_own_unit_only(client, world, url_name):
    own = world.item(status=ItemStatus.IN_PROGRESS)
    other = world.item(assignment=world.assignment_b)
    page = signed_in(client, world.officer_a).get(reverse(url_name))
    assert page.status_code == 200
    text = page.content.decode()
    assert item_url(own) in text
    assert item_url(other) not in text
    assert "甲镇" in text


def test_another_units_officer_gets_404_on_the_item_and_its_actions(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    client = signed_in(client, world.officer_b)
    assert client.get(item_url(item)).status_code == 404
    assert client.get(item_url(item, "rectification:ledger_plan")).status_code == 404
    posted = client.post(
        item_url(item, "rectification:ledger_progress"), {"text": "x", "percent": 50}
    )
    assert posted.status_code == 404
    assert client.post(item_url(item, "rectification:ledger_submit")).status_code == 404
    assert not ProgressUpdate.objects.filter(item=item).exists()


@pytest.mark.parametrize(
    "persona", ["office", "lead", "leader_a", "liaison", "leadership", "stats"]
)
def test_other_roles_are_refused_the_officers_ledger(client, world, persona):
    item = world.item()
    client = signed_in(client, getattr(world, persona))
    for url_name in LISTS:
        assert client.get(reverse(url_name)).status_code == 403
    assert client.get(item_url(item)).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    answer = client.get(reverse("rectification:ledger"))
    assert answer.status_code == 302
    assert answer.url.startswith(reverse("inspection:login"))


def test_an_id_out_of_range_is_404(client, world):
    client = signed_in(client, world.officer_a)
    assert client.get(f"/ledger/items/{2**63}/").status_code == 404
    assert client.get("/ledger/items/999999/").status_code == 404


def test_the_navigation_and_the_start_page_lead_the_officer_to_the_ledger(client, world):
    client = signed_in(client, world.officer_a)
    landing = client.get(reverse("inspection:home"))
    assert landing.status_code == 302
    assert landing.url == reverse("rectification:ledger")
    page = client.get(landing.url)
    assert 'href="/ledger/" aria-current="page"' in page.content.decode()


# ------------------------------------------------------------------------------ the lists


def test_returned_items_stand_out_at_the_top_with_the_reason(client, world):
    world.item(status=ItemStatus.RETURNED, return_reason="佐证材料只有照片，缺少会议记录。")
    world.item(status=ItemStatus.IN_PROGRESS)
    page = signed_in(client, world.officer_a).get(reverse("rectification:ledger"))
    text = page.content.decode()
    assert "被退回的条目（1）" in text
    assert "佐证材料只有照片，缺少会议记录。" in text
    assert text.index("被退回的条目") < text.index("问题清单</a>")


def test_each_row_shows_its_deadline_colour(client, world):
    world.item(status=ItemStatus.IN_PROGRESS, deadline=days(-3))
    world.item(status=ItemStatus.PENDING, deadline=days(5))
    world.item(status=ItemStatus.PENDING, deadline=days(15))
    world.item(status=ItemStatus.PENDING, deadline=days(45))
    world.item(status=ItemStatus.CLOSED, deadline=days(-30))
    world.item(status=ItemStatus.SUBMITTED, deadline=days(-30))
    page = signed_in(client, world.officer_a).get(reverse("rectification:ledger"))
    text = page.content.decode()
    assert 'class="stage stage-red"' in text and "逾期 3 天" in text
    assert 'class="stage stage-yellow"' in text and "剩 5 天" in text
    assert 'class="stage stage-green"' in text and "剩 15 天" in text
    assert "剩 45 天" in text
    assert "已销号</span>" in text
    assert "待核验</span>" in text
    counts = page.context["counts"]
    assert (counts["red"], counts["yellow"], counts["green"]) == (1, 1, 1)
    assert (counts["closed"], counts["submitted"], counts["total"]) == (1, 1, 6)


def test_open_items_come_first_then_those_waiting_then_the_closed(client, world):
    closed = world.item(status=ItemStatus.CLOSED, deadline=days(-60))
    waiting = world.item(status=ItemStatus.SUBMITTED, deadline=days(-50))
    late = world.item(status=ItemStatus.IN_PROGRESS, deadline=days(-2))
    soon = world.item(status=ItemStatus.PENDING, deadline=days(8))
    page = signed_in(client, world.officer_a).get(reverse("rectification:ledger"))
    assert [item.pk for item in page.context["rows"]] == [late.pk, soon.pk, waiting.pk, closed.pk]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=red", {"late"}),
        ("stage=yellow", {"soon"}),
        ("status=returned", {"returned"}),
        ("status=closed", {"closed"}),
        ("mode=immediate", {"soon"}),
        ("stage=red&status=pending", set()),
    ],
)
def test_the_lists_filter_by_status_and_colour(client, world, query, expected):
    items = {
        "late": world.item(status=ItemStatus.IN_PROGRESS, deadline=days(-2)),
        "soon": world.item(deadline=days(4), mode=RectificationMode.IMMEDIATE),
        "returned": world.item(status=ItemStatus.RETURNED, deadline=days(40)),
        "closed": world.item(status=ItemStatus.CLOSED, deadline=days(-40)),
    }
    client = signed_in(client, world.officer_a)
    for url_name in LISTS:
        page = client.get(f"{reverse(url_name)}?{query}")
        assert page.status_code == 200
        shown = {item.pk for item in page.context["rows"]}
        assert shown == {items[name].pk for name in expected}, url_name


def test_a_bad_filter_value_is_a_message_not_an_error(client, world):
    world.item()
    page = signed_in(client, world.officer_a).get(
        reverse("rectification:ledger") + "?stage=purple&village=abc&page=x"
    )
    assert page.status_code == 200
    assert "选择一个有效的选项" in page.content.decode()


def test_a_town_officer_filters_by_village_a_village_officer_has_none(client, world):
    from inspection.choices import UserRole
    from tests import factories as f

    page = signed_in(client, world.officer_a).get(reverse("rectification:ledger"))
    assert "village" in page.context["listing"].form.fields
    village_officer = f.UserFactory(
        role=UserRole.RECTIFICATION_OFFICER, village=world.assignment_a.village
    )
    page = signed_in(client, village_officer).get(reverse("rectification:ledger"))
    assert "village" not in page.context["listing"].form.fields


def test_the_tasks_list_shows_measures_and_milestones_with_their_done_state(client, world):
    item = world.item(
        status=ItemStatus.IN_PROGRESS,
        mode=RectificationMode.LONG_TERM,
        measures="清理合同，重新公开招租。",
        deadline=days(200),
    )
    Milestone.objects.create(
        item=item, title="完成合同清理", due_on=days(-10), completed_on=days(-12)
    )
    Milestone.objects.create(item=item, title="公开招租", due_on=days(-1))
    Milestone.objects.create(item=item, title="建立长效机制", due_on=days(200))
    text = signed_in(client, world.officer_a).get(reverse("rectification:ledger_tasks"))
    text = text.content.decode()
    assert "清理合同，重新公开招租。" in text
    assert "完成合同清理" in text and f"{days(-12):%Y-%m-%d} 完成" in text
    assert "公开招租" in text and "逾期未完成" in text
    assert "建立长效机制" in text and "未完成" in text


def test_the_responsibilities_list_shows_who_answers_for_each_item(client, world):
    world.item(
        responsible_person="张卫东", supervising_leader="李书记", responsible_unit="甲一村党总支"
    )
    text = signed_in(client, world.officer_a).get(reverse("rectification:ledger_responsibilities"))
    text = text.content.decode()
    for shown in ("甲一村党总支", "村党组织", "张卫东", "李书记"):
        assert shown in text


def test_the_lists_paginate_and_keep_filters_and_tab(client, world):
    for _ in range(23):
        world.item(status=ItemStatus.IN_PROGRESS)
    client = signed_in(client, world.officer_a)
    page = client.get(reverse("rectification:ledger_tasks") + "?status=in_progress")
    assert len(page.context["rows"]) == 20
    text = page.content.decode()
    assert "status=in_progress&amp;page=2" in text
    assert 'href="/ledger/?status=in_progress"' in text  # the other tabs keep the filter
    second = client.get(reverse("rectification:ledger_tasks") + "?status=in_progress&page=2")
    assert len(second.context["rows"]) == 3


@pytest.mark.parametrize("url_name", LISTS)
def test_the_lists_take_a_bounded_number_of_queries(
    client, world, url_name, django_assert_max_num_queries
):
    for index in range(25):
        status = ItemStatus.RETURNED if index % 5 == 0 else ItemStatus.IN_PROGRESS
        item = world.item(status=status, mode=RectificationMode.LONG_TERM)
        Milestone.objects.create(item=item, title="阶段一", due_on=days(10))
        ProgressUpdate.objects.create(item=item, text="推进中", percent=40, author=world.officer_a)
    client = signed_in(client, world.officer_a)
    client.get(reverse(url_name))  # the session is warm
    # 13: the filters' options include the four focuses (one query, whatever the rows).
    with django_assert_max_num_queries(13):
        page = client.get(reverse(url_name))
    assert len(page.context["rows"]) == 20


# ------------------------------------------------------------------------------ the item page


def test_the_item_page_shows_facts_plan_history_and_the_forms(client, world):
    item = world.evidenced_item(status=ItemStatus.IN_PROGRESS)
    page = signed_in(client, world.officer_a).get(item_url(item))
    assert page.status_code == 200
    text = page.content.decode()
    for shown in (
        item.problem.facts,
        item.measures,
        "已重新履行民主程序。",
        "村民代表会议记录.pdf",
    ):
        assert shown in text
    assert f'data-draft="ledger-progress-{item.pk}"' in text
    assert "js/drafts.js" in text
    assert item_url(item, "rectification:ledger_submit") in text
    assert page.context["progress_form"].initial["percent"] == 100


def test_a_returned_item_shows_the_reason_prominently(client, world):
    item = world.item(status=ItemStatus.RETURNED, return_reason="整改只停留在制度层面。")
    text = signed_in(client, world.officer_a).get(item_url(item)).content.decode()
    assert "巡察办已退回本条目" in text
    assert "整改只停留在制度层面。" in text
    assert text.index("整改只停留在制度层面。") < text.index("填报整改进展")


def test_the_return_names_the_verification_it_came_from_and_no_older_one(client, world):
    from rectification.choices import VerificationMethod, VerificationResult
    from rectification.models import Verification

    item = world.item(status=ItemStatus.RETURNED, return_reason="群众评议满意度偏低。")
    Verification.objects.create(
        item=item,
        method=VerificationMethod.PUBLIC_ASSESSMENT,
        result=VerificationResult.FAILED,
        satisfaction=55,
        note="群众评议满意度偏低。",
        verifier=world.office,
    )
    client = signed_in(client, world.officer_a)
    page = client.get(item_url(item))
    assert page.context["last_failed"] is not None
    assert "群众评议" in page.content.decode()
    # Later returned again without a verification, for another reason.
    item.return_reason = "公示照片不清晰。"
    item.save()
    page = client.get(item_url(item))
    assert page.context["last_failed"] is None
    assert "公示照片不清晰。" in page.content.decode()


def test_an_item_waiting_for_its_town_has_no_forms(client, world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    page = signed_in(client, world.officer_a).get(item_url(item))
    text = page.content.decode()
    # A village's request goes to its 乡镇党委 first: the page must not say the office.
    assert "等待乡镇党委初审" in text and "等待巡察办核验" not in text
    assert page.context["progress_form"] is None and page.context["submit_form"] is None
    assert item_url(item, "rectification:ledger_progress") not in text


# ------------------------------------------------------------------------------ progress


def test_posting_progress_creates_the_update_with_its_evidence(client, world, media_root):
    item = world.item(status=ItemStatus.PENDING)
    answer = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"),
        once(
            {
                "text": "已召开村民代表会议，重新表决。",
                "percent": "60",
                "evidence": [
                    pdf(),
                    SimpleUploadedFile("现场照片.JPG", b"\xff\xd8\xff\xe0 photo", "image/jpeg"),
                ],
            }
        ),
    )
    assert answer.status_code == 302
    assert answer.url == item_url(item)
    update = ProgressUpdate.objects.get(item=item)
    assert (update.text, update.percent, update.author) == (
        "已召开村民代表会议，重新表决。",
        60,
        world.officer_a,
    )
    names = sorted(
        ProgressEvidence.objects.filter(update=update).values_list("original_name", flat=True)
    )
    assert names == ["整改会议记录.pdf", "现场照片.JPG"]
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS
    page = client.get(answer.url)
    assert "整改进展已填报。" in page.content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"text": "", "percent": "50"}, "text", "请填写整改进展情况。"),
        ({"text": "  ", "percent": "50"}, "text", "请填写整改进展情况。"),
        ({"text": "推进中", "percent": ""}, "percent", "请填写完成进度。"),
        ({"text": "推进中", "percent": "abc"}, "percent", "完成进度须为0到100之间的整数。"),
        ({"text": "推进中", "percent": "150"}, "percent", "100"),
        ({"text": "推进中", "percent": "-1"}, "percent", "0"),
    ],
)
def test_invalid_progress_comes_back_with_messages_next_to_the_fields(
    client, world, data, field, message
):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"), once(data)
    )
    assert page.status_code == 200
    errors = field_errors(page, field)
    assert errors and message in errors[0]
    assert f'id="id_{field}_error"' in page.content.decode()
    assert not ProgressUpdate.objects.filter(item=item).exists()


def test_an_oversized_file_is_refused_in_chinese_next_to_the_field(client, world, monkeypatch):
    monkeypatch.setattr(evidence, "EVIDENCE_MAX_BYTES", 1024)
    item = world.item(status=ItemStatus.IN_PROGRESS)
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"),
        once({"text": "推进中", "percent": "50", "evidence": [pdf("扫描件.pdf", size=2048)]}),
    )
    assert page.status_code == 200
    errors = field_errors(page, "evidence")
    assert errors == [
        "「扫描件.pdf」有2.0\xa0KB，超过了每个文件1.0\xa0KB的上限，请压缩或调低拍照分辨率后重新上传。"
    ]
    assert not ProgressUpdate.objects.filter(item=item).exists()


def test_the_real_size_limit_is_ten_megabytes(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"),
        once({"text": "推进中", "percent": "50", "evidence": [pdf(size=10 * 1024 * 1024 + 1)]}),
    )
    assert page.status_code == 200
    assert "超过了每个文件10.0\xa0MB的上限" in field_errors(page, "evidence")[0]


@pytest.mark.parametrize("name", ["setup.exe", "台账", "照片.jpg.bat"])
def test_a_file_that_is_not_a_photo_pdf_or_office_document_is_refused(client, world, name):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"),
        once({"text": "推进中", "percent": "50", "evidence": [pdf(name)]}),
    )
    assert page.status_code == 200
    assert "不是可接受的文件类型" in field_errors(page, "evidence")[0]


def test_a_program_renamed_to_a_photo_is_refused_on_its_content(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    disguised = SimpleUploadedFile("现场照片.jpg", b"MZ\x90\x00 program", "image/jpeg")
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"),
        once({"text": "推进中", "percent": "50", "evidence": [disguised]}),
    )
    assert page.status_code == 200
    assert "内容与文件类型不符" in field_errors(page, "evidence")[0]
    assert not ProgressUpdate.objects.filter(item=item).exists()


def test_too_many_files_at_once_are_refused(client, world, monkeypatch):
    monkeypatch.setattr(evidence, "EVIDENCE_MAX_FILES", 2)
    item = world.item(status=ItemStatus.IN_PROGRESS)
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"),
        once(
            {
                "text": "推进中",
                "percent": "50",
                "evidence": [pdf("1.pdf"), pdf("2.pdf"), pdf("3.pdf")],
            }
        ),
    )
    assert page.status_code == 200
    assert field_errors(page, "evidence") == ["一次最多上传2个文件，请分批上传。"]


def test_an_empty_file_is_refused(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    empty = SimpleUploadedFile("空.pdf", b"", content_type="application/pdf")
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"),
        once({"text": "推进中", "percent": "50", "evidence": [empty]}),
    )
    assert page.status_code == 200
    assert field_errors(page, "evidence")


def test_progress_without_measures_says_what_to_do_first(client, world):
    item = world.item(status=ItemStatus.PENDING, measures="")
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"), once({"text": "推进中", "percent": "10"})
    )
    assert page.status_code == 200
    assert "请先在整改方案中填写整改措施" in page.content.decode()


def test_progress_on_an_item_waiting_for_the_office_is_refused_on_the_page(client, world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_progress"),
        once({"text": "再补充", "percent": "100"}),
    )
    assert page.status_code == 200
    assert "不能填报整改进展" in page.content.decode()
    assert ProgressUpdate.objects.filter(item=item).count() == 1


def test_a_town_committees_own_request_waits_for_the_office(client, world):
    committee = f.AssignmentFactory(
        round=world.round, team=world.team_a, town=world.town_a, village=None
    )
    item = world.evidenced_item(status=ItemStatus.SUBMITTED, assignment=committee)
    text = signed_in(client, world.officer_a).get(item_url(item)).content.decode()
    assert "等待巡察办核验" in text and "乡镇党委初审" not in text


def test_the_action_urls_take_only_posts(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    client = signed_in(client, world.officer_a)
    assert client.get(item_url(item, "rectification:ledger_progress")).status_code == 405
    assert client.get(item_url(item, "rectification:ledger_submit")).status_code == 405


# ------------------------------------------------------------------------------ closing


def test_asking_for_closing_moves_the_item_to_submitted(client, world):
    item = world.evidenced_item(status=ItemStatus.IN_PROGRESS)
    answer = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_submit"), {"note": "全部整改完成"}
    )
    assert answer.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED
    assert item.submitted_by == world.officer_a
    assert item.history.latest().history_change_reason == "全部整改完成"
    assert "已申请销号，等待乡镇党委初审。" in client.get(answer.url).content.decode()


def test_a_returned_item_can_ask_again(client, world):
    item = world.evidenced_item(status=ItemStatus.RETURNED, return_reason="缺少会议记录")
    answer = signed_in(client, world.officer_a).post(item_url(item, "rectification:ledger_submit"))
    assert answer.status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED


def test_asking_for_closing_without_evidence_says_so(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS)
    page = signed_in(client, world.officer_a).post(item_url(item, "rectification:ledger_submit"))
    assert page.status_code == 200
    assert "申请销号须上传整改佐证材料。" in page.content.decode()
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


def test_asking_twice_is_a_message_not_an_error(client, world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    page = signed_in(client, world.officer_a).post(item_url(item, "rectification:ledger_submit"))
    assert page.status_code == 200
    assert "可能已被他人处理" in page.content.decode()


def test_a_note_too_long_is_refused_next_to_the_field(client, world):
    item = world.evidenced_item(status=ItemStatus.IN_PROGRESS)
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_submit"), {"note": "长" * 300}
    )
    assert page.status_code == 200
    assert page.context["submit_form"].errors["note"]
    item.refresh_from_db()
    assert item.status == ItemStatus.IN_PROGRESS


# ------------------------------------------------------------------------------ the plan


def plan_data(item, **changes):
    data = {
        "mode": item.mode,
        "measures": item.measures,
        "target": item.target,
        "responsible_unit_kind": item.responsible_unit_kind,
        "responsible_unit": item.responsible_unit,
        "responsible_person": item.responsible_person,
        "supervising_leader": item.supervising_leader,
        "deadline": f"{item.deadline:%Y-%m-%d}",
        "milestones": "",
        "note": "",
    }
    return data | changes


def test_the_officer_updates_the_plan_and_brings_the_deadline_forward(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS, deadline=days(60))
    client = signed_in(client, world.officer_a)
    assert client.get(item_url(item, "rectification:ledger_plan")).status_code == 200
    answer = client.post(
        item_url(item, "rectification:ledger_plan"),
        plan_data(item, measures="重新表决并公开。", deadline=f"{days(30):%Y-%m-%d}"),
    )
    assert answer.status_code == 302
    assert answer.url == item_url(item)
    item.refresh_from_db()
    assert (item.measures, item.deadline) == ("重新表决并公开。", days(30))


def test_the_officer_cannot_postpone_the_deadline_and_is_told_why(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS, deadline=days(60))
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_plan"),
        plan_data(item, deadline=f"{days(90):%Y-%m-%d}"),
    )
    assert page.status_code == 200
    assert "只有巡察办可以延后整改时限" in page.context["form"].errors["deadline"][0]
    item.refresh_from_db()
    assert item.deadline == days(60)


def test_a_plan_with_bad_milestones_comes_back_with_the_message(client, world):
    item = world.item(status=ItemStatus.IN_PROGRESS, deadline=days(60))
    page = signed_in(client, world.officer_a).post(
        item_url(item, "rectification:ledger_plan"),
        plan_data(item, mode=RectificationMode.LONG_TERM, milestones="下个月 完成"),
    )
    assert page.status_code == 200
    assert "第1行" in page.context["form"].errors["milestones"][0]


def test_the_plan_of_an_item_waiting_for_the_office_cannot_be_changed(client, world):
    item = world.evidenced_item(status=ItemStatus.SUBMITTED)
    client = signed_in(client, world.officer_a)
    answer = client.post(
        item_url(item, "rectification:ledger_plan"), plan_data(item, measures="改")
    )
    assert answer.status_code == 302
    item.refresh_from_db()
    assert item.measures != "改"


def test_once_the_plan_is_approved_the_officer_is_told_it_is_locked(client, world):
    """The ledger item no longer offers 修改整改方案 to the unit, and the plan's page sends
    it back with the reason; nothing changes."""
    from rectification.choices import SubmissionStatus
    from tests.rectification.action_specs import submission

    item = world.item(status=ItemStatus.IN_PROGRESS, deadline=days(60))
    client = signed_in(client, world.officer_a)
    plan_link = f'href="{item_url(item, "rectification:ledger_plan")}"'
    assert plan_link in client.get(item_url(item)).text
    submission(
        world,
        status=SubmissionStatus.APPROVED,
        reviewed_by=world.office,
        reviewed_at=timezone.now(),
    )
    assert plan_link not in client.get(item_url(item)).text
    answer = client.post(
        item_url(item, "rectification:ledger_plan"),
        plan_data(item, measures="改"),
        follow=True,
    )
    assert "整改方案已经审核通过并锁定" in answer.text
    item.refresh_from_db()
    assert item.measures != "改"
