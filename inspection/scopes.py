"""Who sees which places, terms and users; who manages API tokens."""

import rules
from django.utils.translation import gettext_lazy as _lazy

from inspection.choices import UserRole
from inspection.models import (
    ApiToken,
    Notification,
    RecusalDeclaration,
    RosterEntry,
    Term,
    Town,
    User,
    Village,
    VillageFinance,
    VillagePartyOrganisation,
    VillageProject,
    token_of,
)
from inspection.permissions import (
    action,
    is_county_supervisor,
    is_inspector,
    is_office,
    reads_all,
    reads_unit_ledger,
    role_of,
    scope_of,
)


def _places_for(user, queryset):
    """The registry is not confidential: every role reads it, the statistics client too
    (it names the towns, villages and terms its questions are about)."""
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


def _is_statistics_client(user) -> bool:
    return role_of(user) == UserRole.STATISTICS_CLIENT


@rules.predicate
def issues_for_themselves(actor, user) -> bool:
    """A person's own token. A statistics client's account is a platform's, not a person's:
    the office issues its tokens (and the API refuses it every record, tokens included)."""
    return user is not None and user.pk == actor.pk and not _is_statistics_client(actor)


@rules.predicate
def is_statistics_client_account(actor, user) -> bool:
    return user is not None and user.role == UserRole.STATISTICS_CLIENT


@rules.predicate
def signed_in_in_person(actor) -> bool:
    """The actor signed in (a session, the admin, a command), not through a token."""
    return token_of(actor) is None


@rules.predicate
def owns_token(actor, token) -> bool:
    return token is not None and token.user_id == actor.pk and not _is_statistics_client(actor)


# A token acts as its user: issuing one for somebody else would let the issuer act as
# them, with history and the access log naming them. So nobody does, except the office
# for the statistics clients' platforms (aggregates only). And never through a token: a
# key (short-lived, or stolen) would mint one that outlives it and its revocation.
action(
    "api_token_issue",
    _lazy("签发接口令牌"),
    signed_in_in_person
    & (issues_for_themselves | (is_office & is_statistics_client_account)),
)
action("api_token_revoke", _lazy("吊销接口令牌"), owns_token | is_office)


@scope_of(ApiToken)
def visible_api_tokens(user):
    """The office sees every token; a user sees their own (never the key)."""
    if is_office(user):
        return ApiToken.objects.all()
    return ApiToken.objects.filter(user_id=user.pk)


@scope_of(Notification)
def visible_notifications(user):
    """Everyone reads their own notifications, and only those (the in-app centre)."""
    return Notification.objects.filter(recipient_id=user.pk)


@scope_of(RecusalDeclaration)
def visible_recusal_declarations(user):
    """The office reads every declaration; anyone else their own."""
    declarations = RecusalDeclaration.objects.all()
    return declarations if is_office(user) else declarations.filter(user_id=user.pk)


# ------------------------------------------------------------------- the village profile
# The registry's figures are public to every role; the profile (村情画像) names people (the
# roster) and is read by those who work on the village: the office and leadership, the
# teams assigned to it in any round, and the unit's rectification contacts, its town's
# reviewer and the supervisors of its town (or of the county).


def profile_villages(user):
    """The villages whose profile ``user`` reads."""
    villages = Village.objects.all()
    if reads_all(user):
        return villages
    if is_inspector(user):
        return villages.filter(
            pk__in=Village.objects.filter(assignments__team__memberships__user_id=user.pk)
            .values("pk")
        )
    if reads_unit_ledger(user):
        if is_county_supervisor(user):
            return villages
        if user.village_id:
            return villages.filter(pk=user.village_id)
        if user.town_id:
            return villages.filter(town_id=user.town_id)
    return villages.none()


def reads_profile(user, village) -> bool:
    return profile_villages(user).filter(pk=village.pk).exists()


def _of_profile_villages(model, user):
    rows = model.objects.all()
    if reads_all(user):
        return rows
    return rows.filter(village__in=profile_villages(user))


@scope_of(RosterEntry)
def visible_roster(user):
    return _of_profile_villages(RosterEntry, user)


@scope_of(VillageFinance)
def visible_finances(user):
    return _of_profile_villages(VillageFinance, user)


@scope_of(VillageProject)
def visible_projects(user):
    return _of_profile_villages(VillageProject, user)


@scope_of(VillagePartyOrganisation)
def visible_party_organisations(user):
    """The party organisation's name is printed on every document: public as the registry."""
    return VillagePartyOrganisation.objects.all()


# The office keeps the profile (the roster also through its import).
action("village_profile_edit", _lazy("维护村情画像"), is_office)
