"""What the schemathesis tests ran, counted so the figures can be quoted.

``FuzzSummary.record`` is called once per request; ``write`` saves the counts to
``var/fuzz-summary.json`` and returns the lines printed at the end of the module
(visible with ``pytest -s``).
"""

import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from django.conf import settings

SUMMARY_PATH = Path(settings.VAR_DIR) / "fuzz-summary.json"


class FuzzSummary:
    def __init__(self) -> None:
        self.started = time.monotonic()
        self.by_operation: dict[str, Counter] = defaultdict(Counter)  # label -> phase -> n
        self.statuses: Counter = Counter()  # "2xx", "4xx", …
        self.links: Counter = Counter()  # stateful steps that followed a link, by link
        self.scenarios = 0
        self.stateful_steps = 0

    def record(self, case, response, *, link: str | None = None) -> None:
        phase = case.meta.phase.name.value if case.meta else "explicit"
        self.by_operation[case.operation.label][phase] += 1
        self.statuses[f"{response.status_code // 100}xx"] += 1
        if phase == "stateful":
            self.stateful_steps += 1
            if link:
                self.links[link] += 1

    def as_dict(self, operations: int) -> dict:
        fuzzing = [counts["fuzzing"] for counts in self.by_operation.values()]
        return {
            "operations_in_schema": operations,
            "operations_covered": len(self.by_operation),
            "examples_total": sum(sum(c.values()) for c in self.by_operation.values()),
            "examples_by_phase": sum(self.by_operation.values(), Counter()),
            "fuzzing_examples_per_operation": {
                "min": min(fuzzing, default=0),
                "max": max(fuzzing, default=0),
                "operations_under_100": sorted(
                    label for label, c in self.by_operation.items() if c["fuzzing"] < 100
                ),
            },
            "stateful": {
                "scenarios": self.scenarios,
                "steps": self.stateful_steps,
                "steps_following_a_link": sum(self.links.values()),
                "distinct_links_followed": len(self.links),
                "links_followed": dict(self.links.most_common()),
            },
            "statuses": self.statuses,
            "seconds": round(time.monotonic() - self.started, 1),
            "by_operation": self.by_operation,
        }

    def write(self, operations: int) -> list[str]:
        summary = self.as_dict(operations)
        SUMMARY_PATH.parent.mkdir(exist_ok=True)
        SUMMARY_PATH.write_text(json.dumps(summary, ensure_ascii=False, indent=1))
        stateful, fuzzing = summary["stateful"], summary["fuzzing_examples_per_operation"]
        return [
            f"schemathesis: {summary['operations_covered']} of {operations} operations, "
            f"{summary['examples_total']} requests in {summary['seconds']} s",
            f"  by phase: {dict(summary['examples_by_phase'])}",
            f"  fuzzing per operation: min {fuzzing['min']}, max {fuzzing['max']}; "
            f"under 100 (input space exhausted sooner): {len(fuzzing['operations_under_100'])}",
            f"  stateful: {stateful['scenarios']} scenarios, {stateful['steps']} steps, "
            f"{stateful['steps_following_a_link']} following a link "
            f"({stateful['distinct_links_followed']} distinct links)",
            f"  statuses: {dict(summary['statuses'])}",
            f"  written to {SUMMARY_PATH}",
        ]
