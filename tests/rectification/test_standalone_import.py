"""Importing a team's bundle from its standalone copy (issue 22): once, all or nothing,
refused when altered or another team's, conflicts listed before anything is applied."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from findings.choices import ProblemStatus
from findings.models import Problem
from rectification.models import ImmediateOrder, TeamBundleImport
from rectification.standalone.importing import BundleRefused, team_bundle_import
from reports.statistics.figures import interviews
from reports.statistics.scope import StatisticsFilter
from rounds.choices import RoundStatus
from rounds.models import Activity, Interview, Petition, TeamMember
from tests.factories import catalogue_class
from tests.rectification.orders_kit import issue
from tests.rectification.standalone_kit import (
    PNG,
    activity,
    as_laptop_records,
    bundle,
    evidence,
    interview,
    package_for,
    petition,
    problem,
    signed_history,
    unknown_package_bundle,
)
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def interviews_counted(world) -> int:
    figures = interviews(StatisticsFilter(round_id=world.round.pk))
    return sum(row["interviews"] for row in figures.values())


def work(world) -> list[dict]:
    return [interview(world), activity(world), problem(world, interview_ref="rounds.interview:901")]


def test_the_import_adds_the_records_once_and_the_statistics_count_them_once(world):
    before = interviews_counted(world)
    package = package_for(world)
    data = bundle(package, work(world))

    answer = team_bundle_import(actor=world.office, data=data, filename="三组.xbundle")

    assert answer.saved is not None and answer.conflicts == []
    assert answer.saved.counts == {
        "rounds.interview": 1,
        "rounds.activity": 1,
        "findings.problem": 1,
    }
    assert interviews_counted(world) == before + 1
    made = Interview.objects.get(interviewee_name="单机谈话对象")
    assert set(made.interviewers.values_list("pk", flat=True)) == {
        world.leader_a.pk,
        world.member_a.pk,
    }
    paper = Problem.objects.get(facts="单机版上记录的问题")
    assert paper.status == ProblemStatus.SUBMITTED and list(paper.interviews.all()) == [made]
    assert paper.number.endswith("-001")  # numbered centrally, in the assignment's order
    # The history reads as the laptop's: member_a's two rows, at the laptop's times.
    rows = list(paper.history.order_by("history_date"))
    expected = [row["at"] for row in problem(world)["history"]]
    assert [row.history_user_id for row in rows] == [world.member_a.pk] * 2
    assert [row.status for row in rows] == [ProblemStatus.DRAFT, ProblemStatus.SUBMITTED]
    assert abs(rows[0].history_date - parse_datetime(expected[0])) < datetime.timedelta(seconds=5)

    again = team_bundle_import(actor=world.office, data=data)

    assert again.saved is None and again.earlier == answer.saved
    assert "已导入，未作更改" in again.summary()
    assert interviews_counted(world) == before + 1
    assert TeamBundleImport.objects.count() == 1


def test_a_later_bundle_of_the_same_laptop_adds_only_what_is_new(world):
    """A laptop's bundle holds everything made there since the load: the team's second
    bundle repeats its first records, which must not be counted twice."""
    before = interviews_counted(world)
    package = package_for(world)
    first = team_bundle_import(actor=world.office, data=bundle(package, work(world)))
    later_paper = problem(world, ref="findings.problem:905", interview_ref="rounds.interview:901")
    later_paper["fields"]["facts"] = "第二次回传的问题"

    second = team_bundle_import(
        actor=world.office, data=bundle(package, [*work(world), later_paper])
    )

    assert second.saved is not None and second.conflicts == []
    assert second.saved.counts == {"findings.problem": 1}
    assert interviews_counted(world) == before + 1
    assert Interview.objects.filter(interviewee_name="单机谈话对象").count() == 1
    made = Problem.objects.get(facts="第二次回传的问题")
    interview_pk = first.saved.created["rounds.interview:901"]
    assert list(made.interviews.values_list("pk", flat=True)) == [interview_pk]


def test_two_laptops_of_one_package_each_bring_their_own_records(world):
    """Two laptops number their records alike; their refs name the laptop (``@…``)."""
    package = package_for(world)
    first = [interview(world, ref="rounds.interview:901@aaaa1111")]
    second = [interview(world, ref="rounds.interview:901@bbbb2222", interviewee_name="另一台")]

    team_bundle_import(actor=world.office, data=bundle(package, first))
    answer = team_bundle_import(actor=world.office, data=bundle(package, second))

    assert answer.saved.counts == {"rounds.interview": 1} and answer.conflicts == []
    names = set(Interview.objects.values_list("interviewee_name", flat=True))
    assert {"单机谈话对象", "另一台"} <= names


def test_a_change_on_the_laptop_after_its_record_was_brought_back_is_a_conflict(world):
    package = package_for(world)
    team_bundle_import(actor=world.office, data=bundle(package, work(world)))
    changed = interview(world, interviewee_name="改过的名字")
    later = timezone.now() + datetime.timedelta(minutes=1)
    changed["history"] = [{"type": "~", "at": later.isoformat(), "user": world.member_a.pk}]

    answer = team_bundle_import(actor=world.office, data=bundle(package, [changed]))

    assert answer.saved is None
    assert [conflict["refs"] for conflict in answer.conflicts] == [["rounds.interview:901"]]
    assert "不会导入" in answer.conflicts[0]["message"]
    accepted = team_bundle_import(
        actor=world.office, data=bundle(package, [changed]), accept_conflicts=True
    )
    assert accepted.saved is not None and accepted.saved.counts == {}
    assert not Interview.objects.filter(interviewee_name="改过的名字").exists()


def test_an_altered_bundle_is_refused_and_nothing_is_written(world):
    data = bytearray(bundle(package_for(world), work(world)))
    data[-10] = ord("A") if data[-10] != ord("A") else ord("B")

    with pytest.raises(BundleRefused, match="校验失败"):
        team_bundle_import(actor=world.office, data=bytes(data))
    assert not Interview.objects.filter(interviewee_name="单机谈话对象").exists()


def test_a_bundle_of_no_package_of_ours_is_refused(world):
    with pytest.raises(BundleRefused, match="数据包不属于本系统发出的任何组"):
        team_bundle_import(actor=world.office, data=unknown_package_bundle(world))


def test_a_bundle_claiming_another_team_is_refused_naming_both(world):
    data = bundle(package_for(world), work(world), team=world.team_b.pk)

    with pytest.raises(BundleRefused) as refused:
        team_bundle_import(actor=world.office, data=data)
    assert world.team_a.name in refused.value.message and world.team_b.name in refused.value.message
    assert not TeamBundleImport.objects.exists()


def test_a_member_removed_meanwhile_is_a_conflict_nothing_applied_until_accepted(world):
    package = package_for(world)
    data = bundle(package, [activity(world)])
    TeamMember.objects.filter(team=world.team_a, user=world.member_a).delete()

    preview = team_bundle_import(actor=world.office, data=data)

    assert preview.saved is None and [c["kind"] for c in preview.conflicts] == ["member_removed"]
    assert world.member_a.username in preview.conflicts[0]["message"]
    assert preview.conflicts[0]["refs"] == ["rounds.activity:902"]
    assert not Activity.objects.filter(people_reached=12).exists()
    assert not TeamBundleImport.objects.exists()

    accepted = team_bundle_import(actor=world.office, data=data, accept_conflicts=True)

    assert Activity.objects.filter(people_reached=12, recorded_by=world.member_a).count() == 1
    assert accepted.saved.conflicts_accepted and accepted.saved.conflicts == preview.conflicts
    assert not TeamMember.objects.filter(team=world.team_a, user=world.member_a).exists()


def test_an_assignment_moved_to_another_team_is_a_conflict_and_stays_moved(world):
    package = package_for(world)
    data = bundle(package, [interview(world)])
    assignment = world.assignment_a
    assignment.team = world.team_b
    assignment.save()

    preview = team_bundle_import(actor=world.office, data=data)

    assert [c["kind"] for c in preview.conflicts] == ["assignment_moved"]
    assert world.team_b.name in preview.conflicts[0]["message"]
    assert not Interview.objects.filter(interviewee_name="单机谈话对象").exists()

    team_bundle_import(actor=world.office, data=data, accept_conflicts=True)

    assert Interview.objects.filter(interviewee_name="单机谈话对象").count() == 1
    assignment.refresh_from_db()
    assert assignment.team == world.team_b


def test_a_bad_record_refuses_the_whole_bundle_naming_it(world):
    records = [interview(world), activity(world, kind="no_such_kind")]

    with pytest.raises(BundleRefused, match=r"rounds\.activity:902"):
        team_bundle_import(actor=world.office, data=bundle(package_for(world), records))
    assert not Interview.objects.filter(interviewee_name="单机谈话对象").exists()
    assert not TeamBundleImport.objects.exists()


def test_a_team_member_may_not_import(world):
    with pytest.raises(Exception, match="导入单机版回传包"):
        team_bundle_import(actor=world.leader_a, data=bundle(package_for(world), work(world)))


def test_the_command_imports_once_and_a_dry_run_writes_nothing(world, tmp_path, capsys):
    path = tmp_path / "bundle.xbundle"
    path.write_bytes(bundle(package_for(world), work(world)))

    call_command("import_team_bundle", str(path), user=world.office.username, dry_run=True)
    assert not TeamBundleImport.objects.exists()
    call_command("import_team_bundle", str(path), user=world.office.username)
    call_command("import_team_bundle", str(path), user=world.office.username)

    out = capsys.readouterr().out
    assert "尚未写入" in out and "已导入" in out and "已导入，未作更改" in out
    assert Interview.objects.filter(interviewee_name="单机谈话对象").count() == 1


def test_the_command_refuses_a_conflicted_bundle_without_acceptance(world, tmp_path):
    path = tmp_path / "bundle.xbundle"
    path.write_bytes(bundle(package_for(world), [activity(world)]))
    TeamMember.objects.filter(team=world.team_a, user=world.member_a).delete()

    with pytest.raises(CommandError, match="--accept-conflicts"):
        call_command("import_team_bundle", str(path), user=world.office.username)
    call_command("import_team_bundle", str(path), user=world.office.username, accept_conflicts=True)
    assert TeamBundleImport.objects.get().conflicts_accepted


PAGE = reverse("rectification:bundle_import")


def test_the_office_uploads_sees_the_conflict_and_confirms_on_the_screen(
    world, client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    data = bundle(package_for(world), [activity(world)])
    TeamMember.objects.filter(team=world.team_a, user=world.member_a).delete()
    client.force_login(world.office)
    team_page = client.get(reverse("rounds:team_detail", args=[world.team_a.pk]))
    assert PAGE in team_page.content.decode()
    upload = SimpleUploadedFile("三组回传包.bin", data)

    preview = client.post(PAGE, {"file": upload}).content.decode()

    assert "bundle-conflicts" in preview and world.member_a.username in preview
    assert (
        "rounds.activity:902" in preview and not Activity.objects.filter(people_reached=12).exists()
    )
    token = client.session["team_bundle_import"]["token"]
    confirm = reverse("rectification:bundle_import_confirm")
    unaccepted = client.post(confirm, {"token": token}).content.decode()
    assert "请勾选确认冲突" in unaccepted and not TeamBundleImport.objects.exists()

    done = client.post(confirm, {"token": token, "accept_conflicts": "1"}, follow=True)

    assert Activity.objects.filter(people_reached=12).count() == 1
    page = done.content.decode()
    assert "已导入" in page and "三组回传包.bin" in page and world.team_a.name in page
    again = client.post(PAGE, {"file": SimpleUploadedFile("again.bin", data)}).content.decode()
    assert "已导入，未作更改" in again and "bundle_import_confirm" not in again


def test_the_screen_refuses_an_altered_bundle_with_the_reason(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.office)
    altered = bundle(package_for(world), [activity(world)])[:-12] + b"AAAAAAAAAAAA"

    page = client.post(PAGE, {"file": SimpleUploadedFile("x.bin", altered)}).content.decode()

    assert "bundle-refused" in page and "校验失败" in page
    not_a_bundle = SimpleUploadedFile("台账.xlsx", b"PK\x03\x04 a workbook")
    page = client.post(PAGE, {"file": not_a_bundle}).content.decode()
    assert "bundle-refused" in page and "不是巡察系统的单机版数据包" in page
    assert "team_bundle_import" not in client.session


@pytest.mark.parametrize("persona", ["leader_a", "member_a", "officer_a"])
def test_a_team_member_or_officer_has_no_import_screen(world, client, persona):
    client.force_login(getattr(world, persona))
    assert client.get(PAGE).status_code == 403
    team_page = client.get(reverse("rounds:team_detail", args=[world.team_a.pk]))
    assert PAGE not in team_page.content.decode()
    upload = SimpleUploadedFile("b.bin", bundle(package_for(world), [activity(world)]))
    assert client.post(PAGE, {"file": upload}).status_code == 403
    assert not Activity.objects.filter(people_reached=12).exists()


def test_a_record_is_checked_by_the_service_the_screens_call(world):
    """The laptop's author acts through interview_record: one interviewer is refused."""
    lone = interview(world, interviewers=[world.member_a.pk])

    with pytest.raises(BundleRefused, match="两名以上谈话人"):
        team_bundle_import(actor=world.office, data=bundle(package_for(world), [lone]))
    assert not Interview.objects.filter(interviewee_name="单机谈话对象").exists()


def test_a_petition_keeps_the_laptops_author_and_time_in_its_history(world):
    record = petition(world)

    team_bundle_import(actor=world.office, data=bundle(package_for(world), [record]))

    [row] = Petition.objects.get(content="单机版登记的来信").history.all()
    assert row.history_user == world.member_a
    assert row.history_date == parse_datetime(record["history"][0]["at"])


def test_a_record_changed_centrally_since_packaging_is_a_conflict(world):
    package = package_for(world)
    world.round.theme = "数据包制作后改动的主题"
    world.round.save()

    preview = team_bundle_import(actor=world.office, data=bundle(package, [petition(world)]))

    assert [c["kind"] for c in preview.conflicts] == ["changed"]
    assert preview.conflicts[0]["refs"] == ["rounds.petition:904"]
    assert not Petition.objects.filter(content="单机版登记的来信").exists()


def test_an_ended_assignment_and_a_round_moved_on_are_conflicts(world):
    package = package_for(world)
    data = bundle(package, [interview(world)])
    assignment = world.assignment_a
    assignment.on_site_until = timezone.localdate()
    assignment.save()
    world.round.status = RoundStatus.FEEDBACK
    world.round.save()

    preview = team_bundle_import(actor=world.office, data=data)

    kinds = [c["kind"] for c in preview.conflicts]
    assert "assignment_ended" in kinds and "round_moved_on" in kinds
    assert not Interview.objects.filter(interviewee_name="单机谈话对象").exists()
    # Accepted: added as the laptop recorded it, though the round no longer takes interviews.
    team_bundle_import(actor=world.office, data=data, accept_conflicts=True)
    made = Interview.objects.get(interviewee_name="单机谈话对象")
    assert made.recorded_by == world.member_a and made.interviewers.count() == 2


def test_an_on_site_order_comes_back_numbered_centrally_with_its_ledger_item(world):
    """The laptop's 立行立改通知 on a signed 底稿 (the records as the laptop's team_bundle
    writes them): the order takes the 组别's next number here, its item the new paper."""
    paper = world.problem(status=ProblemStatus.CONFIRMED, problem_class=catalogue_class())
    order = issue(world, paper)
    records = as_laptop_records([paper, order, order.items.get()])
    records[0]["history"] = signed_history(world, records[0]["fields"])

    answer = team_bundle_import(actor=world.office, data=bundle(package_for(world), records))

    assert answer.saved.counts == {
        "findings.problem": 1,
        "rectification.immediateorder": 1,
        "rectification.rectificationitem": 1,
    }
    new_order = ImmediateOrder.objects.get(pk=answer.saved.created[records[1]["ref"]])
    assert new_order.sequence == order.sequence + 1 and new_order.issued_by == world.leader_a
    new_paper = Problem.objects.get(pk=answer.saved.created[records[0]["ref"]])
    assert new_order.items.get().problem == new_paper != paper
    assert new_paper.status == ProblemStatus.CONFIRMED


@pytest.mark.django_db(transaction=True)  # the preview's rollback is the outermost one
def test_a_photo_comes_back_with_its_paper_and_a_preview_leaves_no_file(world, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    records = [problem(world), evidence(world)]
    path = tmp_path / "bundle.xbundle"
    path.write_bytes(bundle(package_for(world), records))

    call_command("import_team_bundle", str(path), user=world.office.username, dry_run=True)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["bundle.xbundle"]

    call_command("import_team_bundle", str(path), user=world.office.username)
    paper = Problem.objects.get(facts="单机版上记录的问题")
    photo = paper.evidence.get()
    assert photo.file.read() == PNG and photo.uploaded_by == world.member_a
    assert photo.uploaded_at == parse_datetime(records[1]["fields"]["uploaded_at"])
