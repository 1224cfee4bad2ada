"""Reporter protection (信访人保护): a problem made from a petition carries nothing of who
reported it.

A problem's facts travel to the inspected unit after feedback (the problem, its ledger
item, the workbooks and reminders all show them), and the unit is the one reported on. So
the facts of a problem whose source is a petition hold neither the reporter's name nor a
way to reach or identify them:

- ``mask_reporter_out(text, petition)`` prepares a draft: the reporter's full and given
  name, phrases like "本人XXX", phone numbers, e-mail addresses and ID-card numbers are
  replaced. It is only a draft: a person typed the text, so the team leader reads and
  confirms it before anything is saved.
- ``reporter_traces_in(text, petition)`` is the rule every write path obeys
  (``fill_problem`` refuses facts for which it finds anything): the reporter's name or
  contact, or any phone number, e-mail address or ID-card number at all, since a number in
  a petition's text cannot be told apart from the reporter's own.

The regexes are this module's own (the county-wide confidentiality policy has its own
masking of free text; the two may be folded together).
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

# What stands in the text for what was taken out. Stored text, so not translated.
REPORTER = "反映人"
CONTACT_REMOVED = "（联系方式已隐去）"
ID_REMOVED = "（身份证号已隐去）"

# Two-character surnames, so that the given name of 欧阳明华 is 明华, not 阳明华.
_COMPOUND = (
    "欧阳司马上官诸葛东方皇甫尉迟公孙慕容长孙宇文司徒夏侯轩辕令狐"
    "钟离西门南宫端木独孤百里呼延澹台公冶太史申屠闻人万俟赫连第五"
)
COMPOUND_SURNAMES = frozenset(_COMPOUND[i : i + 2] for i in range(0, len(_COMPOUND), 2))

ID_CARD = re.compile(
    r"(?<!\d)[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
    r"\d{3}[0-9Xx](?!\d)"
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MOBILE = re.compile(r"(?<!\d)(?:(?:\+|00)?86[-\s]?)?1[3-9]\d(?:[-\s]?\d{4}){2}(?!\d)")
LANDLINE = re.compile(
    r"(?<!\d)(?:[(（]0\d{2,3}[)）]\s?|0\d{2,3}[-－—\s]?)[2-9]\d{6,7}(?:(?:-|转)\d{1,5})?(?!\d)"
)
# A number after a word that says it is a contact: 电话：5551234, 微信号 abc_123, QQ 12345.
LABELLED_CONTACT = re.compile(
    r"(?P<label>(?:联系电话|联系方式|电话|手机|座机|微信|QQ|qq)号?码?\s*[:：为是]?\s*)"
    r"(?P<value>[A-Za-z0-9_\-+]{5,})"
)
CONTACT_PATTERNS = (("email", EMAIL), ("phone", MOBILE), ("phone", LANDLINE))

# Words that follow 本人 or a label and are no name (本人反映…, 反映人：电话…).
_NOT_A_NAME = (
    "本人|反映|举报|电话|手机|微信|联系|座机|邮箱|身份|实名|认为|要求|希望|来信|来访"
    "|系|是|现|家|在|于|对|因|就|村|姓|的|也|不|没|所|从|已|将|多|一"
)
# "本人柏永康（村民）实名反映": a name the reporter gave of themselves, even when the
# petition's own name field is empty (an anonymous petition signed in its text).
SELF_NAMED = re.compile(
    r"(?:本人|我叫|署名|(?:举报人|反映人|来信人|来访人|实名人|姓名)\s*[:：])\s*"
    rf"(?!{_NOT_A_NAME})(?P<name>[\u4e00-\u9fff·]{{2,4}}?)"
    r"(?=[（(，,。；;：:、\s]|实名|反映|举报|$)"
)

SELF_REPORTER = re.compile(rf"(?:本人\s*)+{REPORTER}")


@dataclass(frozen=True)
class Trace:
    """Something in a text that identifies or reaches the reporter."""

    kind: str  # name, phone, email, id_card, contact
    text: str

    @property
    def label(self) -> str:
        return {
            "name": _("姓名"),
            "phone": _("电话号码"),
            "email": _("电子邮箱"),
            "id_card": _("身份证号"),
            "contact": _("联系方式"),
        }[self.kind]


def reporter_names(petition) -> list[str]:
    """The reporter's full name and, if two characters or more, the given name."""
    name = (petition.reporter_name or "").strip()
    if len(name) < 2:
        return [name] if name else []
    surname = name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]
    given = name[len(surname) :]
    return [name, given] if len(given) >= 2 else [name]


def _contact(petition) -> str:
    """The contact as typed, if it is long enough to be sought in a text."""
    contact = (petition.reporter_contact or "").strip()
    return contact if len(contact) >= 5 else ""


def mask_reporter_out(text: str, petition) -> str:
    """A draft of ``text`` with the reporter of ``petition`` taken out (see the module)."""
    text = text or ""
    # Until nothing changes (a few passes at most): what one replacement takes out may
    # free another match, e.g. an ID card number glued to an e-mail address.
    for _pass in range(5):
        masked = _mask_once(text, petition)
        if masked == text:
            break
        text = masked
    return text


def _mask_once(text: str, petition) -> str:
    contact = _contact(petition)
    if contact:
        text = text.replace(contact, CONTACT_REMOVED)
    text = ID_CARD.sub(ID_REMOVED, text)
    for _kind, pattern in CONTACT_PATTERNS:
        text = pattern.sub(CONTACT_REMOVED, text)
    text = LABELLED_CONTACT.sub(lambda m: m.group("label") + CONTACT_REMOVED, text)
    # Names last: a contact taken out may end a name ("本人李四13912345678").
    text = SELF_NAMED.sub(lambda m: m.group(0)[: m.start("name") - m.start()] + REPORTER, text)
    for name in reporter_names(petition):
        text = text.replace(name, REPORTER)
    return SELF_REPORTER.sub(REPORTER, text)  # 本人反映人 reads 反映人


def reporter_traces_in(text: str, petition) -> list[Trace]:
    """What in ``text`` still names or reaches the reporter of ``petition`` (empty: none)."""
    text = text or ""
    traces, rest = [], text
    for name in reporter_names(petition):  # the full name first: 永康 inside 柏永康 is one
        if name in rest:
            traces.append(Trace("name", name))
            rest = rest.replace(name, "")
    contact = _contact(petition)
    if contact and contact in text:
        traces.append(Trace("contact", contact))
    traces += [Trace("id_card", m.group(0)) for m in ID_CARD.finditer(text)]
    for kind, pattern in CONTACT_PATTERNS:
        traces += [Trace(kind, m.group(0)) for m in pattern.finditer(text)]
    traces += [Trace("contact", m.group("value")) for m in LABELLED_CONTACT.finditer(text)]
    seen, unique = set(), []
    for trace in traces:
        if trace.text not in seen:
            seen.add(trace.text)
            unique.append(trace)
    return unique


def describe_traces(traces: list[Trace]) -> str:
    """“姓名“柏永康”、电话号码“13912345678””: what to remove, for the refusal message."""
    return "、".join(f"{trace.label}“{trace.text}”" for trace in traces)
