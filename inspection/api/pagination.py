"""Cursor pagination: a deep page costs what the first does (no OFFSET)."""

from rest_framework.pagination import CursorPagination


class IdCursorPagination(CursorPagination):
    """Newest first by primary key, which is unique and indexed: a stable cursor."""

    ordering = "-id"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
