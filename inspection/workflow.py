"""The plumbing every workflow action shares: transitions, row locks, history, side effects.

A workflow action is one service function (``clue_review``, ``rectification_item_verify``
…). Each follows the same steps, in this order:

1. ``lock_visible(queryset, pk)``: fetch the record *within the actor's scope* under
   ``SELECT … FOR UPDATE`` (a record outside the scope is answered as not found);
2. ``authorize(actor, action, obj)`` from ``inspection.permissions``;
3. ``transition.check(obj)`` (or a ``StatusWindow``'s, for an action that does not move
   the record; both call ``require_status``): the record is in an allowed state, else a
   ``ConflictError`` (someone moved it first, or it was never in that state);
4. the action's own rules on its inputs (``ApplicationError`` with a message naming
   what is missing);
5. ``save_with_history(obj, actor, note)``: one history row with actor, time and note;
6. side effects queued with ``transaction.on_commit``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction
from django.utils.translation import gettext as _

from inspection.errors import ApplicationError, ConflictError, NotFoundError


def require_status(obj, statuses: tuple[str, ...], action: str) -> None:
    """The one state guard: a ``ConflictError`` unless ``obj.status`` is one of ``statuses``
    (someone moved it first, or it was never there), naming ``action`` (the verb refused)
    and the statuses in which it is open."""
    if obj.status in statuses:
        return
    labels = dict(obj._meta.get_field("status").flatchoices)
    allowed = _("或").join(_("「%(status)s」") % {"status": labels[s]} for s in statuses)
    raise ConflictError(
        _(
            "「%(record)s」当前状态为「%(status)s」，不能%(action)s（%(allowed)s时才能）。"
            "可能已被他人处理，请刷新后重试。"
        )
        % {
            "record": obj._meta.verbose_name,
            "status": obj.get_status_display(),
            "action": action,
            "allowed": allowed,
        }
    )


@dataclass(frozen=True)
class Transition:
    """A move of ``status`` from one of ``sources`` to ``target``; ``label`` is the verb,
    Chinese source text, marked where the transition is declared and
    translated when a message names it (lazily: `gettext_lazy`)."""

    name: str
    sources: tuple[str, ...]
    target: str
    label: str

    def allows(self, obj) -> bool:
        return obj.status in self.sources

    def check(self, obj) -> None:
        require_status(obj, self.sources, self.label)


@dataclass(frozen=True)
class StatusWindow:
    """The statuses of a record (often the round) in which an action that does not move
    it is open; the twin of ``Transition``, guarded alike by ``require_status``."""

    statuses: tuple[str, ...]
    label: str

    def allows(self, obj) -> bool:
        return obj.status in self.statuses

    def check(self, obj) -> None:
        require_status(obj, self.statuses, self.label)


def lock_visible(queryset: models.QuerySet, pk) -> models.Model:
    """The row ``pk`` of ``queryset`` (already scoped to the actor), locked for update.

    Must run inside ``transaction.atomic``. Only the row itself is locked (``of=self``),
    not the rows joined by the scope. A missing or out-of-scope row raises
    ``NotFoundError``, so the answer does not reveal that the record exists.
    """
    model = queryset.model
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFoundError(
            _("%(record)s不存在。") % {"record": model._meta.verbose_name}
        ) from None
    locked = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
    if locked is None:
        raise NotFoundError(
            _("%(record)s不存在或无权访问。") % {"record": model._meta.verbose_name}
        )
    return locked


def save_with_history(obj: models.Model, *, actor, note: str = "") -> None:
    """Save ``obj`` once, writing one history row that names the actor and the note."""
    obj._history_user = actor
    obj._change_reason = note[:100] if note else ""
    obj.save()


def require(condition: bool, message: str, *, field: str = "__all__") -> None:
    """Refuse the action with ``message`` (for ``field``) unless ``condition`` holds."""
    if not condition:
        raise ApplicationError(message, errors={field: [message]})


def on_commit(callback: Callable[[], None]) -> None:
    """Queue a side effect to run once the action's transaction has committed."""
    transaction.on_commit(callback)


def refused_item(error: ApplicationError, which: str) -> ApplicationError:
    """``error``, of its own kind (403, 404, 409 or 400 stay so), restated for the one item
    of a compound action that was refused: ``which`` (e.g. "第3条线索（#26）") leads its
    message and every field message, and the user is told that nothing was changed
    (the compound action's transaction undoes the items done before it)."""

    def restated(text: str) -> str:
        return _("未作任何更改：%(which)s：%(reason)s") % {"which": which, "reason": text}

    errors = {field: [restated(text) for text in texts] for field, texts in error.errors.items()}
    return type(error)(restated(error.message), errors=errors or None)
