"""The 统计报送 screens (the office's): templates and tables, a table's preview with what
changed since the previous sent period, its review and sending, and the downloads."""

import io

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from inspection.api.downloads import content_disposition
from inspection.audit import access_log_view
from inspection.permissions import can, is_office, visible
from inspection.stamping import file_mark, stamped_copy
from inspection.web import perform, screen, visible_or_404
from reports.exports.official import classification_of
from reports.forms.upward import ReportCreateForm, ReviewForm, TemplateUploadForm
from reports.upward import services
from reports.upward.mapping import figure_functions
from reports.upward.models import StatisticsReport, StatisticsTemplate
from reports.upward.periods import period_of
from reports.upward.sample import sample_template
from reports.upward.selectors import figure_label, report_changes, report_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# action: (its permission, its service, its transition, what the page says once done)
ACTIONS = {
    "submit": (
        "statistics_report_submit",
        services.statistics_report_submit,
        services.SUBMIT,
        _lazy("已提交审核。"),
    ),
    "approve": (
        "statistics_report_approve",
        services.statistics_report_approve,
        services.APPROVE,
        _lazy("已审核通过。"),
    ),
    "return": (
        "statistics_report_return",
        services.statistics_report_return,
        services.RETURN,
        _lazy("已退回。"),
    ),
    "send": (
        "statistics_report_send",
        services.statistics_report_send,
        services.SEND,
        _lazy("已报送，快照已冻结。"),
    ),
}


def _xlsx(content: bytes, name: str, ascii_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = content_disposition(name, ascii_name)
    response["Cache-Control"] = "private, no-store"
    return response


def shown(figure: str, value, *, signed: bool = False) -> str:
    """A figure as the page shows it: a rate in per cent, "—" for none."""
    if value is None:
        return "—"
    if figure.endswith("_rate"):
        return f"{value * 100:+.1f}%" if signed else f"{value * 100:.1f}%"
    if signed and not isinstance(value, str) and value > 0:
        return f"+{value}"
    return str(value)


@screen(is_office)
def upward_list(request):
    upload = TemplateUploadForm(prefix="upload")
    create = ReportCreateForm(prefix="create", user=request.user)
    if request.method == "POST" and "upload" in request.POST:
        upload = TemplateUploadForm(request.POST, request.FILES, prefix="upload")
        if upload.is_valid():
            done = perform(
                request,
                upload,
                lambda: services.statistics_template_upload(
                    actor=request.user,
                    name=upload.cleaned_data["name"],
                    file=upload.cleaned_data["file"],
                ),
                success=_("模板已上传，映射已检查。"),
            )
            if done:
                return redirect("reports:upward_list")
    elif request.method == "POST":
        create = ReportCreateForm(request.POST, prefix="create", user=request.user)
        if create.is_valid():
            report = perform(
                request,
                create,
                lambda: services.statistics_report_create(
                    actor=request.user,
                    template_id=create.cleaned_data["template"].pk,
                    period=create.cleaned_data["period"],
                ),
            )
            if report:
                return redirect("reports:upward_report", pk=report.pk)
    templates = visible(StatisticsTemplate, request.user).select_related("uploaded_by")
    reports = visible(StatisticsReport, request.user).select_related("template", "round")[:100]
    return render(
        request,
        "reports/upward_list.html",
        {
            "upload": upload,
            "create": create,
            "templates": templates,
            "reports": reports,
            "figures": [
                (name, figure_label(name), function)
                for name, function in figure_functions().items()
            ],
        },
    )


@screen(is_office)
def upward_sample(request):
    return _xlsx(sample_template(), _("统计报送模板示例.xlsx"), "statistics-template-sample.xlsx")


@screen(is_office)
def upward_template_file(request, pk: int):
    template = visible_or_404(StatisticsTemplate, request.user, pk=pk)
    with template.file.open("rb") as stream:
        content = stream.read()
    access_log_view(user=request.user, obj=template, detail="下载统计报送模板", request=request)
    return _xlsx(content, template.original_name or f"{template.name}.xlsx", f"template-{pk}.xlsx")


@screen(is_office)
def upward_report(request, pk: int):
    report = get_object_or_404(
        visible(StatisticsReport, request.user).select_related(
            "template", "round", "prepared_by", "reviewed_by"
        ),
        pk=pk,
    )
    form = ReviewForm()
    if request.method == "POST":
        form = ReviewForm(request.POST)
        name = request.POST.get("action", "")
        if name not in ACTIONS:
            raise Http404
        _permission, service, _transition, success = ACTIONS[name]
        if form.is_valid():
            arguments = {"actor": request.user, "report_id": report.pk}
            if name in ("approve", "return"):
                arguments["note"] = form.cleaned_data["note"]
            if perform(request, form, lambda: service(**arguments), success=str(success)):
                return redirect("reports:upward_report", pk=report.pk)
    changes = report_changes(report)
    for row in changes["rows"]:
        row["shown"] = {key: shown(row["figure"], row[key]) for key in ("value", "previous")}
        row["shown"]["difference"] = shown(row["figure"], row["difference"], signed=True)
    period = period_of(report)
    allowed = [
        name
        for name, (permission, _service, transition, _done) in ACTIONS.items()
        if transition.allows(report) and can(request.user, permission, report)
    ]
    return render(
        request,
        "reports/upward_report.html",
        {
            "report": report,
            "period": period,
            "as_of": report.as_of or period.as_of(),
            "changes": changes,
            "form": form,
            "allowed": allowed,
            "history": report.history.select_related("history_user").order_by("-history_date")[:20],
        },
    )


@screen(is_office)
def upward_download(request, pk: int):
    """The table as filled (or as sent), the reader's copy: stamped with its 密级, the
    reader, the time and the copy's number, kept in the access-log row."""
    report = visible_or_404(StatisticsReport, request.user, pk=pk)
    name = f"{report.template.name}-{report.period_code}.xlsx"
    mark = file_mark(user=request.user, classification=classification_of("statistics_report"))
    copy = stamped_copy(io.BytesIO(report_workbook(report)), extension=".xlsx", mark=mark)
    access_log_view(
        user=request.user, obj=report, detail="下载统计报送表", request=request, watermark=mark
    )
    with copy:
        return _xlsx(copy.read(), name, f"statistics-report-{report.pk}.xlsx")
