"""Who gets which workbook: the scope a requester may ask for, and what they may read in it.

The scope rules are the statistics API's (``statistics_filter_for``): the office, leadership and
statistics clients any scope; a rectification officer their own unit; an inspector their
own team; the commission liaison no export. What the sheets show depends on the role:

- office staff and the office lead: every sheet, names in full, and the clue workbook
  (线索移交, a workbook of its own: the statistics workbook never carries clue details);
- leadership: every sheet but the clues, persons' names masked (张**), as they read
  records everywhere else;
- an officer or an inspector: the record sheets of their own unit or team (the rows
  they may see anyway), no clue sheet — clues are the office's and the commission's;
- a statistics client: the aggregate sheet 汇总 only, never a list of records.
"""

import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _

from findings.permissions import sees_clue_subjects
from inspection.choices import UserRole
from inspection.confidentiality import text_for
from inspection.errors import ApplicationError, PermissionDeniedError
from inspection.models import Term, Town, Village
from inspection.permissions import OFFICE_ROLES, mask_name, role_of, visible
from reports.statistics import StatisticsFilter, statistics_filter_for
from rounds.models import InspectionRound, Team

SCOPE_MODELS = {
    "term": Term,
    "round": InspectionRound,
    "town": Town,
    "village": Village,
    "team": Team,
}
UNSAFE_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\s]+')


@dataclass(frozen=True)
class Audience:
    """What one reader may see in the workbook. ``user`` None is the office itself
    (the management command, run by whoever operates the server)."""

    user: object | None
    lists: bool = True
    clues: bool = True
    mask_names: bool = False

    @classmethod
    def office(cls) -> "Audience":
        return cls(user=None)

    def rows(self, model: type[models.Model]) -> models.QuerySet:
        if self.user is None:
            return model._default_manager.all()
        return visible(model, self.user)

    def person(self, name: str) -> str:
        return mask_name(name) if self.mask_names and name else name

    def sees_subjects(self, clue) -> bool:
        return self.user is None or sees_clue_subjects(self.user, clue)

    def text(self, obj, field_name: str) -> str:
        """A confidential record's text as this reader may read it (the confidentiality
        policy: masked or withheld unless they read the record's names)."""
        if self.user is None:
            return getattr(obj, field_name)
        return text_for(self.user, obj, field_name)


def audience_for(user) -> Audience:
    """The workbook ``user`` may have; ``PermissionDeniedError`` for the liaison."""
    role = role_of(user)
    if role in OFFICE_ROLES:
        return Audience(user=user)
    if role == UserRole.LEADERSHIP:
        return Audience(user=user, clues=False, mask_names=True)
    if role in (UserRole.RECTIFICATION_OFFICER, UserRole.INSPECTOR):
        return Audience(user=user, clues=False)
    if role == UserRole.STATISTICS_CLIENT:
        return Audience(user=user, lists=False, clues=False)
    raise PermissionDeniedError(_("该账号不能导出统计汇总表。"))


def check_scope_ids(scope: dict, user=None) -> None:
    """Refuse, with the field, an id that names no record (rather than export nothing).

    For a user, an id outside what they see answers exactly as an unknown one: "所选巡察组
    不存在", never a refusal that would tell them the record exists."""
    for field, model in SCOPE_MODELS.items():
        key = scope.get(field)
        if key and not _nameable(model, user).filter(pk=key).exists():
            message = _("所选%(record)s不存在。") % {"record": model._meta.verbose_name}
            raise ApplicationError(message, errors={field: [message]})


def _nameable(model: type[models.Model], user) -> models.QuerySet:
    """The records ``user`` may name in a scope: those they see. A statistics client sees
    no record but reads the figures of any scope (as in the statistics API)."""
    if user is None or role_of(user) == UserRole.STATISTICS_CLIENT:
        return model._default_manager.all()
    return visible(model, user)


def export_filter(user, scope: dict) -> StatisticsFilter:
    """The scope ``user`` may export, as the statistics API would narrow it.

    ``scope`` has the keys of ``SCOPE_MODELS`` (ids) and ``date_from``/``date_to``.
    The statistics API's narrowing comes first: an inspector naming another team, or an
    unknown one, is refused alike there.
    """
    audience_for(user)  # the liaison is refused before anything else
    filters = statistics_filter_for(user, scope)
    check_scope_ids(scope, user)
    return filters


def office_filter(scope: dict) -> StatisticsFilter:
    """The scope as asked, for the office itself (the management command)."""
    check_scope_ids(scope)
    return StatisticsFilter(
        **{f"{key}_id": scope.get(key) for key in SCOPE_MODELS},
        date_from=scope.get("date_from"),
        date_to=scope.get("date_to"),
    )


def filter_of(job) -> StatisticsFilter:
    """The stored scope of an export job."""
    return StatisticsFilter(
        term_id=job.term_id,
        round_id=job.round_id,
        town_id=job.town_id,
        village_id=job.village_id,
        team_id=job.team_id,
        date_from=job.date_from,
        date_to=job.date_to,
    )


def scope_of_filter(filters: StatisticsFilter) -> dict:
    """The filter as the query keys the statistics API and ``export_filter`` take."""
    return {
        "term": filters.term_id,
        "round": filters.round_id,
        "town": filters.town_id,
        "village": filters.village_id,
        "team": filters.team_id,
        "date_from": filters.date_from,
        "date_to": filters.date_to,
    }


def describe_scope(
    *,
    term=None,
    round=None,
    town=None,
    village=None,
    team=None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> str:
    """ "县委第五轮巡察 西夏墅镇 2026-01-01至2026-06-30" from the records, or "全县"."""
    parts = [
        record_name
        for record_name in (
            term and term.name,
            round and round.title,
            town and town.name,
            village and village.name,
            team and not round and team.round.title,
            team and team.name,
        )
        if record_name
    ]
    if date_from or date_to:
        parts.append(f"{_day(date_from)}至{_day(date_to)}")
    return " ".join(parts) or "全县"


def scope_label(filters: StatisticsFilter) -> str:
    """The label of a filter (one query per record it names)."""
    records = {
        field: model._default_manager.get(pk=key)
        for field, model in SCOPE_MODELS.items()
        if (key := getattr(filters, f"{field}_id"))
    }
    return describe_scope(**records, date_from=filters.date_from, date_to=filters.date_to)


def job_scope_label(job) -> str:
    """The label of a job's scope, from its related records (select them with the job)."""
    return describe_scope(
        term=job.term,
        round=job.round,
        town=job.town,
        village=job.village,
        team=job.team,
        date_from=job.date_from,
        date_to=job.date_to,
    )


def _day(value: datetime.date | None) -> str:
    return value.isoformat() if value else "…"


FILE_NAMES = {"summary": "统计汇总表", "clues": "问题线索移交情况表"}


def download_name(label: str, as_of: datetime.date, kind: str = "summary") -> str:
    """The file name the user sees: 统计汇总表-<scope>-<yyyymmdd>.xlsx (or the clue
    workbook's, 问题线索移交情况表-…)."""
    label = UNSAFE_IN_FILE_NAMES.sub("_", label).strip("_")
    return f"{FILE_NAMES[kind]}-{label[:80]}-{as_of:%Y%m%d}.xlsx"
