"""The office keeps the village profile (村情画像, docs/DOMAIN.md "Places"): the party
organisation, the roster (one entry at a time here; a whole file through
``inspection.roster_import``), 三资 figures by year and large projects."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from inspection.choices import PartyOrganisationKind, RosterBody
from inspection.models import (
    RosterEntry,
    Village,
    VillageFinance,
    VillagePartyOrganisation,
    VillageProject,
)
from inspection.permissions import authorize, visible
from inspection.services.checks import clean_amount, clean_choice, clean_column, clean_date
from inspection.workflow import lock_visible, require, save_with_history

FIRST_YEAR = 1949


def _village(actor, village_id) -> Village:
    village = lock_visible(visible(Village, actor), village_id)
    authorize(actor, "village_profile_edit", village)
    return village


def _year(year, *, field: str = "year") -> int:
    this_year = timezone.localdate().year
    valid = isinstance(year, int) and FIRST_YEAR <= year <= this_year + 1
    require(
        valid,
        _("年度应为%(first)s至%(last)s之间的年份。") % {"first": FIRST_YEAR, "last": this_year + 1},
        field=field,
    )
    return year


@transaction.atomic
def village_party_organisation_set(
    *, actor, village_id: int, name: str, kind: str, note: str = ""
) -> VillagePartyOrganisation:
    """Name the village's party organisation and its kind (党委 / 党总支 / 党支部)."""
    village = _village(actor, village_id)
    organisation = VillagePartyOrganisation.objects.select_for_update(of=("self",)).order_by(
        "pk"
    ).filter(village=village).first() or VillagePartyOrganisation(village=village)
    organisation.name = clean_column(VillagePartyOrganisation, "name", name, required=True)
    organisation.kind = clean_choice(
        kind, PartyOrganisationKind, field="kind", label=_("党组织类型")
    )
    save_with_history(organisation, actor=actor, note=note)
    return organisation


def _roster_dates(started_on, ended_on) -> None:
    clean_date(started_on, field="started_on", label=_("任职起始日期"))
    if ended_on is not None:
        clean_date(
            ended_on,
            field="ended_on",
            label=_("任职截止日期"),
            not_before=started_on,
            not_before_label=_("任职起始日期"),
        )


@transaction.atomic
def roster_entry_add(
    *,
    actor,
    village_id: int,
    name: str,
    body: str,
    post: str,
    started_on: datetime.date,
    ended_on: datetime.date | None = None,
    is_party_member: bool = False,
    note: str = "",
) -> RosterEntry:
    """Put a person on the village's roster (两委及村务监督委员会名册)."""
    village = _village(actor, village_id)
    entry = RosterEntry(
        village=village,
        name=clean_column(RosterEntry, "name", name, required=True),
        body=clean_choice(body, RosterBody, field="body", label=_("所属组织")),
        post=clean_column(RosterEntry, "post", post, required=True),
        started_on=started_on,
        ended_on=ended_on,
        is_party_member=bool(is_party_member),
    )
    _roster_dates(started_on, ended_on)
    require(
        not RosterEntry.objects.filter(
            village=village,
            name=entry.name,
            body=entry.body,
            post=entry.post,
            started_on=started_on,
        ).exists(),
        _("名册中已有%(name)s自%(date)s起任%(post)s。")
        % {"name": entry.name, "date": f"{started_on:%Y-%m-%d}", "post": entry.post},
        field="name",
    )
    save_with_history(entry, actor=actor, note=note)
    return entry


@transaction.atomic
def roster_entry_end(
    *, actor, entry_id: int, ended_on: datetime.date, note: str = ""
) -> RosterEntry:
    """Record that a person left the post (离任) on ``ended_on``."""
    entry = lock_visible(visible(RosterEntry, actor), entry_id)
    authorize(actor, "village_profile_edit", entry.village)
    require(entry.ended_on is None, _("%(entry)s已离任。") % {"entry": entry}, field="ended_on")
    _roster_dates(entry.started_on, ended_on)
    entry.ended_on = ended_on
    save_with_history(entry, actor=actor, note=note)
    return entry


def _amount(value, field: str, label: str) -> Decimal:
    amount = clean_amount(value, field=field, label=label)
    require(amount < Decimal("1e12"), _("%(label)s过大。") % {"label": label}, field=field)
    return amount


@transaction.atomic
def village_finance_record(
    *,
    actor,
    village_id: int,
    year: int,
    assets,
    debts,
    operating_income,
    resources: str = "",
    note: str = "",
) -> VillageFinance:
    """Record (or correct) the village's 三资 figures of ``year``, in yuan."""
    village = _village(actor, village_id)
    year = _year(year)
    finance = VillageFinance.objects.select_for_update(of=("self",)).order_by("pk").filter(
        village=village, year=year
    ).first() or VillageFinance(village=village, year=year)
    finance.assets = _amount(assets, "assets", _("资产总额"))
    finance.debts = _amount(debts, "debts", _("负债总额"))
    finance.operating_income = _amount(operating_income, "operating_income", _("经营性收入"))
    finance.resources = clean_column(VillageFinance, "resources", resources)
    save_with_history(finance, actor=actor, note=note)
    return finance


@transaction.atomic
def village_project_record(
    *,
    actor,
    village_id: int,
    name: str,
    year: int,
    amount,
    funding: str = "",
    progress: str = "",
    notes: str = "",
    project_id: int | None = None,
    note: str = "",
) -> VillageProject:
    """Add a large project to the village's profile, or correct one (``project_id``)."""
    village = _village(actor, village_id)
    if project_id is None:
        project = VillageProject(village=village)
    else:
        project = lock_visible(visible(VillageProject, actor).filter(village=village), project_id)
    project.name = clean_column(VillageProject, "name", name, required=True)
    project.year = _year(year)
    project.amount = _amount(amount, "amount", _("金额"))
    project.funding = clean_column(VillageProject, "funding", funding)
    project.progress = clean_column(VillageProject, "progress", progress)
    project.notes = (notes or "").strip()
    save_with_history(project, actor=actor, note=note)
    return project
