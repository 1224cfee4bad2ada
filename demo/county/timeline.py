"""The seed's timeline: users' actions taken in the order of their moments, with the
morning alert scans between them.

Each step is one user's action through a service, run inside ``travel(moment)`` so that
what it writes (records, history rows, auto_now fields) carries that moment. Steps run
sorted by moment (then by the order they were added); before the first step of a day
the alert scans of the days up to it run at 07:30 (``ledger_alerts``), so a scan sees
the ledger as it stood that morning.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from demo.county.clock import travel
from demo.county.ledger_alerts import scan, scan_days, scan_moment


@dataclass(order=True)
class Step:
    moment: datetime.datetime
    order: int
    action: Callable[[], object] = field(compare=False)
    opens: datetime.date | None = field(default=None, compare=False)


@dataclass
class Timeline:
    today: datetime.date
    steps: list[Step] = field(default_factory=list)
    due_dates: set = field(default_factory=set)  # (due date, last day it is watched)

    def add(
        self,
        moment: datetime.datetime,
        action: Callable[[], object],
        *,
        opens: datetime.date | None = None,
    ) -> None:
        """``action`` at ``moment``; ``opens``: the due date of what it makes owed (a ledger
        built, a deadline moved, an item sent back), whose alert may come the next morning."""
        if moment.date() >= self.today:
            raise ValueError(f"a demo action must be before today: {moment}")
        self.steps.append(Step(moment, len(self.steps), action, opens))

    def due(self, *days: datetime.date | None, until: datetime.date | None = None) -> None:
        """Due dates the scans watch (deadlines, plan and report dates, clue results),
        while their subject owes them: ``until`` the day it stops (None: today)."""
        last = until or self.today
        self.due_dates.update((day, last) for day in days if day is not None)

    def run(self, *, scans_from: datetime.date) -> int:
        """Run every step and the scans from ``scans_from`` to today; answers the scans run."""
        steps = sorted(self.steps)
        days = scan_days(
            first=scans_from,
            today=self.today,
            due_dates=self.due_dates,
            opened={(step.moment.date(), step.opens) for step in steps if step.opens},
        )
        pending = list(reversed(days))
        for step in steps:
            while pending and scan_moment(pending[-1], self.today) <= step.moment:
                scan(pending.pop(), self.today)
            with travel(step.moment):
                step.action()
        while pending:
            scan(pending.pop(), self.today)
        self.steps = []
        return len(days)
