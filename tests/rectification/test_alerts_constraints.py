"""The database holds "one alert per subject and stage, ever" for feedback documents too."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from inspection.choices import AlertStage
from rectification.choices import FeedbackDocument
from rectification.models import Alert
from tests import factories as f

pytestmark = pytest.mark.django_db


def alert(**values) -> Alert:
    defaults = {"due_on": timezone.localdate(), "stage": AlertStage.RED}
    return Alert.objects.create(**defaults | values)


def refused(build, name: str) -> None:
    with pytest.raises(IntegrityError) as error, transaction.atomic():
        build()
    text = str(error.value)
    assert name in text or "UNIQUE constraint failed" in text, text


def test_a_feedback_alert_names_its_document_and_nothing_else():
    feedback = f.FeedbackFactory()
    alert(feedback=feedback, document=FeedbackDocument.PLAN)
    refused(lambda: alert(feedback=feedback), "alert_feedback_names_document")
    refused(lambda: alert(item=f.RectificationItemFactory(), document="plan"), "names_document")
    refused(
        lambda: alert(feedback=feedback, document="report", clue=f.ClueFactory()),
        "alert_for_item_or_clue",
    )


def test_one_alert_per_feedback_document_and_stage():
    feedback = f.FeedbackFactory()
    alert(feedback=feedback, document=FeedbackDocument.PLAN)
    alert(feedback=feedback, document=FeedbackDocument.REPORT)
    alert(feedback=feedback, document=FeedbackDocument.PLAN, stage=AlertStage.YELLOW)
    refused(
        lambda: alert(feedback=feedback, document=FeedbackDocument.PLAN),
        "alert_once_per_feedback_document_stage",
    )


def test_ignoring_conflicts_inserts_none_of_an_existing_stage():
    item = f.RectificationItemFactory()
    alert(item=item)
    Alert.objects.bulk_create(
        [Alert(item=item, stage=AlertStage.RED, due_on=item.deadline)], ignore_conflicts=True
    )
    assert Alert.objects.filter(item=item).count() == 1
