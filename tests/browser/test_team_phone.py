"""The team leader logs a village's day on a phone (375×812), in the browser.

Every village the demo leader's team has on the on-site round already had its four
must-talks, so the office first puts one more village on site for that team (a new
round, through the services, as the office would on its screens). Then the leader:
logs the four kinds of must-talk interviews and watches the tracker turn complete;
records a problem with a photo taken on the phone, confirms it and proposes a clue;
and saves an interview while the connection drops: the text stays (also after a
reload), and 重新发送 saves it exactly once. Each step is checked in the database.
"""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from demo.county.evidence import png_bytes
from findings.choices import ClueStatus, ProblemStatus
from findings.models import Clue, Problem, ProblemEvidence
from inspection.choices import VillageKind
from inspection.models import RecusalDeclaration, User, Village
from rounds.choices import IntervieweeCategory, RoundMode, TeamRole
from rounds.models import Interview
from rounds.services import (
    assignment_create,
    round_create,
    round_go_on_site,
    round_prepare,
    team_create,
    team_member_add,
)
from tests.browser.conftest import PHONE_SCREEN
from tests.rounds.helpers import approve_work_plan

MUST_TALKS = (
    (IntervieweeCategory.VETERAN_PARTY_MEMBER, "老党员", "顾长根", "反映村集体厂房租金未公开。"),
    (IntervieweeCategory.RETIRED_TEACHER, "老教师", "沈秀英", "反映困难学生助学补助发放不及时。"),
    (IntervieweeCategory.RETIRED_CADRE, "老干部", "陆国平", "反映村道硬化工程决算未经审计。"),
    (IntervieweeCategory.ENTREPRENEUR, "企业主", "钱伟", "反映用地审批中村干部吃拿卡要。"),
)


def tiny_png() -> bytes:
    """A real PNG (a phone photo stand-in): one of the demo's evidence pictures."""
    return png_bytes("team-phone")


@pytest.fixture(scope="module")
def village_on_site(site, django_db_blocker):
    """A village of a town no round has visited, on site today for a new team led by the
    demo leader (with the demo member), committed for the module."""
    with django_db_blocker.unblock():
        office = User.objects.get(username="office")
        leader = User.objects.get(username="leader")
        member = User.objects.get(username="member")
        tied = RecusalDeclaration.objects.filter(user__in=[leader, member])
        village = (
            Village.objects.filter(is_active=True, kind=VillageKind.VILLAGE)
            .exclude(town__assignments__isnull=False)
            .exclude(town__in=tied.values("town"))
            .order_by("town__code", "code")
            .first()
        )
        today = timezone.localdate()
        inspection_round = round_create(
            actor=office, title="县委第四轮巡察（常规巡察）", mode=RoundMode.REGULAR
        )
        team = team_create(actor=office, round_id=inspection_round.pk)
        team_member_add(actor=office, team_id=team.pk, user_id=leader.pk, role=TeamRole.LEADER)
        team_member_add(actor=office, team_id=team.pk, user_id=member.pk)
        assignment = assignment_create(
            actor=office,
            round_id=inspection_round.pk,
            village_id=village.pk,
            team_id=team.pk,
            on_site_from=today,
            on_site_until=today + datetime.timedelta(days=7),
        )
        round_prepare(actor=office, round_id=inspection_round.pk)
        approve_work_plan(inspection_round, office=office)
        round_go_on_site(actor=office, round_id=inspection_round.pk)
    return assignment


def member_name() -> str:
    """The demo member, the leader's second interviewer (an interview takes two)."""
    return User.objects.get(username="member").full_name


PHOTO_PADDING = 96 * 1024


def throttle(page, *, upload: int, download: int, latency: int):
    """Emulate a connection (bytes a second; -1: no limit) until ``unthrottle``."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    conditions = {"offline": False, "latency": latency}
    conditions |= {"downloadThroughput": download, "uploadThroughput": upload}
    cdp.send("Network.emulateNetworkConditions", conditions)
    return cdp


def unthrottle(cdp) -> None:
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )
    cdp.detach()


def fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_SCREEN["width"], f"{page.url} scrolls sideways ({width}px)"


def open_village(page, assignment) -> None:
    page.goto("/team/")
    today = page.locator(".tapcard.today", has_text=assignment.village.name)
    expect(today).to_contain_text("必谈")
    today.click()
    expect(page).to_have_url(re.compile(rf"/team/assignments/{assignment.pk}/$"))


def test_the_leader_logs_the_four_must_talks_and_the_tracker_turns_complete(
    browse, snap, readme_shot, village_on_site
):
    assignment = village_on_site
    page = browse("leader", screen=PHONE_SCREEN)
    expect(page).to_have_url(re.compile(r"/team/$"))
    snap(page, "team-phone-assignments")
    open_village(page, assignment)
    tracker = page.locator("#must-talks")
    expect(tracker.locator("li.missing")).to_have_count(4)
    expect(tracker).to_contain_text("还差 4 项")
    fits_the_phone(page)
    snap(page, "team-phone-village-before")

    for number, (category, label, name, raised) in enumerate(MUST_TALKS, start=1):
        tracker.get_by_role("link", name=f"登记 {label}").click()
        expect(page.get_by_role("heading", name="登记个别谈话")).to_be_visible()
        # What was sent is not brought back as a draft (a save pending on a typing pause
        # once outlived the sending and did exactly that).
        expect(page.locator(".draft-bar")).to_have_count(0)
        expect(page.get_by_label(label, exact=True)).to_be_checked()
        page.get_by_label("谈话对象姓名").fill(name)
        page.get_by_label("谈话摘要").fill(f"与{label}{name}个别谈话，了解村务情况。")
        page.get_by_label("反映的问题").fill(raised)
        page.get_by_label(member_name(), exact=True).check()  # the second interviewer
        if number == 1:
            fits_the_phone(page)
            snap(page, "team-phone-interview-form")
        page.get_by_role("button", name="保存谈话").click()
        expect(page.locator(".message.success")).to_contain_text("谈话已登记")
        expect(tracker.locator(f'li[data-category="{category}"]')).to_have_class(
            re.compile(r"\bdone\b")
        )
        expect(tracker.locator("li.missing")).to_have_count(4 - number)

    expect(tracker).to_contain_text("已全部完成")
    expect(tracker).not_to_contain_text("尚未谈话")
    fits_the_phone(page)
    snap(page, "team-phone-village-complete")
    page.evaluate("window.scrollTo(0, 0)")
    readme_shot(page, "phone-village")

    interviews = Interview.objects.filter(assignment=assignment)
    assert sorted(interviews.values_list("interviewee_category", flat=True)) == sorted(
        category.value for category, *_ in MUST_TALKS
    )
    leader = User.objects.get(username="leader")
    assert all(interview.recorded_by_id == leader.pk for interview in interviews)
    shanghai_today = timezone.localdate()
    assert all(timezone.localdate(i.held_at) == shanghai_today for i in interviews)


def test_a_problem_with_a_photo_signed_and_proposed_as_a_clue(
    browse, snap, settings, tmp_path, village_on_site
):
    settings.MEDIA_ROOT = tmp_path / "media"
    assignment = village_on_site
    page = browse("leader", screen=PHONE_SCREEN)
    open_village(page, assignment)
    page.get_by_role("link", name="记录问题").click()
    expect(page.get_by_role("heading", name="记录问题")).to_be_visible()
    page.get_by_label("标题").fill("低保对象认定把关不严")
    page.get_by_label("问题类别").select_option(label="低保、特困供养评定优亲厚友")
    page.get_by_label("问题性质").select_option(label="违规")
    page.get_by_label("较重").check()
    page.get_by_label("问题发生时间").fill("2025年")
    page.get_by_label("责任主体").fill("村委会主任")
    page.locator("#id_basis").select_option(index=1)
    facts = "2025年低保名单中有3户家庭收入超标仍享受低保，涉及资金2.16万元。"
    page.get_by_label("问题描述").fill(facts)
    page.get_by_label("问题来源").select_option(label="查阅资料")
    page.get_by_label("涉及金额(元)").fill("21600")
    photo = tiny_png() + bytes(PHOTO_PADDING)  # a photo's size: the upload takes a while
    page.locator("input[name=evidence][capture]").set_input_files(
        files=[{"name": "低保公示栏.png", "mimeType": "image/png", "buffer": photo}]
    )
    expect(page.locator(".picked")).to_contain_text("低保公示栏.png")
    fits_the_phone(page)
    snap(page, "team-phone-problem-form")
    village_uplink = throttle(page, upload=48 * 1024, download=200 * 1024, latency=150)
    page.get_by_role("button", name="保存问题").click()
    expect(page.locator(".draft-bar progress")).to_be_visible()
    expect(page.locator(".draft-bar")).to_contain_text(re.compile(r"正在上传 \d+%"))
    snap(page, "team-phone-problem-uploading")
    expect(page.locator(".message.success")).to_contain_text("问题底稿已保存")
    unthrottle(village_uplink)

    problem = Problem.objects.get(assignment=assignment, facts=facts)
    assert problem.status == ProblemStatus.DRAFT
    evidence = ProblemEvidence.objects.get(problem=problem)
    assert evidence.original_name == "低保公示栏.png"
    assert (settings.MEDIA_ROOT / evidence.file.name).read_bytes() == photo

    page.get_by_role("link", name="问题底稿·提出线索").click()
    card = page.locator(f"#problem-{problem.pk}")
    expect(card).to_contain_text("1 个佐证材料")
    expect(card).to_contain_text(problem.number)
    # The team has no deputy: its leader submits, reviews and signs the paper in turn.
    card.get_by_role("link", name="打开底稿").click()
    expect(page.locator(".materials")).to_contain_text("低保公示栏.png")
    fits_the_phone(page)
    snap(page, "team-phone-paper")
    for button, said in (
        ("提交复核", "底稿已提交"),
        ("复核通过", "已复核"),
        ("审签", "底稿已审签"),
    ):
        page.get_by_role("button", name=button, exact=True).click()
        expect(page.locator(".message.success")).to_contain_text(said)
    expect(page.locator(".pagehead .badge.status-confirmed")).to_have_text("已审签")
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.CONFIRMED
    page.get_by_role("link", name="问题清单").click()

    card.get_by_role("link", name="提出线索").click()
    expect(page.get_by_label(re.compile("低保、特困供养评定优亲厚友"))).to_be_checked()
    page.get_by_label("线索摘要").fill("村会计涉嫌为亲属违规办理低保，涉及资金2.16万元。")
    page.get_by_label("被反映人姓名").fill("赵德明")
    page.get_by_label("被反映人职务").select_option(label="村会计/报账员")
    fits_the_phone(page)
    snap(page, "team-phone-clue-form")
    page.get_by_role("button", name="提出线索").click()
    expect(page.locator(".message.success")).to_contain_text("线索已提出")
    clue = Clue.objects.get(assignment=assignment)
    assert clue.status == ClueStatus.PROPOSED
    assert list(clue.problems.all()) == [problem]
    assert clue.subjects.get().name == "赵德明"
    snap(page, "team-phone-problems")


def test_a_dropped_connection_keeps_the_interview_and_sends_it_once(browse, snap, village_on_site):
    assignment = village_on_site
    page = browse("leader", screen=PHONE_SCREEN)
    open_village(page, assignment)
    page.get_by_role("link", name="登记谈话").click()
    page.get_by_label("普通群众").check()
    page.get_by_label("谈话对象姓名").fill("周桂兰")
    summary = "反映村里修路占用了她家的自留地，补偿款至今没有到位。"
    page.get_by_label("谈话摘要").fill(summary)
    page.get_by_label(member_name(), exact=True).check()

    def cut_posts(route):
        if route.request.method == "POST":
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/team/**", cut_posts)
    page.get_by_role("button", name="保存谈话").click()
    banner = page.locator(".draft-bar")
    expect(banner).to_contain_text("网络中断，您填写的内容已保存在本机。")
    expect(banner.get_by_role("button", name="重新发送")).to_be_visible()
    expect(page.get_by_label("谈话对象姓名")).to_have_value("周桂兰")
    expect(page.get_by_label("谈话摘要")).to_have_value(summary)
    snap(page, "team-phone-offline")

    page.reload()
    expect(banner).to_contain_text("已恢复未发送的内容")
    expect(page.get_by_label("普通群众")).to_be_checked()
    expect(page.get_by_label("谈话对象姓名")).to_have_value("周桂兰")
    expect(page.get_by_label("谈话摘要")).to_have_value(summary)
    assert not Interview.objects.filter(assignment=assignment, interviewee_name="周桂兰").exists()
    snap(page, "team-phone-restored")

    page.unroute("**/team/**")
    banner.get_by_role("button", name="重新发送").click()
    expect(page.locator(".message.success")).to_contain_text("谈话已登记")
    expect(page).to_have_url(re.compile(rf"/team/assignments/{assignment.pk}/$"))
    saved = Interview.objects.filter(assignment=assignment, interviewee_name="周桂兰")
    assert saved.count() == 1
    assert saved.get().record == summary
    drafts = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('draft:'))")
    assert drafts == []

    # Back on the form, nothing comes back: the draft went with the saved interview.
    page.get_by_role("link", name="登记谈话").click()
    expect(page.get_by_label("谈话对象姓名")).to_have_value("")
    expect(page.locator(".draft-bar")).to_have_count(0)
