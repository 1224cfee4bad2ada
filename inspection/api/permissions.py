"""API access by role: the statistics client reads aggregates and the registers that
name them (towns, villages, terms, rounds), nothing else."""

from django.utils.translation import gettext_lazy as _lazy
from rest_framework.permissions import SAFE_METHODS, BasePermission

from inspection.choices import UserRole
from inspection.permissions import role_of


class RecordReader(BasePermission):
    """Signed-in users of every role but the statistics client (records are personal)."""

    message = _lazy("该账号只能读取统计数据。")

    def has_permission(self, request, view):
        role = role_of(request.user)
        return role is not None and role != UserRole.STATISTICS_CLIENT


class RegisterReader(RecordReader):
    """The registers a statistics client names its questions by (towns, villages, terms,
    rounds: nothing personal in them) are read by every role; written as records are."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return role_of(request.user) is not None
        return super().has_permission(request, view)


class StatisticsReader(BasePermission):
    """Every signed-in role may read aggregates."""

    def has_permission(self, request, view):
        return role_of(request.user) is not None
