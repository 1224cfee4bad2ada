"""Serializer fields whose refusals tell the client what to send instead."""

from django.utils.translation import gettext as _
from rest_framework import serializers


def accepted_values_message(value, choices) -> str:
    """“村党组织书记” is not one of the values: say which are (the codes a client sends,
    not the labels a screen shows)."""
    accepted = _("、").join(str(key) for key in choices if key not in ("", None))
    return _("“%(value)s” 不是可选值，可选：%(choices)s。") % {"value": value, "choices": accepted}


class ChoiceField(serializers.ChoiceField):
    """DRF's choice field; an unknown value is refused with the accepted values named."""

    def to_internal_value(self, data):
        try:
            return super().to_internal_value(data)
        except serializers.ValidationError as error:
            codes = error.get_codes()
            if codes != ["invalid_choice"]:
                raise
            raise serializers.ValidationError(
                accepted_values_message(data, self.choices), code="invalid_choice"
            ) from None
