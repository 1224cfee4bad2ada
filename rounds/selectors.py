"""Reads of the rounds app: recusal conflicts (回避), the four must-talks (四个必谈), and the
confidential reads of interviews and petitions (masked names, access log).

Recusal: members declare their home village, relatives' posts and former units
(``inspection.models.RecusalDeclaration``). A declaration naming a village conflicts with
that village; one naming only a town conflicts with every village of that town and with
the town party committee as an inspection object (镇村一体巡察). A relative declared by
name (亲属任职) also conflicts with every village whose roster (两委及村务监督委员会名册)
has a person of that name in office today or during the assignment's stay.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from inspection.audit import confidential_get
from inspection.choices import RecusalKind
from inspection.confidentiality import text_for
from inspection.models import RecusalDeclaration, RosterEntry
from inspection.permissions import visible
from rounds.models import Assignment, Interview, Petition

# ------------------------------------------------------------------------------ recusal


def _describe(declaration: RecusalDeclaration) -> str:
    """张三：亲属任职（甲一村，亲属王五任村党组织书记）."""
    details = [declaration.village.name if declaration.village_id else declaration.town.name]
    if declaration.relative_post:
        details.append(f"亲属{declaration.relative_name}任{declaration.relative_post}")
    return f"{declaration.user}：{declaration.get_kind_display()}（{'，'.join(details)}）"


def _describe_on_roster(declaration: RecusalDeclaration, entry: RosterEntry, village) -> str:
    """张三：亲属任职（甲一村名册，配偶王五任村民委员会主任）."""
    relation = declaration.get_relation_display() if declaration.relation else "亲属"
    return (
        f"{declaration.user}：{declaration.get_kind_display()}（{village.name}名册，"
        f"{relation}{entry.name}任{entry.get_body_display()}{entry.post}）"
    )


Window = tuple[datetime.date, datetime.date]


def _in_office(entry: RosterEntry, windows: Iterable[Window]) -> bool:
    """The entry's term of office meets one of ``windows`` (first day, last day)."""
    return any(
        entry.started_on <= last and (entry.ended_on is None or entry.ended_on >= first)
        for first, last in windows
    )


def _roster_conflicts(
    declarations: list[RecusalDeclaration], villages: dict[int, object], windows
) -> dict[int, list[str]]:
    """Relatives declared by name found in office on the roster of ``villages``: one query,
    run only when the declarations query found a candidate (see ``_conflicts``)."""
    names = {d.relative_name for d in declarations}
    entries = RosterEntry.objects.filter(village_id__in=villages, name__in=names).order_by(
        "village_id", "body", "started_on", "id"
    )
    found: dict[int, list[str]] = defaultdict(list)
    for entry in entries:
        if not _in_office(entry, windows.get(entry.village_id, ())):
            continue
        village = villages[entry.village_id]
        for declaration in declarations:
            typed_here = declaration.village_id == entry.village_id or (
                declaration.village_id is None and declaration.town_id == village.town_id
            )  # listed already as typed
            if declaration.relative_name == entry.name and not typed_here:
                found[entry.village_id].append(_describe_on_roster(declaration, entry, village))
    return found


def _conflicts(
    *, team, users, villages, committee_town_ids, windows=None
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Conflicts with ``villages`` (by village id) and with the committees of
    ``committee_town_ids`` (by town id), in one query (two when a relative declared by
    name is on the roster of one of the villages).

    The people checked are ``users`` if given, else the members of ``team``. A relative
    declared by name conflicts with a village whose roster has that name in office on a
    day of the village's ``windows`` (first day, last day), or today.
    """
    villages_by_town: dict[int, list[int]] = defaultdict(list)
    for village in villages:
        villages_by_town[village.town_id].append(village.pk)
    village_ids = {pk for pks in villages_by_town.values() for pk in pks}
    committee_town_ids = set(committee_town_ids)
    if users is not None:
        people = Q(user_id__in=[user.pk for user in users])
    elif team is not None:
        people = Q(user__team_memberships__team=team)
    else:
        return {}, {}
    if not village_ids and not committee_town_ids:
        return {}, {}
    today = timezone.localdate()
    windows = {pk: [(today, today), *(windows or {}).get(pk, ())] for pk in village_ids}
    earliest = min((first for spans in windows.values() for first, _ in spans), default=today)
    on_roster = Exists(
        RosterEntry.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=earliest),
            village_id__in=village_ids,
            name=OuterRef("relative_name"),
        )
    )
    places = Q(village_id__in=village_ids) | Q(
        village__isnull=True, town_id__in=set(villages_by_town) | committee_town_ids
    )
    relatives = Q(kind=RecusalKind.RELATIVE) & ~Q(relative_name="") & on_roster
    declarations = (
        RecusalDeclaration.objects.filter(people, places | relatives)
        .select_related("user", "village", "town")
        .order_by("user_id", "id")
    )
    by_village: dict[int, list[str]] = defaultdict(list)
    by_town: dict[int, list[str]] = defaultdict(list)
    named: list[RecusalDeclaration] = []
    for declaration in declarations:
        if declaration.kind == RecusalKind.RELATIVE and declaration.relative_name:
            named.append(declaration)
        if declaration.village_id:
            if declaration.village_id in village_ids:
                by_village[declaration.village_id].append(_describe(declaration))
            continue
        if declaration.town_id is None:
            continue
        text = _describe(declaration)
        for village_id in villages_by_town.get(declaration.town_id, ()):
            by_village[village_id].append(text)
        if declaration.town_id in committee_town_ids:
            by_town[declaration.town_id].append(text)
    if named and village_ids:
        villages_by_pk = {village.pk: village for village in villages}
        for village_id, texts in _roster_conflicts(named, villages_by_pk, windows).items():
            by_village[village_id].extend(texts)
    return dict(by_village), dict(by_town)


def stay_windows(assignments: Iterable[Assignment]) -> dict[int, list[Window]]:
    """{village id: [(on-site from, until)]} of the assignments whose stay has a date."""
    windows: dict[int, list[Window]] = defaultdict(list)
    for a in assignments:
        if a.village_id and (a.on_site_from or a.on_site_until):
            first = a.on_site_from or a.on_site_until
            windows[a.village_id].append((first, a.on_site_until or first))
    return windows


def recusal_conflicts(
    *, team, villages: Iterable, users=None, windows=None
) -> dict[int, list[str]]:
    """{village id: ["张三：户籍或居住地（甲一村）", …]} for the villages some member of
    ``team`` (or, if given, one of ``users``) must not inspect. One query (two when a
    relative declared by name is on a roster: see ``_conflicts``, and ``windows``).

    ``villages`` are ``Village`` instances; villages without a conflict are left out.
    """
    by_village, _ = _conflicts(
        team=team, users=users, villages=list(villages), committee_town_ids=(), windows=windows
    )
    return by_village


def town_committee_recusal_conflicts(
    *, team, town_ids: Iterable[int], users=None
) -> dict[int, list[str]]:
    """{town id: [...]} for the town party committees (as inspection objects) of
    ``town_ids`` that some member of ``team`` (or one of ``users``) must not inspect."""
    _, by_town = _conflicts(team=team, users=users, villages=(), committee_town_ids=town_ids)
    return by_town


def assignment_recusal_conflicts(
    *, team, assignments: Iterable[Assignment], users=None
) -> dict[int, list[str]]:
    """{assignment id: [...]} for ``assignments`` (villages or town committees) that
    ``team``'s members (or ``users``) must not inspect. One query (the assignments'
    villages are read with them: pass them with ``select_related("village")``)."""
    assignments = list(assignments)
    windows = stay_windows(assignments)
    by_village, by_town = _conflicts(
        team=team,
        users=users,
        villages=[a.village for a in assignments if a.village_id],
        committee_town_ids={a.town_id for a in assignments if not a.village_id},
        windows=windows,
    )
    conflicts = {}
    for assignment in assignments:
        found = (
            by_village.get(assignment.village_id)
            if assignment.village_id
            else by_town.get(assignment.town_id)
        )
        if found:
            conflicts[assignment.pk] = found
    return conflicts


# ------------------------------------------------------------------ confidential reads


def interview_get_for_user(*, user, interview_id, request=None) -> Interview:
    """An interview record (the name in it is confidential): logged as read or refused."""
    return confidential_get(
        model=Interview,
        user=user,
        pk=interview_id,
        detail="查看谈话记录",
        request=request,
        queryset=visible(Interview, user).select_related("assignment"),
    )


def petition_get_for_user(*, user, petition_id, request=None) -> Petition:
    """A petition (its reporter is confidential): logged as read or refused."""
    return confidential_get(
        model=Petition,
        user=user,
        pk=petition_id,
        detail="查看信访件",
        request=request,
        queryset=visible(Petition, user).select_related("assignment"),
    )


def interviewee_name_for(user, interview: Interview) -> str:
    """The interviewee's name as ``user`` may read it (张** unless allowed)."""
    return text_for(user, interview, "interviewee_name")


def reporter_for(user, petition: Petition) -> tuple[str, str]:
    """The reporter's name and contact as ``user`` may read them (李**, ***)."""
    return text_for(user, petition, "reporter_name"), text_for(user, petition, "reporter_contact")


def testimony_for(user, record, field_name: str) -> str:
    """An interview's outline, record or problems raised, a petition's content or
    disposition note, as ``user`` may read it: withheld (a marked text in its place)
    unless they read the interviewee or the reporter (``inspection.confidentiality``)."""
    return text_for(user, record, field_name)
