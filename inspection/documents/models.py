"""Documents, the county's own templates and the number counters (app label: inspection)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from inspection.documents.choices import Classification, DocumentOrigin
from inspection.models.tokens import HistoryApiToken


class Document(models.Model):
    """One version of a generated (or edited and uploaded) document of a subject.

    The subject is row ``object_id`` of the kind's model (``DocumentKind.model``): the kind
    says which model, so no content type is stored beside it."""

    kind = models.CharField(_("文书类型"), max_length=40)
    object_id = models.PositiveBigIntegerField(_("对象编号"))
    number = models.CharField(_("文号"), max_length=60, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    sequence = models.PositiveIntegerField(_("序号"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("版本"), default=1)
    classification = models.CharField(
        _("密级"), max_length=16, choices=Classification.choices, default=Classification.INTERNAL
    )
    origin = models.CharField(_("来源"), max_length=12, choices=DocumentOrigin.choices)
    file = models.FileField(_("文件"), upload_to="documents/%Y/%m/")
    checksum = models.CharField(_("SHA-256校验值"), max_length=64)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    # What decided the content, as a digest, for a kind that names it
    # (``DocumentKind.basis``); an uploaded copy keeps the one of the version it edits.
    basis = models.CharField(_("生成依据摘要"), max_length=64, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("生成/上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("生成/上传时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("文书")
        verbose_name_plural = _("文书")
        ordering = ["kind", "object_id", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "version"],
                name="document_one_version_number_per_subject",
            ),
            # The first version takes the number; later versions keep it.
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"],
                condition=Q(version=1, sequence__isnull=False),
                name="document_number_unique_per_kind_year",
                violation_error_message=_("该文号已被使用。"),
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="document_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.number or self.object_id} v{self.version}"

    @property
    def subject(self):
        """The record the document is of (None if its kind is no longer declared)."""
        from inspection.documents.registry import kind_of

        kind = kind_of(self.kind)
        if kind is None:
            return None
        return kind.model._default_manager.filter(pk=self.object_id).first()


class DocumentTemplate(models.Model):
    """The county's own template of a kind; absent means the shipped one."""

    kind = models.CharField(_("文书类型"), max_length=40, unique=True)
    file = models.FileField(_("模板文件"), upload_to="document_templates/")
    original_name = models.CharField(_("原文件名"), max_length=255, blank=True)
    checksum = models.CharField(_("SHA-256校验值"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)
    history = HistoricalRecords(bases=[HistoryApiToken])

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.kind


class DocumentCounter(models.Model):
    """The last number given to a kind in a year (one county per installation). Its row
    is locked by the generating transaction, so a failed generation gives its number back
    and two generations never take the same one."""

    kind = models.CharField(_("文书类型"), max_length=40)
    year = models.PositiveSmallIntegerField(_("年度"))
    last = models.PositiveIntegerField(_("已用至"), default=0)

    class Meta:
        verbose_name = _("文号计数")
        verbose_name_plural = _("文号计数")
        constraints = [
            models.UniqueConstraint(fields=["kind", "year"], name="document_counter_kind_year")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.year}: {self.last}"
