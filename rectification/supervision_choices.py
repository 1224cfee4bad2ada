"""Choices of supervision (整改监督): the 督办函 and 提示函 the office sends a unit."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    # 督办函: only for overdue (red) items; 提示函: items turning yellow, or red.
    SUPERVISE = "supervise", _("督办函")
    REMIND = "remind", _("提示函")


class LetterStatus(models.TextChoices):
    ISSUED = "issued", _("已下发")
    SIGNED_FOR = "signed_for", _("已签收")
    REPLIED = "replied", _("已回复")


# The number's prefix by kind: 督办〔2026〕3号, 提示〔2026〕1号.
LETTER_PREFIX = {LetterKind.SUPERVISE: "督办", LetterKind.REMIND: "提示"}
