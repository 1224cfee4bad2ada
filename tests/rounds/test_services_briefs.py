"""个性监督清单 and 谈话提纲 (rounds.services.briefs, rounds.brief_drafting): drafted from the
round's supervision items, the village's facts and the 函调 replies; edited by the team
until it leaves; read by the team, the office and the leading group."""

from decimal import Decimal

import pytest

from inspection.choices import AttentionClass
from inspection.errors import ApplicationError, ConflictError, NotFoundError, PermissionDeniedError
from inspection.permissions import visible
from rounds.brief_drafting import PROVIDERS, Section, draft_sections
from rounds.choices import RoundStatus
from rounds.models import AssignmentBrief
from rounds.request_choices import BriefKind
from rounds.services.briefs import assignment_brief_draft, assignment_brief_save
from tests import factories as f
from tests.rounds.helpers import set_round_status
from tests.rounds.requests_kit import body, media_root, replied, sent_request  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_root")]


@pytest.fixture
def briefed(world):
    """甲一村: a 重点隐患类 village, 一肩挑, petitions last year, a weak economy; the round
    with two supervision items; a reply of the petitions bureau about it."""
    village = world.assignment_a.village
    village.attention_class = AttentionClass.KEY_HAZARD
    village.secretary_is_director = True
    village.petitions_last_year = 6
    village.collective_income = Decimal("52000")
    village.save()
    world.round.supervision_items.set(
        [
            f.SupervisionItemFactory(
                code="C01", focus_area="corruption", title="惠民资金发放", guidance="核查低保。"
            ),
            f.SupervisionItemFactory(code="O01", focus_area="organisation", title="三会一课"),
        ]
    )
    request = sent_request(world)
    replied(world, request, village, summary="2025年信访3件反映低保优亲厚友")
    replied(world, request, world.assignment_b.village, summary="乙村土地纠纷")
    return world


def _lines(brief) -> list[str]:
    return [line for section in brief.sections for line in section["lines"]]


def test_the_checklist_is_drafted_from_the_items_the_profile_and_the_replies(briefed):
    world = briefed
    brief = assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.CHECKLIST
    )
    titles = [section["title"] for section in brief.sections]
    assert titles == [
        "聚焦群众身边不正之风和腐败问题",
        "聚焦基层党组织和干部队伍建设",
        "村情重点",
        "函调反映",
    ]
    lines = _lines(brief)
    assert "C01 惠民资金发放：核查低保。" in lines
    assert any("重点隐患类" in line for line in lines)
    assert any("一肩挑" in line for line in lines)
    assert any("上年信访6件" in line for line in lines)
    assert any("集体经济薄弱村" in line for line in lines)
    assert "【县信访局】2025年信访3件反映低保优亲厚友。核实有关情况。" in lines
    assert not any("乙村土地纠纷" in line for line in lines)  # tagged to the other village
    assert brief.history.get().history_user == world.member_a


def test_the_outline_holds_questions_per_kind_of_interviewee(briefed):
    world = briefed
    brief = assignment_brief_draft(
        actor=world.leader_a, assignment_id=world.assignment_a.pk, kind=BriefKind.OUTLINE
    )
    titles = [section["title"] for section in brief.sections]
    assert titles == [
        "谈话对象：老党员",
        "谈话对象：老教师",
        "谈话对象：老干部",
        "谈话对象：企业主",
        '谈话对象：村"两委"干部',
    ]
    cadres = brief.sections[-1]["lines"]
    assert any("惠民资金发放" in line for line in cadres)
    assert any("县信访局反映：2025年信访3件" in line for line in cadres)
    assert any("一肩挑" in line for line in cadres)


def test_a_second_draft_keeps_the_teams_edits_unless_asked_to_redraft(briefed):
    world = briefed
    kwargs = {"assignment_id": world.assignment_a.pk, "kind": BriefKind.CHECKLIST}
    brief = assignment_brief_draft(actor=world.member_a, **kwargs)
    assignment_brief_save(
        actor=world.member_a, brief_id=brief.pk, sections=[{"title": "重点", "lines": ["查账"]}]
    )
    again = assignment_brief_draft(actor=world.member_a, **kwargs)
    assert again.pk == brief.pk and again.sections == [{"title": "重点", "lines": ["查账"]}]
    redrafted = assignment_brief_draft(actor=world.member_a, redraft=True, **kwargs)
    assert len(_lines(redrafted)) > 1
    assert redrafted.history.count() == 3
    assert AssignmentBrief.objects.count() == 1


def test_the_team_edits_adds_removes_and_reorders_lines(briefed):
    world = briefed
    brief = assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.CHECKLIST
    )
    first, second = brief.sections[0], brief.sections[2]
    saved = assignment_brief_save(
        actor=world.leader_a,
        brief_id=brief.pk,
        sections=[
            {"title": second["title"], "lines": [*reversed(second["lines"]), "  新增：核查账目  "]},
            {"title": first["title"], "lines": ["", "   "]},  # emptied: the section goes
            {"title": "  自定义  重点 ", "lines": ["走访低保户。"]},
        ],
        note="组内讨论后调整",
    )
    assert [section["title"] for section in saved.sections] == ["村情重点", "自定义 重点"]
    assert saved.sections[0]["lines"][0] == second["lines"][-1]
    assert saved.sections[0]["lines"][-1] == "新增：核查账目"
    row = saved.history.latest()
    assert (row.history_user, row.history_change_reason) == (world.leader_a, "组内讨论后调整")


@pytest.mark.parametrize(
    ("sections", "message"),
    [
        ([], "内容不能为空"),
        ([{"title": "", "lines": ["一条"]}], "缺少标题"),
        ([{"title": "重点", "lines": ["长" * 501]}], "超过500个字"),
        ("不是列表", "格式有误"),
        ([{"title": "重点", "lines": "一条"}], "格式有误"),
    ],
)
def test_a_bad_edit_is_refused_and_nothing_changes(briefed, sections, message):
    world = briefed
    brief = assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.CHECKLIST
    )
    before = brief.sections
    with pytest.raises(ApplicationError, match=message):
        assignment_brief_save(actor=world.member_a, brief_id=brief.pk, sections=sections)
    brief.refresh_from_db()
    assert brief.sections == before


def test_editable_until_the_team_leaves(briefed):
    world = briefed
    brief = assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.OUTLINE
    )
    set_round_status(world, RoundStatus.ON_SITE)
    assignment_brief_save(
        actor=world.member_a, brief_id=brief.pk, sections=[{"title": "老党员", "lines": ["问"]}]
    )
    set_round_status(world, RoundStatus.REPORTING)
    with pytest.raises(ConflictError):
        assignment_brief_save(
            actor=world.member_a, brief_id=brief.pk, sections=[{"title": "x", "lines": ["y"]}]
        )
    with pytest.raises(ConflictError):
        assignment_brief_draft(
            actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.CHECKLIST
        )


def test_only_the_assignments_team_drafts_and_edits(briefed):
    world = briefed
    kwargs = {"assignment_id": world.assignment_a.pk, "kind": BriefKind.CHECKLIST}
    with pytest.raises(NotFoundError):  # team B does not see 甲一村's assignment
        assignment_brief_draft(actor=world.leader_b, **kwargs)
    with pytest.raises(PermissionDeniedError):
        assignment_brief_draft(actor=world.office, **kwargs)
    brief = assignment_brief_draft(actor=world.member_a, **kwargs)
    with pytest.raises(NotFoundError):
        assignment_brief_save(
            actor=world.leader_b, brief_id=brief.pk, sections=[{"title": "x", "lines": ["y"]}]
        )
    with pytest.raises(PermissionDeniedError):
        assignment_brief_save(
            actor=world.office, brief_id=brief.pk, sections=[{"title": "x", "lines": ["y"]}]
        )


def test_the_brief_is_read_by_the_team_the_office_and_the_leading_group(briefed):
    world = briefed
    brief = assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.CHECKLIST
    )
    for persona in ("office", "lead", "leadership", "leader_a", "member_a"):
        assert list(visible(AssignmentBrief, world.users[persona])) == [brief]
    for persona in ("leader_b", "officer_a", "reviewer_a", "supervisor_a", "liaison", "stats"):
        assert not visible(AssignmentBrief, world.users[persona]).exists()


def test_a_new_source_is_one_more_provider(briefed):
    world = briefed

    def roster(assignment, kind):
        return [Section("村情重点", ["村会计由村主任亲属担任：核查回避情况。"])]

    sections = draft_sections(world.assignment_a, BriefKind.CHECKLIST, (*PROVIDERS, roster))
    profile = next(section for section in sections if section["title"] == "村情重点")
    assert profile["lines"][-1] == "村会计由村主任亲属担任：核查回避情况。"


def test_a_reply_about_several_villages_gives_each_its_own_lines(briefed):
    world = briefed
    request = world.round.data_requests.get()
    replied(
        world,
        request,
        world.assignment_a.village,
        world.assignment_b.village,
        summary=f"{world.assignment_a.village.name}：鱼塘发包未招标。\n"
        f"{world.assignment_b.village.name}：低保名册有误。",
    )
    brief = assignment_brief_draft(
        actor=world.member_a, assignment_id=world.assignment_a.pk, kind=BriefKind.CHECKLIST
    )
    lines = _lines(brief)
    assert any("鱼塘发包未招标" in line for line in lines)
    assert not any("低保名册有误" in line for line in lines)
