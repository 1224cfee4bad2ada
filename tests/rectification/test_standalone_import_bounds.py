"""A bundle is sealed with a key the laptop holds: whoever holds the laptop's database can
write one. What it may write is the team's own on-site work (rectification.standalone.
bounds): anything else is refused naming the record, and nothing is written."""

import json

import pytest
from cryptography.fernet import Fernet

from findings.choices import ProblemStatus
from findings.models import Problem
from rectification.models import TeamBundleImport
from rectification.standalone import envelope
from rectification.standalone.importing import BundleRefused, team_bundle_import
from rounds.models import Activity, Interview
from tests.factories import catalogue_class
from tests.rectification.orders_kit import issue
from tests.rectification.standalone_kit import (
    activity,
    as_laptop_records,
    bundle,
    evidence,
    interview,
    moment,
    package_for,
    problem,
)
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def refused(world, records, match):
    with pytest.raises(BundleRefused, match=match):
        team_bundle_import(actor=world.office, data=bundle(package_for(world), records))
    assert not TeamBundleImport.objects.exists()
    assert not Problem.objects.filter(facts="单机版上记录的问题").exists()
    assert not Interview.objects.filter(interviewee_name="单机谈话对象").exists()


def signed_by(world, paper, user, **signature):
    """``paper`` (a submitted 底稿 by member_a) taken on by a history row of ``user``."""
    last = paper["history"][-1]["fields"]
    state = last | signature
    paper["history"].append({"type": "~", "at": moment(0), "user": user.pk, "fields": state})
    paper["fields"] = dict(state)
    return paper


def test_a_member_cannot_sign_a_paper_in_the_leaders_name(world):
    """The forged row: member_a's history row gives the paper the leader's 审签."""
    paper = signed_by(
        world,
        problem(world),
        world.member_a,
        status=ProblemStatus.CONFIRMED.value,
        reviewed_by=world.leader_a.pk,
        confirmed_by=world.leader_a.pk,
    )

    refused(world, [paper], "不能从")  # 待复核 → 已审签 skips the review


def test_a_signature_is_given_by_the_signer_in_their_own_row(world):
    paper = signed_by(
        world,
        problem(world),
        world.member_a,
        status=ProblemStatus.REVIEWED.value,
        reviewed_by=world.leader_a.pk,
    )

    refused(world, [paper], "签名人本人")


def test_only_the_teams_leader_signs(world):
    paper = signed_by(
        world, problem(world), world.leader_a,
        status=ProblemStatus.REVIEWED.value, reviewed_by=world.leader_a.pk,
    )  # fmt: skip
    paper = signed_by(
        world, paper, world.member_a,
        status=ProblemStatus.CONFIRMED.value, confirmed_by=world.member_a.pk,
    )  # fmt: skip

    refused(world, [paper], "职务不能作此签名")


def test_a_status_the_history_does_not_reach_is_refused(world):
    paper = problem(world)
    paper["fields"] |= {"status": ProblemStatus.CONFIRMED.value}
    refused(world, [paper], "最后一条历史记录不符")

    paper["history"] = []
    refused(world, [paper], "须从草稿开始")


def test_a_record_of_another_teams_assignment_is_refused_not_a_conflict(world):
    refused(world, [interview(world, assignment=world.assignment_b.pk)], "以外的巡察对象")


def test_a_later_history_row_cannot_move_a_record_out_of_the_package(world):
    paper = problem(world)
    paper["history"][-1]["fields"]["assignment"] = world.assignment_b.pk
    paper["fields"]["assignment"] = world.assignment_b.pk

    refused(world, [paper], "以外的巡察对象")


def test_an_author_outside_the_team_is_refused(world):
    refused(world, [activity(world, recorded_by=world.leader_b.pk)], "不是数据包所属巡察组的成员")
    paper = problem(world)
    paper["history"][-1]["user"] = world.office.pk
    refused(world, [paper], "不是数据包所属巡察组的成员")


def test_evidence_cannot_be_added_to_another_teams_paper(world):
    theirs = world.problem(assignment=world.assignment_b)
    photo = evidence(world)
    photo["fields"]["problem"] = theirs.pk

    refused(world, [photo], "数据包以外的")
    assert not theirs.evidence.exists()


def test_an_order_cannot_be_another_teams_nor_its_item_another_teams_papers(world):
    paper = world.problem(status=ProblemStatus.CONFIRMED, problem_class=catalogue_class())
    order = issue(world, paper)
    records = as_laptop_records([order, order.items.get()])
    records[0]["fields"]["team"] = world.team_b.pk
    refused(world, records[:1], "以外的巡察组")

    theirs = world.problem(assignment=world.assignment_b, status=ProblemStatus.CONFIRMED)
    records = as_laptop_records([order.items.get()])
    records[0]["fields"]["problem"] = theirs.pk
    records[0]["fields"]["order"] = order.pk
    refused(world, records, "数据包以外的")


def test_a_ref_to_another_kind_of_record_is_refused(world):
    """An interview's ref given as a paper's: its central pk would name some paper."""
    photo = evidence(world, problem_ref="rounds.interview:901")

    refused(world, [interview(world), photo], "不在它之前")


ACTIVITY = {"model": "rounds.activity", "ref": "rounds.activity:1"}


@pytest.mark.parametrize(
    "records",
    [
        ["not a record"],
        [ACTIVITY | {"history": ["row"]}],
        [ACTIVITY | {"history": [{"at": "2026-13-45T99:00"}]}],
        [ACTIVITY | {"history": [{"at": "2026-12-07T10:00:00"}]}],
        [ACTIVITY | {"fields": {"interviewers": ["x"]}}],
        [ACTIVITY | {"files": {"file": "x"}}],
        [ACTIVITY | {"history": [{"fields": {"held_on": ["2026"]}}]}],
    ],
    ids=["string", "history-row", "bad-time", "naive-time", "list", "file", "value"],
)
def test_a_malformed_record_is_refused_with_the_reason(world, records):
    refused(world, records, "格式不对|值无效")


def test_a_deeply_nested_body_is_refused_not_a_crash(world):
    package = package_for(world)
    header = {"package": str(package.uuid), "team": package.team_id, "made_at": moment(0)}
    head = json.dumps(header, sort_keys=True).encode()
    deep = b"[" * 100_000 + b"]" * 100_000
    plain = b'{"header": ' + json.dumps(header).encode() + b', "body": ' + deep + b"}"
    token = Fernet(package.bundle_key).encrypt(plain)
    data = envelope.BUNDLE.encode() + b"\n" + head + b"\n" + token

    with pytest.raises(BundleRefused, match="不是有效的数据"):
        team_bundle_import(actor=world.office, data=data)
    assert not Activity.objects.exists()
