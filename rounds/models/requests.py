"""函调 / 巡前通报: before a round the office writes to the bodies that hold facts on the
villages to be inspected (纪委监委, 组织部, 信访局, 审计局, 农业农村局, 民政局, 公检法) and
files their replies, each tagged to the villages it concerns (docs/DOMAIN.md, "Before the
round")."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.models import HistoryApiToken
from rounds.request_choices import DATA_REQUEST_NUMBER, DataRequestStatus, RequestBodyKind


class RequestBody(models.Model):
    """函调单位: a body the office writes to before a round (county data)."""

    name = models.CharField(_("单位名称"), max_length=100, unique=True)
    kind = models.CharField(_("单位类别"), max_length=20, choices=RequestBodyKind.choices)
    default_request = models.TextField(
        _("通常函调内容"), blank=True, help_text=_("新建函调时预填，可逐次修改。")
    )
    reply_days = models.PositiveSmallIntegerField(
        _("回复期限(天)"), default=7, help_text=_("发函后多少天内回复。")
    )
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    is_active = models.BooleanField(_("启用"), default=True)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("函调单位")
        verbose_name_plural = _("函调单位")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(reply_days__gte=1),
                name="request_body_reply_days_positive",
                violation_error_message=_("回复期限至少1天。"),
            )
        ]

    def __str__(self) -> str:
        return self.name


class DataRequestQuerySet(models.QuerySet):
    def overdue(self, on=None):
        """Sent, due before ``on`` (today), and no reply filed: 逾期, derived, never stored."""
        on = on or timezone.localdate()
        return self.filter(status=DataRequestStatus.SENT, due_on__lt=on)


class DataRequest(models.Model):
    """A 函调 (巡前通报函) of one round to one body about some of the round's villages."""

    round = models.ForeignKey(
        "rounds.InspectionRound",
        verbose_name=_("巡察轮次"),
        on_delete=models.CASCADE,
        related_name="data_requests",
    )
    body = models.ForeignKey(
        RequestBody,
        verbose_name=_("函调单位"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    villages = models.ManyToManyField(
        "inspection.Village", verbose_name=_("函调村(社区)"), related_name="data_requests"
    )
    asked = models.TextField(_("函调内容"))
    status = models.CharField(
        _("状态"),
        max_length=12,
        choices=DataRequestStatus.choices,
        default=DataRequestStatus.DRAFT,
        db_index=True,
    )
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    sent_on = models.DateField(_("发函日期"), null=True, blank=True)
    due_on = models.DateField(_("回复时限"), null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("拟稿人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发函人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords(bases=[HistoryApiToken])

    objects = DataRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("函调")
        verbose_name_plural = _("函调")
        ordering = ["round", "body__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "body"],
                name="data_request_one_per_body_in_round",
                violation_error_message=_("本轮次已向该单位函调。"),
            ),
            models.UniqueConstraint(
                fields=["year", "sequence"],
                name="data_request_unique_number",
                violation_error_message=_("同一年度函调文号不能重复。"),
            ),
            models.CheckConstraint(
                condition=Q(status=DataRequestStatus.DRAFT)
                | (
                    Q(sent_on__isnull=False)
                    & Q(due_on__isnull=False)
                    & Q(sequence__isnull=False)
                    & Q(year__isnull=False)
                    & Q(sent_by__isnull=False)
                ),
                name="data_request_sent_has_number_and_dates",
                violation_error_message=_("已发出的函调须有文号、发函日期和回复时限。"),
            ),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(sent_on__isnull=True)
                | Q(due_on__gte=F("sent_on")),
                name="data_request_due_not_before_sent",
                violation_error_message=_("回复时限不能早于发函日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · {self.body}"

    @property
    def number(self) -> str:
        """巡察函〔2026〕3号 once sent; "" for a draft."""
        if self.sequence is None:
            return ""
        return DATA_REQUEST_NUMBER.format(year=self.year, sequence=self.sequence)

    def is_overdue(self, on=None) -> bool:
        on = on or timezone.localdate()
        return (
            self.status == DataRequestStatus.SENT and self.due_on is not None and self.due_on < on
        )


class DataRequestReply(models.Model):
    """A body's reply to a 函调: the file, when it came, what it says, which villages."""

    request = models.ForeignKey(
        DataRequest, verbose_name=_("函调"), on_delete=models.PROTECT, related_name="replies"
    )
    file = models.FileField(_("回复文件"), upload_to="requests/replies/%Y/", max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=255)
    received_on = models.DateField(_("收到日期"))
    summary = models.TextField(_("回复摘要"))
    villages = models.ManyToManyField(
        "inspection.Village", verbose_name=_("涉及村(社区)"), related_name="data_request_replies"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)
    history = HistoricalRecords(bases=[HistoryApiToken], excluded_fields=["recorded_at"])

    class Meta:
        verbose_name = _("函调回复")
        verbose_name_plural = _("函调回复")
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.request.body} · {self.received_on:%Y-%m-%d}"
