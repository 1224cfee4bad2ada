"""The reader's mark (docs/DOMAIN.md, "Confidentiality"): who is reading and when.

Every confidential screen shows it across the page and every exported document and
workbook carries it (with its 密级) in the header or footer, so a photographed screen or
a leaked copy names whoever read it. One text for all of them, written here once.
"""

import datetime

from django.utils import timezone


def reader_mark(user, moment: datetime.datetime | None = None) -> str:
    """``张三（zhangsan） 2026-12-07 14:05``: the reader's name, account and the local time."""
    when = timezone.localtime(moment or timezone.now())
    name = (getattr(user, "full_name", "") or "").strip()
    account = getattr(user, "username", "") or ""
    who = f"{name}（{account}）" if name and name != account else account or "—"
    return f"{who} {when:%Y-%m-%d %H:%M}"
