"""The rectification officer keeps the ledger on a phone (375×812), in the browser.

A village's contact (``village_officer``, 孟河镇戴桥村) opens the ledger and its three lists,
finds an item in progress, posts progress with a photo as evidence (after a first try
without text, to see the message), and asks for closing. Its town's 乡镇党委
(``town_reviewer``) returns the item with a reason on its phone (乡镇初审); the contact then
finds it at the top of the ledger with the reason.
Each step is checked in the database.
"""

import re

from django.urls import reverse
from playwright.sync_api import expect

from demo.county.evidence import png_bytes
from inspection.models import User
from inspection.permissions import visible
from rectification.choices import ItemStatus
from rectification.models import ProgressEvidence, ProgressUpdate, RectificationItem
from tests.browser.conftest import PHONE_SCREEN

RETURN_REASON = "佐证材料只有现场照片，缺少村民代表会议记录和公示材料，请补充后重新申请销号。"


def tiny_png() -> bytes:
    """A real PNG (a phone photo stand-in): one of the demo's evidence pictures."""
    return png_bytes("officer-phone")


def fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_SCREEN["width"], f"{page.url} scrolls sideways ({width}px)"


def town_returns(browse, snap, item) -> None:
    """The village's 乡镇党委 returns ``item`` with a reason, on its phone (乡镇初审)."""
    place = item.problem.assignment.target_name
    page = browse("town_reviewer", screen=PHONE_SCREEN)
    page.goto(reverse("rectification:town_review_queue"))
    fits_the_phone(page)
    page.get_by_role("link", name=f"初审 {place} #{item.pk}").click()
    expect(page).to_have_url(re.compile(rf"/items/{item.pk}/town-review/"))
    page.get_by_label("退回村(社区)").check()
    page.get_by_label("退回理由").fill(RETURN_REASON)
    fits_the_phone(page)
    snap(page, "town-review-phone")
    page.get_by_role("button", name="提交初审意见").click()
    expect(page.locator(".message.success")).to_contain_text("已退回村(社区)重新整改")
    snap(page, "town-returns-village-item")


def test_the_officer_posts_progress_asks_for_closing_and_sees_why_it_came_back(
    browse, snap, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    # A village's contact: its request goes to its town's 乡镇党委 (the demo's
    # town_reviewer, 孟河镇) before the office.
    officer = User.objects.get(username="village_officer")
    item = (
        visible(RectificationItem, officer)
        .filter(status=ItemStatus.IN_PROGRESS)
        .exclude(measures="")
        .select_related("problem__assignment__town")
        .order_by("deadline", "pk")
        .first()
    )
    assert item is not None, "the demo village officer's village has an item in progress"
    place = item.problem.assignment.target_name
    updates_before = ProgressUpdate.objects.filter(item=item).count()

    # The ledger, its three lists, and the item found by its status.
    page = browse("village_officer", screen=PHONE_SCREEN)
    expect(page).to_have_url(re.compile(r"/ledger/$"))
    expect(page.get_by_role("heading", name=re.compile("整改台账"))).to_be_visible()
    expect(page.locator(".ledger-tabs [aria-current=page]")).to_have_text("问题清单")
    fits_the_phone(page)
    snap(page, "officer-phone-ledger")
    page.get_by_role("link", name="任务清单").click()
    expect(page.locator(".ledger-tabs [aria-current=page]")).to_have_text("任务清单")
    page.get_by_role("link", name="责任清单").click()
    expect(page.locator(".ledger-tabs [aria-current=page]")).to_have_text("责任清单")
    fits_the_phone(page)

    page.locator(".ledger-filter > summary").click()
    page.get_by_label("状态").select_option(label="整改中")
    page.get_by_role("button", name="筛选").click()
    expect(page).to_have_url(re.compile(r"status=in_progress"))
    page.get_by_role("link", name=f"{place} · #{item.pk}").first.click()
    expect(page).to_have_url(re.compile(rf"/ledger/items/{item.pk}/$"))
    expect(page.get_by_role("heading", name="填报整改进展")).to_be_visible()
    fits_the_phone(page)

    # Progress: first without text (the message comes next to the field), then in full.
    page.get_by_label("进展情况").fill("")
    page.get_by_role("button", name="提交进展").click()
    expect(page.locator("#id_text_error")).to_have_text("请填写整改进展情况。")
    page.get_by_label("进展情况").fill(
        "已召开村民代表会议重新表决，补偿款已全额发放到户并张榜公示。"
    )
    page.get_by_label("完成进度(%)").fill("100")
    page.locator("#id_evidence").set_input_files(
        [{"name": "公示现场照片.png", "mimeType": "image/png", "buffer": tiny_png()}]
    )
    snap(page, "officer-phone-progress-form")
    page.get_by_role("button", name="提交进展").click()
    expect(page.locator(".message.success")).to_contain_text("整改进展已填报。")
    expect(page.locator(".updates")).to_contain_text("公示现场照片.png")
    assert ProgressUpdate.objects.filter(item=item).count() == updates_before + 1
    update = ProgressUpdate.objects.filter(item=item).latest("created_at", "pk")
    assert (update.percent, update.author) == (100, officer)
    evidence = ProgressEvidence.objects.get(update=update)
    assert evidence.original_name == "公示现场照片.png"
    assert evidence.file.size == len(tiny_png())

    # Asking for closing, after the confirmation says what will happen.
    page.on("dialog", lambda dialog: dialog.accept())
    expect(page.locator("#submit .confirm")).to_contain_text("已上传佐证材料 1 份")
    page.get_by_role("button", name="申请销号").click()
    expect(page.locator(".message.success")).to_contain_text("已申请销号，等待乡镇党委初审。")
    expect(page.get_by_role("heading", name="填报整改进展")).to_have_count(0)
    snap(page, "officer-phone-submitted")
    item.refresh_from_db()
    assert item.status == ItemStatus.SUBMITTED
    assert item.submitted_by == officer

    # Its town returns it with a reason.
    town_returns(browse, snap, item)
    item.refresh_from_db()
    assert item.status == ItemStatus.RETURNED
    assert item.return_reason == RETURN_REASON

    # The officer finds it at the top of the ledger, with the reason, and on its page.
    page.goto("/ledger/")
    returned = page.locator(".ledger-returned")
    expect(returned).to_contain_text(RETURN_REASON)
    returned.get_by_role("link", name=f"{place} · #{item.pk}").click()
    expect(page.locator(".returned-notice")).to_contain_text(RETURN_REASON)
    expect(page.get_by_role("heading", name="填报整改进展")).to_be_visible()
    fits_the_phone(page)
    snap(page, "officer-phone-returned")
