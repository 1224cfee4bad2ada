"""Users and their roles; recusal declarations (回避申报)."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from inspection.choices import (
    RECEIVING_POINTS,
    SUPERVISING_BODIES,
    Kinship,
    ReceivingBody,
    RecusalKind,
    UserRole,
)


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
        help_text=_(
            "整改联络员只能看到本乡镇（或本村）的整改台账；乡镇党委初审本乡镇的村；"
            "整改监督账号指定乡镇时只看本乡镇，不指定时看全县。"
        ),
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
                violation_error_message=_("整改联络员必须指定所属乡镇或村(社区)。"),
            ),
            models.CheckConstraint(
                condition=~Q(role=UserRole.TOWN_REVIEWER)
                | (Q(town__isnull=False) & Q(village__isnull=True)),
                name="user_town_reviewer_has_town",
                violation_error_message=_("乡镇党委初审账号必须指定所属乡镇，且不指定村(社区)。"),
            ),
            models.CheckConstraint(
                condition=~Q(role=UserRole.SUPERVISOR)
                | (
                    Q(receiving_body__in=SUPERVISING_BODIES)
                    & Q(village__isnull=True)
                ),
                name="user_supervisor_has_body",
                violation_error_message=_(
                    "整改监督账号必须指定所属机关（纪委监委或组织部），且不指定村(社区)。"
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def post_label(self) -> str:
        """What the header says the user is: the role, or for a liaison the place that
        receives their body's clues (the commission's 案件监督管理室)."""
        if self.role == UserRole.COMMISSION_LIAISON and self.receiving_body:
            point = RECEIVING_POINTS.get(self.receiving_body)
            return str(point or self.get_receiving_body_display())
        if self.role == UserRole.SUPERVISOR and self.receiving_body:
            return gettext("%(body)s（整改监督）") % {"body": self.get_receiving_body_display()}
        if self.role == UserRole.TOWN_REVIEWER and self.town_id:
            return gettext("%(town)s党委（整改初审）") % {"town": self.town.name}
        return str(self.get_role_display())


class RecusalDeclaration(models.Model):
    """A member's declared tie to a place or unit (回避申报): home, relative, former unit.

    A relative may be declared by name and relation alone (no place): the recusal check
    finds them on the villages' rosters (两委及村务监督委员会名册). A relative declared
    with a place and a post conflicts with that place as typed (rounds.selectors)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申报人"),
        on_delete=models.CASCADE,
        related_name="recusal_declarations",
    )
    kind = models.CharField(_("回避事由"), max_length=16, choices=RecusalKind.choices)
    town = models.ForeignKey(
        "inspection.Town",
        verbose_name=_("乡镇(街道)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    village = models.ForeignKey(
        "inspection.Village",
        verbose_name=_("村(社区)"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
    )
    relative_name = models.CharField(_("亲属姓名"), max_length=50, blank=True)
    relative_post = models.CharField(_("亲属职务"), max_length=100, blank=True)
    relation = models.CharField(_("亲属关系"), max_length=16, choices=Kinship.choices, blank=True)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    declared_on = models.DateField(_("申报日期"), auto_now_add=True)

    class Meta:
        verbose_name = _("回避申报")
        verbose_name_plural = _("回避申报")
        constraints = [
            models.CheckConstraint(
                condition=Q(town__isnull=False)
                | Q(village__isnull=False)
                | Q(kind=RecusalKind.RELATIVE),
                name="recusal_names_a_place",
                violation_error_message=_("回避申报必须指明乡镇或村(社区)。"),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RecusalKind.RELATIVE)
                | ~Q(relative_post="")
                | (Q(town__isnull=True) & Q(village__isnull=True)),
                name="recusal_relative_has_post",
                violation_error_message=_("指明乡镇或村(社区)的亲属任职回避必须填写亲属职务。"),
            ),
            models.CheckConstraint(
                condition=~Q(kind=RecusalKind.RELATIVE) | ~Q(relative_name=""),
                name="recusal_relative_has_name",
                violation_error_message=_("亲属任职回避必须填写亲属姓名。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()}"
