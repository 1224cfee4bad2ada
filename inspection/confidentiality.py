"""The confidentiality policy: for a viewer and a record, which text they may read, and
what they may search.

docs/DOMAIN.md lets the office and the team read interviewees and petition reporters, and the
office, the proposing team and the receiving liaison read the persons concerned in a
clue. Everyone else who sees such a record (leadership; an inspector of another team on a
round-level clue; the liaison on a reporter) reads ``张**`` and must not learn the name in
any other way: not from another field, not from a history row, a workbook or a
notification, and not by searching for it and watching which rows come back.

Each app's ``permissions.py`` declares its confidential models with ``confidential(…)``
(beside ``@scope_of``): who reads the record's names (a Python predicate and its SQL
twin), which names the record holds, and what happens to each field for everyone else.
Every reader of such a record asks this module:

- ``reads_names(user, obj)``: may ``user`` read every name ``obj`` holds?
- ``text_for(user, obj, field)``: the field as ``user`` may read it.
- ``named_rows(model, user)``: the SQL twin of ``reads_names``, a ``Q`` over ``model``.
- ``search(queryset, user, terms, fields)``: rows matching the terms in what ``user``
  may read (the API's search filter and the screens' search boxes use it).

Free text: masked or withheld, and why
--------------------------------------
Structured names are masked (``张**``; contacts ``***``). Free text is of two kinds:

- A clue's summary, outcome note (办结情况) and decline reason are written by the office,
  the team and the commission *about the persons concerned*, and leadership must read
  their substance to decide transfers (docs/DOMAIN.md). They are **masked**: the record's own
  persons concerned and reporters (the full name and, since a text often says "欣然同志",
  the given name when it has two characters or more), and any phone number, e-mail
  address, labelled contact or 18-character ID number, are replaced (the same patterns
  the reporter protection, ``findings.reporter``, refuses in a problem's facts).
- An interview's outline, record and problems raised and a petition's content and
  disposition note are testimony: typed about anyone — relatives, nicknames, "我家隔壁的
  老王" — and a villager's own words identify the villager in a village where everyone
  knows everyone. No replacement of known names can be trusted there, so these are
  **withheld** (a short marked text in their place) from whoever may not read the
  interviewee or reporter.

Search follows what is read: a confidential field is searched only in the rows whose
names the viewer reads (``named_rows``), public fields in every row. Masked text is not
searched for those who read it masked: matching it in SQL would answer whether the hidden
name is there. Ordering by a confidential field would do the same, so it is refused.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _lazy

from inspection.permissions import mask_contact, mask_name, role_of

# ------------------------------------------------------------------------------ the kit

# The one set of patterns for what reaches or identifies a person in free text, used by
# every masking (here) and by the reporter protection (findings.reporter):
# an 18-character resident ID number (the last may be X); an e-mail address; a mainland
# mobile number, with +86/0086 and separators (139-1234-5678, 139 1234 5678); a landline
# with its area code ((0519)86543210, 0519-86543210, an extension -12 or 转12); a value
# after a word that says it is a contact (电话：5551234, 微信号 abc_123, QQ 12345).
ID_CARD = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MOBILE = re.compile(r"(?<!\d)(?:(?:\+|00)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")
LANDLINE = re.compile(
    r"(?<![\d.])(?:[(（]0\d{2,3}[)）]\s?|0\d{2,3}[-－—\s]?)\d{7,8}(?:(?:-|转)\d{1,5})?(?!\d)"
)
LABELLED_CONTACT = re.compile(
    r"(?P<label>(?:联系电话|联系方式|电话|手机|座机|微信|QQ|qq)号?码?\s*[:：为是]?\s*)"
    r"(?P<value>[A-Za-z0-9_\-+]{5,})"
)
# (kind, pattern) of the contacts above, in the order they are taken out.
CONTACT_PATTERNS = (("email", EMAIL), ("phone", MOBILE), ("phone", LANDLINE))
# Display only: a bare 7–8 digit number starting 2–9 (a local landline without its area
# code) that is not an amount (a unit or a decimal point after it). Masking it on screen
# costs little; refusing a problem's facts for it would refuse figures.
BARE_NUMBER = re.compile(
    r"(?<![\d.])[2-9]\d{6,7}(?!\s*(?:元|万|亿|亩|平方|米|户|人|份|条|件|次|年|个|\.\d))(?!\d)"
)
NUMBER_MASK = "***"

# What testimony reads like for whoever may not read who gave it.
WITHHELD = {
    "interviewee": _lazy("（涉及谈话对象，内容不予显示）"),
    "reporter": _lazy("（涉及反映人，内容不予显示）"),
}

# Two-character surnames: their given name starts after the second character.
_COMPOUND = (
    "欧阳司马上官诸葛东方皇甫尉迟公孙慕容长孙宇文司徒夏侯轩辕令狐端木西门南宫独孤百里"
    "呼延澹台公冶太史申屠钟离闻人濮阳单于万俟赫连第五"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND[i : i + 2] for i in range(0, len(_COMPOUND), 2))


def given_name(name: str) -> str:
    """The given-name part of a Chinese name (王欣然 → 欣然; 欧阳娜娜 → 娜娜)."""
    return name[2:] if name[:2] in COMPOUND_SURNAMES else name[1:]


def name_parts(name: str) -> list[str]:
    """What of a name is sought in a text: the full name and, when it has two characters
    or more, the given name (a text often says "欣然同志"); one character is too common."""
    name = (name or "").strip()
    if len(name) < 2:
        return [name] if name else []
    part = given_name(name)
    return [name, part] if len(part) >= 2 else [name]


def mask_text(text: str, names: Iterable[str] = (), contacts: Iterable[str] = ()) -> str:
    """``text`` with ``names`` (王欣然 → 王**, and a given name of ≥2 characters → **),
    ``contacts`` (→ ***), and every ID number, e-mail address, phone number and labelled
    contact (the patterns above) replaced."""
    if not text:
        return text
    for contact in sorted({c.strip() for c in contacts if c and len(c.strip()) > 2}, key=len)[::-1]:
        text = text.replace(contact, NUMBER_MASK)
    replacements: dict[str, str] = {}
    for name in {name.strip() for name in names if name and name.strip()}:
        full, *given = name_parts(name)
        if len(full) > 1:
            replacements[full] = mask_name(full)
        for part in given:
            replacements.setdefault(part, "**")
    for found in sorted(replacements, key=len, reverse=True):
        text = text.replace(found, replacements[found])
    # E-mail first: a number is often its local part (13912345678@qq.com).
    text = EMAIL.sub(NUMBER_MASK, text)
    text = ID_CARD.sub(NUMBER_MASK, text)
    for _kind, pattern in CONTACT_PATTERNS[1:]:
        text = pattern.sub(NUMBER_MASK, text)
    text = BARE_NUMBER.sub(NUMBER_MASK, text)
    return LABELLED_CONTACT.sub(lambda m: m.group("label") + NUMBER_MASK, text)


# ------------------------------------------------------------------------------ registry

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Hidden:
    """The names and contacts of one record that one viewer may not read."""

    names: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Policy:
    """How one model's confidential text reads for whoever may not read its names.

    ``reads(user, obj)``: ``user`` reads every name ``obj`` holds (Python);
    ``named_rows(user)``: the same in SQL, a ``Q`` over the model (only called for a
    signed-in, active user);
    ``hidden(user, obj)``: the names and contacts of ``obj`` to replace for ``user`` when
    ``reads`` is false (structured fields and masked text use it);
    ``names``: structured name fields, read masked (``张**``);
    ``contacts``: structured contact fields, read ``***``;
    ``masked``: free text read with ``hidden`` names and every number replaced;
    ``withheld``: free text replaced by ``marker``;
    ``searchable``: lookups (from the model) that may hold a name: searched only in
    ``named_rows``; every other search lookup is public.
    ``search_readers``: for a searchable lookup read in full by more viewers than the
    whole record (a clue's persons concerned, read by the liaison who reads the quoted
    reporter masked), the SQL twin of who reads that field, used instead of
    ``named_rows`` (only called for a signed-in, active user).
    """

    model: type[models.Model]
    reads: Callable[[object, models.Model], bool]
    named_rows: Callable[[object], Q]
    hidden: Callable[[object, models.Model], Hidden]
    names: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    masked: tuple[str, ...] = ()
    withheld: tuple[str, ...] = ()
    searchable: tuple[str, ...] = ()
    search_readers: dict[str, Callable[[object], Q]] = field(default_factory=dict)
    marker: object = field(default=None)


_POLICIES: dict[type[models.Model], Policy] = {}


def confidential(model: type[models.Model], **declaration) -> Policy:
    """Declare ``model``'s policy (see ``Policy``); each app's ``permissions.py`` does."""
    policy = Policy(model=model, **declaration)
    _POLICIES[model] = policy
    return policy


def policy_of(model) -> Policy | None:
    if not isinstance(model, type):
        model = type(model)
    return _POLICIES.get(model)


def confidential_models() -> set[type[models.Model]]:
    return set(_POLICIES)


# ------------------------------------------------------------------------------ reading


def reads_names(user, obj) -> bool:
    """May ``user`` read every name ``obj`` holds? True for a model without a policy."""
    policy = policy_of(obj)
    if policy is None:
        return True
    return role_of(user) is not None and policy.reads(user, obj)


def hidden_for(user, obj) -> Hidden:
    """What of ``obj`` ``user`` may not read (nothing if they read its names)."""
    if reads_names(user, obj):
        return Hidden()
    return policy_of(obj).hidden(user, obj)


def text_for(user, obj, field_name: str, *, hidden: Hidden | None = None) -> str:
    """``obj.<field_name>`` as ``user`` may read it. ``hidden``: ``hidden_for(user, obj)``
    when the caller has it already (it may cost a query)."""
    value = getattr(obj, field_name)
    policy = policy_of(obj)
    if policy is None or not value:
        return value
    if field_name not in (*policy.names, *policy.contacts, *policy.masked, *policy.withheld):
        return value
    if reads_names(user, obj):
        return value
    return masked_value(policy, field_name, value, hidden or policy.hidden(user, obj))


def masked_value(policy: Policy, field_name: str, value: str, hidden: Hidden) -> str:
    """``value`` of ``field_name`` for a viewer who may not read the record's names."""
    if not value:
        return value
    if field_name in policy.names:
        return mask_name(value)
    if field_name in policy.contacts:
        return mask_contact(value)
    if field_name in policy.withheld:
        return str(policy.marker)
    return mask_text(value, hidden.names, hidden.contacts)


def note_for(user, obj, note: str, *, hidden: Hidden | None = None) -> str:
    """A free-text note about ``obj`` (a history row's change reason) as ``user`` may read
    it: masked like ``obj``'s masked text, or withheld where its text is withheld."""
    policy = policy_of(obj)
    if policy is None or not note or reads_names(user, obj):
        return note
    if policy.withheld and not policy.masked:
        return str(policy.marker)
    hidden = hidden or policy.hidden(user, obj)
    return mask_text(note, hidden.names, hidden.contacts)


# ------------------------------------------------------------------------------ searching


def named_rows(model: type[models.Model], user) -> Q:
    """The rows of ``model`` whose names ``user`` reads, in SQL (every row for a model
    without a policy; none for an anonymous or inactive user)."""
    policy = policy_of(model)
    if policy is None:
        return Q()
    if role_of(user) is None:
        return NOTHING
    return policy.named_rows(user)


def is_confidential_lookup(model, lookup: str) -> bool:
    """Whether the search or ordering lookup ``lookup`` may reach a name: a confidential
    field of ``model`` itself, or one of a related model (``clues__summary`` from a
    problem)."""
    return _reach(model, lookup) != "public"


def _reach(model, lookup: str) -> str:
    """ "own" for a confidential lookup of ``model``, "foreign" for one of a model related
    to it, "public" for any other."""
    path = lookup.lstrip("^=@$-").split("__")
    policy = policy_of(model)
    if policy is not None and "__".join(path) in policy.searchable:
        return "own"
    current = model
    for depth, part in enumerate(path[:-1]):
        try:
            current = current._meta.get_field(part).related_model
        except Exception:  # not a field (a lookup such as __date): nothing further to reach
            return "public"
        if current is None:
            return "public"
        related = policy_of(current)
        if related is not None and "__".join(path[depth + 1 :]) in related.searchable:
            return "foreign"
    return "public"


# The words one search takes, on the screens (``inspection.web.SearchBox``) and in the API
# (``search=``) alike: each adds one LIKE per searched field; later words are ignored.
MAX_SEARCH_TERMS = 5


def search_terms(terms: Iterable[str]) -> list[str]:
    """The words of a search that count: the first ``MAX_SEARCH_TERMS`` non-empty ones."""
    return [term for term in terms if term][:MAX_SEARCH_TERMS]


def rows_reading(model, user, lookup: str) -> Q:
    """The rows of ``model`` in which ``user`` reads the confidential ``lookup`` in full:
    the lookup's own readers if the policy names them, else ``named_rows``."""
    readers = policy_of(model).search_readers.get(lookup)
    if readers is None:
        return named_rows(model, user)
    return readers(user) if role_of(user) is not None else NOTHING


def search_condition(model, user, terms: Iterable[str], lookups: Iterable[str]) -> Q:
    """Every term in one of ``lookups``: in the public ones anywhere, in the model's own
    confidential ones only in the rows where ``user`` reads them (``rows_reading``); a
    confidential field of a related model is never searched from another model.
    Case-insensitive containment."""
    lookups = [lookup.lstrip("^=@$") for lookup in lookups]
    public = [lookup for lookup in lookups if _reach(model, lookup) == "public"]
    secret = {
        lookup: rows_reading(model, user, lookup)
        for lookup in lookups
        if _reach(model, lookup) == "own"
    }
    condition = Q()
    for term in terms:
        matches = [Q(**{f"{lookup}__icontains": term}) for lookup in public]
        matches += [
            rows & Q(**{f"{lookup}__icontains": term})
            for lookup, rows in secret.items()
            if rows != NOTHING
        ]
        condition &= reduce(or_, matches) if matches else NOTHING
    return condition


def search(
    queryset: models.QuerySet, user, terms: Iterable[str], lookups: Iterable[str]
) -> models.QuerySet:
    """``queryset`` narrowed to rows matching every term in what ``user`` may read.

    The match runs in a subquery of ids, so a lookup across a to-many relation (the
    persons concerned of a clue) neither repeats rows nor needs DISTINCT."""
    terms = search_terms(terms)
    if not terms:
        return queryset
    model = queryset.model
    matching = model._default_manager.filter(search_condition(model, user, terms, lookups)).values(
        "pk"
    )
    return queryset.filter(pk__in=matching)
