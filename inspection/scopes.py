"""Who sees which places, terms and users."""

from inspection.choices import UserRole
from inspection.models import Term, Town, User, Village
from inspection.permissions import is_office, role_of, scope_of


def _places_for(user, queryset):
    """The registry is not confidential: every role but the statistics client reads it."""
    if role_of(user) == UserRole.STATISTICS_CLIENT:
        return queryset.none()
    return queryset


@scope_of(Town)
def visible_towns(user):
    return _places_for(user, Town.objects.all())


@scope_of(Village)
def visible_villages(user):
    return _places_for(user, Village.objects.all())


@scope_of(Term)
def visible_terms(user):
    return _places_for(user, Term.objects.all())


@scope_of(User)
def visible_users(user):
    """The office sees every account; everyone else only their own."""
    if is_office(user):
        return User.objects.all()
    return User.objects.filter(pk=user.pk)
