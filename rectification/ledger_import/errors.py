"""The refusal and the result of a ledger import (its row errors are the village
import's ``RowError``: row as Excel shows it, column by its Chinese header)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from inspection.village_import import VillageImportError


class LedgerImportError(VillageImportError):
    """The file was refused; ``row_errors`` lists every problem. Nothing was written."""


@dataclass(frozen=True)
class LedgerImportResult:
    created: int  # ledger items (one a row) written
    unchanged: int  # rows imported before, left as they are
    rounds_created: int
    organisations_created: int
    dry_run: bool = False

    def summary(self) -> str:
        counts = {
            "created": self.created,
            "unchanged": self.unchanged,
            "rounds": self.rounds_created,
            "organisations": self.organisations_created,
        }
        text = (
            _("新增台账条目%(created)s条（新建轮次%(rounds)s个、巡察对象%(organisations)s个），"
              "此前已导入未变化%(unchanged)s条") % counts
        )  # fmt: skip
        if self.dry_run:
            return _("校验通过，未写入任何数据。如导入，将%(text)s。") % {"text": text}
        return _("导入完成：%(text)s。") % {"text": text}
