"""The 密级 of a record, as the screens show it (docs/DOMAIN.md, "Confidentiality").

Records carry a 密级: 内部 by default; clues and their papers (the clue, its persons
concerned, its evidence, the 移交函 that lists them) higher, 秘密. The levels by model
are the setting ``INSPECTION_RECORD_CLASSIFICATIONS`` ({model label: level}, a county's
own through the environment); a model not named there is 内部. The levels are the
documents' (``inspection.documents.choices.Classification``); a document keeps its own
密级 on the document record (the kind's default, ``INSPECTION_DOCUMENT_CLASSIFICATIONS``).

A page showing several records is as classified as the highest of them
(``highest_classification``): base.html marks every confidential screen with it
(``inspection.templatetags.screen_marks``).
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.checks import Error, register
from django.db import models

from inspection.documents.choices import Classification

# From the lowest to the highest.
ORDER = (Classification.INTERNAL, Classification.SECRET, Classification.CONFIDENTIAL)


def _model_of(record) -> type[models.Model] | None:
    if isinstance(record, models.Model):
        return type(record)
    if isinstance(record, type) and issubclass(record, models.Model):
        return record
    if isinstance(record, models.QuerySet):
        return record.model
    return None


def classification_of(record) -> Classification:
    """The 密级 of ``record`` (a model instance, a model class or a queryset of one)."""
    model = _model_of(record)
    if model is None:
        return Classification.INTERNAL
    chosen = settings.INSPECTION_RECORD_CLASSIFICATIONS.get(model._meta.label_lower)
    return Classification(chosen) if chosen in Classification.values else Classification.INTERNAL


def highest_classification(records: Iterable) -> Classification:
    """The 密级 of a page that shows ``records`` (内部 when it shows none)."""
    levels = [classification_of(record) for record in records]
    return max(levels, key=ORDER.index, default=Classification.INTERNAL)


@register()
def check_record_classifications(app_configs=None, **kwargs) -> list[Error]:
    """A county's setting names real models and real levels: a typo would otherwise leave
    a record it meant to raise at 内部 without a word."""
    from django.apps import apps

    errors = []
    for label, level in settings.INSPECTION_RECORD_CLASSIFICATIONS.items():
        app_label, _, model_name = label.partition(".")
        try:
            apps.get_model(app_label, model_name)
        except (LookupError, ValueError):
            errors.append(
                Error(
                    f"INSPECTION_RECORD_CLASSIFICATIONS names {label!r}, which is no model.",
                    hint="Use a model label such as findings.clue or rounds.interview.",
                    id="inspection.E111",
                )
            )
        if level not in Classification.values:
            errors.append(
                Error(
                    f"INSPECTION_RECORD_CLASSIFICATIONS gives {label!r} the level {level!r}.",
                    hint=f"Levels: {', '.join(Classification.values)}.",
                    id="inspection.E112",
                )
            )
    return errors
