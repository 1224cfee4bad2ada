import pytest

from tests import factories


@pytest.mark.django_db
def test_every_factory_builds_a_valid_row():
    item = factories.RectificationItemFactory()
    factories.ClueSubjectFactory(clue__assignment=item.feedback.assignment)
    factories.InterviewFactory(assignment=item.feedback.assignment)
    factories.ActivityFactory(assignment=item.feedback.assignment)
    factories.PetitionFactory(assignment=item.feedback.assignment)
    factories.TeamMemberFactory(team=item.feedback.assignment.team)
    assert item.problem.assignment.village.code.startswith(item.problem.assignment.town.code)
