"""The taxonomy (四个聚焦 → 方面 → 类): the shipped catalogue, county edits kept, entries
in use switched off rather than deleted, and its API list in a fixed number of queries."""

import pytest
from django.db.models import ProtectedError
from rest_framework.test import APIClient

from findings.catalogue import CATALOGUE, LEGACY_CLASSES, seed_catalogue
from findings.models import ProblemAspect, ProblemClass, ProblemFocus
from rounds.choices import FocusArea
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_catalogue_has_the_four_focuses_of_the_checklist_and_the_former_categories():
    seed_catalogue(ProblemFocus, ProblemAspect, ProblemClass)
    focuses = dict(ProblemFocus.objects.values_list("code", "name"))
    assert focuses == {area.value: str(area.label) for area in FocusArea}
    assert ProblemAspect.objects.count() == sum(len(aspects) for _, _, aspects in CATALOGUE)
    codes = set(ProblemClass.objects.values_list("code", flat=True))
    assert set(LEGACY_CLASSES) <= codes
    assert 40 <= len(codes) <= 90


def test_seeding_again_keeps_what_the_county_changed():
    seed_catalogue(ProblemFocus, ProblemAspect, ProblemClass)
    renamed = ProblemClass.objects.get(code="other")
    renamed.name = "其他问题"
    renamed.is_active = False
    renamed.save()
    before = ProblemClass.objects.count()
    seed_catalogue(ProblemFocus, ProblemAspect, ProblemClass)
    assert ProblemClass.objects.count() == before
    renamed.refresh_from_db()
    assert (renamed.name, renamed.is_active) == ("其他问题", False)


def test_an_entry_in_use_cannot_be_deleted_only_switched_off(world):
    problem = world.problem()
    problem_class = problem.problem_class
    with pytest.raises(ProtectedError):
        problem_class.delete()
    with pytest.raises(ProtectedError):
        problem_class.aspect.delete()
    problem_class.is_active = False
    problem_class.save()
    problem.refresh_from_db()
    assert problem.problem_class == problem_class


def test_the_classes_list_costs_the_same_for_any_number_of_classes(
    world, django_assert_max_num_queries
):
    for _ in range(30):
        f.ProblemClassFactory()
    client = APIClient()
    client.force_authenticate(world.member_a)
    with django_assert_max_num_queries(3):
        answer = client.get("/api/v1/problem-classes/", {"page_size": 100})
    assert answer.status_code == 200
    assert len(answer.json()["results"]) >= 30
