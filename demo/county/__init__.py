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

How the records reach their state: the rectification half of the county (feedback,
the ledger, its evidence, alerts, evaluation and accountability) is built through the
product's services, each action inside ``clock.travel(moment)`` at the moment its
record shows and by the user it names (``ledger``, ``timeline``), so its history rows,
notifications and alerts are the real ones: the office gives feedback, the units'
rectification officers plan, post progress with generated photos and PDFs
(``evidence``, stored under MEDIA_ROOT like any upload and removed again if the seed
fails) and ask to close, the office verifies; the product's 07:30 alert scan runs on
each day it can raise something, between the actions. Other sections still write
with ``bulk_create`` (``common.bulk_insert``), with one "created" history row per
object dated at the time of seeding.

Speed: a service action costs a few milliseconds (its locked read, checks and history
row); the ledger takes about 1,900 of them and some 90 scans, so the seed spends most
of its time there.

Modules, in the order the seed runs them: ``places``, ``users``, ``checklist``,
``rounds``, ``onsite`` (with ``petitions``), ``findings``, ``clues``, ``ledger``
(with ``ledger_plan``, ``evidence``, ``timeline`` and ``ledger_alerts``), ``evaluation``;
``build`` ties them together, ``clock`` sets the time of each action, ``names``,
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
