"""What the round screens share: scoped lookups with what the page reads joined in."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from inspection.api.fields import ID_MAX
from inspection.errors import ApplicationError, NotFoundError, PermissionDeniedError
from inspection.permissions import visible
from rounds.models import Assignment, InspectionRound, Team, TeamMember


def _scoped_or_404(queryset, pk: int):
    """``queryset``'s row ``pk`` (already scoped to the user), else 404."""
    if not 0 < pk <= ID_MAX:
        raise Http404
    return get_object_or_404(queryset, pk=pk)


def round_or_404(user, pk: int) -> InspectionRound:
    rounds = visible(InspectionRound, user).select_related("term", "revisits")
    return _scoped_or_404(rounds, pk)


def team_or_404(user, pk: int) -> Team:
    teams = visible(Team, user).select_related("round", "round__term")
    return _scoped_or_404(teams, pk)


def membership_or_404(user, pk: int) -> TeamMember:
    memberships = visible(TeamMember, user).select_related("team", "team__round", "user")
    return _scoped_or_404(memberships, pk)


def assignment_or_404(user, pk: int) -> Assignment:
    assignments = visible(Assignment, user).select_related("round", "town", "village", "team")
    return _scoped_or_404(assignments, pk)


def whole_message(form, action):
    """``action`` whose refusal shows its whole message, next to the first field it names.

    Some refusals list details under a field and say what to do only in the message (a
    recusal refusal lists each conflict and asks for the office lead's reason; going on
    site lists each gap): shown as they are, the listing would lose its sense.
    """

    def run():
        try:
            return action()
        except (PermissionDeniedError, NotFoundError):
            raise
        except ApplicationError as error:
            named = error.errors or {}
            if all(list(messages) == [error.message] for messages in named.values()):
                raise
            fields = [name for name in named if name in form.fields]
            target = fields[0] if fields else "__all__"
            raise ApplicationError(error.message, errors={target: [error.message]}) from error

    return run
