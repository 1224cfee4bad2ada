"""The 评估表 of 四个一批: the figures the product fills for each organisation (assignment)
before the office judges its batch.

到位率 = items closed on the unit's own request / items; 如期率 = the statistics'
如期完成率 of the unit's own closings (closed on its own request no later than the
deadline / items closed or past their deadline: ``rectification.selectors``); 满意度 =
the average satisfaction of its 群众评议 verifications; 资料完备 = the share of the items
closed on its own request with evidence files (of its own progress, or of their
verification); 反弹 = the items reopened (反弹回潮).

An item closed on a request the office entered for the unit (代录) never counts as the
unit's own (docs/DOMAIN.md): it is counted apart (``items_closed_by_proxy``), outside 到位率,
如期率's on-time closings and 资料完备, and progress the office entered for it brings no
evidence of the unit's. Two queries for any number of assignments.
"""

import datetime

from django.db.models import Avg, Count, Exists, OuterRef, Q
from django.utils import timezone

from rectification.choices import ItemStatus, VerificationMethod
from rectification.models import (
    ProgressEvidence,
    RectificationItem,
    Verification,
    VerificationEvidence,
)
from rectification.selectors import closed_on_time_condition, due_condition, with_closed_on

FIGURE_KEYS = (
    "items",
    "items_closed",
    "items_closed_by_proxy",
    "items_closed_own",
    "items_due",
    "items_closed_on_time",
    "items_closed_with_evidence",
    "items_reopened",
    "assessments",
    "satisfaction",
    "closed_rate",
    "on_time_rate",
    "evidence_rate",
)


def _rate(numerator: int, denominator: int) -> float | None:
    """A share as the statistics give it (0–1, four places), None without a denominator."""
    return round(numerator / denominator, 4) if denominator else None


def evaluation_figures(assignment_ids, *, on: datetime.date | None = None) -> dict[int, dict]:
    """The 评估表's figures of each assignment of ``assignment_ids`` on ``on`` (today)."""
    on = on or timezone.localdate()
    ids = list(assignment_ids)
    has_evidence = Exists(
        ProgressEvidence.objects.filter(update__item=OuterRef("pk"), update__on_behalf=False)
    ) | Exists(VerificationEvidence.objects.filter(verification__item=OuterRef("pk")))
    closed = Q(status=ItemStatus.CLOSED)
    own = closed & Q(submitted_on_behalf=False)
    rows = (
        with_closed_on(RectificationItem.objects.filter(problem__assignment_id__in=ids))
        .values("problem__assignment_id")
        .order_by()
        .annotate(
            items=Count("pk"),
            items_closed=Count("pk", filter=closed),
            items_closed_by_proxy=Count("pk", filter=closed & Q(submitted_on_behalf=True)),
            items_closed_own=Count("pk", filter=own),
            items_due=Count("pk", filter=due_condition(on)),
            items_closed_on_time=Count(
                "pk", filter=closed_on_time_condition() & Q(submitted_on_behalf=False)
            ),
            items_closed_with_evidence=Count("pk", filter=own & Q(has_evidence)),
            items_reopened=Count("pk", filter=Q(reopened_at__isnull=False)),
        )
    )
    figures = {pk: _empty() for pk in ids}
    for row in rows:
        figures[row.pop("problem__assignment_id")].update(row)
    assessments = (
        Verification.objects.filter(
            item__problem__assignment_id__in=ids,
            method=VerificationMethod.PUBLIC_ASSESSMENT,
            satisfaction__isnull=False,
        )
        .values("item__problem__assignment_id")
        .order_by()
        .annotate(assessments=Count("pk"), satisfaction=Avg("satisfaction"))
    )
    for row in assessments:
        figure = figures[row["item__problem__assignment_id"]]
        figure["assessments"] = row["assessments"]
        figure["satisfaction"] = round(float(row["satisfaction"]), 1)
    for figure in figures.values():
        figure["closed_rate"] = _rate(figure["items_closed_own"], figure["items"])
        figure["on_time_rate"] = _rate(figure["items_closed_on_time"], figure["items_due"])
        figure["evidence_rate"] = _rate(
            figure["items_closed_with_evidence"], figure["items_closed_own"]
        )
    return figures


def _empty() -> dict:
    return {key: None if key.endswith(("rate", "satisfaction")) else 0 for key in FIGURE_KEYS}


def shown(figures: dict) -> dict:
    """``figures`` with each rate as text ("85.7%", "—" without a denominator) and the
    satisfaction too, keyed ``<name>_shown``: what the screens and the 评估表 print."""
    out = dict(figures)
    # A 评估表 recorded before 代录 was counted apart: every closed item was the unit's.
    out.setdefault("items_closed_by_proxy", 0)
    out.setdefault("items_closed_own", figures.get("items_closed", 0))
    for key in ("closed_rate", "on_time_rate", "evidence_rate"):
        value = figures.get(key)
        out[f"{key}_shown"] = "—" if value is None else f"{value * 100:.1f}%"
    satisfaction = figures.get("satisfaction")
    out["satisfaction_shown"] = "—" if satisfaction is None else f"{satisfaction:.1f}%"
    return out
