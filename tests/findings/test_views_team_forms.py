"""The team's short forms: each saves through its service, answers bad input in Chinese
next to the field (never a 500), and records a form sent twice only once."""

import datetime
import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from demo.county.evidence import png_bytes
from findings.models import ProblemEvidence
from inspection.evidence import EVIDENCE_MAX_BYTES
from rounds.choices import RoundStatus
from rounds.models import Activity, Interview, Petition
from tests import factories as f
from tests.world import build_world

pytestmark = pytest.mark.django_db


def tiny_png() -> bytes:
    """A real PNG (a phone photo stand-in): one of the demo's evidence pictures."""
    return png_bytes("team-forms")


def once(data: dict) -> dict:
    """The fields of a form with the one-time token its page carries."""
    return {"submission": uuid.uuid4().hex, **data}


def people(world) -> dict:
    """Two interviewers of team A, and its member as the recorder."""
    return {"interviewers": [world.member_a.pk, world.leader_a.pk], "recorder": world.member_a.pk}


def url(name, assignment):
    return reverse(f"findings:team_{name}_new", args=[assignment.pk])


def field_errors(page, field) -> str:
    """The text of the errors shown next to ``field``."""
    text = page.content.decode()
    marker = f'id="id_{field}_error"'
    assert marker in text, f"no error next to {field}"
    start = text.index(marker)
    return text[start : text.index("</p>", start)]


@pytest.fixture
def signed_in(client, world):
    client.force_login(world.member_a)
    return client


def now_text(delta=datetime.timedelta()):
    return (timezone.localtime() + delta).strftime("%Y-%m-%dT%H:%M")


# ------------------------------------------------------------------------- interviews


def test_the_interview_form_opens_on_the_time_now_and_a_tracker_category(signed_in, world):
    page = signed_in.get(url("interview", world.assignment_a) + "?category=retired_cadre")
    text = page.content.decode()
    assert page.status_code == 200
    assert 'type="datetime-local"' in text
    assert f'value="{now_text()[:13]}' in text  # this hour, Shanghai time
    assert 'value="retired_cadre" class="choice" id="id_interviewee_category_2" checked' in text
    assert 'data-draft="team:interview:' in text
    assert "js/drafts.js" in text


def test_an_interview_is_logged_and_the_tracker_counts_it(signed_in, world):
    answer = signed_in.post(
        url("interview", world.assignment_a),
        once(
            {
                "interviewee_category": "veteran_party_member",
                "interviewee_name": "王建国",
                "held_at": now_text(-datetime.timedelta(hours=1)),
                **people(world),
                "record": "反映村务公开不及时。",
                "problems_raised": "低保评定未公示。",
            }
        ),
    )
    assert answer.status_code == 302
    assert answer.url == reverse("findings:team_assignment", args=[world.assignment_a.pk])
    interview = Interview.objects.get()
    assert interview.recorded_by == world.member_a
    assert set(interview.interviewers.all()) == {world.member_a, world.leader_a}
    assert interview.recorder == world.member_a
    assert interview.problems_raised == "低保评定未公示。"
    page = signed_in.get(answer.url)
    assert "谈话已登记" in page.content.decode()
    assert page.content.decode().count("尚未谈话") == 3


def test_an_interview_without_category_or_name_is_answered_next_to_the_fields(signed_in, world):
    page = signed_in.post(url("interview", world.assignment_a), once({"held_at": now_text()}))
    assert page.status_code == 200
    assert "请选择谈话对象类别" in field_errors(page, "interviewee_category")
    assert "请填写谈话对象姓名" in field_errors(page, "interviewee_name")
    assert "谈话人" in field_errors(page, "interviewers")
    assert not Interview.objects.exists()


def test_an_interview_with_one_interviewer_is_refused_next_to_the_interviewers(signed_in, world):
    data = {"interviewee_category": "villager", "interviewee_name": "张三", "held_at": now_text()}
    page = signed_in.post(
        url("interview", world.assignment_a),
        once({**data, "interviewers": [world.member_a.pk], "recorder": world.member_a.pk}),
    )
    assert page.status_code == 200
    assert "至少两名谈话人" in field_errors(page, "interviewers")
    assert not Interview.objects.exists()


@pytest.mark.parametrize(
    ("held_at", "message"),
    [
        ("0001-01-01T00:00", "时间不能早于1900年"),
        ("2026-13-45T99:99", "请输入有效的日期和时间"),
        ("not a time", "请输入有效的日期和时间"),
        ("", "请填写谈话时间"),
    ],
)
def test_a_bad_interview_time_is_answered_in_chinese(signed_in, world, held_at, message):
    page = signed_in.post(
        url("interview", world.assignment_a),
        once({"interviewee_category": "villager", "interviewee_name": "张三", "held_at": held_at}),
    )
    assert page.status_code == 200
    assert message in field_errors(page, "held_at")


def test_a_future_interview_is_refused_by_the_service_next_to_the_time(signed_in, world):
    page = signed_in.post(
        url("interview", world.assignment_a),
        once(
            {
                "interviewee_category": "villager",
                "interviewee_name": "张三",
                "held_at": now_text(datetime.timedelta(days=2)),
                **people(world),
            }
        ),
    )
    assert page.status_code == 200
    assert "不能晚于当前时间" in field_errors(page, "held_at")


def test_a_form_sent_again_is_recorded_once(signed_in, world):
    data = {
        "interviewee_category": "retired_teacher",
        "interviewee_name": "李老师",
        "held_at": now_text(),
        **people(world),
        "submission": "0f3c5a4e9b2d4c7e8a1b2c3d4e5f6a7b",
    }
    first = signed_in.post(url("interview", world.assignment_a), data)
    again = signed_in.post(url("interview", world.assignment_a), data)
    assert first.status_code == again.status_code == 302
    assert Interview.objects.count() == 1
    page = signed_in.get(again.url)
    assert "这条记录已经保存过，没有重复登记" in page.content.decode()


def test_logging_after_on_site_work_ended_is_refused_in_chinese(client):
    world = build_world(round_status=RoundStatus.FEEDBACK)
    client.force_login(world.leader_a)
    page = client.get(url("interview", world.assignment_a))
    assert "不能登记个别谈话" in page.content.decode()
    page = client.post(
        url("interview", world.assignment_a),
        once(
            {
                "interviewee_category": "villager",
                "interviewee_name": "张三",
                "held_at": now_text(),
                **people(world),
            }
        ),
    )
    assert page.status_code == 200
    assert "不能登记个别谈话" in page.content.decode()
    assert not Interview.objects.exists()


# ------------------------------------------------------------------------- activities


def test_a_questionnaire_batch_is_logged_with_its_counts(signed_in, world):
    answer = signed_in.post(
        url("activity", world.assignment_a),
        once(
            {
                "kind": "questionnaire",
                "held_on": timezone.localdate().isoformat(),
                "questionnaires_distributed": "120",
                "questionnaires_returned": "110",
                "people_reached": "110",
            }
        ),
    )
    assert answer.status_code == 302
    activity = Activity.objects.get()
    assert (activity.questionnaires_distributed, activity.questionnaires_returned) == (120, 110)
    assert activity.households == 0
    assert "110/120" in signed_in.get(answer.url).content.decode()


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {
                "kind": "questionnaire",
                "questionnaires_distributed": "10",
                "questionnaires_returned": "11",
            },
            "questionnaires_returned",
            "不能多于发放份数",
        ),
        (
            {"kind": "symposium", "questionnaires_distributed": "10"},
            "questionnaires_distributed",
            "只有调查问卷活动可以填写问卷份数",
        ),
        ({"kind": "household_visit"}, "households", "请填写走访户数"),
        ({"kind": "symposium", "people_reached": "十二"}, "people_reached", "涉及人数必须是整数"),
        ({"kind": "symposium", "people_reached": "-3"}, "people_reached", "涉及人数不能为负数"),
        ({"kind": "symposium", "people_reached": str(2**40)}, "people_reached", "涉及人数过大"),
        ({"kind": "dancing"}, "kind", "所选活动类型不是有效的选项"),
        ({"kind": "symposium", "held_on": "0001-01-01"}, "held_on", "日期不能早于1900年"),
        ({"kind": "symposium", "held_on": "2099-01-01"}, "held_on", "不能晚于今天"),
    ],
)
def test_bad_activity_input_is_answered_next_to_the_field(signed_in, world, data, field, message):
    data = once({"held_on": timezone.localdate().isoformat(), **data})
    page = signed_in.post(url("activity", world.assignment_a), data)
    assert page.status_code == 200
    assert message in field_errors(page, field)
    assert not Activity.objects.exists()


# -------------------------------------------------------------------------- petitions


def test_a_petition_is_logged_for_the_village_and_its_round(signed_in, world):
    answer = signed_in.post(
        url("petition", world.assignment_a),
        once(
            {
                "channel": "visit",
                "received_at": now_text(),
                "reporter_name": "李秀英",
                "reporter_contact": "13800000000",
                "content": "反映低保评定不公开。",
            }
        ),
    )
    assert answer.status_code == 302
    petition = Petition.objects.get()
    assert (petition.round, petition.assignment) == (world.round, world.assignment_a)
    assert petition.reporter_contact == "13800000000"


def test_a_petition_needs_a_reporter_or_anonymity(signed_in, world):
    page = signed_in.post(
        url("petition", world.assignment_a),
        once({"channel": "phone", "received_at": now_text(), "content": "反映问题。"}),
    )
    assert "请填写反映人姓名，或选择匿名" in field_errors(page, "reporter_name")
    page = signed_in.post(
        url("petition", world.assignment_a),
        once(
            {
                "channel": "phone",
                "received_at": now_text(),
                "content": "反映问题。",
                "is_anonymous": "on",
                "reporter_name": "王五",
            }
        ),
    )
    assert "匿名举报不能登记反映人姓名" in field_errors(page, "reporter_name")
    page = signed_in.post(url("petition", world.assignment_a), once({"received_at": now_text()}))
    assert "请选择渠道" in field_errors(page, "channel")
    assert "请填写反映内容" in field_errors(page, "content")
    assert not Petition.objects.exists()


# --------------------------------------------------------------------------- problems


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def problem_data(**extra):
    return once(
        {
            "nature": "violation",
            "severity": "serious",
            "facts": "2025年低保金发放名单中有3户不符合条件。",
            "source": "documents",
            "amount": "12800.50",
            **extra,
        }
    )


def test_a_problem_is_recorded_with_a_photo(signed_in, world, media):
    photo = SimpleUploadedFile("现场照片.png", tiny_png(), content_type="image/png")
    answer = signed_in.post(url("problem", world.assignment_a), problem_data(evidence=[photo]))
    assert answer.status_code == 302
    evidence = ProblemEvidence.objects.get()
    assert evidence.original_name == "现场照片.png"
    assert evidence.uploaded_by == world.member_a
    assert evidence.problem.facts.startswith("2025年低保金")
    assert str(evidence.problem.amount) == "12800.50"
    assert (media / evidence.file.name).read_bytes() == tiny_png()


def test_the_problem_form_picks_the_class_grouped_by_focus_and_aspect(signed_in, world):
    welfare = f.catalogue_class("subsistence_favouritism")
    f.ProblemClassFactory(aspect=welfare.aspect, name="已停用的类", is_active=False)
    text = signed_in.get(url("problem", world.assignment_a)).content.decode()
    group = '<optgroup label="聚焦群众身边不正之风和腐败问题 · 惠民惠农资金和民生保障">'
    assert group in text
    assert f'<option value="{welfare.pk}">低保、特困供养评定优亲厚友</option>' in text
    assert "已停用的类" not in text
    answer = signed_in.post(
        url("problem", world.assignment_a), problem_data(problem_class=str(welfare.pk))
    )
    assert answer.status_code == 302
    problem = world.assignment_a.problems.get()
    assert (problem.problem_class, problem.nature) == (welfare, "violation")


def test_the_problem_form_takes_photos_from_the_camera_or_files(signed_in, world):
    text = signed_in.get(url("problem", world.assignment_a)).content.decode()
    assert 'enctype="multipart/form-data"' in text
    camera = re.search(r'<input type="file" name="evidence" accept="image/\*"[^>]*>', text)
    assert camera and 'capture="environment"' in camera[0] and " multiple" in camera[0]
    assert f'data-max-bytes="{EVIDENCE_MAX_BYTES}"' in text
    assert 'inputmode="decimal"' in text


def test_an_oversized_photo_is_refused_next_to_the_field(signed_in, world, media):
    big = SimpleUploadedFile(
        "大照片.jpg", b"\xff\xd8" + b"0" * EVIDENCE_MAX_BYTES, content_type="image/jpeg"
    )
    page = signed_in.post(url("problem", world.assignment_a), problem_data(evidence=[big]))
    assert page.status_code == 200
    errors = field_errors(page, "evidence")
    assert "「大照片.jpg」有10.0\xa0MB" in errors
    assert "超过了每个文件10.0\xa0MB的上限" in errors
    assert not world.assignment_a.problems.exists()


def test_a_file_of_an_unknown_kind_is_refused(signed_in, world, media):
    program = SimpleUploadedFile("setup.exe", b"MZ...", content_type="application/octet-stream")
    page = signed_in.post(url("problem", world.assignment_a), problem_data(evidence=[program]))
    assert "不是可接受的文件类型" in field_errors(page, "evidence")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"problem_class": "999999"}, "problem_class", "所选问题类别不存在或已停用"),
        ({"nature": "grave"}, "nature", "所选问题性质不是有效的选项"),
        ({"facts": "  "}, "facts", "请填写问题描述"),
        ({"amount": "很多"}, "amount", "涉及金额必须是数字"),
        ({"amount": "-1"}, "amount", "涉及金额不能为负数"),
        ({"amount": "1.234"}, "amount", "涉及金额最多保留两位小数"),
        ({"amount": "1" * 20}, "amount", "涉及金额过大"),
        ({"supervision_item": "999999"}, "supervision_item", "所选监督重点不在"),
        ({"severity": "apocalyptic"}, "severity", "所选严重程度不是有效的选项"),
    ],
)
def test_bad_problem_input_is_answered_next_to_the_field(signed_in, world, data, field, message):
    page = signed_in.post(url("problem", world.assignment_a), problem_data(**data))
    assert page.status_code == 200
    assert message in field_errors(page, field)
    assert not world.assignment_a.problems.exists()


def test_text_with_a_nul_character_is_refused_not_crashed(signed_in, world):
    page = signed_in.post(url("problem", world.assignment_a), problem_data(facts="a\x00b"))
    assert page.status_code == 200
    assert not world.assignment_a.problems.exists()


def test_the_service_itself_holds_evidence_to_the_limits(world, media):
    from findings.services import problem_record
    from inspection.errors import ApplicationError

    big = SimpleUploadedFile("scan.pdf", b"%PDF" + b"0" * EVIDENCE_MAX_BYTES)
    with pytest.raises(ApplicationError) as refused:
        problem_record(
            actor=world.member_a,
            assignment_id=world.assignment_a.pk,
            facts="事实",
            source="documents",
            evidence=[big],
        )
    assert "超过了每个文件10.0\xa0MB的上限" in refused.value.errors["evidence"][0]
    assert not world.assignment_a.problems.exists()
    assert not ProblemEvidence.objects.exists()
