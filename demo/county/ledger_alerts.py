"""The three-colour warnings (红黄绿三色预警) a daily scan would have raised by today.

Thresholds are docs/DOMAIN.md's examples (green 20 days before the deadline, yellow 10,
red once overdue); the alert scanner's own settings govern alerts raised later.
"""

import datetime

from demo.county.common import DemoContext, at
from inspection.choices import AlertStage
from rectification.models import Alert

GREEN_DAYS_BEFORE = 20
YELLOW_DAYS_BEFORE = 10


def alerts_for(
    ctx: DemoContext,
    *,
    due_on: datetime.date,
    since: datetime.date,
    open_until: datetime.date | None = None,
    item=None,
    clue=None,
) -> list[Alert]:
    """One alert per stage reached while the deadline was open (from ``since``).

    ``open_until`` is the day the item was submitted or the clue concluded (None:
    still open). A stage reached before ``since`` is raised on ``since``.
    """
    last = min(open_until or ctx.today, ctx.today)
    stages = (
        (AlertStage.GREEN, due_on - datetime.timedelta(days=GREEN_DAYS_BEFORE)),
        (AlertStage.YELLOW, due_on - datetime.timedelta(days=YELLOW_DAYS_BEFORE)),
        (AlertStage.RED, due_on + datetime.timedelta(days=1)),
    )
    alerts = []
    for stage, reached in stages:
        reached = max(reached, since)
        if reached > last:
            continue
        # The scan runs early in the morning; today's scan may not have run yet.
        created_at = at(reached, 7, 30) if reached < ctx.today else at(ctx.today, 0, 0)
        alerts.append(
            Alert(item=item, clue=clue, stage=stage, due_on=due_on, created_at=created_at)
        )
    return alerts
