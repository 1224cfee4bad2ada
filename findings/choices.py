"""Choices of problems and clues."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from inspection.choices import ReceivingBody
from rounds.choices import ON_SITE_WORK

# Problems are recorded and clues proposed while the team is on site or writing its report.
ROUND_STATUSES_OPEN_FOR_FINDINGS = ON_SITE_WORK


class ProblemNature(models.TextChoices):
    """定性: what the problem is in law, apart from what it is about (its class)."""

    GENERAL = "general", _("一般问题")
    VIOLATION = "violation", _("违规")
    SUSPECTED_OFFENCE = "suspected_offence", _("涉嫌违纪违法")


class ProblemSource(models.TextChoices):
    INTERVIEW = "interview", _("谈话")
    VISIT = "visit", _("走访")
    DOCUMENTS = "documents", _("查阅资料")
    PETITION = "petition", _("信访")
    DATA_COMPARISON = "data_comparison", _("数据比对")
    OTHER = "other", _("其他")


class Severity(models.TextChoices):
    MINOR = "minor", _("一般")
    SERIOUS = "serious", _("较重")
    GRAVE = "grave", _("严重")


class ProblemStatus(models.TextChoices):
    """The 底稿's three signatures: the member submits (待复核), the deputy reviews (复核,
    待审签), the leader signs (审签, 已审签); a return sends it back to 草稿 with a reason.
    ``confirmed`` means signed: the ledger, the figures and the on-site orders rely on it."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待复核")
    REVIEWED = "reviewed", _("待审签")
    CONFIRMED = "confirmed", _("已审签")
    FED_BACK = "fed_back", _("已反馈")


# A paper not yet signed by the leader: it blocks feedback and never reaches the ledger.
PROBLEM_STATUSES_UNSIGNED = (ProblemStatus.DRAFT, ProblemStatus.SUBMITTED, ProblemStatus.REVIEWED)
# Every status a paper holds before feedback (feedback reads these).
PROBLEM_STATUSES_BEFORE_FEEDBACK = (*PROBLEM_STATUSES_UNSIGNED, ProblemStatus.CONFIRMED)
# The statuses that carry each signature (the model's check constraints hold them).
PROBLEM_STATUSES_SUBMITTED = (
    ProblemStatus.SUBMITTED,
    ProblemStatus.REVIEWED,
    ProblemStatus.CONFIRMED,
    ProblemStatus.FED_BACK,
)
PROBLEM_STATUSES_REVIEWED = PROBLEM_STATUSES_SUBMITTED[1:]
PROBLEM_STATUSES_SIGNED = PROBLEM_STATUSES_SUBMITTED[2:]


class ReportStage(models.TextChoices):
    """The stages a 巡察报告 goes through before feedback, in order."""

    GROUP_DISCUSSION = "group_discussion", _("组内讨论")
    OFFICE_CONSULTATION = "office_consultation", _("组办会商")
    LEADING_GROUP = "leading_group", _("领导小组审议")
    SECRETARY_MEETING = "secretary_meeting", _("书记专题会听取")


# The stages that are a body's decision: recorded with minutes or a leadership signature.
REPORT_STAGES_OF_A_BODY = (ReportStage.LEADING_GROUP, ReportStage.SECRETARY_MEETING)


class DecisionOutcome(models.TextChoices):
    """What a stage concluded: 原则同意 lets the report go on, 修改意见 sends it back."""

    AGREED = "agreed", _("原则同意")
    REVISE = "revise", _("修改意见")
    HEARD = "heard", _("已听取")


class ClueStatus(models.TextChoices):
    """拟移交 (the team leader) → 巡察办已审核 (the office) → 领导小组已签批 (the leading
    group, on the 移交审批表) → 已移交 (with a 移交函) → 已接收 → 处置中 → 办结."""

    PROPOSED = "proposed", _("拟移交")
    REVIEWED = "reviewed", _("巡察办已审核")
    APPROVED = "approved", _("领导小组已签批")
    DECLINED = "declined", _("不予移交")
    TRANSFERRED = "transferred", _("已移交")
    RECEIVED = "received", _("已接收")
    DISPOSING = "disposing", _("处置中")
    CONCLUDED = "concluded", _("办结")


# Statuses in which a clue has been handed over and must carry its letter.
CLUE_STATUSES_TRANSFERRED = (
    ClueStatus.TRANSFERRED,
    ClueStatus.RECEIVED,
    ClueStatus.DISPOSING,
    ClueStatus.CONCLUDED,
)


class DispositionMethod(models.TextChoices):
    """The four ways (四种方式) a received clue is disposed of."""

    TALK_OR_INQUIRY = "talk_or_inquiry", _("谈话函询")
    PRELIMINARY_CHECK = "preliminary_check", _("初步核实")
    SHELVED = "shelved", _("暂存待查")
    CLOSED = "closed", _("予以了结")


class ClueOutcome(models.TextChoices):
    CASE_FILED = "case_filed", _("立案")
    ORGANISATIONAL = "organisational", _("组织处理")
    NO_ISSUE = "no_issue", _("了结")


class PartySanction(models.TextChoices):
    """党纪处分 (中国共产党纪律处分条例 第八条), in order of weight."""

    WARNING = "warning", _("警告")
    SERIOUS_WARNING = "serious_warning", _("严重警告")
    REMOVAL_FROM_POST = "removal_from_post", _("撤销党内职务")
    PROBATION = "probation", _("留党察看")
    EXPULSION = "expulsion", _("开除党籍")


class GovernmentSanction(models.TextChoices):
    """政务处分 (公职人员政务处分法 第七条), in order of weight."""

    WARNING = "warning", _("警告")
    DEMERIT = "demerit", _("记过")
    MAJOR_DEMERIT = "major_demerit", _("记大过")
    DEMOTION = "demotion", _("降级")
    DISMISSAL_FROM_POST = "dismissal_from_post", _("撤职")
    EXPULSION = "expulsion", _("开除")


class OrganisationalMeasure(models.TextChoices):
    """组织处理 (党政领导干部组织处理规定 第二条)."""

    SUSPENSION = "suspension", _("停职检查")
    REASSIGNMENT = "reassignment", _("调整职务")
    ORDERED_RESIGNATION = "ordered_resignation", _("责令辞职")
    REMOVAL = "removal", _("免职")
    DEMOTION = "demotion", _("降职")


class Admonition(models.TextChoices):
    """诫勉 and 批评教育 (第一种形态). ``UNSPLIT`` is only what findings 0015 made of a clue's
    former single count 诫勉/批评教育人数: no screen or API offers it."""

    ADMONISHMENT = "admonishment", _("诫勉")
    CRITICISM = "criticism", _("批评教育")
    UNSPLIT = "unsplit", _("诫勉或批评教育（原登记未区分）")


# What a liaison may choose for a person (the migrated value is not one of them).
ADMONITION_CHOICES = [
    (value, label) for value, label in Admonition.choices if value != Admonition.UNSPLIT
]


class SubjectPost(models.TextChoices):
    SECRETARY = "secretary", _("村党组织书记")
    DIRECTOR = "director", _("村委会主任")
    ACCOUNTANT = "accountant", _("村会计/报账员")
    COMMITTEE_MEMBER = "committee_member", _('村"两委"委员')
    SUPERVISION_HEAD = "supervision_head", _("村务监督委员会主任")
    TOWN_CADRE = "town_cadre", _("镇干部")
    OTHER = "other", _("其他")


# Statuses in which the leading group has signed a clue's transfer off (移交审批表).
CLUE_STATUSES_SIGNED_OFF = (ClueStatus.APPROVED, *CLUE_STATUSES_TRANSFERRED)

# The bodies a clue is transferred to (干部管理权限); a department receives 交办事项, not clues.
CLUE_RECEIVING_BODIES = (ReceivingBody.COMMISSION, ReceivingBody.ORGANISATION)

# Statuses in which the receiving body still owes the office a result.
CLUE_STATUSES_RESULT_OWED = (ClueStatus.TRANSFERRED, ClueStatus.RECEIVED, ClueStatus.DISPOSING)


# The bodies a clue may be transferred to: a matter for a government department is not a
# clue but a 交办事项 (findings.models.matters.DepartmentMatter) with a reply due.
CLUE_RECEIVING_BODIES = (ReceivingBody.COMMISSION, ReceivingBody.ORGANISATION)


# Its choices on the clue's forms and API inputs (and their enum in the API schema).
CLUE_RECEIVING_BODY_CHOICES = [
    (value, label) for value, label in ReceivingBody.choices if value in CLUE_RECEIVING_BODIES
]


class MatterStatus(models.TextChoices):
    """交办事项: handed on to a department (已交办), then answered by it (已回复)."""

    HANDED_ON = "handed_on", _("已交办")
    REPLIED = "replied", _("已回复")


class ThematicReportKind(models.TextChoices):
    """The documents on common problems (共性问题) beside the reports per organisation."""

    THEMATIC_REPORT = "thematic_report", _("专题报告")
    RECOMMENDATION = "recommendation", _("巡察建议书")
