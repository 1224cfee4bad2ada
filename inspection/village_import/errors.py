"""The errors an import reports and the result it returns."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from inspection.errors import ApplicationError


@dataclass(frozen=True)
class RowError:
    """One problem, located as the user sees it in Excel (``row`` 1 is the header).

    ``message`` is text in the language of the request that found it (never a lazy text);
    ``column`` is the header as the file carries it, Chinese in every language."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return _("第%(row)s行：%(message)s") % {"row": self.row, "message": self.message}
        return _("第%(row)s行「%(column)s」：%(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class VillageImportError(ApplicationError):
    """The file was refused; ``row_errors`` lists every problem found. Nothing was written."""

    def __init__(self, row_errors: list[RowError]):
        self.row_errors = row_errors
        if len(row_errors) == 1 and row_errors[0].row is None:
            message = row_errors[0].message
        else:
            count = len(row_errors)
            message = ngettext(
                "导入失败：发现%(count)s处错误，未写入任何数据。",
                "导入失败：发现%(count)s处错误，未写入任何数据。",
                count,
            ) % {"count": count}
        super().__init__(message, errors={"__all__": [str(error) for error in row_errors]})


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    towns_created: tuple[str, ...] = ()
    dry_run: bool = False

    def summary(self) -> str:
        counts = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        text = _("新增%(created)s个、更新%(updated)s个、未变化%(unchanged)s个村(社区)") % counts
        if self.towns_created:
            text += _("，新建乡镇%(count)s个（%(names)s）") % {
                "count": len(self.towns_created),
                "names": _("、").join(self.towns_created),
            }
        if self.dry_run:
            return _("校验通过，未写入任何数据。如导入，将%(text)s。") % {"text": text}
        return _("导入完成：%(text)s。") % {"text": text}


class Invalid(Exception):
    """A cell's value is refused; the message is completed with row and column."""


def shown(value: str) -> str:
    return value if len(value) <= 30 else value[:30] + "…"


def fail(message: str) -> VillageImportError:
    """A refusal of the whole file; ``message`` already translated (``_``, not ``_lazy``)."""
    return VillageImportError([RowError(None, None, message)])
