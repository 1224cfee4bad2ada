"""The API's JSON, written by orjson: the same document DRF's ``JSONRenderer`` writes
(compact, UTF-8, ``\\u2028``/``\\u2029`` escaped), several times faster on a page of
fifty wide rows.

orjson writes what it knows natively (dicts, lists, str, int, float, bool, None, UUID);
everything else — dates and times, Decimals, lazy translations, querysets — goes through
DRF's own encoder (``default``), so it reads exactly as before. What orjson refuses (an
integer beyond 64 bits, a dict with non-text keys) and the indented form a client may ask
for (``Accept: application/json; indent=4``) are written by DRF's renderer itself.

A lone UTF-16 surrogate has no UTF-8 form: both encoders refuse it. The parsers refuse
it in requests (``inspection.api.parsers``); should one still reach an answer (an error
message echoing what a client sent), it is written as U+FFFD rather than failing.

``BrowsableAPIRenderer`` (development only: production answers JSON alone) shows no
HTML forms: DRF would render each related field of a resource as a select of every
record of the county, names included. The raw JSON form stays.
"""

import re

import orjson
from rest_framework import renderers
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.encoders import JSONEncoder

_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS
_default = JSONEncoder().default
# U+2028 and U+2029 escaped, as DRF does (JSON that is also a JavaScript literal).
_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(data):
    """``data`` with every lone surrogate in its text (keys too) replaced by U+FFFD."""
    if isinstance(data, str):
        return _SURROGATE.sub("\ufffd", data)
    if isinstance(data, dict):
        return {without_surrogates(key): without_surrogates(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [without_surrogates(value) for value in data]
    return data


def json_bytes(data) -> bytes:
    """``data`` as ``OrjsonRenderer`` writes it, compact (orjson.JSONEncodeError for what
    orjson refuses): a part of a larger document written piece by piece
    (reports.statistics.partitioned) reads exactly as the whole would."""
    content = orjson.dumps(data, default=_default, option=_OPTIONS)
    for raw, escaped in _SEPARATORS:
        if raw in content:
            content = content.replace(raw, escaped)
    return content


class OrjsonRenderer(JSONRenderer):
    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return self.render_by_drf(data, accepted_media_type, renderer_context)
        try:
            return json_bytes(data)
        except orjson.JSONEncodeError:
            return self.render_by_drf(data, accepted_media_type, renderer_context)

    def render_by_drf(self, data, accepted_media_type, renderer_context):
        try:
            return super().render(data, accepted_media_type, renderer_context)
        except UnicodeEncodeError:
            return super().render(without_surrogates(data), accepted_media_type, renderer_context)


class BrowsableAPIRenderer(renderers.BrowsableAPIRenderer):
    def get_rendered_html_form(self, data, view, method, request):
        return None
