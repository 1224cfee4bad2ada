"""Choices of rounds, teams and on-site work."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RoundMode(models.TextChoices):
    REGULAR = "regular", _("常规巡察")
    THEMATIC = "thematic", _("专项巡察")
    ELEVATED = "elevated", _("提级巡察")
    CROSS = "cross", _("交叉巡察")
    # 镇村一体 and 乡村一体 are one arrangement under two names: the town committee is an
    # object beside its villages.
    TOWN_AND_VILLAGE = "town_and_village", _("巡乡带村(镇村一体/乡村一体)")
    SIMPLIFIED = "simplified", _("简易巡")
    LOOK_BACK = "look_back", _("回头看")


class RoundStatus(models.TextChoices):
    PLANNING = "planning", _("筹备")
    PREPARATION = "preparation", _("巡前准备")
    ON_SITE = "on_site", _("进驻")
    REPORTING = "reporting", _("报告")
    FEEDBACK = "feedback", _("反馈")
    RECTIFICATION = "rectification", _("整改")
    CLOSED = "closed", _("归档")


# Rounds at or past 进驻 count towards coverage.
ROUND_STATUSES_ON_SITE_OR_LATER = (
    RoundStatus.ON_SITE,
    RoundStatus.REPORTING,
    RoundStatus.FEEDBACK,
    RoundStatus.RECTIFICATION,
    RoundStatus.CLOSED,
)

# The windows of actions on a round (or on a record under it) that do not move it.
BEFORE_ON_SITE = (RoundStatus.PLANNING, RoundStatus.PREPARATION)
UNTIL_ON_SITE_ENDS = (*BEFORE_ON_SITE, RoundStatus.ON_SITE)
ON_SITE_WORK = (RoundStatus.ON_SITE, RoundStatus.REPORTING)
NOT_CLOSED = tuple(status for status in RoundStatus if status != RoundStatus.CLOSED)


class FocusArea(models.TextChoices):
    """The "four focuses" (四个聚焦) the supervision checklist is organised by."""

    POLICY = "policy", _("聚焦党的路线方针政策和决策部署落实")
    CORRUPTION = "corruption", _("聚焦群众身边不正之风和腐败问题")
    ORGANISATION = "organisation", _("聚焦基层党组织和干部队伍建设")
    RECTIFICATION = "rectification", _("聚焦巡察整改和全面从严治党责任落实")


class TeamRole(models.TextChoices):
    LEADER = "leader", _("组长")
    DEPUTY = "deputy", _("副组长")
    MEMBER = "member", _("组员")


class IntervieweeCategory(models.TextChoices):
    VETERAN_PARTY_MEMBER = "veteran_party_member", _("老党员")
    RETIRED_TEACHER = "retired_teacher", _("老教师")
    RETIRED_CADRE = "retired_cadre", _("老干部")
    ENTREPRENEUR = "entrepreneur", _("企业主")
    VILLAGE_COMMITTEE = "village_committee", _('村"两委"干部')
    SUPERVISION_COMMITTEE = "supervision_committee", _("村务监督委员会成员")
    VILLAGER = "villager", _("普通群众")
    OTHER = "other", _("其他")


class ActivityKind(models.TextChoices):
    HOUSEHOLD_VISIT = "household_visit", _("走访")
    POOR_HOUSEHOLD_VISIT = "poor_household_visit", _("走访脱贫户/困难户")
    SYMPOSIUM = "symposium", _("座谈会")
    RESEARCH = "research", _("调研")
    DOCUMENT_REVIEW = "document_review", _("查阅资料")
    NIGHT_VISIT = "night_visit", _("驻村夜访")
    QUESTIONNAIRE = "questionnaire", _("调查问卷")


class PetitionChannel(models.TextChoices):
    LETTER = "letter", _("来信")
    VISIT = "visit", _("来访")
    PHONE = "phone", _("电话")
    MAILBOX = "mailbox", _("举报邮箱")
    # Reports the public sends through the QR code of the 进驻公告 (rounds.public).
    ONLINE = "online", _("码上巡")
    ON_SITE = "on_site", _("现场")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("已受理")
    DISPOSED = "disposed", _("已处置")


class PetitionDisposition(models.TextChoices):
    TO_PROBLEM = "to_problem", _("转为问题")
    TO_CLUE = "to_clue", _("转为线索")
    REFERRED = "referred", _("转交职能部门")
    NO_ACTION = "no_action", _("不予处理")


class PlanOutcome(models.TextChoices):
    """The leading group's decision on a round's 工作方案."""

    APPROVED = "approved", _("原则同意")
    REVISE = "revise", _("修改意见")


class MustListKind(models.TextChoices):
    """The must-lists a county sets per round (docs/DOMAIN.md, "On site")."""

    TALK = "talk", _("必谈")
    VISIT = "visit", _("必访")
    CHECK = "check", _("必查")
    SEE = "see", _("必看")


class PortraitKind(models.TextChoices):
    """The two portraits of a village before the round (村情画像)."""

    SELF = "self", _("自画像")  # the village's self-survey, by its rectification contact
    TOWN = "town", _("预画像")  # the town's pre-assessment of the village


class PortraitStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")


# The fixed sections of each portrait: (key, heading).
PORTRAIT_SECTIONS = {
    PortraitKind.SELF: (
        ("leadership", _("班子运行")),
        ("assets", _("三资管理")),
        ("decisions", _("重大事项决策")),
        ("policies", _("惠民政策落实")),
        ("concerns", _("群众反映集中的问题")),
        ("self_check", _("自查发现的问题及整改")),
    ),
    PortraitKind.TOWN: (
        ("overall", _("班子整体评价")),
        ("leaders", _("主要负责人")),
        ("risks", _("风险点")),
        ("petitions", _("信访及舆情")),
        ("focus", _("建议重点关注")),
    ),
}
