"""The demo county (演示数据) behind ``manage.py seed_demo``. Development only.

What it builds: 12 towns and 200 villages under county prefix 320411; a current
term; a 44-item supervision checklist; three rounds — a closed one over 西夏墅镇
reproducing the source article's figures exactly, one in rectification, one on
site today — with teams, interviews, activities, petitions, problems, clues, the
rectification ledger, alerts, evaluations and accountability; and one demo login
per role with a published password.

How it stays the same on every run: all randomness comes from ``random.Random``
seeded with a fixed value (one generator per section, see ``DemoContext.rng``),
never the global generator; dates are offsets from ``timezone.localdate()``, so the
structure and every count are identical while the on-site round is always on site
and the overdue items always overdue. Records carrying a time end yesterday.

Idempotent: the demo county is recognised by its marker town (西夏墅镇, code
``DEMO_TOWN_CODE``); the seed runs in one ``transaction.atomic``, so a failure leaves
nothing behind.

Speed: the big tables are written with ``bulk_create``, which sends no signals, so
django-simple-history would record nothing; ``common.bulk_insert`` therefore writes
one "created" history row per object itself (``bulk_history_create``), dated at the
time of seeding rather than at the record's own date. Evidence files (the
``*Evidence`` attachment models) are not seeded: progress updates carry the evidence
as text.

Modules, in the order the seed runs them: ``places``, ``users``, ``checklist``,
``rounds``, ``onsite`` (with ``petitions``), ``findings``, ``clues``, ``ledger``
(with ``ledger_alerts``), ``evaluation``; ``build`` ties them together, ``names``,
``texts`` and ``onsite_texts`` hold the Chinese name and text pools.
"""

from demo.county.build import (
    DemoSummary,
    demo_county_exists,
    demo_county_seed,
    demo_login_rows,
    demo_summary,
)
from demo.county.places import DEMO_TOWN_CODE

__all__ = [
    "DEMO_TOWN_CODE",
    "DemoSummary",
    "demo_county_exists",
    "demo_county_seed",
    "demo_login_rows",
    "demo_summary",
]
