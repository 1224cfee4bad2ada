"""One digest per addressee per scan: the notification and its text.

A digest lists the alerts of the scan that concern its addressee, reddest and soonest
first, at most ``INSPECTION_ALERT_DIGEST_LIMIT``; the rest are counted ("另有N条"), its
counts and title still covering all of them. It is one ``Notification`` (the in-app
centre shows those of users; rectification/alerts/writing.py writes it and its
deliveries). The texts never carry what is confidential: a clue is named by its
transfer letter, not by its summary or the persons concerned.

Each alert is described from its ``values()`` row (rectification/alerts/rows.py), the
choice labels looked up once a scan.
"""

import functools

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from inspection.choices import AlertStage, NotificationKind, ReceivingBody
from inspection.deadlines import StageWindows
from inspection.models import Notification, User
from rectification.alerts.recipients import Addressee, Digest, unit_name
from rectification.alerts.rows import FACTS_SHOWN, STAGE_ORDER
from rectification.choices import FeedbackDocument

KIND = NotificationKind.ALERT_DIGEST
DUE_LABEL = {"item": "整改时限", "plan": "整改方案报送期限", "report": "整改报告报送期限"}
DUE_LABEL["head"] = "主要负责人组织落实整改情况报告报送期限"
DUE_LABEL["clue"] = "反馈结果期限"


# A digest lists at most this many alerts, reddest and soonest first; the rest are
# counted ("另有N条"). At province scale a red day reaches every office user with tens of
# thousands of items: no one reads such a mail, and writing it would take minutes.
DEFAULT_DIGEST_LIMIT = 200
PK_PLACEHOLDER = "0123456789"


def digest_limit() -> int:
    return int(getattr(settings, "INSPECTION_ALERT_DIGEST_LIMIT", DEFAULT_DIGEST_LIMIT))


@functools.cache
def _detail_path(route: str) -> str:
    return reverse(f"{route}-detail", args=[PK_PLACEHOLDER])


def api_path(route: str, pk: int) -> str:
    """The API address of a record."""
    return _detail_path(route).replace(PK_PLACEHOLDER, str(pk))


@functools.cache
def _choice_label(choices, value: str, language: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:  # not (or no longer) a choice: shown as stored
        return value


def label(choices, value: str) -> str:
    """A choice's label in the active language, translated once a scan, not once a row."""
    return _choice_label(choices, value, translation.get_language())


def problem_title(class_name: str | None, facts: str) -> str:
    """What ``str(problem)`` says, from the class's name and the start of the facts."""
    shown = facts if len(facts) <= FACTS_SHOWN else f"{facts[:FACTS_SHOWN]}…"
    return f"{class_name or '未分类'}：{shown}"


def absolute(path: str) -> str:
    return f"{settings.INSPECTION_SITE_URL.rstrip('/')}{path}" if path else ""


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _remaining(due_on, windows: StageWindows) -> tuple[int, str]:
    if due_on < windows.on:
        overdue = (windows.on - due_on).days
        return -overdue, f"已逾期{overdue}天"
    left = windows.days_left(due_on)
    if left == 0:
        return 0, "今天到期"
    unit = "个工作日" if windows.working_days else "天"
    return left, f"还剩{left}{unit}"


def _subject(row: dict) -> dict:
    """What a digest says of the subject of an alert (a described row)."""
    pk = row["subject_id"]
    if row["kind"] == "item":
        return {
            "subject": "item",
            "id": pk,
            "title": problem_title(row["class_name"], row["facts"]),
            "unit": row["unit"],
            "responsible_person": row["person"],
            "supervising_leader": row["leader"],
            "link": api_path("rectificationitem", pk),
        }
    if row["kind"] == "feedback":
        document = label(FeedbackDocument, row["document"])
        return {
            "subject": row["document"],
            "id": pk,
            "title": f"报送{document}（{chinese_date(row['fed_back_on'])}巡察反馈）",
            "unit": unit_name(row["town"], row["village"]),
            "link": api_path("feedback", pk),
        }
    body = label(ReceivingBody, row["body"])
    letter = f"（{row['letter_number']}）" if row["letter_number"] else ""
    return {
        "subject": "clue",
        "id": pk,
        "title": f"移交{body}的问题线索{letter}办理结果",
        "unit": row["receiving_unit"] or body,
        "link": api_path("clue", pk),
    }


def entry_of(row: dict, windows: StageWindows) -> dict:
    """What a digest says of one alert (also the webhook's item), from its described row."""
    entry = {
        "alert": row["pk"],
        "stage": row["stage"],
        "stage_label": label(AlertStage, row["stage"]),
        "place": (row["town"] or "") + (row["village"] or ""),
        "unit": "",
        "responsible_person": "",
        "supervising_leader": "",
        "due_on": row["due_on"].isoformat(),
    }
    entry |= _subject(row)
    entry["days_left"], entry["remaining"] = _remaining(row["due_on"], windows)
    entry["due_label"] = DUE_LABEL[entry["subject"]]
    entry["url"] = absolute(entry["link"])
    return entry


def title_of(counts: dict[str, int], windows: StageWindows) -> str:
    """The subject line, with how many alerts of each stage (all of them, listed or not)."""
    parts = [
        f"{label(AlertStage, stage)}{counts[stage]}条" for stage in STAGE_ORDER if counts[stage]
    ]
    return f"【三色预警】{chinese_date(windows.on)}：{'、'.join(parts)}"


def body_of(entries: list[dict], salutation: str, windows: StageWindows, more: int = 0) -> str:
    lines = [f"{salutation}：", f"截至{chinese_date(windows.on)}，以下事项需要关注：", ""]
    for number, entry in enumerate(entries, start=1):
        lines.append(f"{number}.【{entry['stage_label']}】{entry['place']} · {entry['title']}")
        people = [f"责任单位：{entry['unit']}"] if entry["unit"] else []
        if entry["responsible_person"]:
            people.append(f"责任人：{entry['responsible_person']}")
        if entry["supervising_leader"]:
            people.append(f"责任领导：{entry['supervising_leader']}")
        if people:
            lines.append(f"   {'；'.join(people)}")
        lines.append(f"   {entry['due_label']}：{entry['due_on']}（{entry['remaining']}）")
        if entry["url"]:
            lines.append(f"   查看：{entry['url']}")
    if more:
        lines += ["", f"另有{more}条预警未逐条列出，请登录系统在预警列表中查看。"]
    lines += ["", "请按期完成；已完成的请及时报送或申请销号。", "县委巡察办"]
    return "\n".join(lines)


def _salutation(addressee: Addressee, user: User | None) -> str:
    if user is not None:
        return f"{user.full_name or user.username}同志"
    return "".join((addressee.unit, addressee.post, addressee.name)) + "同志"


def _recipient_payload(addressee: Addressee, user: User | None) -> dict:
    if user is not None:
        return {
            "type": "user",
            "user": user.pk,
            "username": user.username,
            "name": user.full_name,
            "role": user.role,
            "phone": user.phone,
            "email": user.email,
        }
    return {
        "type": "person",
        "post": addressee.post,
        "name": addressee.name,
        "unit": addressee.unit,
    }


def notification_of(
    addressee: Addressee, user: User | None, digest: Digest, entries: list[dict], windows, batch
) -> Notification:
    """The notification of one addressee's ``digest``, ``entries`` the alerts it lists."""
    title = title_of(digest.counts, windows)
    body = body_of(entries, _salutation(addressee, user), windows, more=digest.more)
    link = entries[0]["link"] if len(entries) == 1 else ""
    return Notification(
        recipient=user,
        addressee_post=addressee.post,
        addressee_name=addressee.name,
        addressee_unit=addressee.unit,
        kind=KIND,
        batch=batch,
        title=title,
        body=body,
        link=link,
        payload={
            "event": "alert.digest",
            "scan_date": windows.on.isoformat(),
            "batch": batch,
            "recipient": _recipient_payload(addressee, user),
            "title": title,
            "counts": digest.counts,
            "items": entries,
            "more": digest.more,
        },
    )
