"""The archive's fixed vocabularies: categories, retention periods and sources."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ArchiveCategory(models.TextChoices):
    """文书档案 (the documents a body issues) and 业务档案 (the work's own records) are
    filed apart."""

    ADMINISTRATIVE = "administrative", _("文书档案")
    BUSINESS = "business", _("业务档案")


class Retention(models.TextChoices):
    """保管期限."""

    PERMANENT = "permanent", _("永久")
    THIRTY_YEARS = "30y", _("30年")
    TEN_YEARS = "10y", _("10年")


class ArchiveSource(models.TextChoices):
    """Where a piece comes from: a kind of document the product generates (its latest
    version), a file the unit or a body handed in, or records the archive lists as a
    register (登记表). The code is in ``rectification.archive.sources``."""

    WORK_PLAN = "work_plan", _("文书：巡察工作方案")
    PLAN_DECISION = "plan_decision", _("记录：领导小组审议工作方案（授权）")
    ENTRY_NOTICE = "entry_notice", _("文书：进驻公告")
    INTERVIEW_RECORD = "interview_record", _("文书：谈话记录")
    ACTIVITIES = "activities", _("记录：走访、座谈等活动")
    PETITIONS = "petitions", _("记录：信访登记及处置")
    PROBLEM_PAPER = "problem_paper", _("文书：问题底稿审批单")
    INSPECTION_REPORT = "inspection_report", _("文书：巡察报告")
    REPORT_DECISIONS = "report_decisions", _("记录：巡察报告审议（决策记录）")
    FEEDBACK_LETTER = "feedback_letter", _("文书：反馈意见")
    FEEDBACK_MEETING = "feedback_meeting", _("文书：反馈会记录")
    CLUE_APPROVAL_FORM = "clue_approval_form", _("文书：问题线索移交审批表")
    TRANSFER_LETTER = "transfer_letter", _("文书：问题线索移交函（附办理结果）")
    IMMEDIATE_ORDER = "immediate_order", _("文书：立行立改通知书")
    RECTIFICATION_PLAN = "rectification_plan", _("报送：整改方案（审核通过稿）")
    RECTIFICATION_REPORT = "rectification_report", _("报送：整改情况报告（审核通过稿）")
    VERIFICATIONS = "verifications", _("记录：整改核验")
    PUBLICITY_DRAFT = "publicity_draft", _("文书：整改公开稿")
    EVALUATION_FORM = "evaluation_form", _("文书：整改评估表")
    ACCOUNTABILITY = "accountability", _("记录：问责决定")
