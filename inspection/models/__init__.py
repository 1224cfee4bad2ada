"""What every app hangs on: users and their roles, places, terms, attachments, logs,
documents (whose models live in ``inspection.documents``)."""

from inspection.documents.models import Document, DocumentCounter, DocumentTemplate
from inspection.models.notifications import (
    DeliveryChannel,
    DeliveryStatus,
    Notification,
    NotificationDelivery,
)
from inspection.models.places import (
    TOWN_CODE_PATTERN,
    VILLAGE_CODE_PATTERN,
    Term,
    Town,
    Village,
)
from inspection.models.profile import (
    RosterEntry,
    VillageFinance,
    VillagePartyOrganisation,
    VillageProject,
)
from inspection.models.records import AccessLog, Attachment
from inspection.models.tokens import ApiToken, HistoryApiToken, history_attrs, token_of
from inspection.models.users import RecusalDeclaration, User

__all__ = [
    "TOWN_CODE_PATTERN",
    "VILLAGE_CODE_PATTERN",
    "AccessLog",
    "ApiToken",
    "Attachment",
    "DeliveryChannel",
    "DeliveryStatus",
    "Document",
    "DocumentCounter",
    "DocumentTemplate",
    "HistoryApiToken",
    "Notification",
    "NotificationDelivery",
    "RecusalDeclaration",
    "RosterEntry",
    "Term",
    "Town",
    "User",
    "Village",
    "VillageFinance",
    "VillagePartyOrganisation",
    "VillageProject",
    "history_attrs",
    "token_of",
]
