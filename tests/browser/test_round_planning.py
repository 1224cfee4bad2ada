"""The office plans a round in the demo county and moves it on site: creates the round
(mode, theme, dates, supervision items), builds a team with a leader and members, assigns
a town's villages in bulk, prepares the round, has its 工作方案 agreed by the leading
group (the minutes uploaded) and goes on site, reading each confirmation before
confirming it."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from inspection.models import Town
from rounds.choices import RoundMode, RoundStatus, TeamRole
from rounds.models import InspectionRound

TITLE = "县委第四轮巡察（三井街道集体“三资”专项巡察）"
TOWN = "三井街道"  # no demo inspector has declared a tie to it


def test_the_office_plans_a_round_and_moves_it_on_site(browse, snap):
    today = timezone.localdate()
    town = Town.objects.get(name=TOWN)
    villages = town.villages.filter(is_active=True).count()
    page = browse("office")

    # The round: mode, theme, dates, supervision items.
    page.get_by_role("link", name="巡察轮次", exact=True).click()
    page.get_by_role("link", name="新建巡察轮次").click()
    page.get_by_label("轮次名称").fill(TITLE)
    page.get_by_label("巡察方式").select_option(label="专项巡察")
    page.get_by_role("button", name="新建").click()  # a thematic round needs its theme
    expect(page.locator("#id_theme_error")).to_have_text("专项巡察必须填写专项主题。")
    page.get_by_label("专项主题").fill("村级集体资金、资产、资源管理")
    page.get_by_label("动员部署日期").fill((today - datetime.timedelta(days=3)).isoformat())
    page.get_by_label("进驻日期").fill(today.isoformat())
    page.get_by_label("撤离日期").fill((today + datetime.timedelta(days=30)).isoformat())
    corruption = page.locator("fieldset", has_text="聚焦群众身边不正之风和腐败问题")
    corruption.get_by_label("全选本组").check()
    page.get_by_label(re.compile("A01")).check()
    snap(page, "round-planning-1-new-round")
    page.get_by_role("button", name="新建").click()

    expect(page.locator(".message.success")).to_contain_text("已新建巡察轮次。")
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    inspection_round = InspectionRound.objects.get(title=TITLE)
    assert inspection_round.mode == RoundMode.THEMATIC
    assert inspection_round.status == RoundStatus.PLANNING
    chosen = inspection_round.supervision_items.count()
    assert chosen >= 2

    # A team: its leader, deputy and members.
    page.get_by_role("link", name="组建巡察组").first.click()
    page.get_by_label(re.compile(r"^组长")).select_option(label="周国良 · 县委巡察办副主任")
    page.get_by_label(re.compile(r"^副组长")).select_option(
        label="顾丽娟 · 县纪委监委第一纪检监察室主任"
    )
    page.get_by_label(re.compile("王子恒")).check()
    page.get_by_label(re.compile("李雨涵")).check()
    snap(page, "round-planning-2-new-team")
    page.get_by_role("button", name="组建").click()
    expect(page.locator(".message.success")).to_contain_text("已组建巡察组。")
    expect(page.get_by_role("heading", level=1)).to_contain_text("第一巡察组")
    expect(page.locator("table").first).to_contain_text("周国良")
    team = inspection_round.teams.get()
    assert team.memberships.get(role=TeamRole.LEADER).user.full_name == "周国良"
    assert team.memberships.count() == 4

    # The town's villages in bulk, all ticked by default.
    page.get_by_role("link", name=TITLE).click()
    page.get_by_role("link", name="安排巡察对象").first.click()
    page.get_by_label(TOWN).check()
    page.get_by_label("巡察组").select_option(label="第一巡察组")
    page.get_by_role("button", name="列出村(社区)").click()
    boxes = page.locator('input[name="villages"]')
    expect(boxes).to_have_count(villages)
    for index in range(villages):
        expect(boxes.nth(index)).to_be_checked()
    snap(page, "round-planning-3-assign-town")
    page.get_by_role("button", name="安排所勾选的巡察对象").click()
    expect(page.locator(".message.success")).to_contain_text(
        f"已安排 {villages} 个巡察对象，由第一巡察组负责。"
    )
    assert inspection_round.assignments.filter(team=team, town=town).count() == villages

    # Prepare: the confirmation says what the round holds.
    page.get_by_role("link", name="转入巡前准备").click()
    confirm = page.locator(".confirm")
    expect(confirm).to_contain_text("1 个巡察组（4 人）")
    expect(confirm).to_contain_text(f"{villages} 个村(社区)（分布在 1 个乡镇）")
    expect(confirm).to_contain_text(f"已选定 {chosen} 项监督重点。")
    snap(page, "round-planning-4-prepare")
    page.get_by_role("button", name="确认转入巡前准备").click()
    expect(page.locator(".message.success")).to_contain_text("巡察轮次已转入巡前准备。")
    inspection_round.refresh_from_db()
    assert inspection_round.status == RoundStatus.PREPARATION

    # The 工作方案: generated, then the leading group's decision recorded with its minutes.
    page.get_by_role("link", name="尚未生成工作方案并报领导小组审议").click()
    page.get_by_role("button", name="生成巡察工作方案").click()
    expect(page.locator(".documents")).to_contain_text("第1版")
    page.get_by_label("审议结论").select_option(label="原则同意")
    page.get_by_label("会议纪要或签批件").set_input_files(
        {"name": "领导小组会议纪要.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}
    )
    page.get_by_role("button", name="登记").click()
    expect(page.locator(".message.success")).to_contain_text("已记录领导小组对工作方案的审议。")
    snap(page, "round-planning-5-work-plan")
    page.get_by_role("link", name=TITLE).click()

    # On site: the confirmation says the date it will record.
    page.get_by_role("link", name="进驻", exact=True).click()
    expect(page.locator(".confirm")).to_contain_text(
        f"进驻日期将记为 {today.isoformat()}（计划进驻日期）。"
    )
    snap(page, "round-planning-6-go-on-site")
    page.get_by_role("button", name="确认进驻").click()
    expect(page.locator(".message.success")).to_contain_text("巡察组已进驻。")
    expect(page.locator(".steps li.current")).to_have_text("进驻")
    snap(page, "round-planning-7-on-site")

    inspection_round.refresh_from_db()
    assert inspection_round.status == RoundStatus.ON_SITE
    assert inspection_round.on_site_from == today
