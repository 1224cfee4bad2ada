"""Reporter protection for what was made before it: problems already made from a petition
may carry the reporter's name or contact in their facts (转为问题 used to copy the
content as it stood), and after feedback the inspected unit reads them.

Each such problem's facts are masked as a new draft would be (``findings.reporter``),
with a history row saying so. The rectification reminders already stored for the unit
quote the start of the facts (``rectification.alerts``): that quote is replaced by the
masked one. Earlier history rows are left as they were: only the office reads them, and
the office reads the petition itself.
"""

import json

from django.db import migrations
from django.utils import timezone

from findings.reporter import mask_reporter_out

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


def _requote(notifications, old: str, new: str) -> None:
    for notification in notifications.filter(body__contains=old):
        notification.title = notification.title.replace(old, new)
        notification.body = notification.body.replace(old, new)
        payload = json.dumps(notification.payload, ensure_ascii=False)
        notification.payload = json.loads(payload.replace(_in_json(old), _in_json(new)))
        notification.save(update_fields=["title", "body", "payload"])


def mask_existing(apps, schema_editor):
    Problem = apps.get_model("findings", "Problem")
    HistoricalProblem = apps.get_model("findings", "HistoricalProblem")
    Notification = apps.get_model("inspection", "Notification")
    when = timezone.now()
    problems = Problem.objects.filter(source_petition__isnull=False).select_related(
        "source_petition"
    )
    rows = []
    for problem in problems.iterator(chunk_size=500):
        masked = mask_reporter_out(problem.facts, problem.source_petition)
        if masked == problem.facts:
            continue
        _requote(Notification.objects.all(), _quoted(problem.facts), _quoted(masked))
        problem.facts = masked
        # update(), not save(): the history row below is the only one, whichever registry
        # of models runs this (the current one connects simple_history's signal).
        Problem.objects.filter(pk=problem.pk).update(facts=masked)
        rows.append(_history_row(HistoricalProblem, problem, when))
    HistoricalProblem.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("findings", "0004_api_token_history"),
        ("inspection", "0004_notifications"),
        ("rounds", "0001_initial"),
    ]

    operations = [migrations.RunPython(mask_existing, migrations.RunPython.noop)]
