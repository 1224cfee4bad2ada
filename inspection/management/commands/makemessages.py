"""``makemessages`` that also extracts the project's gettext aliases.

Module-level labels are marked ``_lazy("…")`` (``gettext_lazy as _lazy``) and stored texts
translated only when shown ``_noop("…")`` (``gettext_noop as _noop``); xgettext knows
neither name, so without these keywords their texts never reach the catalogue.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    xgettext_options = [
        *makemessages.Command.xgettext_options,
        "--keyword=_lazy",
        "--keyword=_noop",
    ]
