"""The team's bundle (laptop → office; docs/DOMAIN.md "Confidentiality": the 单机版): the
records made on the laptop, with their history, sealed with the package's bundle key.

A record is the laptop's when its pk is above the highest its model had when the package
was loaded (``state.max_pks``). Its fields are written by name; a reference is the central
pk of a packaged record, or ``{"ref": "app.model:pk"}`` for one made on the laptop (always
earlier in the list: the models are written in ``COVERED``'s order). Files travel as bytes.
"""

import base64
import os

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from findings.models import Problem, ProblemEvidence
from inspection.errors import ConflictError
from rectification.models import ImmediateOrder, RectificationItem
from rectification.standalone import envelope
from rectification.standalone.state import StandaloneState, read_state
from rounds.models import Activity, Interview, Petition, PetitionPhoto

# What the team records on site, each after the records it may point at. An on-site order's
# ledger items (which problems it covers) come with it.
COVERED = (
    Interview,
    Activity,
    Petition,
    PetitionPhoto,
    Problem,
    ProblemEvidence,
    ImmediateOrder,
    RectificationItem,
)
FORMAT = 1


def team_bundle_make() -> tuple[bytes, dict]:
    """(the sealed file, its body) of what was made on this laptop."""
    state = read_state()
    if state is None:
        raise ConflictError(_("这里不是单机版：没有装入巡察组的数据包，无法生成回传包。"))
    records = []
    for model in COVERED:
        label = model._meta.label_lower
        rows = model._default_manager.filter(pk__gt=state.max_pks.get(label, 0)).order_by("pk")
        records.extend(_record(obj, state) for obj in rows)
    header = {
        "package": state.package,
        "team": state.team,
        "made_at": timezone.now().isoformat(),
    }
    body = {"format": FORMAT, "package": state.package, "team": state.team, "records": records}
    return envelope.seal(envelope.BUNDLE, header, body, state.bundle_key), body


def _reference(field, value, state: StandaloneState):
    if value is None:
        return None
    label = field.related_model._meta.label_lower
    if state.made_on_laptop(label, value):
        return {"ref": state.ref(label, value)}
    return value


def _value(field, value, state: StandaloneState):
    if field.is_relation:
        return _reference(field, value, state)
    if isinstance(field, models.FileField):
        return getattr(value, "name", value) or ""
    return _plain(value)


def _plain(value):
    """A JSON value: dates and times as ISO text, decimals as text, the rest as they are."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)


def _fields(obj, state, field_list) -> dict:
    return {
        field.name: _value(field, getattr(obj, field.attname), state)
        for field in field_list
        if not field.primary_key
    }


def _record(obj, state: StandaloneState) -> dict:
    model = type(obj)
    concrete = model._meta.concrete_fields
    fields = _fields(obj, state, concrete)
    for field in model._meta.many_to_many:
        pks = field.value_from_object(obj)
        fields[field.name] = [_reference(field, item.pk, state) for item in pks]
    files = {}
    for field in concrete:
        if isinstance(field, models.FileField) and getattr(obj, field.attname):
            value = getattr(obj, field.attname)
            with value.open("rb") as handle:
                data = base64.b64encode(handle.read()).decode()
            files[field.name] = {"name": os.path.basename(value.name), "data": data}
    return {
        "model": model._meta.label_lower,
        "ref": state.ref(model._meta.label_lower, obj.pk),
        "fields": fields,
        "files": files,
        "history": _history(obj, state),
    }


def _history(obj, state: StandaloneState) -> list[dict]:
    """The record's simple_history rows, oldest first (none for a model without history)."""
    manager = getattr(obj, "history", None)
    if manager is None:
        return []
    tracked = [
        field
        for field in type(obj)._meta.concrete_fields
        if not field.primary_key and _has(manager.model, field.attname)
    ]
    return [
        {
            "type": row.history_type,
            "at": row.history_date.isoformat(),
            "user": row.history_user_id,
            "reason": row.history_change_reason or "",
            "fields": _fields(row, state, tracked),
        }
        for row in manager.order_by("history_date", "history_id")
    ]


def _has(history_model, attname: str) -> bool:
    return any(field.attname == attname for field in history_model._meta.concrete_fields)
