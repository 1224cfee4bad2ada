"""What the rectification services share: date checks, evidence files, status guards."""

import datetime
import os
from collections.abc import Iterable

from django.utils import timezone

from inspection.workflow import Transition, require


def check_date(
    value,
    *,
    field: str,
    label: str,
    earliest: datetime.date | None = None,
    earliest_label: str = "",
    future_ok: bool = False,
) -> None:
    """Refuse a missing date, a date after today (unless ``future_ok``) or before ``earliest``."""
    is_date = isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    require(is_date, f"请填写{label}。", field=field)
    if not future_ok:
        require(value <= timezone.localdate(), f"{label}不能晚于今天。", field=field)
    if earliest is not None:
        require(
            value >= earliest,
            f"{label}不能早于{earliest_label}（{earliest:%Y-%m-%d}）。",
            field=field,
        )


def check_status(obj, allowed: tuple[str, ...], verb: str) -> None:
    """For an action that edits a record without moving it: 409 unless it is in ``allowed``."""
    Transition(verb, allowed, obj.status, verb).check(obj)


def check_files(files: Iterable, *, field: str = "evidence") -> list:
    """The uploaded files (Django ``UploadedFile``/``File``), each named and not empty."""
    files = list(files or ())
    for upload in files:
        require(
            bool(getattr(upload, "name", "")) and bool(getattr(upload, "size", 0)),
            "佐证材料文件无效或为空，请重新上传。",
            field=field,
        )
    return files


def save_evidence(model, files: list, *, actor, **parent) -> list:
    """One attachment row of ``model`` per uploaded file, tied to ``parent``."""
    return [
        model.objects.create(
            file=upload,
            original_name=os.path.basename(upload.name)[:255],
            uploaded_by=actor,
            **parent,
        )
        for upload in files
    ]
