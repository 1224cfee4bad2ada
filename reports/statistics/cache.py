"""Statistics answers cached under the data version (``reports.statistics.version``).

A key names everything an answer depends on: what is asked (the kind of answer, the
figures, the grouping, the filter — the user's scope is in it — and the ``on`` date,
today when not given), the language (labels of categories are translated) and the data
version. A write to any table the figures read changes the version in its own commit,
so no request after that commit can meet an answer computed before it. Inside a
transaction (``atomic``) nothing is read from or written to the cache.
"""

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from redis.exceptions import RedisError

from reports.statistics import StatisticsFilter, statistics_answer, statistics_table
from reports.statistics.version import data_version

logger = logging.getLogger(__name__)
T = TypeVar("T")
MISSING = object()


def cache_key(kind: str, parts: tuple, version: str) -> str:
    text = repr((kind, parts, get_language(), version))
    return f"statistics:{hashlib.sha256(text.encode()).hexdigest()}"


def cached(kind: str, parts: tuple, compute: Callable[[], T]) -> T:
    """The answer ``compute`` gives, from the cache when this version has it.

    The version is read before computing: an answer is stored under a version no newer
    than the data it was computed from."""
    version = data_version()
    if version is None:
        return compute()
    key = cache_key(kind, parts, version)
    try:
        answer = cache.get(key, MISSING)
    except RedisError:  # the cache is a shortcut: without it, compute
        logger.warning("statistics cache unavailable", exc_info=True)
        return compute()
    if answer is MISSING:
        answer = compute()
        try:
            cache.set(key, answer, settings.INSPECTION_STATISTICS_CACHE_SECONDS)
        except RedisError:
            logger.warning("statistics cache unavailable", exc_info=True)
    return answer


def _parts(filters: StatisticsFilter, group_by, figures, on) -> tuple:
    return (filters, group_by, tuple(figures) if figures else None, on or timezone.localdate())


def cached_statistics_table(
    filters: StatisticsFilter, group_by: str | None = None, figures=None, *, on=None
) -> list[dict]:
    """``statistics_table``, cached."""
    on = on or timezone.localdate()
    return cached(
        "table",
        _parts(filters, group_by, figures, on),
        lambda: statistics_table(filters, group_by, figures=figures, on=on),
    )


def cached_statistics_answer(
    filters: StatisticsFilter,
    group_by: str | None = None,
    figures=None,
    *,
    on=None,
    render: Callable[[list], T] | None = None,
    rendering: str = "",
) -> T:
    """``statistics_answer``, cached; with ``render``, the rendered body is cached
    (``rendering`` names the renderer and media type, part of the key)."""
    on = on or timezone.localdate()

    def compute():
        answer = statistics_answer(filters, group_by, figures=figures, on=on)
        return render(answer) if render else answer

    return cached(f"answer:{rendering}", _parts(filters, group_by, figures, on), compute)
