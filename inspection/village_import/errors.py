"""The errors an import reports and the result it returns."""

from __future__ import annotations

from dataclasses import dataclass

from inspection.errors import ApplicationError


@dataclass(frozen=True)
class RowError:
    """One problem, located as the user sees it in Excel (``row`` 1 is the header)."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        if self.column is None:
            return f"第{self.row}行：{self.message}"
        return f"第{self.row}行「{self.column}」：{self.message}"


class VillageImportError(ApplicationError):
    """The file was refused; ``row_errors`` lists every problem found. Nothing was written."""

    def __init__(self, row_errors: list[RowError]):
        self.row_errors = row_errors
        if len(row_errors) == 1 and row_errors[0].row is None:
            message = row_errors[0].message
        else:
            message = f"导入失败：发现{len(row_errors)}处错误，未写入任何数据。"
        super().__init__(message, errors={"__all__": [str(error) for error in row_errors]})


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    towns_created: tuple[str, ...] = ()
    dry_run: bool = False

    def summary(self) -> str:
        text = f"新增{self.created}个、更新{self.updated}个、未变化{self.unchanged}个村(社区)"
        if self.towns_created:
            text += f"，新建乡镇{len(self.towns_created)}个（{'、'.join(self.towns_created)}）"
        if self.dry_run:
            return f"校验通过，未写入任何数据。如导入，将{text}。"
        return f"导入完成：{text}。"


class Invalid(Exception):
    """A cell's value is refused; the message is completed with row and column."""


def shown(value: str) -> str:
    return value if len(value) <= 30 else value[:30] + "…"


def fail(message: str) -> VillageImportError:
    return VillageImportError([RowError(None, None, message)])
