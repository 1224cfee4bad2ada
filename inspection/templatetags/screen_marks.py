"""What marks a confidential screen (docs/DOMAIN.md, "Confidentiality"): its 密级 near the
title, and the reader's name and the time across the page, so that a photographed or
printed screen names who read it and when.

The rule, kept in one place (``is_confidential_screen``): **every page served to a
signed-in user is a confidential screen**, except the pages about the user's own account
(changing the password), which show no record. Every list and detail is scoped by role
(interviews, petitions, 底稿, clues, reports, rectification items …), and so is the
dashboard's drill-down; marking them all means a new page is marked without anyone
remembering to. The sign-in page and the public intake pages (码上巡, ``public/base.html``:
villagers' own reports) are for visitors not signed in and carry no mark.

``{% classification_mark %}`` (in base.html, above the page's content): the page's 密级,
the highest of the records its view names in the context as ``classified`` (a record, a
model or a queryset, or a list of them: ``inspection.classification``); on the admin's
pages, the model of the page (``opts``); 内部 when it names none. ``{% watermark %}``
(at the end of <body>): the overlay of ``reader_mark``, drawn by static/css/marks.css
(no inline style or script: the CSP allows neither).
"""

from django import template

from inspection.classification import highest_classification
from inspection.documents.choices import Classification
from inspection.watermark import reader_mark

register = template.Library()

# The pages of a signed-in user that show no record (view names).
UNMARKED_VIEWS = frozenset({"inspection:password_change", "inspection:password_change_done"})
# Rows of the overlay (each draws the mark eight times): enough to cover a wide screen
# turned diagonally.
WATERMARK_ROWS = 24


def is_confidential_screen(request) -> bool:
    """Whether the page answering ``request`` is a confidential screen (the rule above)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    match = getattr(request, "resolver_match", None)
    return not (match and match.view_name in UNMARKED_VIEWS)


def _records(classified) -> list:
    if classified is None or classified == "":
        return []
    return list(classified) if isinstance(classified, list | tuple) else [classified]


@register.inclusion_tag("includes/classification_mark.html", takes_context=True)
def classification_mark(context) -> dict:
    request = context.get("request")
    if request is None or not is_confidential_screen(request):
        return {"level": None}
    records = _records(context.get("classified"))
    opts = context.get("opts")
    if not records and opts is not None and getattr(opts, "model", None) is not None:
        records = [opts.model]  # an admin page: its model (a clue's change list is 秘密)
    level = highest_classification(records)
    return {"level": level, "raised": level != Classification.INTERNAL}


@register.inclusion_tag("includes/watermark.html", takes_context=True)
def watermark(context) -> dict:
    request = context.get("request")
    if request is None or not is_confidential_screen(request):
        return {"mark": ""}
    return {"mark": reader_mark(request.user), "rows": range(WATERMARK_ROWS)}
