"""The figures of the whole county as the sum of its parts, each cached under its own version.

A county-wide (or province-wide) answer is read by everyone and invalidated by every
write. Here it is computed part by part: the towns are split into ``PARTS`` buckets (a
town's part is its id modulo the number of parts) and one more part holds the rows with
no place (``UNPLACED``). Each part's figures are the same figure functions run with the
part in the filter (``StatisticsFilter.towns`` / ``unplaced``), cached under that part's
version (``reports.statistics.towns``: the writes recorded for its towns, and those
recorded everywhere). A write in one town makes one part stale: the next answer computes
that part again and reads the others from the cache.

The answer is the sum of the parts: every figure is a count of rows or a sum of amounts
(a row is in exactly one part), or a count of distinct villages or towns (a village and
a town are in exactly one part); a rate is computed again from its summed numerator and
denominator (``RATES``). Coverage grouped by round is not a sum of parts (each round's
denominator is every active village, wherever the round went): it is computed whole,
under the version of every part. ``tests/reports/test_statistics_parts.py`` checks over
randomized data that the sum is the plain answer, figure by figure, grouping by grouping.
"""

import datetime
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

import orjson
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from redis.exceptions import RedisError

from inspection.api.renderers import json_bytes
from inspection.models import Town, Village
from reports.statistics import figure_names, merge_into, merged_figures, ordered
from reports.statistics.as_of import is_past
from reports.statistics.figures import MONEY_FIGURES, money_text, rate
from reports.statistics.scope import ByTown, StatisticsFilter
from reports.statistics.towns import EVERYWHERE, NAMES, UNPLACED, read_marks
from reports.statistics.version import read_version

logger = logging.getLogger(__name__)

# Each rate and the summed figures it divides.
RATES = {
    "coverage_rate": ("inspected", "villages"),
    "immediate_fix_rate": ("immediate_fixes", "problems"),
    "case_rate": ("cases_filed", "clues_transferred"),
    "rectification_rate": ("items_closed", "items"),
    "on_time_rate": ("items_closed_on_time", "items_due"),
    "orders_on_time_rate": ("orders_honoured", "orders_due"),
}
UNPLACED_PART = "unplaced"


@dataclass(frozen=True)
class Versions:
    """The versions of the parts, as one snapshot of the database saw them."""

    epoch: str
    marks: dict
    parts: int

    @classmethod
    def read(cls, using: str = "default") -> "Versions | None":
        """The versions as ``using`` (the figures' database) sees them; None where it has
        no version yet (a replica before the primary wrote one)."""
        read = read_marks(using)
        if read is None:  # a new (or flushed) database: make its epoch (on the primary)
            if read_version(using) is None:
                return None
            read = read_marks(using)
        epoch, marks = read
        return cls(epoch=epoch, marks=marks, parts=settings.INSPECTION_STATISTICS_PARTS)

    def everywhere(self) -> int:
        return self.marks.get(EVERYWHERE, 0)

    def of_parts(self) -> dict:
        """{part: its version}: each bucket of towns and the unplaced part."""
        versions = dict.fromkeys(range(self.parts), self.everywhere())
        for town, count in self.marks.items():
            if town >= 0:
                versions[town % self.parts] += count
        versions[UNPLACED_PART] = self.everywhere() + self.marks.get(UNPLACED, 0)
        return versions

    def of_names(self) -> int:
        return self.everywhere() + self.marks.get(NAMES, 0)

    def of_town(self, town_id: int) -> int:
        """The version of ``town_id``'s part (what an answer about that town reads)."""
        return self.of_parts()[town_id % self.parts]

    def of_all(self) -> str:
        """A digest of every part's version and the names' (the version of a whole answer)."""
        text = repr((self.epoch, sorted(self.of_parts().items(), key=repr), self.of_names()))
        return hashlib.sha256(text.encode()).hexdigest()[:32]


def applies(filters: StatisticsFilter, on: datetime.date) -> bool:
    """Whether parts answer this question: PostgreSQL, outside a transaction, today's
    figures (a past day's read the history, whose rows the triggers do not place) and no
    narrower filter than a term (a round's or team's rows are in a few parts: their
    answer is cached whole, under the data version)."""
    connection = connections["default"]
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and settings.INSPECTION_STATISTICS_PARTS > 1
        and not is_past(on)
        and not (filters.round_id or filters.team_id or filters.town_id or filters.village_id)
        and filters.towns is None
        and not filters.unplaced
    )


def scoped_town(filters: StatisticsFilter, on: datetime.date) -> int | None:
    """The town an answer is about (a filter by town or village, today's figures, on
    PostgreSQL outside a transaction): its answer is cached under that town's part."""
    connection = connections["default"]
    if (
        connection.vendor != "postgresql"
        or connection.in_atomic_block
        or settings.INSPECTION_STATISTICS_PARTS <= 1
        or is_past(on)
    ):
        return None
    if filters.town_id:
        return filters.town_id
    if filters.village_id:
        return (
            Village.objects.filter(pk=filters.village_id).values_list("town_id", flat=True).first()
        )
    return None


def _key(*parts) -> str:
    """A part's key: what is asked, the number of parts (part 3 of 32 is not part 3 of
    64: a change of ``INSPECTION_STATISTICS_PARTS``, or processes set apart, share one
    cache) and the part with its version (its writes' count, which can be the same for
    different towns: 0 for every part of a database written before the triggers)."""
    return f"statistics:part:{hashlib.sha256(repr(parts).encode()).hexdigest()}"


def _cache_get_many(keys: list[str]) -> dict:
    try:
        return cache.get_many(keys)
    except RedisError:  # the cache is a shortcut: without it, compute
        logger.warning("statistics cache unavailable", exc_info=True)
        return {}


def _cache_set_many(values: dict) -> None:
    try:
        cache.set_many(values, settings.INSPECTION_STATISTICS_CACHE_SECONDS)
    except RedisError:
        logger.warning("statistics cache unavailable", exc_info=True)


class LocalParts:
    """The parts' JSON this process read or computed lately, kept in its memory up to
    ``INSPECTION_STATISTICS_LOCAL_BYTES`` (least recently used first out): a part's key
    names its version, so a kept part is never stale, and a fresh part is not read from
    Redis again (a province table by village is 31 MB over 65 parts)."""

    def __init__(self):
        self.entries: OrderedDict = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get_many(self, keys) -> dict:
        found = {}
        with self.lock:
            for key in keys:
                entry = self.entries.get(key)
                if entry is not None:
                    self.entries.move_to_end(key)
                    found[key] = entry[0]
        return found

    def put_many(self, values: dict) -> None:
        budget = settings.INSPECTION_STATISTICS_LOCAL_BYTES
        with self.lock:
            for key, value in values.items():
                size = sum(len(fragment) for fragment in value.values()) + 64 * len(value)
                if size > budget or key in self.entries:
                    continue
                self.entries[key] = (value, size)
                self.size += size
            while self.size > budget and self.entries:
                _, (_, size) = self.entries.popitem(last=False)
                self.size -= size


_local_parts = LocalParts()


def _towns_of_parts(parts: int) -> dict[int, tuple[int, ...]]:
    towns: dict[int, list[int]] = {part: [] for part in range(parts)}
    for town_id in Town.objects.order_by("pk").values_list("pk", flat=True):
        towns[town_id % parts].append(town_id)
    return {part: tuple(ids) for part, ids in towns.items()}


def _fetch_parts(
    keys: dict, filters, versions: Versions, group_by, names, on, value_of, *, local: bool
) -> dict:
    """{key: the part's answer} of every part in ``keys`` ({part: key}): from this process's
    memory (``local``: JSON parts only, never mutated), else the shared cache, else
    computed — the stale parts of towns together, one query a figure grouped by town
    first (``ByTown``), the unplaced part on its own — then kept in both. ``value_of``
    turns a part's merged figures into what is cached (the figures, or their JSON)."""
    found = _local_parts.get_many(keys.values()) if local else {}
    shared = _cache_get_many([key for key in keys.values() if key not in found])
    found.update(shared)
    stale = [part for part, key in keys.items() if key not in found]
    computed = {}
    if stale:
        towns = _towns_of_parts(versions.parts)
        for part, merged in _computed_parts(filters, group_by, names, on, stale, towns).items():
            computed[keys[part]] = value_of(merged)
        _cache_set_many(computed)
        found.update(computed)
    if local:
        _local_parts.put_many({**shared, **computed})
    return found


def _computed_parts(filters, group_by, names, on, stale: list, towns: dict) -> dict:
    """{part: merged figures} of the stale parts."""
    parts: dict = {}
    if UNPLACED_PART in stale:
        unplaced = replace(filters, unplaced=True)
        parts[UNPLACED_PART] = merged_figures(unplaced, group_by, names, on=on)
    placed = [part for part in stale if part != UNPLACED_PART]
    if not placed:
        return parts
    together = replace(filters, towns=tuple(town for part in placed for town in towns[part]))
    by_part: dict = {part: [] for part in placed}
    rows_by_town: dict = {}
    for (town, key), row in merged_figures(together, ByTown(group_by), names, on=on).items():
        rows_by_town.setdefault(town, {})[key] = row
    for town, rows in rows_by_town.items():
        by_part[town % len(towns)].append(rows)
    for part, rows_of_towns in by_part.items():
        parts[part] = sum_parts(rows_of_towns)
    if group_by is None:  # an ungrouped part answers its zeros, as the plain figures do
        empty = merged_figures(replace(filters, towns=()), None, names, on=on)[None]
        for part in placed:
            parts[part].setdefault(None, dict(empty))
    return parts


def parts_merged(
    filters: StatisticsFilter, group_by, figures, on: datetime.date, versions: Versions
) -> dict:
    """``merged_figures`` of the county as the sum of its parts, the stale parts computed
    again and cached, the others read from the cache."""
    names = figure_names(group_by, figures)
    additive = tuple(name for name in names if not (name == "coverage" and group_by == "round"))
    whole = [name for name in names if name not in additive]
    keys = {
        part: _key(versions.epoch, additive, group_by, filters, on, versions.parts, part, version)
        for part, version in versions.of_parts().items()
    }

    found = _fetch_parts(
        keys, filters, versions, group_by, additive, on, lambda merged: merged, local=False
    )
    merged = sum_parts(found[key] for key in keys.values()) if additive else {}
    if whole:
        merge_into(merged, merged_figures(filters, group_by, whole, on=on))
    return merged


def sum_parts(partials) -> dict:
    """{group key: figures} summed over the parts; the rates of a group met in more than
    one part computed again from the sums."""
    merged: dict = {}
    summed: set = set()
    for partial in partials:
        for key, row in partial.items():
            mine = merged.get(key)
            if mine is None:
                merged[key] = row
                continue
            if key not in summed:
                mine = merged[key] = dict(mine)
                summed.add(key)
            for name, value in row.items():
                current = mine.get(name)
                if name in RATES or value is None:
                    mine.setdefault(name, value)
                elif current is None:
                    mine[name] = value
                else:
                    mine[name] = current + value
    for key in summed:
        row = merged[key]
        for name, (numerator, denominator) in RATES.items():
            if name in row:
                row[name] = rate(row[numerator], row[denominator])
    return merged


def _money_as_text(row: dict) -> dict:
    row = dict(row)
    for name in MONEY_FIGURES & row.keys():
        if row[name] is not None:
            row[name] = money_text(row[name])
    return row


def _summed_json(fragments: list[bytes]) -> bytes:
    """The JSON figures of a group met in several parts, summed (money read back as
    Decimal, written again as text)."""
    rows = []
    for fragment in fragments:
        row = orjson.loads(fragment)
        for name in MONEY_FIGURES & row.keys():
            if row[name] is not None:
                row[name] = Decimal(row[name])
        rows.append({0: row})
    return json_bytes(_money_as_text(sum_parts(rows)[0]))


def parts_body(
    filters: StatisticsFilter,
    group_by,
    figures,
    on: datetime.date,
    versions: Versions,
    labels_of: Callable[[dict], "GroupNames"],
) -> bytes | None:
    """The API's JSON body of the county as the sum of its parts, written piece by piece:
    each part keeps its groups' figures as JSON (money as text), so a group met in one
    part only (a village, a town) is copied as it is, and only groups met in several
    parts are read and summed. None where the parts cannot answer (coverage by round)."""
    names = tuple(figure_names(group_by, figures))
    if group_by == "round" and "coverage" in names:
        return None
    keys = {
        part: _key(
            "json", versions.epoch, names, group_by, filters, on, versions.parts, part, version
        )
        for part, version in versions.of_parts().items()
    }

    def as_json(merged):
        return {key: json_bytes(_money_as_text(row)) for key, row in merged.items()}

    found = _fetch_parts(keys, filters, versions, group_by, names, on, as_json, local=True)
    groups: dict = {}
    shared: dict = {}
    for key in keys.values():
        for group, fragment in found[key].items():
            if group in groups:
                shared.setdefault(group, [groups[group]]).append(fragment)
            else:
                groups[group] = fragment
    for group, fragments in shared.items():
        groups[group] = _summed_json(fragments)
    group_names = labels_of(groups)
    try:  # as ``ordered``: by name, then key, the ungrouped row last
        order = sorted(
            (group for group in groups if group is not None), key=group_names.rank.__getitem__
        )
        prefix = group_names.prefix
        pieces = [piece for group in order for piece in (prefix[group], groups[group], b"},")]
        if None in groups:
            pieces += [group_names.prefix_of(None), groups[None], b"},"]
    except KeyError:  # a group with no name (its record is gone): "—"
        labels = dict(group_names.names)
        pieces = [
            piece
            for group in ordered(groups, labels)
            for piece in (group_names.prefix_of(group, labels), groups[group], b"},")
        ]
    if pieces:
        pieces[-1] = b"}"
    return b"".join([b"[", *pieces, b"]"])


class GroupNames:
    """The names of a grouping's groups, with their order (``ordered``'s: by name, then by
    key) and the start of each group's JSON row, made once per version of the names."""

    def __init__(self, names: dict):
        self.names = {key: str(name) for key, name in names.items()}
        named = sorted(
            (key for key in self.names if key is not None),
            key=lambda key: (self.names[key], str(key)),
        )
        self.rank = {key: position for position, key in enumerate(named)}
        self.prefix = {key: self.prefix_of(key) for key in named}

    def covers(self, groups) -> bool:
        """Whether every group but the ungrouped row has a name here."""
        rank = self.rank
        return all(group in rank for group in groups if group is not None)

    def prefix_of(self, group, labels: dict | None = None) -> bytes:
        label = (labels or self.names).get(group, "—")
        key = None if group is None else str(group)
        return b'{"key":%s,"label":%s,"figures":' % (json_bytes(key), json_bytes(label))
