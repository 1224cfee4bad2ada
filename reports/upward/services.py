"""The writes of 统计报送: upload a template; create, submit, approve, return and send a
report. Each checks the actor's permission (reports.upward.permissions) and writes one
history row; sending freezes the snapshot and files the workbook, after which nothing
changes the report."""

import datetime
import json
import os

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.documents.rendering import checksum
from inspection.errors import ConflictError
from inspection.evidence import EVIDENCE_MAX_BYTES, safe_name
from inspection.files import written_in_transaction
from inspection.permissions import authorize, visible
from inspection.workflow import Transition, lock_visible, require, save_with_history
from reports.upward.filling import figures_for, filled_workbook, placeholders
from reports.upward.mapping import cells_of, open_workbook, read_mapping
from reports.upward.models import ReportStatus, StatisticsReport, StatisticsTemplate
from reports.upward.periods import parse_period, period_of
from reports.upward.selectors import county

SUBMIT = Transition("submit", (ReportStatus.DRAFT,), ReportStatus.PENDING, _lazy("提交审核"))
APPROVE = Transition("approve", (ReportStatus.PENDING,), ReportStatus.APPROVED, _lazy("审核通过"))
RETURN = Transition(
    "return", (ReportStatus.PENDING, ReportStatus.APPROVED), ReportStatus.DRAFT, _lazy("退回")
)
SEND = Transition("send", (ReportStatus.APPROVED,), ReportStatus.SENT, _lazy("报送"))


def _read_upload(upload) -> bytes:
    require(upload is not None and getattr(upload, "size", 0), _("请选择文件。"), field="file")
    name = safe_name(getattr(upload, "name", ""))
    require(
        os.path.splitext(name)[1].lower() == ".xlsx",
        _("请上传Excel工作簿（.xlsx）；.xls、WPS等格式请先另存为.xlsx。"),
        field="file",
    )
    require(
        upload.size <= EVIDENCE_MAX_BYTES,
        _("文件超过%(limit)s的上限。") % {"limit": filesizeformat(EVIDENCE_MAX_BYTES)},
        field="file",
    )
    upload.seek(0)
    return upload.read()


@transaction.atomic
def statistics_template_upload(*, actor, name: str, file) -> StatisticsTemplate:
    """The city's template with its mapping read and checked: a template whose mapping
    names an unknown figure, cell or town is refused, every error named."""
    authorize(actor, "statistics_template_upload")
    name = (name or "").strip()
    require(bool(name), _("请填写模板名称。"), field="name")
    content = _read_upload(file)
    cells, source = read_mapping(open_workbook(content))
    template = StatisticsTemplate(
        name=name[:100],
        original_name=safe_name(file.name),
        checksum=checksum(content),
        mapping=[cell.as_json() for cell in cells],
        mapping_source=source,
        uploaded_by=actor,
        uploaded_at=timezone.now(),
    )
    template.file.save(f"{template.checksum[:16]}.xlsx", ContentFile(content), save=False)
    written_in_transaction(template.file)
    save_with_history(template, actor=actor, note=_("上传报送模板"))
    return template


@transaction.atomic
def statistics_report_create(*, actor, template_id, period: str) -> StatisticsReport:
    """A draft table of the template for ``period`` (a code: 2026-09, 2026Q3, 2026H1, 2026,
    R12); one a template and period."""
    authorize(actor, "statistics_report_create")
    template = lock_visible(visible(StatisticsTemplate, actor), template_id)
    parsed = parse_period(period)
    require(
        not template.reports.filter(period_code=parsed.code).exists(),
        _("「%(template)s」在%(period)s已有报送，请打开那一份。")
        % {"template": template.name, "period": parsed.label},
        field="period",
    )
    report = StatisticsReport(
        template=template,
        period_code=parsed.code,
        period_kind=parsed.kind,
        date_from=parsed.date_from,
        date_to=parsed.date_to,
        round=parsed.round,
        prepared_by=actor,
    )
    try:
        with transaction.atomic():
            save_with_history(report, actor=actor, note=_("新建统计报送"))
    except IntegrityError:
        require(False, _("该模板在这一期间已有报送。"), field="period")
    return report


def _move(actor, report_id, action: str, transition: Transition) -> StatisticsReport:
    report = lock_visible(visible(StatisticsReport, actor), report_id)
    authorize(actor, action, report)
    transition.check(report)
    return report


@transaction.atomic
def statistics_report_submit(*, actor, report_id) -> StatisticsReport:
    report = _move(actor, report_id, "statistics_report_submit", SUBMIT)
    report.status = SUBMIT.target
    report.submitted_by = actor
    save_with_history(report, actor=actor, note=_("提交审核"))
    return report


@transaction.atomic
def statistics_report_approve(*, actor, report_id, note: str = "") -> StatisticsReport:
    """The office's approval, by an office account other than the one who prepared or
    submitted the table."""
    report = _move(actor, report_id, "statistics_report_approve", APPROVE)
    report.status = APPROVE.target
    report.reviewed_by = actor
    report.reviewed_at = timezone.now()
    report.review_note = (note or "").strip()
    # What the reviewer approved is what may be sent (``statistics_report_send``).
    report.snapshot = {"approved": _values(snapshot_of(report, period_of(report).as_of()))}
    save_with_history(report, actor=actor, note=_("审核通过"))
    return report


def _values(snapshot: dict) -> dict[str, str]:
    """Each mapped figure's value as JSON text (as the snapshot stores it)."""
    return {
        key: json.dumps(figure["value"], default=str, sort_keys=True)
        for key, figure in snapshot["figures"].items()
    }


@transaction.atomic
def statistics_report_return(*, actor, report_id, note: str) -> StatisticsReport:
    report = _move(actor, report_id, "statistics_report_return", RETURN)
    note = (note or "").strip()
    require(bool(note), _("退回时请写明原因。"), field="note")
    report.status = RETURN.target
    report.review_note = note
    report.reviewed_by = actor
    report.reviewed_at = timezone.now()
    save_with_history(report, actor=actor, note=_("退回：%(note)s") % {"note": note})
    return report


def snapshot_of(report: StatisticsReport, on: datetime.date) -> dict:
    """Every mapped figure's value and the ids behind it, for ``report``'s period as of
    ``on``, with what a city-level system needs to aggregate counties."""
    period = period_of(report)
    return {
        "county": county(),
        "template": report.template.name,
        "period": {
            "code": report.period_code,
            "kind": report.period_kind,
            "label": period.label,
            "date_from": report.date_from.isoformat() if report.date_from else None,
            "date_to": report.date_to.isoformat() if report.date_to else None,
            "round": report.round_id,
        },
        "as_of": on.isoformat(),
        "figures": figures_for(cells_of(report.template), period, on, with_ids=True),
    }


@transaction.atomic
def statistics_report_send(*, actor, report_id) -> StatisticsReport:
    """Sent: the figures as of the period's last day (a round's: today) frozen with the
    ids behind each, and the filled workbook filed. Refused while the period runs."""
    report = _move(actor, report_id, "statistics_report_send", SEND)
    period = period_of(report)
    require(
        period.has_ended(),
        _("%(period)s尚未结束，结束后才能报送。") % {"period": period.label},
        field="period",
    )
    on = period.as_of()
    snapshot = snapshot_of(report, on)
    approved = (report.snapshot or {}).get("approved", {})
    changed = [key for key, value in _values(snapshot).items() if approved.get(key) != value]
    if changed:
        raise ConflictError(
            _("审核后以下指标已有变化：%(figures)s。请退回并重新提交审核后再报送。")
            % {"figures": _("、").join(changed[:10])}
        )
    now = timezone.now()
    snapshot["sent_at"] = now.isoformat()
    with report.template.file.open("rb") as stream:
        texts = placeholders(period, on, snapshot["county"]["name"])
        content = filled_workbook(stream.read(), snapshot["figures"], texts)
    report.status = SEND.target
    report.as_of = on
    report.snapshot = snapshot
    report.sent_by = actor
    report.sent_at = now
    report.sent_checksum = checksum(content)
    report.sent_file.save(f"report-{report.pk}.xlsx", ContentFile(content), save=False)
    written_in_transaction(report.sent_file)
    save_with_history(report, actor=actor, note=_("报送"))
    return report
