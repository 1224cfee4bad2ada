"""交办事项 to departments, and 专题报告 / 巡察建议书 on a round's common problems.

The office hands a matter on (已交办) with a reply due ``INSPECTION_MATTER_REPLY_DAYS``
later unless it sets the date; the department's liaison or the office records the reply
(已回复), with the department's file if there is one. The office records the thematic
reports and the reply to a 巡察建议书. Overdue is derived (findings.matter_selectors).
"""

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import MatterStatus, ProblemStatus, ThematicReportKind
from findings.models import DepartmentMatter, Problem, ThematicReport
from inspection.errors import ConflictError
from inspection.evidence import clean_evidence_files, safe_name
from inspection.files import written_in_transaction
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_choice, clean_column, clean_date, clean_text
from inspection.workflow import (
    StatusWindow,
    Transition,
    lock_visible,
    require,
    save_with_history,
)
from rounds.choices import ROUND_STATUSES_ON_SITE_OR_LATER, RoundStatus
from rounds.models import Assignment, InspectionRound

# A matter or a thematic report comes from what the teams found: from 进驻 until the round
# is archived.
HANDING_WINDOW = StatusWindow(
    tuple(s for s in ROUND_STATUSES_ON_SITE_OR_LATER if s != RoundStatus.CLOSED),
    _lazy("登记交办事项或专题报告"),
)
MATTER_REPLY = Transition(
    "department_matter_reply", (MatterStatus.HANDED_ON,), MatterStatus.REPLIED, _lazy("登记回复")
)


def reply_due(start: datetime.date) -> datetime.date:
    """The default day a department's reply is due."""
    return start + datetime.timedelta(days=settings.INSPECTION_MATTER_REPLY_DAYS)


def _round(actor, round_id: int, action: str) -> InspectionRound:
    inspection_round = lock_visible(visible(InspectionRound, actor), round_id)
    authorize(actor, action, inspection_round)
    HANDING_WINDOW.check(inspection_round)
    return inspection_round


def _due_on(value, start: datetime.date, start_label: str) -> datetime.date:
    if value is None:
        return reply_due(start)
    return clean_date(
        value,
        field="reply_due_on",
        label=_("回复期限"),
        not_before=start,
        not_before_label=start_label,
        future_ok=True,
    )


def _problems(actor, round_id: int, ids: Sequence[int], *, common: bool = False) -> list:
    """The round's problems past draft named by ``ids`` (each visible to ``actor``)."""
    ids = sorted({int(pk) for pk in ids or ()})
    found = list(
        visible(Problem, actor)
        .filter(pk__in=ids, assignment__round_id=round_id)
        .exclude(status=ProblemStatus.DRAFT)
    )
    missing = sorted(set(ids) - {p.pk for p in found})
    require(
        not missing,
        _("问题 %(ids)s 不是本轮次已提交的问题。") % {"ids": "、".join(f"#{pk}" for pk in missing)},
        field="problems",
    )
    if common:
        single = [f"#{p.pk}" for p in found if not p.is_common]
        require(
            not single,
            _("问题 %(ids)s 未标记为共性问题，不能写入专题报告或巡察建议书。")
            % {"ids": "、".join(single)},
            field="problems",
        )
    return found


@transaction.atomic
def department_matter_create(
    *,
    actor,
    round_id: int,
    department: str,
    summary: str,
    handed_on: datetime.date | None,
    reply_due_on: datetime.date | None = None,
    assignment_id: int | None = None,
    problem_ids: Sequence[int] = (),
    letter_number: str = "",
    note: str = "",
) -> DepartmentMatter:
    """The office hands a matter on to a department (交办), its reply due by default
    ``INSPECTION_MATTER_REPLY_DAYS`` after the day it was handed on."""
    inspection_round = _round(actor, round_id, "department_matter_create")
    assignment = None
    if assignment_id:
        assignment = visible(Assignment, actor).filter(pk=assignment_id, round=inspection_round)
        assignment = assignment.first()
        require(assignment is not None, _("巡察对象不属于本轮次。"), field="assignment")
    handed_on = clean_date(handed_on, field="handed_on", label=_("交办日期"))
    matter = DepartmentMatter(
        round=inspection_round,
        assignment=assignment,
        department=clean_column(DepartmentMatter, "department", department, required=True),
        letter_number=clean_column(DepartmentMatter, "letter_number", letter_number),
        summary=clean_text(summary, field="summary", label=_("交办事项")),
        handed_on=handed_on,
        reply_due_on=_due_on(reply_due_on, handed_on, _("交办日期")),
        created_by=actor,
    )
    problems = _problems(actor, inspection_round.pk, problem_ids)
    if assignment is not None:
        elsewhere = [f"#{p.pk}" for p in problems if p.assignment_id != assignment.pk]
        require(
            not elsewhere,
            _("问题 %(ids)s 不属于所选巡察对象。") % {"ids": "、".join(elsewhere)},
            field="problems",
        )
    save_with_history(matter, actor=actor, note=note)
    matter.problems.set(problems)
    return matter


@transaction.atomic
def department_matter_reply(
    *,
    actor,
    matter_id: int,
    replied_on: datetime.date | None,
    reply: str,
    reply_file=None,
    note: str = "",
) -> DepartmentMatter:
    """The department's reply to a matter, recorded by its liaison or by the office."""
    matter = lock_visible(visible(DepartmentMatter, actor), matter_id)
    authorize(actor, "department_matter_reply", matter)
    MATTER_REPLY.check(matter)
    matter.replied_on = clean_date(
        replied_on,
        field="replied_on",
        label=_("回复日期"),
        not_before=matter.handed_on,
        not_before_label=_("交办日期"),
    )
    matter.reply = clean_text(reply, field="reply", label=_("回复情况"))
    for upload in clean_evidence_files([reply_file], field="reply_file"):
        matter.reply_file.save(safe_name(upload.name), upload, save=False)
        written_in_transaction(matter.reply_file)
    matter.replied_by = actor
    matter.status = MATTER_REPLY.target
    save_with_history(matter, actor=actor, note=note)
    return matter


@transaction.atomic
def thematic_report_create(
    *,
    actor,
    round_id: int,
    kind: str,
    title: str,
    issued_on: datetime.date | None,
    addressee: str = "",
    body: str = "",
    problem_ids: Sequence[int] = (),
    reply_due_on: datetime.date | None = None,
    note: str = "",
) -> ThematicReport:
    """The office records a 专题报告 (to the leading group) or a 巡察建议书 (to a
    department, which owes a reply) on common problems of the round."""
    inspection_round = _round(actor, round_id, "thematic_report_create")
    kind = clean_choice(kind, ThematicReportKind, field="kind", label=_("类别"))
    recommendation = kind == ThematicReportKind.RECOMMENDATION
    issued_on = clean_date(issued_on, field="issued_on", label=_("印发日期"))
    report = ThematicReport(
        kind=kind,
        round=inspection_round,
        title=clean_column(ThematicReport, "title", title, required=True),
        addressee=clean_column(ThematicReport, "addressee", addressee, required=recommendation),
        body=clean_text(body, field="body", label=_("主要内容"), required=False),
        issued_on=issued_on,
        created_by=actor,
    )
    if recommendation:
        report.reply_due_on = _due_on(reply_due_on, issued_on, _("印发日期"))
    else:
        require(reply_due_on is None, _("专题报告没有回复期限。"), field="reply_due_on")
    problems = _problems(actor, inspection_round.pk, problem_ids, common=True)
    save_with_history(report, actor=actor, note=note)
    report.problems.set(problems)
    return report


@transaction.atomic
def thematic_report_reply(
    *,
    actor,
    report_id: int,
    replied_on: datetime.date | None,
    reply: str,
    note: str = "",
) -> ThematicReport:
    """The office records the department's reply to a 巡察建议书."""
    report = lock_visible(visible(ThematicReport, actor), report_id)
    authorize(actor, "thematic_report_reply", report)
    if report.kind != ThematicReportKind.RECOMMENDATION:
        raise ConflictError(_("专题报告不需要回复，只有巡察建议书登记回复。"))
    if report.replied_on is not None:
        raise ConflictError(
            _("该巡察建议书已于%(date)s登记回复，请刷新后查看。")
            % {"date": f"{report.replied_on:%Y-%m-%d}"}
        )
    report.replied_on = clean_date(
        replied_on,
        field="replied_on",
        label=_("回复日期"),
        not_before=report.issued_on,
        not_before_label=_("印发日期"),
    )
    report.reply = clean_text(reply, field="reply", label=_("回复情况"))
    save_with_history(report, actor=actor, note=note)
    return report
