"""The village profile page (村情画像): who opens it, what each reader sees of the roster,
petitions (reporters masked as the policy says), the previous round's ledger and the
portraits; bounded queries; the 自画像 / 预画像 forms."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from inspection.choices import PartyOrganisationKind, RosterBody, UserRole
from inspection.models import AccessLog, VillageFinance, VillagePartyOrganisation, VillageProject
from rectification.choices import ItemStatus
from rectification.village_profile import PROFILE_SECTIONS, ProfileSection, profile_section
from rounds.choices import PortraitKind, PortraitStatus, RoundStatus
from rounds.models import VillagePortrait
from rounds.services import portrait_save
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db

SELF_SECTIONS = {
    "leadership": "班子团结",
    "assets": "三资台账齐全",
    "decisions": "四议两公开",
    "policies": "低保公示",
    "concerns": "道路维修",
    "self_check": "无",
}


@pytest.fixture
def world():
    """The small county, its round on site, village A inspected before by a round now in
    rectification (its ledger: one item closed, one overdue)."""
    world = build_world(round_status=RoundStatus.ON_SITE)
    village = world.assignment_a.village
    earlier_term = f.TermFactory(
        name="2016—2021届",
        starts_on=datetime.date(2016, 10, 1),
        ends_on=datetime.date(2021, 9, 30),
        is_current=False,
    )
    world.previous_round = f.InspectionRoundFactory(
        term=earlier_term, status=RoundStatus.RECTIFICATION
    )
    world.previous = f.AssignmentFactory(round=world.previous_round, village=village)
    world.item(assignment=world.previous, status=ItemStatus.CLOSED)
    world.item(
        assignment=world.previous,
        status=ItemStatus.IN_PROGRESS,
        deadline=datetime.date.today() - datetime.timedelta(days=3),
    )
    VillagePartyOrganisation.objects.create(
        village=village, name="甲一村党总支", kind=PartyOrganisationKind.GENERAL_BRANCH
    )
    f.RosterEntryFactory(village=village, name="王现任", post="书记")
    f.RosterEntryFactory(
        village=village,
        name="赵前任",
        post="副书记",
        started_on=datetime.date(2015, 1, 1),
        ended_on=datetime.date(2020, 12, 31),
    )
    f.RosterEntryFactory(
        village=village,
        name="钱主任",
        body=RosterBody.VILLAGERS,
        post="主任",
        is_party_member=False,
    )
    VillageFinance.objects.create(
        village=village,
        year=2025,
        assets=Decimal("8800000"),
        debts=Decimal("120000"),
        operating_income=Decimal("560000"),
    )
    VillageProject.objects.create(
        village=village,
        name="村道硬化工程",
        year=2025,
        amount=Decimal("1350000"),
        funding="财政补助",
    )
    f.PetitionFactory(assignment=world.assignment_a, reporter_name="孙举报", content="反映低保不公")
    world.village_contact = f.UserFactory(
        role=UserRole.RECTIFICATION_OFFICER, town=world.town_a, village=village
    )
    return world


def url(world, **query):
    address = reverse("rectification:village_profile", args=[world.assignment_a.village_id])
    return address + (f"?assignment={query['assignment']}" if query else "")


def page(client, user, address):
    client.force_login(user)
    return client.get(address)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("office", 200),
        ("lead", 200),
        ("leadership", 200),
        ("leader_a", 200),  # the team of the village
        ("member_a", 200),
        ("leader_b", 404),  # a team of another village
        ("officer_a", 200),  # the town's rectification contact
        ("reviewer_a", 200),
        ("supervisor_a", 200),
        ("officer_b", 404),  # the contact of another town
        ("reviewer_b", 404),
        ("supervisor_b", 404),
        ("liaison", 404),
        ("stats", 404),
    ],
)
def test_who_opens_the_profile(client, world, who, status):
    answer = page(client, getattr(world, who), url(world))
    assert answer.status_code == status
    if status == 200:
        assert "王现任" in answer.content.decode()


def test_anonymous_goes_to_sign_in(client, world):
    answer = client.get(url(world))
    assert answer.status_code == 302 and "login" in answer["Location"]


def test_a_village_that_does_not_exist_is_404(client, world):
    client.force_login(world.office)
    assert client.get(reverse("rectification:village_profile", args=[999_999])).status_code == 404
    assert client.get(url(world) + "?assignment=abc").status_code == 404


def test_the_office_sees_every_section_current_members_first(client, world):
    body = page(client, world.office, url(world)).content.decode()
    assert "甲一村党总支（党总支）" in body
    assert body.index("王现任") < body.index("赵前任")
    assert body.index("钱主任") < body.index("赵前任")
    for text in ("8800000.00", "村道硬化工程", "1350000.00", "财政补助"):
        assert text in body
    assert "孙举报" in body and "反映低保不公" in body
    assert world.previous_round.title in body
    assert "共 2 项" in body and "已销号 1" in body and "逾期 1" in body


def test_leadership_reads_the_reporter_masked_and_the_content_withheld(client, world):
    body = page(client, world.leadership, url(world)).content.decode()
    assert "孙举报" not in body and "孙**" in body
    assert "反映低保不公" not in body
    assert AccessLog.objects.filter(user=world.leadership, detail__startswith="村情画像").exists()


def test_the_team_reads_its_petitions_and_the_ledger_counts_only(client, world):
    body = page(client, world.leader_a, url(world)).content.decode()
    assert "孙举报" in body
    assert "共 2 项" in body
    assert 'id="ledger"' not in body  # the earlier round's items are not the team's to read


def test_the_town_reads_the_ledger_items_but_not_the_petitions(client, world):
    body = page(client, world.officer_a, url(world)).content.decode()
    assert 'id="ledger"' in body
    assert "孙举报" not in body and "孙**" not in body


def test_the_page_does_not_grow_its_queries_with_its_rows(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.office)
    address = url(world)
    client.get(address)  # warm the session and caches
    with django_assert_max_num_queries(22) as first:
        client.get(address)
    village = world.assignment_a.village
    for n in range(8):
        f.RosterEntryFactory(village=village, name=f"新人{n}", post="委员")
        f.PetitionFactory(assignment=world.assignment_a, reporter_name=f"甲{n}")
        world.item(assignment=world.previous)
        VillageProject.objects.create(village=village, name=f"项目{n}", year=2024, amount=1)
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(address)


def test_links_to_the_profile_from_the_village_and_the_team_pages(client, world):
    village = world.assignment_a.village
    client.force_login(world.office)
    detail = client.get(reverse("reports:village_detail", args=[village.pk])).content.decode()
    assert url(world) in detail
    client.force_login(world.leader_a)
    team = client.get(reverse("findings:team_assignment", args=[world.assignment_a.pk]))
    assert url(world, assignment=world.assignment_a.pk) in team.content.decode()


def test_a_registered_section_is_shown(client, world):
    @profile_section
    def letters(user, village, assignment):
        return ProfileSection(
            title="函调回复（测试）",
            template="rectification/includes/profile_section_text.html",
            context={"lines": [f"{village.name}：信访局回复无异常"]},
        )

    try:
        body = page(client, world.office, url(world)).content.decode()
    finally:
        PROFILE_SECTIONS.remove(letters)
    assert "函调回复（测试）" in body and "甲一村：信访局回复无异常" in body


# ------------------------------------------------------------------------ the portraits


def portrait_url(world, kind):
    return reverse("rectification:village_portrait", args=[world.assignment_a.pk, kind])


def test_the_village_contact_drafts_then_submits_its_self_portrait(client, world):
    client.force_login(world.village_contact)
    address = portrait_url(world, PortraitKind.SELF)
    assert client.get(address).status_code == 200
    answer = client.post(address, {"leadership": "班子团结"})
    assert answer.status_code == 302
    portrait = VillagePortrait.objects.get(assignment=world.assignment_a, kind=PortraitKind.SELF)
    assert portrait.status == PortraitStatus.DRAFT
    # A draft is the village's own: the office and the team do not read it yet.
    assert "班子团结" not in page(client, world.office, url(world)).content.decode()
    client.force_login(world.village_contact)
    refused = client.post(address, {"leadership": "班子团结", "submit": "on"})
    assert refused.status_code == 200
    assert "提交前请填写每个栏目" in refused.content.decode()
    done = client.post(address, {**SELF_SECTIONS, "submit": "on"})
    assert done.status_code == 302
    portrait.refresh_from_db()
    assert portrait.status == PortraitStatus.SUBMITTED
    assert portrait.history.latest().history_user == world.village_contact
    for reader in (world.office, world.leadership, world.leader_a):
        assert "四议两公开" in page(client, reader, url(world)).content.decode()


def test_the_town_fills_the_pre_assessment_and_nobody_else(client, world):
    address = portrait_url(world, PortraitKind.TOWN)
    for outsider in (world.village_contact, world.office, world.reviewer_b, world.leader_a):
        client.force_login(outsider)
        assert client.get(address).status_code == 404
    client.force_login(world.reviewer_a)
    answer = client.post(address, {"overall": "较好", "risks": "工程项目"})
    assert answer.status_code == 302
    assert VillagePortrait.objects.get(kind=PortraitKind.TOWN).sections["risks"] == "工程项目"


def test_a_submitted_portrait_is_not_changed_and_none_is_filled_after_the_stay(world):
    portrait_save(
        actor=world.village_contact,
        assignment_id=world.assignment_a.pk,
        kind=PortraitKind.SELF,
        sections=SELF_SECTIONS,
        submit=True,
    )
    from inspection.errors import ApplicationError

    with pytest.raises(ApplicationError, match="已提交"):
        portrait_save(
            actor=world.village_contact,
            assignment_id=world.assignment_a.pk,
            kind=PortraitKind.SELF,
            sections=SELF_SECTIONS,
        )
    world.round.status = RoundStatus.REPORTING
    world.round.save()
    with pytest.raises(ApplicationError, match="不能再填写"):
        portrait_save(
            actor=world.reviewer_a,
            assignment_id=world.assignment_a.pk,
            kind=PortraitKind.TOWN,
            sections={"overall": "较好"},
        )


def test_the_round_page_links_the_office_to_each_village_s_profile(client, world):
    client.force_login(world.office)
    body = client.get(reverse("rounds:round_detail", args=[world.round.pk])).content.decode()
    assert url(world, assignment=world.assignment_a.pk) in body


def test_the_fill_link_is_offered_to_the_writer_while_the_round_is_open(client, world):
    fill = portrait_url(world, PortraitKind.SELF)
    assert fill in page(client, world.village_contact, url(world)).content.decode()
    assert fill not in page(client, world.office, url(world)).content.decode()
    world.round.status = RoundStatus.REPORTING
    world.round.save()
    shown = page(client, world.village_contact, url(world, assignment=world.assignment_a.pk))
    assert fill not in shown.content.decode()
