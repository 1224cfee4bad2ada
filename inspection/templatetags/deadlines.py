"""``{% deadline_badge on stage days_left %}``: the one way a due date is shown with its
colour today, on every screen that shows one (a ledger item's deadline, a clue's result).

``stage`` is the alert stage (green, yellow, red: ``inspection.deadlines``) or empty;
``days_left`` is None when nothing is owed any more (closed, or waiting for the office),
and the date is then shown alone (as it is when the view did not count them).
"""

from django import template

from inspection.choices import AlertStage

register = template.Library()


@register.inclusion_tag("includes/deadline.html")
def deadline_badge(on, stage=None, days_left=None, dated=True) -> dict:
    """``dated=False``: the badge alone, in a table that shows the date in a column of its own."""
    if not isinstance(days_left, int):  # a page that did not count them shows the date
        days_left = None
    return {
        "on": on,
        "dated": dated,
        "stage": stage or "",
        "stage_label": AlertStage(stage).label if stage else "",
        "days_left": days_left,
        "days_late": -days_left if days_left is not None and days_left < 0 else 0,
    }
