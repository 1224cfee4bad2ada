"""Files written by an action that rolls back do not stay on disk.

A service saves its uploads (evidence) inside its transaction, so that a failing write
rolls the action back. The reverse needs care: when a later rule refuses, an outer
action fails, or the database fails at commit, the rows go but the files would stay —
a photo of a village's accounts that no record names and no one can reach, kept for
ever. Django has no hook for a rollback. So each file written inside a transaction is on
probation: ``transaction.on_commit`` clears it when the transaction commits. When the
thread is done with its transactions — the end of each request and of each Celery
task — the files still on probation are deleted, unless a row names them after all (a
commit whose callbacks were cut short by another callback's error).

A probation is the thread's, as a database connection is.
"""

import logging
import os
import threading
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.db.models.fields.files import FieldFile

logger = logging.getLogger(__name__)
_local = threading.local()


@dataclass
class _Written:
    file: FieldFile
    path: str | None  # on a local disk: absolute, whatever MEDIA_ROOT is when it is removed
    committed: bool = False

    def commit(self) -> None:
        self.committed = True

    def named_by_a_row(self) -> bool:
        model = type(self.file.instance)
        return model._default_manager.filter(**{self.file.field.name: self.file.name}).exists()

    def delete(self) -> None:
        try:
            if self.path is None:
                self.file.storage.delete(self.file.name)
            elif os.path.exists(self.path):
                os.remove(self.path)
        except OSError:  # logged, never a failed request: the answer is already sent
            logger.exception("Could not remove %s, written by an action that rolled back", self)


def _on_probation() -> list[_Written]:
    if not hasattr(_local, "written"):
        _local.written = []
    return _local.written


def written_in_transaction(file: FieldFile) -> None:
    """``file`` was just saved to storage inside the current transaction: remove it again
    if the transaction does not commit."""
    if not transaction.get_connection().in_atomic_block:
        return  # autocommit: its row is already saved
    try:
        path = file.path
    except NotImplementedError:  # a remote storage
        path = None
    entry = _Written(file=file, path=path)
    _on_probation().append(entry)
    transaction.on_commit(entry.commit, robust=True)


def discard_rolled_back_files(**_signal) -> int:
    """Delete the files written by transactions that rolled back; answers how many.

    Runs at the end of each request and Celery task (connected in ``inspection.apps``);
    inside a transaction it waits, since the files' fate is not decided yet.
    """
    if transaction.get_connection().in_atomic_block:
        return 0
    pending = [entry for entry in _on_probation() if not entry.committed]
    try:
        discarded = [entry for entry in pending if not entry.named_by_a_row()]
    except DatabaseError:
        # The database that failed the action cannot say yet whether a row names them:
        # keep them on probation for the end of this thread's next request or task.
        _local.written = pending
        logger.warning("Files written by a rolled-back action kept until the database answers")
        return 0
    _local.written = []
    for entry in discarded:
        entry.delete()
    return len(discarded)
