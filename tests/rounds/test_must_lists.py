"""Must-lists as county data (必谈 / 必访 / 必查 / 必看): the county default, a round's own
list of a kind, the team's record of an item met, and what each village still owes."""

import pytest
from django.urls import reverse

from inspection.errors import ApplicationError, ConflictError, PermissionDeniedError
from rounds import services
from rounds.choices import IntervieweeCategory, MustListKind, RoundStatus
from rounds.models import MustItem, MustItemCheck
from rounds.must_lists import must_progress_for, must_talks_missing
from rounds.services.must import must_item_check, round_must_list_set
from tests import factories as f
from tests.rounds.helpers import approve_work_plan, field_of, set_round_status

pytestmark = pytest.mark.django_db


def labels(rows) -> list[str]:
    return [row.item.label for row in rows]


def tick(actor, assignment, item):
    return must_item_check(actor=actor, assignment_id=assignment.pk, item_id=item.pk)


def progress(assignment) -> dict:
    return must_progress_for([assignment])[assignment.pk]


def test_a_round_with_no_list_of_its_own_follows_the_county_default(world):
    lists = progress(world.assignment_a)
    assert labels(lists[MustListKind.TALK]) == ["老党员", "老教师", "老干部", "企业主"]
    assert set(lists) == set(MustListKind)
    assert all(lists[kind] for kind in MustListKind)


def test_a_rounds_own_list_replaces_the_default_of_its_kind_only(world):
    set_round_status(world, RoundStatus.PREPARATION)
    round_must_list_set(
        actor=world.office,
        round_id=world.round.pk,
        kind=MustListKind.TALK,
        labels=["老党员", "村务监督委员会成员", "返乡创业青年", "", "老干部"],
    )
    lists = progress(world.assignment_a)
    assert labels(lists[MustListKind.TALK]) == [
        "老党员",
        "村务监督委员会成员",
        "返乡创业青年",
        "老干部",
    ]
    talk = {row.item.label: row.item for row in lists[MustListKind.TALK]}
    # A line naming an interviewee category is met by the interview; another is ticked.
    committee = IntervieweeCategory.SUPERVISION_COMMITTEE
    assert talk["村务监督委员会成员"].interviewee_category == committee
    assert talk["返乡创业青年"].interviewee_category == ""
    assert labels(lists[MustListKind.VISIT])[0] == "脱贫户、监测户"  # still the default
    assert "返乡创业青年" in world.round.history.latest().history_change_reason
    # Another round keeps the default.
    other = f.AssignmentFactory()
    assert labels(progress(other)[MustListKind.TALK])[1] == "老教师"
    # An empty list returns the round to the default.
    round_must_list_set(actor=world.office, round_id=world.round.pk, kind="talk", labels=[])
    assert labels(progress(world.assignment_a)[MustListKind.TALK])[1] == "老教师"


def test_a_list_is_set_before_going_on_site_by_the_office_only(world):
    set_round_status(world, RoundStatus.PREPARATION)
    with pytest.raises(PermissionDeniedError):
        round_must_list_set(
            actor=world.leader_a, round_id=world.round.pk, kind="visit", labels=["x"]
        )
    with pytest.raises(ApplicationError) as error:
        round_must_list_set(
            actor=world.office, round_id=world.round.pk, kind="visit", labels=["信访户", "信访户"]
        )
    assert field_of(error) == {"labels"}
    set_round_status(world, RoundStatus.ON_SITE)
    with pytest.raises(ConflictError):
        round_must_list_set(actor=world.office, round_id=world.round.pk, kind="visit", labels=["x"])
    assert not MustItem.objects.filter(round=world.round).exists()


def test_the_team_records_an_item_met_once(world):
    set_round_status(world, RoundStatus.ON_SITE)
    visit = progress(world.assignment_a)[MustListKind.VISIT][0].item
    check = tick(world.member_a, world.assignment_a, visit)
    assert check.recorded_by == world.member_a and check.history.count() == 1
    assert progress(world.assignment_a)[MustListKind.VISIT][0].done
    assert not progress(world.assignment_b)[MustListKind.VISIT][0].done
    with pytest.raises(ApplicationError) as error:
        tick(world.leader_a, world.assignment_a, visit)
    assert "已登记完成" in str(error.value)
    assert MustItemCheck.objects.count() == 1


def test_a_talk_of_a_category_is_met_by_its_interview_not_ticked(world):
    set_round_status(world, RoundStatus.ON_SITE)
    talk = progress(world.assignment_a)[MustListKind.TALK][0].item
    with pytest.raises(ApplicationError) as error:
        tick(world.member_a, world.assignment_a, talk)
    assert "以登记谈话为准" in str(error.value)
    category = talk.interviewee_category
    f.InterviewFactory(assignment=world.assignment_a, interviewee_category=category)
    assert talk not in must_talks_missing(world.assignment_a)


def test_another_team_or_an_item_of_another_round_is_refused(world):
    set_round_status(world, RoundStatus.ON_SITE)
    visit = progress(world.assignment_a)[MustListKind.VISIT][0].item
    with pytest.raises(ApplicationError):  # leader_b does not see assignment A: absent
        tick(world.leader_b, world.assignment_a, visit)
    elsewhere = f.InspectionRoundFactory()
    foreign = MustItem.objects.create(round=elsewhere, list_kind="visit", label="x")
    with pytest.raises(ApplicationError) as error:
        tick(world.member_a, world.assignment_a, foreign)
    assert "不在本轮次的清单中" in str(error.value)
    assert not MustItemCheck.objects.exists()


def test_the_village_page_shows_each_list_and_ticks_an_item(world, client):
    set_round_status(world, RoundStatus.ON_SITE)
    world.assignment_a.village.households = 200
    world.assignment_a.village.save()
    f.ActivityFactory(assignment=world.assignment_a, kind="household_visit", households=30)
    client.force_login(world.member_a)
    url = reverse("findings:team_assignment", args=[world.assignment_a.pk])
    page = client.get(url).content.decode()
    for title in ("必谈", "必访", "必查", "必看"):
        assert f">{title}" in page
    assert "入户走访率（30/200户）" in page and "15.0%" in page
    visit = progress(world.assignment_a)[MustListKind.VISIT][0].item
    answer = client.post(
        reverse("findings:team_must_check", args=[world.assignment_a.pk, visit.pk]), follow=True
    )
    assert f"已登记完成：{visit.label}。" in answer.content.decode()
    assert MustItemCheck.objects.filter(item=visit, assignment=world.assignment_a).exists()


def test_the_office_sets_a_rounds_lists_on_its_page(world, client):
    set_round_status(world, RoundStatus.PREPARATION)
    client.force_login(world.office)
    url = reverse("rounds:round_must_lists", args=[world.round.pk])
    page = client.get(url)
    assert "老党员\n老教师" in page.content.decode()
    data = {kind: page.context["form"][kind].value() for kind in MustListKind.values}
    data["check"] = '村级"三资"台账\n低保评定档案'
    answer = client.post(url, data, follow=True)
    assert "已保存必谈必访清单。" in answer.content.decode()
    own = MustItem.objects.filter(round=world.round)
    assert list(own.values_list("list_kind", "label")) == [
        ("check", '村级"三资"台账'),
        ("check", "低保评定档案"),
    ]
    client.force_login(world.leader_a)
    assert client.get(url).status_code == 403


def test_at_going_on_site_the_default_lists_become_the_rounds_own(world):
    set_round_status(world, RoundStatus.PREPARATION)
    round_must_list_set(actor=world.office, round_id=world.round.pk, kind="see", labels=["公开栏"])
    approve_work_plan(world.round)
    services.round_go_on_site(actor=world.office, round_id=world.round.pk)
    own = MustItem.objects.filter(round=world.round)
    assert set(own.values_list("list_kind", flat=True)) == set(MustListKind.values)
    assert list(own.filter(list_kind="see").values_list("label", flat=True)) == ["公开栏"]
    # A later change of the county default leaves the round at work as it was.
    MustItem.objects.filter(round__isnull=True, list_kind="talk").delete()
    assert labels(progress(world.assignment_a)[MustListKind.TALK])[0] == "老党员"
