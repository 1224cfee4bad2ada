"""Who sees which export job: the requester their own, the office every one.

A job outside the scope answers as if it did not exist (and its download is refused
with an access-log row), like every other record.
"""

from inspection.permissions import is_office, scope_of
from reports.models import ExportJob


@scope_of(ExportJob)
def visible_export_jobs(user):
    if is_office(user):
        return ExportJob.objects.all()
    return ExportJob.objects.filter(requested_by_id=user.pk)
