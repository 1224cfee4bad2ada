"""Rendering a .docx template (docxtpl: Jinja tags in a Word file) with a context.

A template is the county's data: whatever is wrong with it (not a Word file, a broken
tag, a name the kind does not supply) is a ``TemplateProblem`` whose message says what,
in Chinese, never a 500. A name the context lacks fails (``StrictUndefined``) rather than
printing nothing where a fact belongs. The tags run sandboxed: a template is uploaded
through the web, and Jinja outside a sandbox reaches Python's internals (a tag such as
``{{ x.__class__ }}`` leads to the server's modules).
"""

import gc
import hashlib
import io
import zipfile
from dataclasses import dataclass

import jinja2
from django.utils.translation import gettext as _
from docx import Document as open_docx
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class TemplateProblem(Exception):
    """The template cannot be rendered; ``str()`` says why, for the office."""


def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _describe(error: Exception) -> str:
    if isinstance(error, SecurityError):
        return _("模板含有不允许的标记（%(error)s），只能使用本类文书提供的字段。") % {
            "error": str(error)
        }
    if isinstance(error, jinja2.TemplateSyntaxError):
        return _("模板标记有语法错误（%(error)s）。") % {"error": error.message}
    if isinstance(error, jinja2.UndefinedError):
        return _("模板使用了本类文书不提供的字段（%(error)s）。") % {"error": error.message}
    if isinstance(error, zipfile.BadZipFile | KeyError):
        return _("文件不是有效的Word文档（.docx）。")
    return _("模板无法生成文书（%(error)s）。") % {"error": str(error) or type(error).__name__}


@dataclass(frozen=True)
class Picture:
    """An image a context gives the template (a QR code): PNG bytes, printed ``width_mm``
    wide. A tag ``{{ name }}`` alone in its run prints it."""

    content: bytes
    width_mm: float


def _with_pictures(document: DocxTemplate, value):
    """``value`` with each ``Picture`` in it (in dicts and lists) made an inline image."""
    if isinstance(value, Picture):
        return InlineImage(document, io.BytesIO(value.content), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {key: _with_pictures(document, item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_with_pictures(document, item) for item in value]
    return value


def render(template: bytes, context: dict) -> bytes:
    """The .docx ``template`` rendered with ``context``; ``TemplateProblem`` if it cannot be."""
    environment = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True)
    try:
        document = DocxTemplate(io.BytesIO(template))
        context = _with_pictures(document, context)
        document.render(context, jinja_env=environment, autoescape=True)
        out = io.BytesIO()
        document.save(out)
        content = out.getvalue()
        open_docx(io.BytesIO(content))  # what Word would open
    except Exception as error:  # a county's template may fail in any of docxtpl's layers
        raise TemplateProblem(_describe(error)) from error
    finally:
        document = None
        # python-docx's package and its parts refer to one another: a rendered document is
        # garbage only the cycle collector frees, and the lxml trees it holds are memory
        # Python does not count, so the collector runs too seldom. Without this, a round's
        # archive (1,800 documents rendered in one process) grew by 700 MiB; with it,
        # memory stays flat, for some 7 ms of CPU a render of 30 ms (docs/PERFORMANCE.md).
        gc.collect(0)
    return content


def is_docx(content: bytes) -> bool:
    """A Word 2007+ file: a zip holding word/document.xml."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False
