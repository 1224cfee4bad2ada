"""What every screen shares: scoped lookups, filtered and paginated lists, running an
action from a form, and the role gate.

Views stay thin (STYLE): they parse a form, call one service or selector through these
helpers, and render. The scope comes from ``visible()`` as everywhere else, so a guessed
URL outside the user's scope answers 404 exactly like a record that does not exist.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

import django_filters
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

from inspection.confidentiality import search
from inspection.errors import ApplicationError, NotFoundError, PermissionDeniedError
from inspection.once import sent_before
from inspection.permissions import visible

PAGE_SIZE = 50


def screen(predicate: Callable | None = None):
    """A signed-in user's page; ``predicate(user)`` (a rules predicate) gates it by role.

    Anonymous users go to the sign-in page; a signed-in user the predicate refuses gets
    403 (the page exists, but not for their role).
    """

    def decorate(view):
        @wraps(view)
        def gated(request, *args, **kwargs):
            if predicate is not None and not predicate(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return login_required(gated)

    return decorate


def visible_or_404(model, user, **lookup):
    """The record if ``user`` may see it, else 404 (out of scope looks like absent)."""
    for value in lookup.values():
        if isinstance(value, int) and not 0 < value < 2**63:
            raise Http404
    return get_object_or_404(visible(model, user), **lookup)


class SearchBox(django_filters.CharFilter):
    """A list screen's search box: rows with every word (the first ``MAX_SEARCH_TERMS``)
    in one of ``fields``, through the confidentiality policy as the API's ``search=`` is:
    a name or testimony is matched only in the rows whose names the user reads."""

    def __init__(self, *, fields: tuple[str, ...], **kwargs):
        self.search_fields = tuple(fields)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value or not value.strip():
            return qs
        request = getattr(self.parent, "request", None)
        user = getattr(request, "user", None)
        return search(qs, user, value.split(), self.search_fields)


def in_one_order(queryset):
    """``queryset`` in its own ordering with the primary key last: pages cut by OFFSET
    hold each row once only if equal values (a deadline many items share) come back in
    one order, which PostgreSQL does not promise without a unique last column."""
    query = queryset.query
    if query.combinator:
        return queryset
    ordering = list(query.order_by)
    if not ordering and query.default_ordering:
        ordering = list(queryset.model._meta.ordering)
    names = {name.lstrip("-") for name in ordering if isinstance(name, str)}
    if names & {"pk", "id"}:
        return queryset
    return queryset.order_by(*ordering, "pk")


class Listing:
    """A list screen's state: the filter form, the page of rows, and the query string
    that keeps the filters when paging (``?{{ listing.query }}&page=2``)."""

    def __init__(self, request, queryset, filterset_class=None, per_page: int = PAGE_SIZE):
        self.filterset = None
        if filterset_class is not None:
            self.filterset = filterset_class(
                request.GET or None, queryset=queryset, request=request
            )
            if self.filterset.is_bound and not self.filterset.is_valid():
                queryset = queryset.none()
            else:
                queryset = self.filterset.qs
        paginator = Paginator(in_one_order(queryset), per_page)
        try:
            self.page = paginator.page(request.GET.get("page") or 1)
        except PageNotAnInteger:
            self.page = paginator.page(1)
        except EmptyPage:
            self.page = paginator.page(paginator.num_pages)
        kept = [(key, value) for key, value in request.GET.items() if key != "page" and value]
        self.query = urlencode(kept)
        self.filtered = bool(kept)

    @property
    def form(self):
        return self.filterset.form if self.filterset is not None else None

    @property
    def rows(self):
        return self.page.object_list

    def __iter__(self):
        return iter(self.page.object_list)


def perform(request, form, action: Callable, *, success: str | None = None):
    """Run ``action()`` (a service call) for a valid ``form``.

    Returns what the action returned, or None when it refused: its message is then shown
    next to the field it names (or above the form), and nothing was written, since every
    service is one transaction. A refusal for lack of permission is a 403, a record
    outside the user's scope a 404.
    """
    try:
        result = action()
    except PermissionDeniedError as error:
        raise PermissionDenied(error.message) from error
    except NotFoundError as error:
        raise Http404(error.message) from error
    except ApplicationError as error:
        attach_errors(form, error)
        return None
    if success:
        messages.success(request, success)
    remember_sent(request, getattr(form, "cleaned_data", {}).get("submission"))
    return result if result is not None else True


# How many tokens of forms saved a session remembers for drafts.js (remember_sent).
SENT_REMEMBERED = 20


def remember_sent(request, token: str | None) -> None:
    """The one-time token of a form the server saved: every later page of the session lists
    it (``<body data-drafts-sent>``, ``inspection.navigation.drafts``), and drafts.js drops
    the browser's draft holding it. So a draft leaves the phone once it is saved even when
    the answer saying so never arrived (a dropped connection after the save) and the form
    is not sent again (docs/DOMAIN.md, "Confidentiality": phone drafts hold nothing once
    sent). Kept in the server's session store, written even when the answer is lost."""
    session = getattr(request, "session", None)
    if not token or session is None:
        return
    sent = [each for each in session.get("drafts_sent", []) if each != token]
    session["drafts_sent"] = [*sent, token][-SENT_REMEMBERED:]


def attach_errors(form, error: ApplicationError) -> None:
    """Put an application error's messages on the form fields they name."""
    placed = False
    for field, field_messages in (error.errors or {}).items():
        target = field if field in form.fields else None
        for message in field_messages if isinstance(field_messages, list) else [field_messages]:
            form.add_error(target, str(message))
            placed = True
    if not placed:
        form.add_error(None, error.message)


def already_sent(request, model: type[models.Model], *, by: str = "recorded_by") -> bool:
    """The form's token already saved a record of the user's: a resend after a lost answer
    (or after signing in again), answered without a second record. The service answers
    the same way when two sendings cross; this only chooses the page's words."""
    try:
        earlier = sent_before(
            model, request.POST.get("submission") or None, actor=request.user, by=by
        )
    except ApplicationError:
        return False  # someone else's token: the service refuses it next to the form
    if earlier is not None:
        remember_sent(request, request.POST.get("submission"))
    return earlier is not None
