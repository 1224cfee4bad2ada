"""Rounds, teams, assignments and the supervision checklist."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rounds.choices import FocusArea, RoundMode, RoundStatus, TeamRole

CHINESE_NUMERALS = "零一二三四五六七八九十"


def chinese_ordinal(number: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五; from 100 on, Arabic digits (no team gets there)."""
    if number < 0 or number >= 100:
        return str(number)
    if number <= 10:
        return CHINESE_NUMERALS[number]
    tens, units = divmod(number, 10)
    prefix = "" if tens == 1 else CHINESE_NUMERALS[tens]
    return f"{prefix}十{CHINESE_NUMERALS[units] if units else ''}"


class SupervisionItem(models.Model):
    """One entry of the supervision checklist (监督重点清单) under one of the four focuses."""

    code = models.CharField(_("编号"), max_length=16, unique=True)
    focus_area = models.CharField(_("聚焦方向"), max_length=16, choices=FocusArea.choices)
    title = models.CharField(_("监督重点"), max_length=200)
    guidance = models.TextField(_("监督指引"), blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = _("监督重点")
        verbose_name_plural = _("监督重点清单")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class InspectionRound(models.Model):
    """巡察轮次: one round of the county committee's village inspections."""

    term = models.ForeignKey(
        "inspection.Term", verbose_name=_("届次"), on_delete=models.PROTECT, related_name="rounds"
    )
    ordinal = models.PositiveSmallIntegerField(_("轮次序号"))
    title = models.CharField(_("名称"), max_length=100)
    mode = models.CharField(_("巡察方式"), max_length=20, choices=RoundMode.choices)
    theme = models.CharField(_("专项主题"), max_length=200, blank=True)
    revisits = models.ForeignKey(
        "self",
        verbose_name=_("回头看所针对的轮次"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="look_backs",
    )
    mobilised_on = models.DateField(_("动员部署日期"), null=True, blank=True)
    on_site_from = models.DateField(_("进驻日期"), null=True, blank=True)
    on_site_until = models.DateField(_("撤离日期"), null=True, blank=True)
    feedback_on = models.DateField(_("反馈日期"), null=True, blank=True)
    supervision_items = models.ManyToManyField(
        SupervisionItem, verbose_name=_("监督重点"), blank=True, related_name="rounds"
    )
    status = models.CharField(
        _("状态"),
        max_length=16,
        choices=RoundStatus.choices,
        default=RoundStatus.PLANNING,
        db_index=True,
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("巡察轮次")
        verbose_name_plural = _("巡察轮次")
        ordering = ["-term__starts_on", "-ordinal"]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "ordinal"],
                name="round_unique_ordinal_in_term",
                violation_error_message=_("同一届次内轮次序号不能重复。"),
            ),
            models.CheckConstraint(
                condition=~Q(mode=RoundMode.THEMATIC) | ~Q(theme=""),
                name="round_thematic_has_theme",
                violation_error_message=_("专项巡察必须填写专项主题。"),
            ),
            models.CheckConstraint(
                condition=~Q(mode=RoundMode.LOOK_BACK) | Q(revisits__isnull=False),
                name="round_look_back_names_round",
                violation_error_message=_("回头看必须指明所针对的轮次。"),
            ),
            models.CheckConstraint(
                condition=Q(on_site_from__isnull=True)
                | Q(on_site_until__isnull=True)
                | Q(on_site_until__gte=F("on_site_from")),
                name="round_on_site_dates_ordered",
                violation_error_message=_("撤离日期不能早于进驻日期。"),
            ),
            models.CheckConstraint(
                condition=Q(on_site_until__isnull=True)
                | Q(feedback_on__isnull=True)
                | Q(feedback_on__gte=F("on_site_until")),
                name="round_feedback_after_on_site",
                violation_error_message=_("反馈日期不能早于撤离日期。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Team(models.Model):
    """巡察组 of a round ("第一巡察组")."""

    round = models.ForeignKey(
        InspectionRound, verbose_name=_("巡察轮次"), on_delete=models.CASCADE, related_name="teams"
    )
    number = models.PositiveSmallIntegerField(_("组号"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="rounds.TeamMember",
        verbose_name=_("成员"),
        related_name="teams",
    )

    class Meta:
        verbose_name = _("巡察组")
        verbose_name_plural = _("巡察组")
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "number"],
                name="team_unique_number_in_round",
                violation_error_message=_("同一轮次内组号不能重复。"),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="team_number_positive",
                violation_error_message=_("组号从1开始。"),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"第{chinese_ordinal(self.number)}巡察组"


class TeamMember(models.Model):
    """A person on a team, with their role in it (组长, 副组长, 组员)."""

    team = models.ForeignKey(
        Team, verbose_name=_("巡察组"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("成员"),
        on_delete=models.PROTECT,
        related_name="team_memberships",
    )
    role = models.CharField(_("组内职务"), max_length=8, choices=TeamRole.choices)
    post = models.CharField(
        _("原单位职务"), max_length=100, blank=True, help_text=_("如：县纪委监委第三纪检监察室主任")
    )

    class Meta:
        verbose_name = _("巡察组成员")
        verbose_name_plural = _("巡察组成员")
        ordering = ["team", "role", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["team", "user"],
                name="team_member_unique",
                violation_error_message=_("同一人不能重复加入同一巡察组。"),
            ),
            models.UniqueConstraint(
                fields=["team"],
                condition=Q(role=TeamRole.LEADER),
                name="team_one_leader",
                violation_error_message=_("每个巡察组只能有一名组长。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} · {self.user} ({self.get_role_display()})"


class Assignment(models.Model):
    """巡察对象: a village (or, in a 镇村一体 round, the town party committee) in a round.

    ``town`` is always set; ``village`` is empty when the object is the town
    party committee itself.
    """

    round = models.ForeignKey(
        InspectionRound,
        verbose_name=_("巡察轮次"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("巡察组"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
    )
    town = models.ForeignKey(
        "inspection.Town",
        verbose_name=_("乡镇(街道)"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    village = models.ForeignKey(
        "inspection.Village",
        verbose_name=_("村(社区)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assignments",
        help_text=_("留空表示巡察对象为乡镇党委本身（镇村一体巡察）。"),
    )
    on_site_from = models.DateField(_("进驻日期"), null=True, blank=True)
    on_site_until = models.DateField(_("撤离日期"), null=True, blank=True)
    # 巡察方式 of this object (a round may mix them; the round's own is its default).
    mode = models.ForeignKey(
        "rounds.InspectionMode",
        verbose_name=_("巡察方式"),
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    theme = models.CharField(
        _("专项主题"),
        max_length=200,
        blank=True,
        help_text=_("专项巡察的主题，留空则为轮次的主题。"),
    )
    is_key = models.BooleanField(_("重点村"), default=False, help_text=_("重点村驻村不少于10天。"))
    recusal_override_reason = models.TextField(_("回避冲突放行理由"), blank=True)
    recusal_overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("放行人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("巡察对象")
        verbose_name_plural = _("巡察对象")
        ordering = ["round", "town__code", "village__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "village"],
                name="assignment_unique_village_in_round",
                violation_error_message=_("同一轮次内一个村(社区)只能有一个巡察对象。"),
            ),
            models.UniqueConstraint(
                fields=["round", "town"],
                condition=Q(village__isnull=True),
                name="assignment_unique_town_committee_in_round",
                violation_error_message=_("同一轮次内乡镇党委只能作为一个巡察对象。"),
            ),
            models.CheckConstraint(
                condition=Q(on_site_from__isnull=True)
                | Q(on_site_until__isnull=True)
                | Q(on_site_until__gte=F("on_site_from")),
                name="assignment_on_site_dates_ordered",
                violation_error_message=_("撤离日期不能早于进驻日期。"),
            ),
            models.CheckConstraint(
                condition=Q(recusal_overridden_by__isnull=True) | ~Q(recusal_override_reason=""),
                name="assignment_override_has_reason",
                violation_error_message=_("放行回避冲突必须说明理由。"),
            ),
        ]
        indexes = [models.Index(fields=["round", "team"], name="assignment_round_team_idx")]

    def __str__(self) -> str:
        return f"{self.round} · {self.target_name}"

    def clean(self):
        if self.village_id and self.town_id and self.village.town_id != self.town_id:
            raise ValidationError({"village": _("所选村(社区)不属于所选乡镇。")})
        if self.team_id and self.round_id and self.team.round_id != self.round_id:
            raise ValidationError({"team": _("所选巡察组不属于本轮次。")})

    @property
    def target_name(self) -> str:
        return self.village.name if self.village_id else f"{self.town.name}党委"
