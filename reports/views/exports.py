"""The reports page (统计报表): request the Excel summary for a scope, follow the jobs,
download the finished files.

The request calls ``export_request`` (the API's service: scope rules, the limit of
pending jobs, the build queued on commit); the download calls ``export_download`` (the
requester or the office only, every download written to the access log). The page's
script follows a running job through the exports API with the session.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from inspection.errors import ConflictError, NotFoundError
from inspection.permissions import reads_all, visible
from inspection.web import Listing, perform, screen
from reports.api.exports import content_disposition
from reports.dashboard import default_term
from reports.exports.scope import job_scope_label
from reports.exports.services import (
    JOB_SCOPE,
    export_download,
    export_request,
    failure_reason_display,
)
from reports.forms.exports import ExportJobFilterSet, ExportRequestForm
from reports.models import ExportJob, ExportStatus

JOBS_PER_PAGE = 20


@screen(reads_all)
def export_list(request):
    if request.method == "POST" and "refresh" in request.POST:
        # Only the choices changed (a town's villages, a round's teams): nothing requested.
        fields = ExportRequestForm.base_fields
        kept = {key: value for key, value in request.POST.items() if key in fields}
        form = ExportRequestForm(user=request.user, initial=kept)
    elif request.method == "POST":
        form = ExportRequestForm(request.POST, user=request.user)
        if form.is_valid():
            job = perform(request, form, lambda: export_request(actor=request.user, **form.scope()))
            if job:
                say_where_the_job_is(request, job)
                return redirect(f"{reverse('reports:export_list')}#job-{job.pk}")
    else:
        term = default_term()
        form = ExportRequestForm(user=request.user, initial={"term": term.pk if term else None})
    jobs = (
        visible(ExportJob, request.user)
        .filter(requested_by_id=request.user.pk)
        .select_related(*JOB_SCOPE)
    )
    listing = Listing(request, jobs, ExportJobFilterSet, JOBS_PER_PAGE)
    for job in listing:
        job.scope_label = job_scope_label(job)
    return render(request, "reports/export_list.html", {"form": form, "listing": listing})


def say_where_the_job_is(request, job: ExportJob) -> None:
    """The message tells the truth: a build that ran inside the request (no broker, tasks
    eager) is done or failed by now; else it is queued and the page follows it."""
    job.refresh_from_db(fields=["status", "failure_reason"])
    if job.status == ExportStatus.DONE:
        messages.success(request, _("汇总表已生成，可以下载。"))
    elif job.status == ExportStatus.FAILED:
        reason = failure_reason_display(job)
        messages.error(request, _("导出失败：%(reason)s") % {"reason": reason})
    else:
        messages.success(request, _("已提交导出申请，生成完成后即可下载。"))


@screen(reads_all)
def export_choices(request):
    """The choices of the scope's dependent selects (rounds of a term, villages of a town,
    teams of a round) for the values in the query, within what the user sees: the page's
    script fills the selects from it, as "更新选项" does without the script."""
    fields = ExportRequestForm.base_fields
    given = {key: value for key, value in request.GET.items() if key in fields}
    form = ExportRequestForm(user=request.user, initial=given)
    return JsonResponse(form.dependent_choices())


@screen(reads_all)
def export_file(request, pk: int):
    """The finished workbook; a job not done (or failed) goes back to the list with why."""
    try:
        download = export_download(actor=request.user, job_id=pk, request=request)
    except NotFoundError as error:
        raise Http404(error.message) from error
    except ConflictError as error:
        messages.error(request, error.message)
        return redirect("reports:export_list")
    response = FileResponse(download.stream, content_type=download.content_type)
    response["Content-Disposition"] = content_disposition(
        download.name, f"{download.job.kind}-{download.job.pk}.xlsx"
    )
    response["Content-Length"] = str(download.size)
    response["Cache-Control"] = "private, no-store"
    return response
