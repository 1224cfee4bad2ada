"""Choices of the rectification ledger."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RectificationMode(models.TextChoices):
    IMMEDIATE = "immediate", _("立行立改")
    TIME_LIMITED = "time_limited", _("限期整改")
    LONG_TERM = "long_term", _("长期整改")


class ResponsibleUnitKind(models.TextChoices):
    VILLAGE_PARTY = "village_party", _("村党组织")
    TOWN_PARTY = "town_party", _("镇党委")
    DEPARTMENT = "department", _("职能部门")


class ItemStatus(models.TextChoices):
    PENDING = "pending", _("待整改")
    IN_PROGRESS = "in_progress", _("整改中")
    SUBMITTED = "submitted", _("申请销号")
    # 乡镇初审: a village's request for closing, passed by its town party committee.
    TOWN_REVIEWED = "town_reviewed", _("乡镇已初审")
    CLOSED = "closed", _("已销号")
    RETURNED = "returned", _("退回")


# Overdue is derived: deadline passed and the item neither submitted nor closed.
ITEM_STATUSES_OPEN = (ItemStatus.PENDING, ItemStatus.IN_PROGRESS, ItemStatus.RETURNED)
# Asked to close (申请销号), before or after the town's first review: awaiting a verdict.
ITEM_STATUSES_ASKED = (ItemStatus.SUBMITTED, ItemStatus.TOWN_REVIEWED)


class VerificationMethod(models.TextChoices):
    ON_SITE = "on_site", _("现场核验")
    DOCUMENTS = "documents", _("查阅资料")
    PUBLIC_ASSESSMENT = "public_assessment", _("群众评议")


class VerificationResult(models.TextChoices):
    PASSED = "passed", _("通过")
    FAILED = "failed", _("不通过")


class FeedbackDocument(models.TextChoices):
    """What a feedback makes the inspected unit owe the office, each by its own date."""

    PLAN = "plan", _("整改方案")
    REPORT = "report", _("整改报告")
    HEAD_REPORT = "head", _("主要负责人组织落实整改情况报告")


# Each paper's due date and the date the unit first sent it (fields of Feedback).
FEEDBACK_DATES = {
    FeedbackDocument.PLAN: ("plan_due_on", "plan_submitted_on"),
    FeedbackDocument.REPORT: ("report_due_on", "report_submitted_on"),
    FeedbackDocument.HEAD_REPORT: ("head_report_due_on", "head_report_submitted_on"),
}


class SubmissionStatus(models.TextChoices):
    """A version of a plan or report the unit handed in: the town reviews a village's
    first (乡镇初审), then the office approves it or returns it (back to the unit)."""

    SUBMITTED = "submitted", _("已报送")
    TOWN_REVIEWED = "town_reviewed", _("乡镇已初审")
    APPROVED = "approved", _("审核通过")
    RETURNED = "returned", _("已退回")


class AccountabilityTarget(models.TextChoices):
    """Whom 问责 is proposed for: a cadre, or a party organisation."""

    PERSON = "person", _("领导干部")
    ORGANISATION = "organisation", _("党组织")


class AccountabilityForm(models.TextChoices):
    """The forms of 问责 (中国共产党问责条例 第八条): a party organisation's, a cadre's."""

    ORG_INSPECTION = "org_inspection", _("责令检查（党组织）")
    ORG_CIRCULATED = "org_circulated", _("通报（党组织）")
    ORG_REORGANISED = "org_reorganised", _("改组（党组织）")
    CIRCULATED = "circulated", _("通报")
    ADMONISHMENT = "admonishment", _("诫勉")
    ORGANISATIONAL = "organisational", _("组织调整或组织处理")
    DISCIPLINARY = "disciplinary", _("纪律处分")


ORGANISATION_FORMS = (
    AccountabilityForm.ORG_INSPECTION,
    AccountabilityForm.ORG_CIRCULATED,
    AccountabilityForm.ORG_REORGANISED,
)
PERSON_FORMS = (
    AccountabilityForm.CIRCULATED,
    AccountabilityForm.ADMONISHMENT,
    AccountabilityForm.ORGANISATIONAL,
    AccountabilityForm.DISCIPLINARY,
)
FORMS_OF_TARGET = {
    AccountabilityTarget.PERSON: PERSON_FORMS,
    AccountabilityTarget.ORGANISATION: ORGANISATION_FORMS,
}


class DecidingBody(models.TextChoices):
    """The body with authority to decide 问责; the first two supervise rectification
    (their values are inspection.choices.ReceivingBody's, so a supervisor's body matches)."""

    COMMISSION = "commission", _("纪委监委")
    ORGANISATION = "organisation", _("组织部")
    COUNTY_COMMITTEE = "county_committee", _("县委")
    TOWN_COMMITTEE = "town_committee", _("乡镇党委")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("已提请")
    DECIDED = "decided", _("已决定问责")
    NOT_PURSUED = "not_pursued", _("不予问责")


class FirstFormKind(models.TextChoices):
    """第一种形态 (批评和自我批评、约谈函询): not 问责, counted apart."""

    TALK = "talk", _("约谈")
    CRITICISM = "criticism", _("批评教育")


class EvaluationBatch(models.TextChoices):
    """The "four batches" (四个一批) units are sorted into after rectification."""

    CLOSE = "close", _("对账销号")
    REMINDER = "reminder", _("发函提醒")
    LOOK_BACK = "look_back", _("列入回头看")
    ACCOUNTABILITY = "accountability", _("提请问责")


class OrderForm(models.TextChoices):
    """How a 立行立改 order is given: a numbered written notice, or by word of mouth."""

    WRITTEN = "written", _("书面")
    ORAL = "oral", _("口头")


class OrderStatus(models.TextChoices):
    """Stored: issued, then signed for. Honoured on time or late is derived from its items."""

    ISSUED = "issued", _("已交办")
    SIGNED_FOR = "signed_for", _("已签收")


class IssueLedgerMode(models.TextChoices):
    """How a 反馈问题 enters the ledger: one item for the issue, or one per 具体表现."""

    PER_ISSUE = "per_issue", _("按反馈问题建账")
    PER_PROBLEM = "per_problem", _("按具体表现建账")


class ReviewDecision(models.TextChoices):
    """A review of a submitted plan or report: passed on (or approved), or sent back."""

    APPROVE = "approve", _("通过")
    RETURN = "return", _("退回")


class LookBackVerdict(models.TextChoices):
    """What a look-back team finds of a previous ledger item (回头看): 真改, 假改 (closed on
    paper only) or 反弹 (fixed, then back). 假改 and 反弹 reopen a closed item (反弹回潮)."""

    GENUINE = "genuine", _("真改")
    SHAM = "sham", _("假改")
    RELAPSED = "relapsed", _("反弹")


LOOK_BACK_VERDICTS_REOPENING = (LookBackVerdict.SHAM, LookBackVerdict.RELAPSED)


class PublicityStatus(models.TextChoices):
    """整改公开: the 公开稿 drafted, approved by the leading group, posted, then assessed."""

    DRAFT = "draft", _("拟稿")
    APPROVED = "approved", _("已审定")
    POSTED = "posted", _("已公开")
    ASSESSED = "assessed", _("已评议")


PUBLICITY_STATUSES_APPROVED = (
    PublicityStatus.APPROVED,
    PublicityStatus.POSTED,
    PublicityStatus.ASSESSED,
)
PUBLICITY_STATUSES_POSTED = (PublicityStatus.POSTED, PublicityStatus.ASSESSED)


class PublicityExemptionReason(models.TextChoices):
    SECRET = "secret", _("涉密")
    PRIVACY = "privacy", _("涉及个人隐私")
    OPEN_CLUE = "open_clue", _("线索未了结")
    OTHER = "other", _("其他")


class PublicityChannel(models.TextChoices):
    NOTICE_BOARD = "notice_board", _("村务公开栏")
    GOVERNMENT_SITE = "government_site", _("政府网站")
    WECHAT = "wechat", _("微信公众号")
    MEETING = "meeting", _("党员群众大会")
    OTHER = "other", _("其他")
