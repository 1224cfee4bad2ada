"""Reporter protection for what was made before it: problems already made from a petition
may carry the reporter's name or contact in their facts (转为问题 used to copy the
content as it stood), and after feedback the inspected unit reads them.

Each such problem's facts are masked as a new draft was when this was written (``findings.reporter``,
copied below),
with a history row saying so. The rectification reminders already stored for the unit
quote the start of the facts (``rectification.alerts``): that quote is replaced by the
masked one. Earlier history rows are left as they were: only the office reads them, and
the office reads the petition itself.
"""

import json
import re

from django.db import migrations
from django.utils import timezone

# ---------------------------------------------------------------- the masking, frozen
# A copy of ``findings.reporter``'s masking as it stood when this migration was written:
# a migration must do on a fresh deploy what it did when it was made, whatever later
# edits of the live module change. Do not import live code here.

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


# ---------------------------------------------------------------- the migration

REASON = "隐去信访反映人姓名和联系方式"
FACTS_SHOWN = 30  # what a reminder quotes of the facts (rectification.alerts.rows)


def _quoted(facts: str) -> str:
    return facts if len(facts) <= FACTS_SHOWN else f"{facts[:FACTS_SHOWN]}…"


def _history_row(historical_model, problem, when):
    """A history row of ``problem`` as it now stands (a change, by no user)."""
    values = {
        field.attname: getattr(problem, field.attname)
        for field in historical_model._meta.fields
        if not field.attname.startswith("history_") and hasattr(problem, field.attname)
    }
    return historical_model(
        **values,
        history_date=when,
        history_type="~",
        history_user_id=None,
        history_change_reason=REASON,
    )


def _in_json(text: str) -> str:
    """``text`` as it stands inside a JSON string."""
    return json.dumps(text, ensure_ascii=False)[1:-1]


def _requote(notifications, quotes: dict[str, str]) -> None:
    """Replace each old quote by its masked one in every notification, in one pass over
    the notifications (longer quotes first: a short facts' quote may begin a longer one)."""
    if not quotes:
        return
    order = sorted(quotes, key=len, reverse=True)
    for notification in notifications.iterator(chunk_size=500):
        found = [old for old in order if old in notification.body]
        if not found:
            continue
        payload = json.dumps(notification.payload, ensure_ascii=False)
        for old in found:
            new = quotes[old]
            notification.title = notification.title.replace(old, new)
            notification.body = notification.body.replace(old, new)
            payload = payload.replace(_in_json(old), _in_json(new))
        notification.payload = json.loads(payload)
        notification.save(update_fields=["title", "body", "payload"])


def mask_existing(apps, schema_editor):
    Problem = apps.get_model("findings", "Problem")
    HistoricalProblem = apps.get_model("findings", "HistoricalProblem")
    Notification = apps.get_model("inspection", "Notification")
    when = timezone.now()
    problems = Problem.objects.filter(source_petition__isnull=False).select_related(
        "source_petition"
    )
    rows, quotes = [], {}
    for problem in problems.iterator(chunk_size=500):
        masked = mask_reporter_out(problem.facts, problem.source_petition)
        if masked == problem.facts:
            continue
        quotes[_quoted(problem.facts)] = _quoted(masked)
        problem.facts = masked
        # update(), not save(): the history row below is the only one, whichever registry
        # of models runs this (the current one connects simple_history's signal).
        Problem.objects.filter(pk=problem.pk).update(facts=masked)
        rows.append(_history_row(HistoricalProblem, problem, when))
    HistoricalProblem.objects.bulk_create(rows, batch_size=500)
    _requote(Notification.objects.all(), quotes)


class Migration(migrations.Migration):
    dependencies = [
        ("findings", "0004_api_token_history"),
        ("inspection", "0004_notifications"),
        ("rounds", "0001_initial"),
    ]

    operations = [migrations.RunPython(mask_existing, migrations.RunPython.noop)]
