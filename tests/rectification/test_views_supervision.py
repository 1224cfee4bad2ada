"""整改监督 screens: the supervisor's desk, 督办函 from the ledger, the unit's 签收 and
reply, 联合督查 recorded and read in reach, and their lists' query counts
(rectification/views/supervision_letters.py, joint_inspections.py)."""

import pytest
from django.utils import timezone

from rectification.models import JointInspection, SupervisionLetter
from rectification.supervision_choices import LetterStatus
from tests.rectification.supervision_kit import (
    green_item,
    inspection,
    letter,
    red_item,
    reply_pdf,
    yellow_item,
)
from tests.rectification.test_views_items import page, post, signed_in

pytestmark = pytest.mark.django_db


def test_a_supervisor_lands_on_their_desk_with_red_items_letters_and_inspections(world):
    red = red_item(world, facts="村集体资金坐支三万元")
    red_item(world, assignment=world.assignment_b, facts="乙村坐支")
    sent = letter(world, red)
    inspection(world, findings=[{"text": "账目仍未公开。"}])

    home = signed_in(world.supervisor_a).get("/", follow=True)
    assert home.redirect_chain[-1][0] == "/supervision/"
    assert "村集体资金坐支三万元" in home.text and "乙村坐支" not in home.text
    assert sent.number in home.text
    assert "逾期未完成（红色）1 条" in home.text
    assert "/joint-inspections/new/" in home.text  # supervisors record joint inspections
    assert page(world.supervisor_b, "/supervision/").text.count(sent.number) == 0
    assert page(world.officer_a, "/supervision/").status_code == 403


def test_a_supervisor_reads_the_ledger_and_an_item_without_action_buttons(world):
    red = red_item(world, facts="低保评定未公示")
    listing = page(world.supervisor_a, "/items/")
    assert listing.status_code == 200 and "低保评定未公示" in listing.text
    detail = page(world.supervisor_a, f"/items/{red.pk}/")
    assert detail.status_code == 200
    for button in ("生成督办函", "修改整改方案", "核验 / 退回", "提交进展", "申请销号"):
        assert button not in detail.text, button
    assert page(world.supervisor_b, f"/items/{red.pk}/").status_code == 404


def test_the_office_issues_a_letter_from_a_red_item_of_the_ledger(world):
    red = red_item(world, facts="合同未经村民代表会议")
    yellow = yellow_item(world, facts="公开栏未更新")
    green_item(world, facts="长期整改事项")
    detail = page(world.office, f"/items/{red.pk}/")
    new_path = f"/assignments/{world.assignment_a.pk}/supervision-letters/new/"
    assert f"{new_path}?item={red.pk}" in detail.text

    form = page(world.office, new_path, {"item": red.pk})
    assert "合同未经村民代表会议" in form.text and "公开栏未更新" in form.text
    assert "长期整改事项" not in form.text

    refused = post(world.office, new_path, {"kind": "supervise", "items": [red.pk, yellow.pk]})
    assert refused.status_code == 200 and "未逾期" in refused.text
    assert not SupervisionLetter.objects.exists()

    done = post(world.office, new_path, {"kind": "supervise", "items": [red.pk]})
    sent = SupervisionLetter.objects.get()
    assert done.status_code == 302 and done.url == f"/supervision-letters/{sent.pk}/"
    shown = page(world.office, done.url)
    assert sent.number in shown.text and "合同未经村民代表会议" in shown.text
    assert "生成督办函" in shown.text  # the document panel offers the letter to print
    assert page(world.supervisor_a, new_path).status_code == 403


def test_the_unit_signs_for_and_replies_on_the_letters_page(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    sent = letter(world)
    path = f"/supervision-letters/{sent.pk}/"
    assert "签收日期" not in page(world.supervisor_a, path).text  # readers only read
    assert "签收日期" in page(world.officer_a, path).text

    signed = post(world.officer_a, f"{path}sign-for/", {"signed_on": timezone.localdate()})
    assert signed.status_code == 302
    replied = signed_in(world.officer_a).post(
        f"{path}reply/", {"text": "已重新表决并公示。", "reply_file": reply_pdf()}
    )
    assert replied.status_code == 302
    sent.refresh_from_db()
    assert sent.status == LetterStatus.REPLIED
    shown = page(world.supervisor_a, path)
    assert "已重新表决并公示。" in shown.text and "回复文件" in shown.text
    assert page(world.officer_b, path).status_code == 404
    assert post(world.office, f"{path}sign-for/", {}).status_code == 403


def test_a_supervisor_records_a_joint_inspection_of_their_town(world):
    red = red_item(world)
    village = world.assignment_a.village
    form = page(world.supervisor_a, "/joint-inspections/new/")
    assert village.name in form.text and world.assignment_b.village.name not in form.text
    response = post(
        world.supervisor_a,
        "/joint-inspections/new/",
        {
            "inspected_on": timezone.localdate(),
            "villages": [village.pk],
            "commission_members": "李纪检",
            "finding_1": "台账佐证不全。",
            "finding_1_item": red.pk,
        },
    )
    recorded = JointInspection.objects.get()
    assert response.status_code == 302
    detail = page(world.supervisor_a, response.url)
    assert "台账佐证不全。" in detail.text and f"#{red.pk}" in detail.text
    assert page(world.supervisor_b, response.url).status_code == 404
    assert page(world.officer_a, f"/joint-inspections/{recorded.pk}/").status_code == 200
    refused = post(
        world.supervisor_a,
        "/joint-inspections/new/",
        {"inspected_on": timezone.localdate(), "villages": [village.pk], "finding_1": "x"},
    )
    assert refused.status_code == 200 and "请填写纪委监委人员" in refused.text


def test_the_lists_take_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    items = [red_item(world) for _ in range(3)]
    for item in items:
        letter(world, item)
        inspection(world, findings=[{"text": "未整改。", "item_id": item.pk}])
    world.item(assignment=world.assignment_b, deadline=items[0].deadline)  # out of reach
    for _ in range(2):
        inspection(world, village=world.assignment_b.village)
    client = signed_in(world.supervisor_a)
    for path in ("/supervision-letters/", "/joint-inspections/", "/supervision/"):
        client.get(path)  # warm the session and caches
        with django_assert_max_num_queries(14):
            response = client.get(path)
        assert response.status_code == 200, path
    many = [red_item(world) for _ in range(12)]
    for item in many:
        letter(world, item)
        inspection(world, findings=[{"text": "未整改。"}])
    for path in ("/supervision-letters/", "/joint-inspections/", "/supervision/"):
        with django_assert_max_num_queries(14):
            assert client.get(path).status_code == 200
