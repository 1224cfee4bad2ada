"""Search and ordering for every API list, through the confidentiality policy.

A term is looked for in the public fields of every row, and in the confidential fields
(names, contacts, testimony) only of the rows whose names the user reads: a search for a
name the user reads as ``张**`` narrows nothing (``inspection.confidentiality``). Ordering
by a confidential field would sort by the hidden name, so it is never offered.
"""

from rest_framework import filters

from inspection.confidentiality import is_confidential_lookup, search


class ConfidentialSearchFilter(filters.SearchFilter):
    def filter_queryset(self, request, queryset, view):
        fields = self.get_search_fields(view, request)
        terms = self.get_search_terms(request)
        if not fields or not terms:
            return queryset
        return search(queryset, request.user, terms, fields)


class ConfidentialOrderingFilter(filters.OrderingFilter):
    def get_valid_fields(self, queryset, view, context=None):
        fields = super().get_valid_fields(queryset, view, context or {})
        return [
            (name, label)
            for name, label in fields
            if not is_confidential_lookup(queryset.model, name)
        ]
