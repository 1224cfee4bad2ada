"""Storing a built workbook: whole or not at all, under the job's one name.

On the file system the workbook is copied beside its final name under a temporary one,
flushed to disk, and renamed over the final name: a rename is atomic, so a reader (a
download) sees the old file or the new one, never half of one, and a worker killed while
copying leaves only a ``.part`` file, removed by the job's next store.
"""

import os
import shutil
from pathlib import Path

from django.core.files import File


def publish(storage, name: str, path: Path) -> str:
    """Put the file at ``path`` into ``storage`` at ``name``, replacing what is there;
    answers the stored name (``name``)."""
    try:
        target = Path(storage.path(name))
    except NotImplementedError:  # a remote storage: its save is the one write
        storage.delete(name)
        with path.open("rb") as stream:
            return storage.save(name, File(stream, name=name))
    target.parent.mkdir(parents=True, exist_ok=True)
    for leftover in target.parent.glob(f".{target.name}.*.part"):
        leftover.unlink(missing_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    with path.open("rb") as source, partial.open("wb") as copy:
        shutil.copyfileobj(source, copy, 1 << 20)
        copy.flush()
        os.fsync(copy.fileno())
    if storage.file_permissions_mode is not None:
        os.chmod(partial, storage.file_permissions_mode)
    os.replace(partial, target)
    return name
