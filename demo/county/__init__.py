"""The demo county (演示数据) behind ``manage.py seed_demo``. Development only.

What it builds: 12 towns and 200 villages under county prefix 320411; a current
term; a 44-item supervision checklist; four rounds — a closed one over 西夏墅镇
reproducing the source article's figures exactly, one in feedback (two towns fed back
and rectifying, the third awaiting its 书记专题会), one on site today, and a 回头看 on
site today over the closed round's villages its evaluation did not close — with teams,
interviews, activities, petitions, problems, clues, the 巡察报告 and their decisions,
feedback batches and 反馈会, the rectification ledger, alerts, evaluations and
accountability, 督办函 and 提示函, joint inspections, 整改公开 and the look-back's
verdicts (one item reopened: 反弹回潮); and one demo login per role with a published
password.
Round titles carry the term ("十四届县委第一轮巡察").

How it is built: as users build their records, through the services, each action at
the moment its record claims and by the person it names (``clock.travel`` sets
``timezone.now()`` for the action), so history rows, ``auto_now`` fields and status
dates agree and the pages' trails (a clue's 办理记录) are the real ones. The office plans,
staffs, assigns and moves the rounds; a team member registers petitions and records
problems, the team leader disposes of petitions, confirms problems and proposes clues;
the office lead approves or declines clues, the office transfers them, the receiving
body's liaison receives, disposes of and concludes them. Registry data with no workflow
(towns, villages, users, the checklist) and on-site records without history
(interviews, activities) are written in bulk with their own dates; ``common.bulk_insert``
dates any history row at the object's ``_history_date`` (or the demo's clock) and names
its ``_history_user``. The steps up to the clues leave the closed and the
second rounds reporting (报告), their problems confirmed; the ledger steps take them on
from there: each organisation's 巡察报告 drafted by its team's leader and decided stage by
stage (``feedback_gates``: 组内讨论, 组办会商, 领导小组审议, 书记专题会听取), the office gives
feedback batch by batch (a 反馈会 each: the closed round's on two days, the second
round's town by town) and starts rectification once every organisation was fed back, the units'
rectification contacts plan and upload their 整改方案 and 整改情况报告 (``submissions``: the
town's 乡镇党委 reviews them first, then the office), post progress with generated
photos and PDFs (``evidence``, stored under MEDIA_ROOT like any upload and removed again
if the seed fails) and ask to close, the office verifies, the lead archives the closed
round; the product's 07:30 alert scan runs on each day it can raise something, between
the actions, so alerts and notifications are the real ones.

Speed: a service action costs a few milliseconds (its locked read, checks and history
row); the seed takes some 3,000 of them and about 70 scans: half a minute, where the
bulk seed took five seconds. The tests seed once per process (tests/seeding.py).

How it stays the same on every run: all randomness comes from ``random.Random``
seeded with a fixed value (one generator per section, see ``DemoContext.rng``),
never the global generator; dates are offsets from ``timezone.localdate()``, so the
structure and every count are identical while the on-site round is always on site
and the overdue items always overdue. Records carrying a time end yesterday.

Idempotent: the demo county is recognised by its marker town (西夏墅镇, code
``DEMO_TOWN_CODE``); the seed runs in one ``transaction.atomic``, so a failure leaves
nothing behind.

Modules, in the order the seed runs them: ``places``, ``users``, ``checklist``,
``rounds``, ``onsite`` (with ``petitions``), ``findings``, ``clues`` (planned in
``clue_plan``; proposals and quick transfers), ``rounds.end_on_site``, ``clues`` again
(the rest), ``ledger`` (with ``ledger_plan``, ``submissions``, ``town_review``,
``evidence``, ``timeline`` and ``ledger_alerts``), ``evaluation``, ``documents``, then the
follow-up (issue 19, texts in ``follow_up_texts``): ``letters``, ``joint_inspections``,
``publicity`` and ``look_back`` (the fourth round); ``build`` ties them together,
``clock`` travels, ``names``, ``texts`` and ``onsite_texts`` hold the Chinese name and
text pools.
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
