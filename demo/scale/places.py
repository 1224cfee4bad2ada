"""Places, the term, the checklist and the users of a scale seed."""

import datetime

from django.contrib.auth.hashers import make_password

from demo.county.checklist import CHECKLIST
from demo.county.places import PLACE_HEADS, SURNAME_HEADS, TAILS
from demo.scale.context import SCALE_PASSWORD, ScaleContext, person_name
from demo.scale.writer import TableWriter, next_id
from findings.catalogue import seed_catalogue
from findings.models import ProblemAspect, ProblemClass, ProblemFocus
from inspection.choices import (
    SUPERVISING_BODIES,
    AttentionClass,
    ReceivingBody,
    TownKind,
    UserRole,
    VillageKind,
)
from inspection.models import Term, Town, User, Village
from rounds.models import SupervisionItem

TOWN_STEMS = PLACE_HEADS + SURNAME_HEADS
TOWN_SUFFIX = (
    (TownKind.TOWN, "镇", 70),
    (TownKind.TOWNSHIP, "乡", 15),
    (TownKind.SUBDISTRICT, "街道", 15),
)


def password_hash() -> str:
    """One hash for every scale user: hashing 1,400 passwords would take minutes."""
    return make_password(SCALE_PASSWORD)


def create_term(ctx: ScaleContext) -> None:
    term_id = next_id(Term)
    starts = ctx.today.replace(year=ctx.today.year - 4, month=1, day=1)
    ends = starts.replace(year=starts.year + 5) - datetime.timedelta(days=1)
    Term.objects.filter(is_current=True).update(is_current=False)
    TableWriter(Term, ("id", "name", "starts_on", "ends_on", "is_current")).write(
        [(term_id, ctx.preset.marker, starts, ends, True)]
    )
    ctx.term_id = term_id


def create_checklist(ctx: ScaleContext) -> None:
    start = next_id(SupervisionItem)
    rows = [
        (start + n, f"S-{code}", area, title, guidance)
        for n, (area, code, title, guidance) in enumerate(CHECKLIST)
    ]
    TableWriter(SupervisionItem, ("id", "code", "focus_area", "title", "guidance")).write(rows)
    ctx.checklist = {code[2:]: pk for pk, code, *_ in rows}
    # The shipped taxonomy (the migration seeds it; a flushed database has none).
    seed_catalogue(ProblemFocus, ProblemAspect, ProblemClass)
    ctx.problem_classes = dict(ProblemClass.objects.exclude(code="").values_list("code", "pk"))


def _town_names(ctx: ScaleContext, rng) -> list[tuple[str, str]]:
    """Unique town names with their kind: two syllables, then a number if need be."""
    names, seen = [], set()
    kinds = [kind for kind, _, weight in TOWN_SUFFIX for _ in range(weight)]
    suffix = {kind: text for kind, text, _ in TOWN_SUFFIX}
    for n in range(ctx.preset.towns):
        kind = rng.choice(kinds)
        stem = rng.choice(TOWN_STEMS) + rng.choice(TAILS)
        name = f"{stem}{suffix[kind]}"
        if name in seen:
            name = f"{stem}{n}{suffix[kind]}"
        seen.add(name)
        names.append((name, kind))
    return names


def create_places(ctx: ScaleContext) -> None:
    rng = ctx.rng("places")
    preset = ctx.preset
    town_id, village_id = next_id(Town), next_id(Village)
    towns = []
    per_county = -(-preset.towns // preset.counties)
    for n, (name, kind) in enumerate(_town_names(ctx, rng)):
        county, index = divmod(n, per_county)
        code = f"37{county // 90 + 1:02d}{county % 90 + 10:02d}{index + 100:03d}"
        towns.append((town_id + n, code, name, kind))
    TableWriter(Town, ("id", "code", "name", "kind")).write(towns)
    ctx.towns = [(pk, code, name) for pk, code, name, _ in towns]

    attention = (
        [AttentionClass.GENERAL] * 7 + [AttentionClass.RISK] * 2 + [AttentionClass.KEY_HAZARD]
    )
    rows = []
    for t, (town_pk, town_code, town_name) in enumerate(ctx.towns):
        count = preset.villages * (t + 1) // preset.towns - preset.villages * t // preset.towns
        for index in range(count):
            community = town_name.endswith("街道") or rng.random() < 0.08
            stem = rng.choice(SURNAME_HEADS + PLACE_HEADS) + rng.choice(TAILS)
            name = f"{stem}{index + 1}{'社区' if community else '村'}"
            population = rng.randint(600, 4800)
            rows.append(
                (
                    village_id + len(rows),
                    town_pk,
                    name,
                    f"{town_code}{index + 200:03d}",
                    VillageKind.COMMUNITY if community else VillageKind.VILLAGE,
                    population,
                    population // 3,
                    population // 30,
                    rng.randint(50_000, 3_000_000),
                    rng.randint(0, 12),
                    rng.random() < 0.6,
                    rng.choice(attention),
                    True,
                )
            )
    fields = (
        "id", "town_id", "name", "code", "kind", "population", "households", "party_members",
        "collective_income", "petitions_last_year", "secretary_is_director", "attention_class",
        "is_active",
    )  # fmt: skip
    TableWriter(Village, fields).write(rows)
    ctx.villages = [(row[0], row[1], row[2]) for row in rows]


def create_users(ctx: ScaleContext) -> None:
    rng = ctx.rng("users")
    start = next_id(User)
    joined = datetime.datetime.combine(ctx.today, datetime.time(9), tzinfo=datetime.UTC)
    bodies = list(ReceivingBody)
    rows, n = [], 0
    for role in UserRole:
        ids = []
        for k in range(ctx.preset.users_per_role):
            pk = start + n
            town_pk = village_pk = None
            body = ""
            if role == UserRole.RECTIFICATION_OFFICER:
                if k % 2:
                    village_pk = ctx.villages[(k * 7919) % len(ctx.villages)][0]
                else:
                    town_pk = ctx.towns[(k * 131) % len(ctx.towns)][0]
            if role == UserRole.COMMISSION_LIAISON:
                body = bodies[k % len(bodies)]
            if role == UserRole.TOWN_REVIEWER:
                town_pk = ctx.towns[(k * 131) % len(ctx.towns)][0]
            if role == UserRole.SUPERVISOR:
                # Half county-wide, half of a town; the commission's and the department's.
                body = SUPERVISING_BODIES[k % len(SUPERVISING_BODIES)]
                if k % 2:
                    town_pk = ctx.towns[(k * 131) % len(ctx.towns)][0]
            full_name = person_name(rng)
            rows.append(
                (pk, f"{role}_{k + 1:03d}", ctx.password_hash, full_name, role, body,
                 town_pk, village_pk, joined, True, False, False, "", "", "")
            )  # fmt: skip
            ids.append(pk)
            n += 1
        ctx.users[role] = ids
    fields = (
        "id", "username", "password", "full_name", "role", "receiving_body", "town_id",
        "village_id", "date_joined", "is_active", "is_staff", "is_superuser", "email",
        "first_name", "last_name",
    )  # fmt: skip
    TableWriter(User, fields).write(rows)
