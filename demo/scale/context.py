"""What one scale seed run shares between its stages: the preset, the day, the ids."""

import datetime
import random
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from demo.county.names import GIVEN_NAMES, SURNAMES
from demo.scale.presets import Preset

SHANGHAI = ZoneInfo("Asia/Shanghai")
SCALE_PASSWORD = "scale-bench-2026"


@dataclass
class ScaleContext:
    preset: Preset
    today: datetime.date
    password_hash: str
    term_id: int = 0
    towns: list = field(default_factory=list)  # (id, code, name)
    villages: list = field(default_factory=list)  # (id, town_id, name, town_name)
    users: dict = field(default_factory=dict)  # role → [id]
    checklist: dict = field(default_factory=dict)  # code → id
    problem_classes: dict = field(default_factory=dict)  # class code → id
    rounds: list = field(default_factory=list)  # RoundPlan
    assignments: list = field(default_factory=list)  # AssignmentPlan
    counts: dict = field(default_factory=dict)  # table → rows written

    def rng(self, stage: str) -> random.Random:
        """A generator of its own for each stage: the same data on every run."""
        return random.Random(f"scale:{self.preset.name}:{stage}")

    def moment(self, day: datetime.date, rng: random.Random) -> datetime.datetime:
        """A time during office hours of ``day``, in Shanghai."""
        return datetime.datetime(
            day.year, day.month, day.day, rng.randint(8, 17), rng.randint(0, 59), tzinfo=SHANGHAI
        )


def person_name(rng: random.Random, generation: str = "mid") -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES[generation])
