"""Statistics answers cached under the data version (``reports.statistics.version``).

A key names everything an answer depends on: what is asked (the kind of answer, the
figures, the grouping, the filter — the user's scope is in it — and the ``on`` date,
today when not given), the language (labels of categories are translated) and the data
version. A write to any table the figures read changes the version in its own commit,
so no request after that commit can meet an answer computed before it. Inside a
transaction (``atomic``) nothing is read from or written to the cache.

On PostgreSQL the version is finer than the data version: an answer about one town is
cached under that town's part (``reports.statistics.towns``), and a county-wide answer is
the sum of its parts, each cached under its own version (``partitioned``), so a write in
one town leaves the rest of the county's figures cached (docs/PERFORMANCE.md).
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

from inspection.replica import reading_database
from reports.statistics import (
    StatisticsFilter,
    answer_rows,
    group_labels,
    partitioned,
    statistics_answer,
    statistics_table,
    table_rows,
)
from reports.statistics.version import data_version

logger = logging.getLogger(__name__)
T = TypeVar("T")
MISSING = object()


def cache_key(kind: str, parts: tuple, version: str) -> str:
    text = repr((kind, parts, get_language(), version))
    return f"statistics:{hashlib.sha256(text.encode()).hexdigest()}"


# A body assembled from parts larger than this is not cached whole: reading it back costs
# about what assembling it does, and storing it after every write costs more.
WHOLE_BODY_LIMIT = 1024 * 1024


def _worth_keeping(answer) -> bool:
    return not isinstance(answer, bytes) or len(answer) <= WHOLE_BODY_LIMIT


def cached(
    kind: str,
    parts: tuple,
    compute: Callable[[], T],
    version: str | None = None,
    keep: Callable[[T], bool] = lambda answer: True,
) -> T:
    """The answer ``compute`` gives, from the cache when this version has it.

    The version (the data version unless given) is read before computing: an answer is
    stored under a version no newer than the data it was computed from."""
    version = version or data_version(reading_database())
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
        if not keep(answer):
            return answer
        try:
            cache.set(key, answer, settings.INSPECTION_STATISTICS_CACHE_SECONDS)
        except RedisError:
            logger.warning("statistics cache unavailable", exc_info=True)
    return answer


def _labels(group_by, groups: dict, versions: partitioned.Versions) -> partitioned.GroupNames:
    """The names of the groups (and their order and JSON), cached under the version of the
    names; made again when a group has no name in the cached ones."""
    key = cache_key("group-names", (group_by,), f"{versions.epoch}.{versions.of_names()}")
    try:
        names = cache.get(key)
    except RedisError:
        names = None
    if names is not None and names.covers(groups):
        return names
    names = partitioned.GroupNames(group_labels(group_by, groups))
    try:
        cache.set(key, names, settings.INSPECTION_STATISTICS_CACHE_SECONDS)
    except RedisError:
        logger.warning("statistics cache unavailable", exc_info=True)
    return names


def _answered(kind, filters, group_by, figures, on, rows_of, plain, json_body=False) -> object:
    """The answer of ``plain`` (the figures computed whole), or, where the parts apply,
    ``rows_of(merged, labels)`` of the sum of the parts (with ``json_body``, the JSON body
    written piece by piece from the parts, where they can); cached as finely as the
    question allows."""
    parts = _parts(filters, group_by, figures, on)
    using = reading_database()  # the figures' database: their versions are read there
    if partitioned.applies(filters, on):
        versions = partitioned.Versions.read(using)
        if versions is None:
            return plain()

        def from_parts():
            if json_body:
                body = partitioned.parts_body(
                    filters,
                    group_by,
                    figures,
                    on,
                    versions,
                    lambda groups: _labels(group_by, groups, versions),
                )
                if body is not None:
                    return body
            merged = partitioned.parts_merged(filters, group_by, figures, on, versions)
            return rows_of(merged, dict(_labels(group_by, merged, versions).names))

        return cached(
            kind, parts, from_parts, version=f"parts.{versions.of_all()}", keep=_worth_keeping
        )
    town = partitioned.scoped_town(filters, on)
    if town is not None:
        versions = partitioned.Versions.read(using)
        if versions is None:
            return plain()
        # The number of parts too: a town's part and its version differ with it.
        version = (
            f"{versions.epoch}.town.{versions.parts}.{versions.of_town(town)}.{versions.of_names()}"
        )
        return cached(kind, parts, plain, version=version)
    return cached(kind, parts, plain)


def _parts(filters: StatisticsFilter, group_by, figures, on) -> tuple:
    return (filters, group_by, tuple(figures) if figures else None, on or timezone.localdate())


def cached_statistics_table(
    filters: StatisticsFilter, group_by: str | None = None, figures=None, *, on=None
) -> list[dict]:
    """``statistics_table``, cached."""
    on = on or timezone.localdate()
    return _answered(
        "table",
        filters,
        group_by,
        figures,
        on,
        table_rows,
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
    json_body: bool = False,
) -> T:
    """``statistics_answer``, cached; with ``render``, the rendered body is cached
    (``rendering`` names the renderer and media type, part of the key). ``json_body``:
    ``render`` writes the compact JSON of ``inspection.api.renderers.json_bytes`` with
    money as text, which the parts can write piece by piece."""
    on = on or timezone.localdate()

    def rendered(rows):
        return render(rows) if render else rows

    return _answered(
        f"answer:{rendering}",
        filters,
        group_by,
        figures,
        on,
        lambda merged, labels: rendered(answer_rows(merged, labels)),
        lambda: rendered(statistics_answer(filters, group_by, figures=figures, on=on)),
        json_body=json_body and render is not None,
    )
