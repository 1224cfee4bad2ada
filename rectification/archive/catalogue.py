"""The county's default table of archive pieces, in the order docs/DOMAIN.md gives; seeded by
``rectification/migrations/0018_archive`` and, after a test flush, by ``seed_archive_table``
(tests/world.py). A county edits it in the admin."""

from rectification.archive.choices import ArchiveCategory as C
from rectification.archive.choices import ArchiveSource as S
from rectification.archive.choices import Retention as R

# (source, name, category, retention, required)
DEFAULT_PIECES = (
    (S.WORK_PLAN, "巡察工作方案", C.ADMINISTRATIVE, R.PERMANENT, True),
    (S.PLAN_DECISION, "领导小组审议及授权记录", C.ADMINISTRATIVE, R.PERMANENT, True),
    (S.ENTRY_NOTICE, "进驻公告", C.ADMINISTRATIVE, R.THIRTY_YEARS, True),
    (S.INTERVIEW_RECORD, "谈话记录", C.BUSINESS, R.THIRTY_YEARS, True),
    (S.ACTIVITIES, "走访、座谈记录", C.BUSINESS, R.THIRTY_YEARS, False),
    (S.PETITIONS, "信访登记及处置情况", C.BUSINESS, R.THIRTY_YEARS, False),
    (S.PROBLEM_PAPER, "问题底稿审批单", C.BUSINESS, R.THIRTY_YEARS, True),
    (S.INSPECTION_REPORT, "巡察报告", C.ADMINISTRATIVE, R.PERMANENT, True),
    (S.REPORT_DECISIONS, "巡察报告审议记录", C.ADMINISTRATIVE, R.PERMANENT, True),
    (S.FEEDBACK_LETTER, "巡察反馈意见", C.ADMINISTRATIVE, R.PERMANENT, True),
    (S.FEEDBACK_MEETING, "反馈会记录", C.ADMINISTRATIVE, R.PERMANENT, True),
    (S.CLUE_APPROVAL_FORM, "问题线索移交审批表", C.BUSINESS, R.PERMANENT, False),
    (S.TRANSFER_LETTER, "问题线索移交函及办理结果", C.BUSINESS, R.PERMANENT, False),
    (S.IMMEDIATE_ORDER, "立行立改通知书", C.BUSINESS, R.THIRTY_YEARS, False),
    (S.RECTIFICATION_PLAN, "整改方案", C.ADMINISTRATIVE, R.PERMANENT, True),
    (S.RECTIFICATION_REPORT, "整改情况报告", C.ADMINISTRATIVE, R.PERMANENT, True),
    (S.VERIFICATIONS, "整改核验材料", C.BUSINESS, R.THIRTY_YEARS, False),
    (S.PUBLICITY_DRAFT, "整改公开稿", C.ADMINISTRATIVE, R.TEN_YEARS, False),
    (S.EVALUATION_FORM, "整改评估表", C.BUSINESS, R.THIRTY_YEARS, True),
    (S.ACCOUNTABILITY, "问责决定", C.ADMINISTRATIVE, R.PERMANENT, False),
)


def seed_archive_table(kind_model) -> None:
    """The county default table, when the county has none (a county that edited or
    removed lines keeps its own). Takes the model so that a migration can pass its
    historical one."""
    if kind_model.objects.exists():
        return
    kind_model.objects.bulk_create(
        kind_model(
            source=str(source),
            name=name,
            order=order * 10,
            category=str(category),
            retention=str(retention),
            required=required,
        )
        for order, (source, name, category, retention, required) in enumerate(DEFAULT_PIECES, 1)
    )
