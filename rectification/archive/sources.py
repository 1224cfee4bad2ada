"""What each source of the county's table reads: for a round, each volume's pieces.

A source answers, for every assignment of the round at once (a few queries whatever
the number of volumes), the pieces it files: a kind of document (the latest version of
each subject's document), a file handed in (the unit's approved plan or report, a
body's decision), or records the archive writes out as a register (登记表). Each piece
names who may read it when it is confidential (clue papers): ``read_action`` on its
``subject``.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone

from findings.models import Clue, InspectionReport, Problem, ReportDecision
from inspection.documents.choices import Classification
from inspection.documents.models import Document
from inspection.documents.registry import kind_of
from rectification.archive.choices import ArchiveSource as S
from rectification.choices import FeedbackDocument, SubmissionStatus
from rectification.models import (
    AccountabilityDecision,
    Evaluation,
    Feedback,
    ImmediateOrder,
    RectificationPublicity,
    UnitSubmission,
    Verification,
)
from rounds.models import Activity, Assignment, Interview, Petition
from rounds.models.notices import EntryNoticeAssignment
from rounds.models.plans import WorkPlanDecision

OFFICE = "县委巡察工作领导小组办公室"
LEADING_GROUP = "县委巡察工作领导小组"


@dataclass
class Register:
    """Records written out as one table: its title, column heads and rows of text (in
    Chinese whatever the reader's language: it is filed)."""

    title: str
    columns: list[str]
    rows: list[list[str]]


@dataclass
class Piece:
    """One piece (件) of a volume, as the source found it."""

    title: str
    date: datetime.date | None
    author: str
    number: str = ""
    classification: str = Classification.INTERNAL
    file: object = None  # a kept file (FieldFile), or None for a register
    register: Register | None = None
    page_key: str = ""
    # A document above 内部 (clue papers) is filed only for a reader who may read it.
    document_id: int | None = None
    confidential: bool = False
    order: tuple = field(default_factory=tuple)

    @property
    def extension(self) -> str:
        if self.file is None:
            return ".docx"
        name = self.file.name.rsplit("/", 1)[-1]
        return "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""

    @property
    def classification_label(self) -> str:
        try:
            return str(Classification(self.classification).label)
        except ValueError:
            return self.classification


Pieces = dict[int, list[Piece]]  # assignment id → pieces


@dataclass
class RoundFacts:
    """What every source needs of the round: its id and its assignments (with team,
    town and village), by id."""

    round_id: int
    assignments: dict[int, Assignment]
    # One volume asked (its 卷内目录, its download): the sources read its rows only, not
    # the whole round's (a province round has some 900 volumes).
    narrowed: bool = False

    def only(self, path: str = "assignment") -> Q:
        """The rows of the volumes asked, ``path`` leading to the row's assignment: no
        condition for the whole round, the volume's own assignments when narrowed."""
        if not self.narrowed:
            return Q()
        return Q(**{f"{path}_id__in": list(self.assignments)})

    def team(self, assignment_id: int) -> str:
        assignment = self.assignments.get(assignment_id)
        return f"县委{assignment.team.name}" if assignment and assignment.team_id else OFFICE

    def unit(self, assignment_id: int) -> str:
        assignment = self.assignments.get(assignment_id)
        return assignment.target_name if assignment else ""

    def everyone(self) -> list[int]:
        return list(self.assignments)


def _day(moment) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


def _documents(
    code: str, subjects: dict[int, list[int]], author: Callable[[int], str], title: str = ""
) -> Pieces:
    """The latest version of each subject's document of kind ``code``, filed in each
    volume the subject belongs to (``subjects``: subject id → assignment ids)."""
    kind = kind_of(code)
    latest: dict[int, Document] = {}
    for document in Document.objects.filter(kind=code, object_id__in=list(subjects)).order_by(
        "object_id", "version"
    ):
        latest[document.object_id] = document
    pieces: Pieces = defaultdict(list)
    name = title or (str(kind.name) if kind else code)
    for subject_id, document in sorted(latest.items(), key=lambda pair: pair[1].created_at):
        for assignment_id in subjects[subject_id]:
            pieces[assignment_id].append(
                Piece(
                    title=name,
                    date=_day(document.created_at),
                    author=author(assignment_id),
                    number=document.number,
                    classification=document.classification,
                    file=document.file,
                    page_key=document.file.name,
                    document_id=document.pk,
                    confidential=document.classification != Classification.INTERNAL,
                    order=(document.created_at, document.pk),
                )
            )
    return pieces


def _grouped(pairs) -> dict[int, list[int]]:
    """(subject id, assignment id) pairs → subject id → assignment ids."""
    grouped: dict[int, list[int]] = defaultdict(list)
    for subject_id, assignment_id in pairs:
        if assignment_id is not None:
            grouped[subject_id].append(assignment_id)
    return grouped


def _register(
    facts: RoundFacts, code: str, title: str, columns: list[str], rows_by_assignment, author
) -> Pieces:
    """One register per volume that has rows: ``rows_by_assignment`` yields (assignment
    id, date, row)."""
    collected: dict[int, list] = defaultdict(list)
    for assignment_id, day, row in rows_by_assignment:
        collected[assignment_id].append((day, row))
    pieces: Pieces = {}
    for assignment_id, rows in collected.items():
        rows.sort(key=lambda pair: pair[0] or datetime.date.min)
        numbered = [[str(n), *row] for n, (_day_, row) in enumerate(rows, 1)]
        pieces[assignment_id] = [
            Piece(
                title=title,
                date=rows[-1][0],
                author=author(assignment_id),
                register=Register(title=title, columns=["序号", *columns], rows=numbered),
                page_key=f"register:{code}:{assignment_id}",
            )
        ]
    return pieces


def _text(value, limit: int = 80) -> str:
    value = " ".join(str(value or "").split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _date(value) -> str:
    return value.isoformat() if value else ""


# ---------------------------------------------------------------------- the sources


def work_plan(facts: RoundFacts) -> Pieces:
    return _documents("work_plan", {facts.round_id: facts.everyone()}, lambda _a: OFFICE)


def plan_decision(facts: RoundFacts) -> Pieces:
    decisions = WorkPlanDecision.objects.filter(round_id=facts.round_id).order_by("held_on", "pk")
    rows = [
        (
            assignment_id,
            decision.held_on,
            [
                _date(decision.held_on),
                decision.get_outcome_display(),
                _text(decision.opinion),
                "有会议纪要" if decision.minutes else "领导小组成员签批",
            ],
        )
        for decision in decisions
        for assignment_id in facts.everyone()
    ]
    return _register(
        facts,
        S.PLAN_DECISION,
        "领导小组审议工作方案及授权记录",
        ["审议日期", "审议意见", "意见内容", "依据"],
        rows,
        lambda _a: LEADING_GROUP,
    )


def entry_notice(facts: RoundFacts) -> Pieces:
    pairs = EntryNoticeAssignment.objects.filter(
        facts.only(), assignment__round_id=facts.round_id
    ).values_list("notice_id", "assignment_id")
    return _documents("entry_notice", _grouped(pairs), facts.team)


def interview_record(facts: RoundFacts) -> Pieces:
    pairs = Interview.objects.filter(facts.only(), assignment__round_id=facts.round_id).values_list(
        "pk", "assignment_id"
    )
    return _documents("interview_record", _grouped(pairs), facts.team)


def activities(facts: RoundFacts) -> Pieces:
    rows = (
        (
            activity.assignment_id,
            activity.held_on,
            [
                _date(activity.held_on),
                activity.get_kind_display(),
                _text(activity.topic, 40),
                str(activity.people_reached or activity.households or ""),
                _text(activity.note),
            ],
        )
        for activity in Activity.objects.filter(
            facts.only(), assignment__round_id=facts.round_id
        ).order_by("held_on", "pk")
    )
    return _register(
        facts,
        S.ACTIVITIES,
        "走访、座谈等活动记录",
        ["日期", "活动类型", "主题/内容", "涉及人数/户数", "情况记录"],
        rows,
        facts.team,
    )


def petitions(facts: RoundFacts) -> Pieces:
    rows = (
        (
            petition.assignment_id,
            _day(petition.received_at),
            [
                _date(_day(petition.received_at)),
                petition.get_channel_display(),
                _text(petition.content),
                petition.get_status_display(),
                petition.get_disposition_display() if petition.disposition else "",
                _text(petition.disposition_note, 40),
            ],
        )
        for petition in Petition.objects.filter(
            facts.only(), round_id=facts.round_id, assignment__isnull=False
        ).order_by("received_at", "pk")
    )
    return _register(
        facts,
        S.PETITIONS,
        "信访登记及处置情况表",
        ["受理日期", "渠道", "反映内容", "状态", "处置方式", "处置说明"],
        rows,
        facts.team,
    )


def problem_paper(facts: RoundFacts) -> Pieces:
    pairs = Problem.objects.filter(facts.only(), assignment__round_id=facts.round_id).values_list(
        "pk", "assignment_id"
    )
    return _documents("problem_paper", _grouped(pairs), facts.team)


def inspection_report(facts: RoundFacts) -> Pieces:
    pairs = InspectionReport.objects.filter(
        facts.only(), assignment__round_id=facts.round_id
    ).values_list("pk", "assignment_id")
    return _documents("inspection_report", _grouped(pairs), facts.team)


def report_decisions(facts: RoundFacts) -> Pieces:
    rows = (
        (
            decision.report.assignment_id,
            decision.held_on,
            [
                _date(decision.held_on),
                decision.get_stage_display(),
                decision.get_outcome_display(),
                _text(decision.opinion),
                "有会议纪要" if decision.minutes else "",
            ],
        )
        for decision in ReportDecision.objects.filter(
            facts.only("report__assignment"), report__assignment__round_id=facts.round_id
        )
        .select_related("report")
        .order_by("held_on", "pk")
    )
    return _register(
        facts,
        S.REPORT_DECISIONS,
        "巡察报告审议记录",
        ["会议日期", "环节", "意见", "意见内容", "会议纪要"],
        rows,
        lambda _a: LEADING_GROUP,
    )


def feedback_letter(facts: RoundFacts) -> Pieces:
    return _documents("feedback_letter", {pk: [pk] for pk in facts.everyone()}, lambda _a: OFFICE)


def feedback_meeting(facts: RoundFacts) -> Pieces:
    pairs = Feedback.objects.filter(facts.only(), batch__round_id=facts.round_id).values_list(
        "batch_id", "assignment_id"
    )
    return _documents("feedback_meeting", _grouped(pairs), lambda _a: OFFICE)


def clue_approval_form(facts: RoundFacts) -> Pieces:
    pairs = Clue.objects.filter(facts.only(), round_id=facts.round_id).values_list(
        "pk", "assignment_id"
    )
    return _documents("clue_approval_form", _grouped(pairs), lambda _a: OFFICE)


def transfer_letter(facts: RoundFacts) -> Pieces:
    pairs = (
        Clue.objects.filter(facts.only(), round_id=facts.round_id, letter__isnull=False)
        .values_list("letter_id", "assignment_id")
        .distinct()
    )
    return _documents("transfer_letter", _grouped(pairs), lambda _a: OFFICE)


def immediate_order(facts: RoundFacts) -> Pieces:
    pairs = ImmediateOrder.objects.filter(
        facts.only(), assignment__round_id=facts.round_id
    ).values_list("pk", "assignment_id")
    return _documents("immediate_order", _grouped(pairs), facts.team)


def _submissions(facts: RoundFacts, kind: str, title: str) -> Pieces:
    pieces: Pieces = defaultdict(list)
    for submission in (
        UnitSubmission.objects.filter(
            facts.only("feedback__assignment"),
            feedback__assignment__round_id=facts.round_id,
            kind=kind,
            status=SubmissionStatus.APPROVED,
        )
        .annotate(assignment_id=F("feedback__assignment_id"))
        .order_by("uploaded_at", "pk")
    ):
        pieces[submission.assignment_id].append(
            Piece(
                title=title,
                date=_day(submission.uploaded_at),
                author=facts.unit(submission.assignment_id),
                file=submission.file,
                page_key=submission.file.name,
                order=(submission.uploaded_at, submission.pk),
            )
        )
    return pieces


def rectification_plan(facts: RoundFacts) -> Pieces:
    return _submissions(facts, FeedbackDocument.PLAN, "整改方案")


def rectification_report(facts: RoundFacts) -> Pieces:
    return _submissions(facts, FeedbackDocument.REPORT, "整改情况报告")


def verifications(facts: RoundFacts) -> Pieces:
    rows = (
        (
            verification.assignment_id,
            _day(verification.verified_at),
            [
                _date(_day(verification.verified_at)),
                _text(verification.item_title, 40),
                verification.get_method_display(),
                verification.get_result_display(),
                _text(verification.note),
            ],
        )
        for verification in Verification.objects.filter(
            facts.only("item__problem__assignment"),
            item__problem__assignment__round_id=facts.round_id,
        )
        .annotate(
            assignment_id=F("item__problem__assignment_id"), item_title=F("item__problem__title")
        )
        .order_by("verified_at", "pk")
    )
    return _register(
        facts,
        S.VERIFICATIONS,
        "整改核验情况表",
        ["核验日期", "整改事项", "核验方式", "核验结果", "核验意见"],
        rows,
        lambda _a: OFFICE,
    )


def publicity_draft(facts: RoundFacts) -> Pieces:
    pairs = RectificationPublicity.objects.filter(
        facts.only(), assignment__round_id=facts.round_id
    ).values_list("pk", "assignment_id")
    return _documents("publicity_draft", _grouped(pairs), facts.unit)


def evaluation_form(facts: RoundFacts) -> Pieces:
    pairs = Evaluation.objects.filter(
        facts.only(), assignment__round_id=facts.round_id
    ).values_list("pk", "assignment_id")
    return _documents("evaluation_form", _grouped(pairs), lambda _a: OFFICE)


def accountability(facts: RoundFacts) -> Pieces:
    pieces: Pieces = defaultdict(list)
    decisions = (
        AccountabilityDecision.objects.filter(
            facts.only("proposal__assignment"), proposal__assignment__round_id=facts.round_id
        )
        .select_related("proposal")
        .order_by("decided_on", "pk")
    )
    registered = []
    for decision in decisions:
        assignment_id = decision.proposal.assignment_id
        if decision.document:
            pieces[assignment_id].append(
                Piece(
                    title="问责决定",
                    date=decision.decided_on,
                    author=decision.proposal.get_deciding_body_display(),
                    number=decision.document_number,
                    file=decision.document,
                    page_key=decision.document.name,
                    order=(decision.decided_on, decision.pk),
                )
            )
        else:
            registered.append(
                (
                    assignment_id,
                    decision.decided_on,
                    [
                        _date(decision.decided_on),
                        decision.document_number,
                        decision.proposal.person_name or decision.proposal.organisation_name,
                        decision.get_form_display() if decision.pursued else "不予问责",
                        _text(decision.note),
                    ],
                )
            )
    listed = _register(
        facts,
        S.ACCOUNTABILITY,
        "问责决定登记表",
        ["决定日期", "文号", "问责对象", "问责方式", "说明"],
        registered,
        lambda _a: OFFICE,
    )
    for assignment_id, more in listed.items():
        pieces[assignment_id].extend(more)
    return pieces


SOURCES: dict[str, Callable[[RoundFacts], Pieces]] = {
    S.WORK_PLAN: work_plan,
    S.PLAN_DECISION: plan_decision,
    S.ENTRY_NOTICE: entry_notice,
    S.INTERVIEW_RECORD: interview_record,
    S.ACTIVITIES: activities,
    S.PETITIONS: petitions,
    S.PROBLEM_PAPER: problem_paper,
    S.INSPECTION_REPORT: inspection_report,
    S.REPORT_DECISIONS: report_decisions,
    S.FEEDBACK_LETTER: feedback_letter,
    S.FEEDBACK_MEETING: feedback_meeting,
    S.CLUE_APPROVAL_FORM: clue_approval_form,
    S.TRANSFER_LETTER: transfer_letter,
    S.IMMEDIATE_ORDER: immediate_order,
    S.RECTIFICATION_PLAN: rectification_plan,
    S.RECTIFICATION_REPORT: rectification_report,
    S.VERIFICATIONS: verifications,
    S.PUBLICITY_DRAFT: publicity_draft,
    S.EVALUATION_FORM: evaluation_form,
    S.ACCOUNTABILITY: accountability,
}
