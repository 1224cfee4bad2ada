"""The liaison's day and the office's part of a clue's handover, in the browser.

The liaison (demo user ``liaison``, the commission's) opens the desk, opens a clue the
demo county transferred to the commission and not yet received, records the receipt,
then the disposition. The office approves a proposed clue from the clue list and records
its transfer on the clue's page. Each step is checked in the database.
"""

import re

from playwright.sync_api import expect

from findings.choices import ClueStatus, DispositionMethod
from findings.models import Clue
from inspection.choices import ReceivingBody
from inspection.models import AccessLog


def test_the_liaison_receives_a_clue_and_records_its_disposition(browse, snap, readme_shot):
    waiting = Clue.objects.filter(
        status=ClueStatus.TRANSFERRED, receiving_body=ReceivingBody.COMMISSION
    ).order_by("transferred_on", "id")
    assert waiting.exists(), "the demo county has clues waiting for the commission"
    clue = waiting.first()

    page = browse("liaison")
    expect(page).to_have_url(re.compile(r"/desk/$"))
    expect(page.get_by_role("heading", name="线索办理台")).to_be_visible()
    expect(page.locator(".tabs [aria-current=page]")).to_contain_text("待接收")
    # A letter may carry several clues (一函多件): the row is the clue's, by its link.
    link = f'a[href="/clues/{clue.pk}/"]'
    row = page.locator("tbody tr", has=page.locator(link))
    expect(row).to_be_visible()
    expect(row).to_contain_text(clue.letter_number)
    readme_shot(page, "liaison-desk")  # the viewport, for the README
    snap(page, "liaison-desk")

    row.get_by_role("link", name=clue.letter_number).click()
    expect(page).to_have_url(re.compile(rf"/clues/{clue.pk}/$"))
    expect(page.locator(".banner.confidential")).to_be_visible()
    page.get_by_role("button", name="确认接收").click()
    expect(page.locator(".message.success")).to_contain_text("已接收该线索。")
    clue.refresh_from_db()
    assert clue.status == ClueStatus.RECEIVED
    assert clue.received_by.username == "liaison"

    # The disposition form is next; first without a method, to see the message.
    page.get_by_role("button", name="登记处置").click()
    expect(page.locator("#id_dispose_method_error")).to_have_text("请选择处置方式。")
    page.get_by_label("处置方式").select_option(label="初步核实")
    page.get_by_role("button", name="登记处置").click()
    expect(page.locator(".message.success")).to_contain_text("已登记处置方式。")
    snap(page, "liaison-clue-disposed")
    clue.refresh_from_db()
    assert clue.status == ClueStatus.DISPOSING
    assert clue.disposition_method == DispositionMethod.PRELIMINARY_CHECK
    # Every view of the clue's page was logged (the page was shown three times).
    views = AccessLog.objects.filter(
        user__username="liaison", object_id=str(clue.pk), action=AccessLog.Action.VIEW
    )
    assert views.count() >= 3

    page.get_by_role("link", name="线索办理台").click()
    page.get_by_role("link", name=re.compile("办理中")).click()
    expect(page.locator("tbody tr", has=page.locator(link))).to_be_visible()


def test_the_office_approves_a_proposed_clue_and_records_its_transfer(browse, snap):
    clue = Clue.objects.filter(status=ClueStatus.PROPOSED).order_by("id").first()
    assert clue is not None, "the demo county has proposed clues"

    page = browse("office")
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto("/clues/?status=proposed")
    expect(page.get_by_role("heading", name="问题线索")).to_be_visible()
    page.get_by_label(f"选择线索 #{clue.pk}").check()
    snap(page, "office-clues-proposed")
    page.locator("details.bulk-review summary").click()
    page.get_by_role("button", name="审核通过所选线索").click()
    expect(page.locator(".message.success")).to_contain_text("已审核 1 条线索")
    clue.refresh_from_db()
    assert clue.status == ClueStatus.REVIEWED

    # The leading group signs the transfer off on the clue's page.
    leadership = browse("leadership")
    leadership.goto(f"/clues/{clue.pk}/")
    leadership.locator("#action-sign-off").get_by_role("button", name="签批同意移交").click()
    expect(leadership.locator(".message.success")).to_contain_text("已登记领导小组签批")
    clue.refresh_from_db()
    assert clue.status == ClueStatus.APPROVED

    page.goto("/letters/")
    page.get_by_label(f"选择线索 #{clue.pk}").check()
    page.get_by_label("受理单位名称").fill("县纪委监委第二纪检监察室")
    snap(page, "office-letter-compose")
    page.get_by_role("button", name="发送移交函").click()
    expect(page.get_by_role("heading", name=re.compile("移交函 · 巡察移"))).to_be_visible()
    clue.refresh_from_db()
    assert clue.status == ClueStatus.TRANSFERRED
    assert clue.letter_number.startswith("巡察移〔")
    assert clue.result_due_on is not None

    # The commission's liaison finds it waiting on the desk.
    desk = browse("liaison")
    expect(desk.locator("tbody tr", has_text=clue.letter_number)).to_be_visible()
    snap(desk, "liaison-desk-after-transfer")
