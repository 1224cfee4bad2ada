"""Places and terms: towns, villages, the term coverage is counted over."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from inspection.choices import AttentionClass, TownKind, VillageKind

TOWN_CODE_PATTERN = r"^[0-9]{9}$"
VILLAGE_CODE_PATTERN = r"^[0-9]{12}$"


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
