"""One digest per addressee per scan: the notification, its text and its deliveries.

A digest lists every alert of the scan that concerns its addressee, reddest first. It is
one ``Notification`` (the in-app centre shows those of users) with one delivery per
channel: in-app (sent as soon as the row is committed), e-mail (users with an address,
when ``INSPECTION_ALERT_EMAIL`` is on) and the webhook (when ``INSPECTION_WEBHOOK_URL``
is set). The texts never carry what is confidential: a clue is named by its transfer
letter, not by its summary or the persons concerned.
"""

import functools

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from findings.choices import ProblemCategory
from inspection.choices import AlertStage
from inspection.deadlines import STAGE_RANK, StageWindows
from inspection.models import (
    DeliveryChannel,
    DeliveryStatus,
    Notification,
    NotificationDelivery,
    User,
)
from rectification.alerts.recipients import Addressee, assignment_of, unit_name
from rectification.models import Alert

KIND = "alert_digest"
STAGE_ORDER = (AlertStage.RED, AlertStage.YELLOW, AlertStage.GREEN)
DUE_LABEL = {"item": "整改时限", "plan": "整改方案报送期限", "report": "整改报告报送期限"}
DUE_LABEL["clue"] = "反馈结果期限"


# A digest lists at most this many alerts, reddest and soonest first; the rest are
# counted ("另有N条"). At province scale a red day reaches every office user with tens of
# thousands of items: no one reads such a mail, and writing it would take minutes.
DEFAULT_DIGEST_LIMIT = 200
PK_PLACEHOLDER = "0123456789"


def digest_limit() -> int:
    return int(getattr(settings, "INSPECTION_ALERT_DIGEST_LIMIT", DEFAULT_DIGEST_LIMIT))


@functools.cache
def _detail_path(route: str) -> str | None:
    try:
        return reverse(f"{route}-detail", args=[PK_PLACEHOLDER])
    except NoReverseMatch:
        return None


def api_path(route: str, pk: int) -> str:
    """The API address of a record ("" while its resource is not routed)."""
    template = _detail_path(route)
    return template.replace(PK_PLACEHOLDER, str(pk)) if template else ""


@functools.cache
def _choice_label(choices, value: str, language: str) -> str:
    return str(choices(value).label)


def label(choices, value: str) -> str:
    """A choice's label in the active language, translated once a scan, not once a row."""
    return _choice_label(choices, value, translation.get_language())


def problem_title(problem) -> str:
    """What ``str(problem)`` says, with the category label looked up once."""
    facts = problem.facts if len(problem.facts) <= 30 else f"{problem.facts[:30]}…"
    return f"{label(ProblemCategory, problem.category)}：{facts}"


def absolute(path: str) -> str:
    return f"{settings.INSPECTION_SITE_URL.rstrip('/')}{path}" if path else ""


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _remaining(alert: Alert, windows: StageWindows) -> tuple[int, str]:
    if alert.due_on < windows.on:
        overdue = (windows.on - alert.due_on).days
        return -overdue, f"已逾期{overdue}天"
    left = windows.days_left(alert.due_on)
    if left == 0:
        return 0, "今天到期"
    unit = "个工作日" if windows.working_days else "天"
    return left, f"还剩{left}{unit}"


def entry_of(alert: Alert, windows: StageWindows) -> dict:
    """What a digest says of one alert (also the webhook's item)."""
    assignment = assignment_of(alert)
    place = assignment.town.name + (assignment.village.name if assignment.village_id else "")
    entry = {
        "alert": alert.pk,
        "stage": alert.stage,
        "stage_label": label(AlertStage, alert.stage),
        "place": place,
        "unit": "",
        "responsible_person": "",
        "supervising_leader": "",
        "due_on": alert.due_on.isoformat(),
    }
    if alert.item_id:
        item = alert.item
        entry |= {
            "subject": "item",
            "id": item.pk,
            "title": problem_title(item.problem),
            "unit": item.responsible_unit,
            "responsible_person": item.responsible_person,
            "supervising_leader": item.supervising_leader,
            "link": api_path("rectificationitem", item.pk),
        }
    elif alert.feedback_id:
        document = alert.get_document_display()
        entry |= {
            "subject": alert.document,
            "id": alert.feedback_id,
            "title": f"报送{document}（{chinese_date(alert.feedback.fed_back_on)}巡察反馈）",
            "unit": unit_name(assignment),
            "link": api_path("feedback", alert.feedback_id),
        }
    else:
        clue = alert.clue
        letter = f"（{clue.letter_number}）" if clue.letter_number else ""
        entry |= {
            "subject": "clue",
            "id": clue.pk,
            "title": f"移交{clue.get_receiving_body_display()}的问题线索{letter}办理结果",
            "unit": clue.receiving_unit or clue.get_receiving_body_display(),
            "link": api_path("clue", clue.pk),
        }
    entry["days_left"], entry["remaining"] = _remaining(alert, windows)
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
            people.append(f"督导领导：{entry['supervising_leader']}")
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
    addressee: Addressee,
    user,
    alerts: list[Alert],
    windows: StageWindows,
    batch: str,
    entry=None,
) -> Notification:
    """The digest of ``alerts`` for one addressee. ``entry`` (alert → its entry) lets a
    scan describe each alert once for all its addressees."""
    entry = entry or (lambda alert: entry_of(alert, windows))
    ordered = sorted(alerts, key=lambda a: (-STAGE_RANK[a.stage], a.due_on, a.pk))
    counts = dict.fromkeys(STAGE_ORDER, 0)
    for alert in ordered:
        counts[alert.stage] += 1
    listed = ordered[: digest_limit()]
    entries = [entry(alert) for alert in listed]
    more = len(ordered) - len(listed)
    title = title_of(counts, windows)
    body = body_of(entries, _salutation(addressee, user), windows, more=more)
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
            "text": body,
            "counts": counts,
            "items": entries,
            "more": more,
        },
    )


def deliveries_of(notification: Notification) -> list[NotificationDelivery]:
    """The channels a digest goes out on: in-app and e-mail for users, the webhook for all."""
    now = timezone.now()
    deliveries = []
    user = notification.recipient
    if user is not None:
        deliveries.append(
            NotificationDelivery(
                notification=notification,
                channel=DeliveryChannel.IN_APP,
                status=DeliveryStatus.SENT,
                attempts=1,
                last_attempt_at=now,
                sent_at=now,
            )
        )
        if settings.INSPECTION_ALERT_EMAIL and user.email:
            deliveries.append(
                NotificationDelivery(
                    notification=notification, channel=DeliveryChannel.EMAIL, address=user.email
                )
            )
    if settings.INSPECTION_WEBHOOK_URL:
        deliveries.append(
            NotificationDelivery(
                notification=notification,
                channel=DeliveryChannel.WEBHOOK,
                address=settings.INSPECTION_WEBHOOK_URL,
            )
        )
    return deliveries


def digests_create(
    *, digests: dict[Addressee, list[Alert]], windows: StageWindows, batch: str
) -> tuple[list[Notification], list[NotificationDelivery]]:
    """Write one notification per addressee and its deliveries (none sent but in-app).

    An addressee who is not a user is written only if the webhook can reach them.
    """
    users = User.objects.in_bulk([a.user_id for a in digests if a.user_id is not None])
    described: dict[int, dict] = {}

    def entry(alert: Alert) -> dict:
        if alert.pk not in described:
            described[alert.pk] = entry_of(alert, windows)
        return described[alert.pk]

    notifications = [
        notification_of(addressee, users.get(addressee.user_id), alerts, windows, batch, entry)
        for addressee, alerts in digests.items()
        if addressee.user_id is not None or settings.INSPECTION_WEBHOOK_URL
    ]
    Notification.objects.bulk_create(notifications)
    deliveries = [d for notification in notifications for d in deliveries_of(notification)]
    NotificationDelivery.objects.bulk_create(deliveries)
    return notifications, deliveries
