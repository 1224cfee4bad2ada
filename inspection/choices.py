"""Choices of the shared models: roles, places, receiving bodies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UserRole(models.TextChoices):
    OFFICE_STAFF = "office_staff", _("巡察办工作人员")
    OFFICE_LEAD = "office_lead", _("巡察办主任")
    INSPECTOR = "inspector", _("巡察组干部")
    COMMISSION_LIAISON = "commission_liaison", _("纪委监委联络员")
    RECTIFICATION_OFFICER = "rectification_officer", _("整改联络员")
    LEADERSHIP = "leadership", _("巡察工作领导小组")
    # 乡镇党委 (主体责任): first review of its villages' plans, reports and requests for closing.
    TOWN_REVIEWER = "town_reviewer", _("乡镇党委(整改初审)")
    # 纪委监委 / 组织部 (日常监督): read the ledger of their scope, record 督查 and 约谈.
    SUPERVISOR = "supervisor", _("整改监督(纪委监委/组织部)")
    STATISTICS_CLIENT = "statistics_client", _("统计接口")


class ReceivingBody(models.TextChoices):
    """The bodies problem clues are handed over to (移交)."""

    COMMISSION = "commission", _("纪委监委")
    ORGANISATION = "organisation", _("组织部")
    DEPARTMENT = "department", _("职能部门")


# The bodies that supervise rectification day to day beside the office (日常监督).
SUPERVISING_BODIES = (ReceivingBody.COMMISSION, ReceivingBody.ORGANISATION)

# Where a body receives the clues transferred to it, as its liaison's post reads: the
# commission's is its 案件监督管理室; the others are named by the body itself.
RECEIVING_POINTS = {ReceivingBody.COMMISSION: _("纪委监委案件监督管理室")}


class TownKind(models.TextChoices):
    TOWN = "town", _("镇")
    TOWNSHIP = "township", _("乡")
    SUBDISTRICT = "subdistrict", _("街道")


class VillageKind(models.TextChoices):
    VILLAGE = "village", _("行政村")
    COMMUNITY = "community", _("社区")


class AttentionClass(models.TextChoices):
    GENERAL = "general", _("一般关注类")
    RISK = "risk", _("风险关注类")
    KEY_HAZARD = "key_hazard", _("重点隐患类")


class RecusalKind(models.TextChoices):
    HOME_VILLAGE = "home_village", _("户籍或居住地")
    RELATIVE = "relative", _("亲属任职")
    FORMER_UNIT = "former_unit", _("曾任职单位")


class AlertStage(models.TextChoices):
    """The three colours of a deadline (红黄绿三色预警), see inspection.deadlines."""

    GREEN = "green", _("绿色提醒")
    YELLOW = "yellow", _("黄色预警")
    RED = "red", _("红色预警")


class NotificationKind(models.TextChoices):
    """What a notification is about (``Notification.kind``; the screens offer these)."""

    ALERT_DIGEST = "alert_digest", _("预警提醒")


class PartyOrganisationKind(models.TextChoices):
    """The kind of a village's party organisation (村党组织)."""

    COMMITTEE = "committee", _("党委")
    GENERAL_BRANCH = "general_branch", _("党总支")
    BRANCH = "branch", _("党支部")


class RosterBody(models.TextChoices):
    """The three bodies of the two committees' roster (两委及村务监督委员会名册)."""

    PARTY = "party", _("村党组织")
    VILLAGERS = "villagers", _("村民委员会")
    SUPERVISION = "supervision", _("村务监督委员会")


class Kinship(models.TextChoices):
    """A declared relative's relation to the member (回避: 亲属关系)."""

    SPOUSE = "spouse", _("配偶")
    PARENT = "parent", _("父母")
    CHILD = "child", _("子女")
    SIBLING = "sibling", _("兄弟姐妹")
    IN_LAW = "in_law", _("姻亲")
    OTHER = "other", _("其他近亲属")
