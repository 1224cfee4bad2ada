"""The API's request parsers: DRF's, with Django's size limit on JSON too, refusals in
the user's language, and no text the database cannot store.

- DRF reads a JSON body straight from the request stream, past Django's
  ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (which guards only ``request.body`` and forms): here a
  body over it is a 413 before it is parsed.
- DRF's parse errors are English ("JSON parse error - …"): here they are ours.
- JSON may spell a lone UTF-16 surrogate (``"\\ud800"``), which Python keeps in the
  string and no UTF-8 encoder accepts. DRF's CharField refuses it, but a choice field
  echoed it in its "not a valid choice" message (the renderer then failed: a 500) and
  other fields may pass it on to the database, which cannot store it either. It is
  refused here, in whatever field, as a 400 naming the (top-level) field.
"""

import json
import re

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from rest_framework import exceptions, parsers, status
from rest_framework.utils.json import strict_constant

_SURROGATE = re.compile("[\ud800-\udfff]")


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _lazy("提交的内容过大。")
    default_code = "payload_too_large"


def too_large_message() -> str:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if limit is None:
        return str(PayloadTooLarge.default_detail)
    return _("提交的内容过大（上限 %(limit)s）。") % {"limit": filesizeformat(limit)}


def lone_surrogate(data) -> str | None:
    """The first lone surrogate in any text of ``data`` (keys too, at any depth), if any."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found:
                return found.group()
        elif isinstance(value, dict):
            pending.extend(value.keys())
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
    return None


def refuse_lone_surrogates(data) -> None:
    """A 400 naming the top-level field whose text holds a lone surrogate."""
    fields = data.items() if isinstance(data, dict) else [("__all__", data)]
    for name, value in fields:
        found = lone_surrogate(name) or lone_surrogate(value)
        if found:
            field = "__all__" if lone_surrogate(name) else name
            message = _("含有无效的字符（孤立的 UTF-16 代理项 U+%(code)X）。")
            raise exceptions.ValidationError({field: [message % {"code": ord(found)}]})


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge(too_large_message())
        try:
            data = json.loads(raw.decode(encoding), parse_constant=strict_constant)
        except UnicodeDecodeError:
            raise exceptions.ParseError(_("请求内容不是有效的 UTF-8 文本。")) from None
        except json.JSONDecodeError as error:
            message = _("请求内容不是有效的 JSON（第%(line)s行第%(column)s列）。")
            raise exceptions.ParseError(
                message % {"line": error.lineno, "column": error.colno}
            ) from None
        except (ValueError, RecursionError):
            # NaN or Infinity (not JSON), or nesting deeper than any request of ours.
            raise exceptions.ParseError(_("请求内容不是有效的 JSON。")) from None
        refuse_lone_surrogates(data)
        return data


class MultiPartParser(parsers.MultiPartParser):
    """DRF's, its parse error in the user's language. Too large a form, too many fields
    or files are Django's own errors, answered by ``inspection.api.errors``."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except exceptions.ParseError:
            raise exceptions.ParseError(
                _("请求内容不是有效的 multipart/form-data 表单。")
            ) from None
