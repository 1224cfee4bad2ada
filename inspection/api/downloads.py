"""What every file download of the API shares (evidence files, Excel exports)."""

from urllib.parse import quote

from rest_framework.negotiation import BaseContentNegotiation


class FileDownloadNegotiation(BaseContentNegotiation):
    """The file is answered whatever the Accept header asks (a client asking for the
    file's own type must not get 406); its errors are JSON, as everywhere else."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def content_disposition(name: str, fallback: str) -> str:
    """RFC 6266: an ASCII name for old clients, the real (Chinese) one as filename*."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
