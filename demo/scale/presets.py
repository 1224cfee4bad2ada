"""How much data each scale preset writes.

``province`` is Shandong's order of magnitude (docs/DOMAIN.md: 36,500 of 54,300 villages
inspected in the term); ``county`` is one county of 600 villages with the same
proportions; ``tiny`` is for the tests (seconds, also on SQLite).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    name: str
    counties: int
    towns: int
    villages: int
    rounds: int
    assignments: int  # one village each: the villages inspected in the term
    problems: int  # all fed back, each with its ledger item
    interviews: int
    activities: int
    petitions: int
    clues: int
    users_per_role: int
    villages_per_team: int = 30
    overdue_share: float = 0.25  # of ledger items, on the day of seeding

    @property
    def marker(self) -> str:
        """The name of the term the preset writes: how a seeded database is recognised."""
        return f"规模测试（{self.name}）"


PRESETS = {
    "province": Preset(
        name="province",
        counties=136,
        towns=1_800,
        villages=54_300,
        rounds=40,
        assignments=36_500,
        problems=361_000,
        interviews=365_000,
        activities=146_000,
        petitions=36_500,
        clues=30_000,
        users_per_role=200,
    ),
    "county": Preset(
        name="county",
        counties=1,
        towns=20,
        villages=600,
        rounds=12,
        assignments=403,
        problems=3_990,
        interviews=4_030,
        activities=1_610,
        petitions=403,
        clues=330,
        users_per_role=10,
        villages_per_team=10,
    ),
    "tiny": Preset(
        name="tiny",
        counties=1,
        towns=3,
        villages=24,
        rounds=4,
        assignments=16,
        problems=60,
        interviews=64,
        activities=32,
        petitions=16,
        clues=10,
        users_per_role=2,
        villages_per_team=3,
    ),
}
