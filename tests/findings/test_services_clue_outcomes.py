"""A concluded clue's outcome, person by person, and the rules it must agree with
(findings.services.clue_outcomes): each refusal names its field, writes nothing and moves
no figure."""

from decimal import Decimal

import pytest
from django.utils import timezone

from findings.choices import ClueStatus, DispositionMethod
from findings.models import Clue, ClueSubject
from findings.services import clue_conclude
from reports.statistics import FIGURES, StatisticsFilter
from tests import factories as f
from tests.findings.helpers import refused
from tests.world import build_world

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def world():
    return build_world()


def disposing(world, *, persons=1, method=DispositionMethod.PRELIMINARY_CHECK):
    """A clue being disposed of, with ``persons`` persons concerned (赵德明 first)."""
    clue = world.clue(status=ClueStatus.DISPOSING, disposition_method=method)
    for number in range(1, persons):
        f.ClueSubjectFactory(clue=clue, name=f"钱卫国{number}")
    return clue, list(clue.subjects.order_by("id"))


def conclude(world, clue, outcome, persons=(), **extra):
    return clue_conclude(
        actor=world.liaison,
        clue_id=clue.pk,
        outcome=outcome,
        concluded_on=TODAY(),
        persons=persons,
        **extra,
    )


def figures(world) -> dict:
    filters = StatisticsFilter(round_id=world.round.pk)
    return {
        name: FIGURES[name](filters)[None] for name in ("clues", "clue_persons", "clue_pipeline")
    }


def nothing_written(world, clue, before: dict) -> None:
    clue.refresh_from_db()
    assert clue.status == ClueStatus.DISPOSING and clue.outcome == ""
    assert clue.history.count() == 1
    assert not ClueSubject.objects.filter(clue=clue, case_filed=True).exists()
    assert figures(world) == before


# ------------------------------------------------------------------ the issue's case


def test_one_person_no_issue_with_fifty_sanctioned_forty_sent_and_millions_is_refused(world):
    """A clue about one person, concluded 了结 (no issue), was accepted with 50 sanctioned,
    40 sent to the judiciary and 5,000,000 recovered. Now the counts are the persons':
    one person can be no more than one, and 了结 has none of it."""
    clue, (person,) = disposing(world)
    before = figures(world)
    error = refused(
        lambda: conclude(
            world,
            clue,
            "no_issue",
            [
                {
                    "subject": person.pk,
                    "case_filed": True,
                    "party_sanction": "expulsion",
                    "to_judiciary": True,
                }
            ],
            funds_recovered="5000000",
        ),
        "persons",
    )
    assert "了结" in error.message and "赵德明" in error.message
    nothing_written(world, clue, before)
    # The money alone is refused too, naming its field.
    error = refused(
        lambda: conclude(world, clue, "no_issue", funds_recovered="5000000"), "funds_recovered"
    )
    assert "追回资金" in error.message
    nothing_written(world, clue, before)


# ------------------------------------------------------------------ what agrees


def test_a_case_counts_each_person_once_and_the_history_row_carries_the_counts(world):
    clue, (first, second, third) = disposing(world, persons=3)
    conclude(
        world,
        clue,
        "case_filed",
        [
            {
                "subject": first.pk,
                "case_filed": True,
                "party_sanction": "serious_warning",
                "government_sanction": "demerit",
            },
            {"subject": second.pk, "case_filed": True, "organisational": "removal"},
            {"subject": third.pk, "admonition": "criticism"},
        ],
        funds_recovered="12000.50",
    )
    clue.refresh_from_db()
    counts = (
        clue.persons_case_filed,
        clue.persons_sanctioned,
        clue.persons_admonished,
        clue.persons_to_judiciary,
    )
    assert counts == (2, 1, 1, 0)
    latest = clue.history.first()
    assert (latest.status, latest.persons_case_filed, latest.persons_sanctioned) == (
        ClueStatus.CONCLUDED,
        2,
        1,
    )
    assert clue.funds_recovered == Decimal("12000.50")


@pytest.mark.parametrize(
    "measure", [{"organisational": "reassignment"}, {"admonition": "criticism"}]
)
def test_an_organisational_outcome_names_one_person_handled(world, measure):
    clue, (person,) = disposing(world, method=DispositionMethod.TALK_OR_INQUIRY)
    conclude(world, clue, "organisational", [{"subject": person.pk, **measure}])
    person.refresh_from_db()
    assert person.handled and not person.sanctioned and not person.case_filed


def test_no_issue_with_no_one_named_and_a_person_named_with_nothing(world):
    clue, (person,) = disposing(world, method=DispositionMethod.CLOSED)
    conclude(world, clue, "no_issue", [{"subject": person.pk, "case_filed": False}])
    clue.refresh_from_db()
    assert clue.outcome == "no_issue" and clue.persons_case_filed == 0


# ------------------------------------------------------------------ each refusal

FILED = {"case_filed": True}


@pytest.mark.parametrize(
    ("outcome", "person", "extra", "field", "words"),
    [
        # A 处分 or 移送司法 follows the person's 立案.
        ("case_filed", {"party_sanction": "warning"}, {}, "persons", "党纪处分"),
        ("case_filed", {"government_sanction": "demerit"}, {}, "persons", "政务处分"),
        ("case_filed", {"to_judiciary": True}, {}, "persons", "移送司法"),
        # 了结: nothing befell anyone, no money.
        ("no_issue", FILED, {}, "persons", "了结"),
        ("no_issue", {"organisational": "removal"}, {}, "persons", "了结"),
        ("no_issue", {"admonition": "admonishment"}, {}, "persons", "了结"),
        ("no_issue", {}, {"funds_recovered": "0.01"}, "funds_recovered", "追回资金"),
        # 立案 names a person filed; a person filed makes the outcome 立案.
        ("case_filed", {}, {}, "persons", "立案"),
        ("case_filed", {"admonition": "admonishment"}, {}, "persons", "立案"),
        ("organisational", {**FILED, "admonition": "admonishment"}, {}, "outcome", "立案"),
        # 组织处理 names a person handled organisationally.
        ("organisational", {}, {}, "persons", "组织处理"),
        # The forms are the choices; a migrated value is not one of them.
        ("case_filed", {**FILED, "party_sanction": "fine"}, {}, "persons", "党纪处分"),
        ("organisational", {"admonition": "unsplit"}, {}, "persons", "诫勉/批评教育"),
        ("case_filed", {"case_filed": "yes"}, {}, "persons", "立案"),
    ],
)
def test_each_contradiction_is_refused_naming_its_field(
    world, outcome, person, extra, field, words
):
    clue, (subject,) = disposing(world)
    before = figures(world)
    error = refused(
        lambda: conclude(world, clue, outcome, [{"subject": subject.pk, **person}], **extra),
        field,
    )
    assert words in error.message, error.message
    nothing_written(world, clue, before)


def test_a_clue_closed_by_its_disposition_ends_in_no_issue(world):
    """予以了结 is a disposition that ends the clue: it cannot end in 立案 or 组织处理."""
    clue, (person,) = disposing(world, method=DispositionMethod.CLOSED)
    before = figures(world)
    error = refused(
        lambda: conclude(world, clue, "case_filed", [{"subject": person.pk, **FILED}]), "outcome"
    )
    assert "予以了结" in error.message
    nothing_written(world, clue, before)


def test_a_person_of_another_clue_or_named_twice_is_refused(world):
    clue, (person,) = disposing(world)
    other = world.clue(status=ClueStatus.DISPOSING).subjects.get()
    before = figures(world)
    refused(
        lambda: conclude(world, clue, "case_filed", [{"subject": other.pk, **FILED}]), "persons"
    )
    error = refused(
        lambda: conclude(
            world, clue, "case_filed", [{"subject": person.pk, **FILED}, {"subject": person.pk}]
        ),
        "persons",
    )
    assert "两次" in error.message
    refused(lambda: conclude(world, clue, "no_issue", "not a list"), "persons")
    nothing_written(world, clue, before)
    assert Clue.objects.get(pk=other.clue_id).status == ClueStatus.DISPOSING
