"""What every app hangs on: users and their roles, places, terms, attachments."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from inspection.choices import (
    AttentionClass,
    ReceivingBody,
    RecusalKind,
    TownKind,
    UserRole,
    VillageKind,
)

TOWN_CODE_PATTERN = r"^[0-9]{9}$"
VILLAGE_CODE_PATTERN = r"^[0-9]{12}$"


class User(AbstractUser):
    """A person (or REST client) using the product, with one role.

    A team leader or member is an ``inspector``: whether they lead depends on their
    membership of a team in a round (rounds.TeamMember.role), not on the account.
    The scope fields say which rows a commission liaison or a rectification
    officer may see.
    """

    full_name = models.CharField(_("姓名"), max_length=50, blank=True)
    role = models.CharField(
        _("角色"), max_length=32, choices=UserRole.choices, default=UserRole.LEADERSHIP
    )
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    organisation = models.CharField(_("工作单位及职务"), max_length=100, blank=True)
    receiving_body = models.CharField(
        _("所属受理机关"),
        max_length=20,
        choices=ReceivingBody.choices,
        blank=True,
        help_text=_("纪委监委联络员只能看到移交给本机关的线索。"),
    )
    town = models.ForeignKey(
        "inspection.Town",
        verbose_name=_("所属乡镇"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
        help_text=_("整改责任人只能看到本乡镇（或本村）的整改台账。"),
    )
    village = models.ForeignKey(
        "inspection.Village",
        verbose_name=_("所属村(社区)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officers",
    )

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role=UserRole.COMMISSION_LIAISON) | ~Q(receiving_body=""),
                name="user_liaison_has_receiving_body",
                violation_error_message=_("纪委监委联络员必须指定所属受理机关。"),
            ),
            models.CheckConstraint(
                condition=~Q(role=UserRole.RECTIFICATION_OFFICER)
                | Q(town__isnull=False)
                | Q(village__isnull=False),
                name="user_officer_has_unit",
                violation_error_message=_("整改责任人必须指定所属乡镇或村(社区)。"),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username


class Town(models.Model):
    """乡镇/街道, identified by its 9-digit division code."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    code = models.CharField(_("区划代码"), max_length=9, unique=True)
    kind = models.CharField(
        _("类型"), max_length=12, choices=TownKind.choices, default=TownKind.TOWN
    )

    class Meta:
        verbose_name = _("乡镇(街道)")
        verbose_name_plural = _("乡镇(街道)")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=TOWN_CODE_PATTERN),
                name="town_code_nine_digits",
                violation_error_message=_("乡镇区划代码必须是9位数字。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Village(models.Model):
    """村/社区, identified by its 12-digit statistical division code."""

    town = models.ForeignKey(
        Town, verbose_name=_("乡镇(街道)"), on_delete=models.PROTECT, related_name="villages"
    )
    name = models.CharField(_("名称"), max_length=50)
    code = models.CharField(_("村代码"), max_length=12, unique=True)
    kind = models.CharField(
        _("类型"), max_length=12, choices=VillageKind.choices, default=VillageKind.VILLAGE
    )
    population = models.PositiveIntegerField(_("人口"), default=0)
    households = models.PositiveIntegerField(_("户数"), default=0)
    party_members = models.PositiveIntegerField(_("党员数"), default=0)
    collective_income = models.DecimalField(
        _("村集体经济收入(元)"), max_digits=14, decimal_places=2, default=0
    )
    petitions_last_year = models.PositiveIntegerField(_("信访量(上年)"), default=0)
    secretary_is_director = models.BooleanField(_('书记、主任"一肩挑"'), default=False)
    attention_class = models.CharField(
        _("关注类别"),
        max_length=12,
        choices=AttentionClass.choices,
        default=AttentionClass.GENERAL,
        db_index=True,
    )
    is_active = models.BooleanField(_("有效"), default=True)

    class Meta:
        verbose_name = _("村(社区)")
        verbose_name_plural = _("村(社区)")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=VILLAGE_CODE_PATTERN),
                name="village_code_twelve_digits",
                violation_error_message=_("村代码必须是12位数字。"),
            ),
            models.CheckConstraint(
                condition=Q(collective_income__gte=0),
                name="village_collective_income_non_negative",
                violation_error_message=_("村集体经济收入不能为负数。"),
            ),
            models.UniqueConstraint(
                fields=["town", "name"],
                name="village_unique_name_in_town",
                violation_error_message=_("同一乡镇内村(社区)名称不能重复。"),
            ),
        ]
        indexes = [models.Index(fields=["town", "is_active"], name="village_town_active_idx")]

    def __str__(self) -> str:
        return self.name


class Term(models.Model):
    """A term (届) of the county party committee: the span coverage is counted over."""

    name = models.CharField(_("名称"), max_length=50, unique=True)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    is_current = models.BooleanField(_("本届"), default=False)

    class Meta:
        verbose_name = _("届次")
        verbose_name_plural = _("届次")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="term_ends_after_start",
                violation_error_message=_("届次结束日期必须晚于开始日期。"),
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="term_one_current",
                violation_error_message=_("只能有一个本届届次。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RecusalDeclaration(models.Model):
    """A member's declared tie to a place or unit (回避申报): home, relative, former unit."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申报人"),
        on_delete=models.CASCADE,
        related_name="recusal_declarations",
    )
    kind = models.CharField(_("回避事由"), max_length=16, choices=RecusalKind.choices)
    town = models.ForeignKey(
        Town, verbose_name=_("乡镇(街道)"), on_delete=models.CASCADE, null=True, blank=True
    )
    village = models.ForeignKey(
        Village, verbose_name=_("村(社区)"), on_delete=models.CASCADE, null=True, blank=True
    )
    relative_name = models.CharField(_("亲属姓名"), max_length=50, blank=True)
    relative_post = models.CharField(_("亲属职务"), max_length=100, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    declared_on = models.DateField(_("申报日期"), auto_now_add=True)

    class Meta:
        verbose_name = _("回避申报")
        verbose_name_plural = _("回避申报")
        constraints = [
            models.CheckConstraint(
                condition=Q(town__isnull=False) | Q(village__isnull=False),
                name="recusal_names_a_place",
                violation_error_message=_("回避申报必须指明乡镇或村(社区)。"),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RecusalKind.RELATIVE) | ~Q(relative_post=""),
                name="recusal_relative_has_post",
                violation_error_message=_("亲属任职回避必须填写亲属职务。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"


class Attachment(models.Model):
    """An uploaded evidence file; concrete subclasses tie it to one record."""

    file = models.FileField(_("文件"), upload_to="evidence/%Y/%m/")
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    description = models.CharField(_("说明"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name or self.file.name


class AccessLog(models.Model):
    """Who read (or tried to read, or exported) confidential material, when and from where."""

    class Action(models.TextChoices):
        VIEW = "view", _("查看")
        EXPORT = "export", _("导出")
        REFUSED = "refused", _("拒绝")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=8, choices=Action.choices)
    object_type = models.CharField(_("对象类型"), max_length=64)
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True)
    detail = models.CharField(_("内容"), max_length=200, blank=True)
    ip_address = models.GenericIPAddressField(_("来源地址"), null=True, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("访问日志")
        verbose_name_plural = _("访问日志")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="accesslog_object_idx"),
            models.Index(fields=["user", "at"], name="accesslog_user_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()} {self.object_type}#{self.object_id}"
