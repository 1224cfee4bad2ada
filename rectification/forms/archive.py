"""Closing a round (归档): a note, and the lead's reason when the archive has gaps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from rectification.services.archive import OVERRIDE_REASON_MAX
from rounds.forms import MoveForm


class RoundCloseForm(MoveForm):
    override_reason = forms.CharField(
        label=_("归档说明"),
        required=False,
        max_length=OVERRIDE_REASON_MAX,
        help_text=_("档案不完整或线索未办结时，由巡察办主任写明仍予归档的理由；记入变更记录。"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
