"""The levels of 密级 a document carries."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.TextChoices):
    """密级: 内部 by default; clue papers higher (each kind declares its default)."""

    INTERNAL = "internal", _("内部")
    SECRET = "secret", _("秘密")
    CONFIDENTIAL = "confidential", _("机密")


class DocumentOrigin(models.TextChoices):
    GENERATED = "generated", _("系统生成")
    UPLOADED = "uploaded", _("上传修改稿")
