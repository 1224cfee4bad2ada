"""The office verifies the demo county's items asking to be closed: opens the queue, verifies
the oldest request on site and closes it, returns the next one with a reason."""

import re

from playwright.sync_api import expect

from rectification.choices import ItemStatus, VerificationResult
from rectification.models import RectificationItem
from rectification.selectors import ready_for_verification_condition

# The first bytes of a JPEG photo: the upload policy checks the content, not the name.
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00 photo"


def waiting_items() -> list[RectificationItem]:
    """The demo county's requests the office may judge (a village's once its town passed
    it on: 乡镇已初审), oldest request first, as queued."""
    return list(
        RectificationItem.objects.filter(ready_for_verification_condition()).order_by(
            "submitted_at", "pk"
        )
    )


def test_the_office_verifies_one_item_and_returns_another(browse, snap):
    waiting = waiting_items()
    assert len(waiting) >= 2, "the demo county should have items asking to be closed"
    first, second = waiting[0], waiting[1]
    page = browse("office")

    page.get_by_role("link", name="整改核验").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("整改核验")
    expect(page.locator("table.queue tbody tr")).to_have_count(min(len(waiting), 30))
    snap(page, "verification-queue")

    page.get_by_role("link", name="核验下一条").click()
    expect(page).to_have_url(re.compile(rf"/items/{first.pk}/verify/"))
    verify = page.locator("form").filter(has=page.get_by_role("button", name="提交核验"))
    verify.get_by_label("现场核验").check()
    verify.get_by_label("通过", exact=True).check()
    verify.get_by_label("核验意见").fill("现场查看，合同已公示，村民代表会议记录齐全。")
    verify.get_by_label("核验材料").set_input_files(
        files=[{"name": "现场核验照片.jpg", "mimeType": "image/jpeg", "buffer": JPEG}]
    )
    snap(page, "verification-verify-form")
    page.get_by_role("button", name="提交核验").click()

    expect(page).to_have_url(re.compile(r"/verification/$"))
    expect(page.locator(".message.success")).to_contain_text("核验通过，已销号")
    first.refresh_from_db()
    assert first.status == ItemStatus.CLOSED
    assert first.verifications.get().result == VerificationResult.PASSED
    expect(page.locator(f'a[href^="/items/{first.pk}/verify/"]')).to_have_count(0)
    snap(page, "verification-after-verify")

    page.locator("table.queue").locator(f'a[href^="/items/{second.pk}/verify/"]').click()
    page.get_by_role("button", name="退回").click()  # no reason yet: said next to the field
    expect(page.locator("#id_reason_error")).to_have_text("退回须说明理由。")
    page.get_by_label("退回理由").fill("佐证材料只有文字说明，请补充公示照片和会议签到表。")
    page.get_by_role("button", name="退回").click()

    expect(page).to_have_url(re.compile(r"/verification/$"))
    expect(page.locator(".message.success")).to_contain_text("已退回责任单位")
    expect(page.locator(f'a[href^="/items/{second.pk}/verify/"]')).to_have_count(0)
    second.refresh_from_db()
    assert second.status == ItemStatus.RETURNED
    assert second.return_reason == "佐证材料只有文字说明，请补充公示照片和会议签到表。"
    snap(page, "verification-after-return")

    page.goto(f"/items/{second.pk}/")
    expect(page.locator(".banner.warning")).to_contain_text("请补充公示照片和会议签到表")
    snap(page, "verification-returned-item")


def test_the_ledger_list_filters_by_colour_and_opens_an_item(browse, snap):
    page = browse("leadership")
    page.goto("/items/?stage=red")
    rows = page.locator("table.ledger tbody tr")
    expect(rows.first.locator(".stage-red")).to_be_visible()
    snap(page, "ledger-overdue")
    rows.first.locator("td.summary a").click()
    expect(page).to_have_url(re.compile(r"/items/\d+/$"))
    expect(page.get_by_role("heading", name="整改进展")).to_be_visible()
    expect(page.get_by_role("button", name="提交进展")).to_have_count(0)  # leadership reads only
