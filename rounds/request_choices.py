"""Choices of the work before a round (巡前准备): the 函调 / 巡前通报 letters to the bodies
that hold facts on the villages, and the per-village 个性监督清单 and 谈话提纲."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestBodyKind(models.TextChoices):
    """What kind of body a 函调单位 is: the seven usual ones, and any other the county adds."""

    DISCIPLINE = "discipline", _("纪检监察机关")
    ORGANISATION = "organisation", _("组织部门")
    PETITIONS = "petitions", _("信访部门")
    AUDIT = "audit", _("审计部门")
    AGRICULTURE = "agriculture", _("农业农村部门")
    CIVIL_AFFAIRS = "civil_affairs", _("民政部门")
    LAW_ENFORCEMENT = "law_enforcement", _("政法机关")
    OTHER = "other", _("其他部门")


class DataRequestStatus(models.TextChoices):
    # 逾期 is not a status: it is derived (sent, due date passed, no reply filed).
    DRAFT = "draft", _("拟稿")
    SENT = "sent", _("已发出")
    REPLIED = "replied", _("已回复")


class BriefKind(models.TextChoices):
    CHECKLIST = "checklist", _("个性监督清单")
    OUTLINE = "outline", _("谈话提纲")


# The letter's number: 巡察函〔2026〕3号, taken from the documents' counter when it is sent.
DATA_REQUEST_NUMBER = "巡察函〔{year}〕{sequence}号"
DATA_REQUEST_COUNTER = "data_request"
