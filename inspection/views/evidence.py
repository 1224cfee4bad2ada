"""Downloading an evidence file from a record's page (佐证材料下载).

Signed-in users only (anyone else goes to the sign-in page); the file is answered when
the user may see the record it belongs to, else 404 as for the record's own page, and
every download is written to the access log (``inspection.attachments``).
"""

from django.http import Http404
from django.views.decorators.http import require_safe

from inspection.attachments import evidence_download, evidence_response
from inspection.errors import NotFoundError
from inspection.web import screen


@require_safe
@screen()
def evidence_file(request, kind: str, pk: int):
    try:
        download = evidence_download(user=request.user, kind=kind, pk=pk, request=request)
    except NotFoundError as error:
        raise Http404(error.message) from error
    return evidence_response(download)
