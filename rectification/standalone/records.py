"""Writing a bundle's records into the central database (docs/DOMAIN.md "Confidentiality":
the team's records come back once, added, never overwriting what changed centrally).

Each record is rebuilt from its fields (a foreign key is a central pk, or a ``{"ref": …}``
to a record made earlier in the bundle), checked as a form would check it (``full_clean``:
choices, lengths, required fields, the model's constraints), numbered as direct entry
numbers it (a 底稿 takes its assignment's next number, a written 立行立改通知 its 组别's),
and saved once per history row the laptop kept, attributed to that row's user at that
row's time: the central history reads as if the team had worked on the central system.
"""

import base64
import binascii
from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from findings.models import Problem
from findings.services.problems import number_problem
from inspection.errors import ApplicationError
from inspection.evidence import safe_name
from inspection.files import written_in_transaction
from inspection.models import User
from rectification.choices import OrderForm
from rectification.models import ImmediateOrder
from rectification.services.orders import _next_sequence
from rectification.standalone.direct_entry import create_through_service

# What a laptop records (issue 22): on-site work, 底稿 with evidence, on-site orders and
# the ledger items an order opens. Anything else in a bundle is refused.
IMPORTED_MODELS = (
    "rounds.interview",
    "rounds.activity",
    "rounds.petition",
    "rounds.petitionphoto",
    "findings.problem",
    "findings.problemevidence",
    "rectification.immediateorder",
    "rectification.rectificationitem",
)
# Numbered centrally: the laptop's numbers would collide with the office's.
NUMBERED = {"sequence", "number", "team_number", "year"}


class BundleRefused(ApplicationError):
    """A bundle the office cannot import as it is: the message says why."""


class BadRecord(BundleRefused):
    """A record of the bundle that cannot be written: the whole import is refused."""


@dataclass
class Written:
    """What the writing did: the laptop's refs → central pks, and counts per model."""

    pks: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def refuse(record: dict, message: str) -> BadRecord:
    text = _("数据包中的记录 %(ref)s 无法导入：%(message)s") % {
        "ref": record.get("ref", "?"),
        "message": message,
    }
    return BadRecord(text)


def model_of(record: dict) -> type[models.Model]:
    label = str(record.get("model", "")).lower()
    if label not in IMPORTED_MODELS:
        raise refuse(record, _("单机版不产生这类记录（%(model)s）。") % {"model": label})
    return apps.get_model(label)


def _target(record: dict, relation: models.Field, value, written: Written):
    """The central pk a foreign key (or one of a many-to-many's values) names."""
    if isinstance(value, dict):
        ref = str(value.get("ref"))
        pk = written.pks.get(ref)
        # A ref names its model ("app.model:pk", checked by ``bounds``): a ref to another
        # kind of record would give its pk to this relation, pointing anywhere.
        if pk is None or not ref.startswith(f"{relation.related_model._meta.label_lower}:"):
            raise refuse(record, _("引用的记录 %(ref)s 不在它之前。") % {"ref": value.get("ref")})
        return pk
    related = relation.related_model
    if not isinstance(value, int) or not related._default_manager.filter(pk=value).exists():
        raise refuse(
            record,
            _("它指向的%(model)s #%(pk)s 在系统中已不存在。")
            % {"model": related._meta.verbose_name, "pk": value},
        )
    return value


def _values(record: dict, model, fields: dict, written: Written) -> tuple[dict, dict]:
    """(concrete values by attname, many-to-many pks by name) of a snapshot of fields."""
    concrete, many = {}, {}
    for name, value in fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            raise refuse(record, _("没有字段“%(field)s”。") % {"field": name}) from None
        if model_field.primary_key or name == "submission_token":
            continue
        if model_field.many_to_many:
            if not isinstance(value, list | type(None)):
                raise refuse(record, _("字段“%(field)s”应为列表。") % {"field": name})
            many[name] = [_target(record, model_field, pk, written) for pk in value or ()]
        elif model_field.is_relation:
            target = None if value is None else _target(record, model_field, value, written)
            concrete[model_field.attname] = target
        elif not isinstance(model_field, models.FileField):
            try:
                concrete[model_field.attname] = model_field.to_python(value)
            except ValidationError as error:
                raise refuse(record, f"{name}: {'；'.join(error.messages)}") from None
            except (TypeError, ValueError):  # a list or an object where a value belongs
                raise refuse(record, _("字段“%(field)s”的值无效。") % {"field": name}) from None
    return concrete, many


def _attach_files(record: dict, instance) -> None:
    for name, given in (record.get("files") or {}).items():
        try:
            data = base64.b64decode(given["data"], validate=True)
            filename = safe_name(given["name"])
        except (KeyError, TypeError, binascii.Error):
            raise refuse(record, _("附件“%(field)s”已损坏。") % {"field": name}) from None
        getattr(instance, name).save(filename, ContentFile(data), save=False)
        written_in_transaction(getattr(instance, name))


def _number(instance) -> None:
    """Numbers the central system gives, as direct entry does."""
    if isinstance(instance, Problem):
        number_problem(instance, instance.assignment)
    elif isinstance(instance, ImmediateOrder) and instance.form == OrderForm.WRITTEN:
        instance.team_number = instance.team.number
        instance.sequence = _next_sequence(instance.team_number, instance.year)


def _save(record: dict, instance, *, insert: bool, user, at, reason: str) -> None:
    try:
        instance.full_clean(validate_unique=True, validate_constraints=True)
    except ValidationError as error:
        raise refuse(record, "；".join(error.messages)) from None
    instance._history_user = user
    instance._history_date = at or timezone.now()
    instance._change_reason = (reason or "")[:100]
    instance.save(force_insert=insert)


def _user(row: dict):
    return User.objects.filter(pk=row["user"]).first() if row.get("user") else None


def _restamp(instance, row: dict) -> None:
    """The history row a service just wrote takes the laptop's time (and author)."""
    if not hasattr(type(instance), "history") or not row.get("at"):
        return
    latest = instance.history.order_by("-history_id").values_list("history_id", flat=True)[:1]
    changes = {"history_date": parse_datetime(row["at"])}
    if row.get("user"):
        changes["history_user_id"] = row["user"]
    type(instance).history.filter(history_id__in=list(latest)).update(**changes)


def _created(record: dict, label: str, state: dict, many: dict, through_service: bool):
    if not through_service:
        return None
    try:
        return create_through_service(label, state, many)
    except ApplicationError as error:
        raise refuse(record, error.message) from None


def write_record(record: dict, written: Written, *, through_service: bool = True) -> models.Model:
    """Create one record of the bundle (and its history), remembering its central pk:
    through the screens' service where there is one (``direct_entry``), the later history
    rows and any other record as the laptop wrote them."""
    model = model_of(record)
    label = model._meta.label_lower
    ref = str(record.get("ref", ""))
    if not ref or ref in written.pks:
        raise refuse(record, _("记录编号缺失或重复。"))
    final, many = _values(record, model, record.get("fields") or {}, written)
    rows = record.get("history") or [{}]
    states = [
        _values(record, model, row["fields"], written)[0] if row.get("fields") else final
        for row in rows
    ]
    instance = _created(record, label, states[0], many, through_service)
    numbered = None
    if instance is not None:
        _restamp(instance, rows[0])
        numbered = {name: getattr(instance, name, None) for name in NUMBERED}
    else:
        instance = model(**final)
        _attach_files(record, instance)
    for position in range(0 if numbered is None else 1, len(rows)):
        for attname, value in states[position].items():
            if numbered is None or attname not in NUMBERED:
                setattr(instance, attname, value)
        if numbered is None:
            _number(instance)
            numbered = {name: getattr(instance, name, None) for name in NUMBERED}
        row = rows[position]
        at = parse_datetime(row["at"]) if row.get("at") else None
        reason = row.get("reason") or ""
        _save(record, instance, insert=position == 0, user=_user(row), at=at, reason=reason)
    kept = {name: value for name, value in final.items() if name not in NUMBERED}
    if any(getattr(instance, name) != value for name, value in kept.items()):
        for name, value in kept.items():
            setattr(instance, name, value)
        instance.skip_history_when_saving = True
        _save(record, instance, insert=False, user=None, at=None, reason="")
        del instance.skip_history_when_saving
    for name, pks in many.items():
        if set(getattr(instance, name).values_list("pk", flat=True)) != set(pks):
            getattr(instance, name).set(pks)
    _restore_stamps(instance, final)
    written.pks[ref] = instance.pk
    written.counts[label] = written.counts.get(label, 0) + 1
    return instance


def _restore_stamps(instance, final: dict) -> None:
    """``auto_now_add`` columns take the laptop's time, not the import's."""
    stamps = {
        model_field.attname: final[model_field.attname]
        for model_field in instance._meta.concrete_fields
        if getattr(model_field, "auto_now_add", False) and final.get(model_field.attname)
    }
    if stamps:
        type(instance)._default_manager.filter(pk=instance.pk).update(**stamps)
