"""The documents rounds prints: 谈话记录, one per interview (the 进驻公告 is declared in
``rounds/notice_documents.py``).

The template is ``rounds/documents/interview_record.docx`` (built by
``scripts/build_document_templates.py``). Names and testimony go into the document as
the generating user reads them on screen (``inspection.confidentiality``); the document
is then read only by those who read the interviewee (``interview_document_read``).
"""

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from inspection.documents.registry import document_kind
from inspection.permissions import visible
from rounds.models import Interview
from rounds.permissions import interviewee_readers
from rounds.selectors import interviewee_name_for, testimony_for

DOCUMENTS = Path(__file__).resolve().parent / "documents"


def _lines(text: str) -> list[str]:
    """A text's paragraphs (one a line; "无" when there is none: a blank is not a record)."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines or ["无。"]


def _moment(value) -> str:
    local = timezone.localtime(value)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def _names(people) -> str:
    return "、".join(str(person) for person in people)


def interview_record_context(actor, interview: Interview) -> dict:
    assignment = interview.assignment
    post = interview.get_interviewee_category_display()
    if interview.interviewee_post:
        post = f"{post}（{interview.interviewee_post}）"
    return {
        "round_title": assignment.round.title,
        "team": assignment.team.name if assignment.team_id else "",
        "target": f"{assignment.town.name}{assignment.target_name}"
        if assignment.village_id
        else assignment.target_name,
        "held_at": _moment(interview.held_at),
        "place": interview.place or "—",
        "interviewee": interviewee_name_for(actor, interview),
        "interviewee_post": post,
        "interviewers": _names(interview.interviewers.order_by("pk")),
        "recorder": str(interview.recorder or interview.recorded_by),
        "outline": _lines(testimony_for(actor, interview, "outline")),
        "record": _lines(testimony_for(actor, interview, "record")),
        "problems_raised": _lines(testimony_for(actor, interview, "problems_raised")),
    }


def interview_record_sample() -> dict:
    """What an uploaded template is checked with: every field the context supplies."""
    return {
        "classification": "内部",
        "generated_on": "2026年4月3日",
        "round_title": "县委第三轮巡察",
        "team": "第一巡察组",
        "target": "示例镇示例村",
        "held_at": "2026年4月3日 09:30",
        "place": "村党群服务中心谈话室",
        "interviewee": "王**",
        "interviewee_post": "老党员",
        "interviewers": "张三、李四",
        "recorder": "李四",
        "outline": ["了解村务公开情况。"],
        "record": ["问：请谈谈村里低保评定情况。", "答：评定结果没有张榜公示。"],
        "problems_raised": ["低保评定未公示。"],
    }


def _readable(user):
    return visible(Interview, user).filter(interviewee_readers(user))


def _of_round(round_id: int):
    return Interview.objects.filter(assignment__round_id=round_id).order_by("held_at", "pk")


INTERVIEW_RECORD = document_kind(
    code="interview_record",
    name=_lazy("谈话记录"),
    model=Interview,
    template=DOCUMENTS / "interview_record.docx",
    context=interview_record_context,
    sample=interview_record_sample,
    number_format="巡察谈〔{year}〕{sequence}号",
    generate_action="interview_document_generate",
    read_action="interview_document_read",
    readable=_readable,
    subjects_of_round=_of_round,
)
