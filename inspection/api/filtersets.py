"""Filters of the shared resources."""

import django_filters

from inspection.models import ApiToken, Town, User, Village


class TownFilterSet(django_filters.FilterSet):
    class Meta:
        model = Town
        fields = ("kind",)


class VillageFilterSet(django_filters.FilterSet):
    class Meta:
        model = Village
        fields = ("town", "kind", "attention_class", "is_active", "secretary_is_director")


class UserFilterSet(django_filters.FilterSet):
    class Meta:
        model = User
        fields = ("role", "town", "village", "receiving_body", "is_active")


class ApiTokenFilterSet(django_filters.FilterSet):
    revoked = django_filters.BooleanFilter(
        field_name="revoked_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = ApiToken
        fields = ("user",)
