"""The API inputs' shared fields: bounds of the columns (ids, counts, moments since 1900),
text a service checks, and refusals that tell the client what to send instead."""

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


ID_MAX = 2**63 - 1  # a bigint primary key
COUNT_MAX = 2**31 - 1  # PositiveIntegerField
SMALL_MAX = 2**15 - 1  # PositiveSmallIntegerField


class IdField(serializers.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", ID_MAX)
        super().__init__(**kwargs)


class IdListField(serializers.ListField):
    """A list of ids; a bad item is named by its position in a flat message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("child", IdField())
        super().__init__(**kwargs)

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError(
                [
                    _("第%(number)s项：%(message)s") % {"number": index + 1, "message": message}
                    for index, ms in exc.detail.items()
                    for message in ms
                ]
            ) from None


class MomentField(serializers.DateTimeField):
    """A date and time since 1900: earlier ones are typos, and a naive one in year 1
    overflows when DRF checks it against UTC (a 500 otherwise)."""

    def enforce_timezone(self, value):
        if value.year < 1900:
            raise serializers.ValidationError(_("时间不能早于1900年。"))
        return super().enforce_timezone(value)


def text(**kwargs):
    """Required text that a service checks (blank reaches the service, which says what)."""
    return serializers.CharField(allow_blank=True, **kwargs)


def optional_text(**kwargs):
    return serializers.CharField(required=False, allow_blank=True, default="", **kwargs)


def optional_id(**kwargs):
    return IdField(required=False, allow_null=True, default=None, **kwargs)


def optional_date(**kwargs):
    return serializers.DateField(required=False, allow_null=True, default=None, **kwargs)


def count(**kwargs):
    return serializers.IntegerField(required=False, default=0, max_value=COUNT_MAX, **kwargs)


def plain_text(value) -> bool:
    """A string the database can store: no NUL, no lone surrogate (as CharField checks)."""
    return isinstance(value, str) and not any(
        char == "\x00" or "\ud800" <= char <= "\udfff" for char in value
    )
