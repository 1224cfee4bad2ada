"""Issue 14, findings 2 and 3 on the demo county: whoever reads a name masked cannot read it
in free text, nor recover it by searching; who reads it still finds by it.

The county is seeded once for the module (``tests.seeding``). The kit's masking rules are
checked first, without a database.
"""

import html

import pytest
from rest_framework.test import APIClient

from findings.models import Clue, Problem
from findings.permissions import sees_clue_subjects
from inspection.api.search import ConfidentialOrderingFilter
from inspection.confidentiality import (
    WITHHELD,
    confidential_models,
    is_confidential_lookup,
    mask_text,
    named_rows,
    reads_names,
    rows_reading,
)
from inspection.models import User
from inspection.permissions import visible
from rounds.models import Interview, Petition

NOWHERE = "不存在的名字"

# ------------------------------------------------------------------------------ the kit


def test_masking_replaces_names_given_names_numbers_and_keeps_amounts():
    text = (
        "给予王欣然党纪政务处分，欣然同志退缴1200000元、12.5万元；电话13912345678，"
        "座机0519-88776655，另一号码88776655；身份证32041119800101123X；欧阳娜娜知情，娜娜作证。"
    )
    masked = mask_text(text, ["王欣然", "欧阳娜娜"], ["0519-88776655"])
    for secret in ("王欣然", "欣然", "欧阳娜娜", "娜娜", "13912345678", "88776655", "123X"):
        assert secret not in masked
    assert "王**" in masked and "欧**" in masked
    assert "1200000元" in masked and "12.5万元" in masked
    # A one-character given name is too common a character to replace.
    assert mask_text("王五说王书记知情", ["王五"]) == "王**说王书记知情"


@pytest.mark.parametrize(
    "contact",
    [
        "139-1234-5678",
        "139 1234 5678",
        "+86 139 1234 5678",
        "0086-13912345678",
        "(0519)86543210",
        "0519-86543210转12",
        "bai.yk@example.cn",
        "13912345678@qq.com",
        "32041119800101123X",
    ],
)
def test_masking_replaces_contacts_however_they_are_written(contact):
    """The same patterns as the reporter protection (findings.reporter) refuses."""
    masked = mask_text(f"知情人联系方式：{contact}，另退缴1200000元。")
    assert masked == "知情人联系方式：***，另退缴1200000元。"


def test_masking_replaces_a_labelled_contact():
    assert mask_text("可加微信号：byk_1980 了解") == "可加微信号：*** 了解"


def test_ordering_by_a_confidential_field_is_never_offered():
    class View:
        ordering_fields = ("id", "held_at", "interviewee_name", "record")

    valid = ConfidentialOrderingFilter().get_valid_fields(Interview.objects.all(), View())
    assert [name for name, _ in valid] == ["id", "held_at"]


def test_a_confidential_field_is_not_reached_through_a_relation():
    assert is_confidential_lookup(Problem, "clues__summary")
    assert is_confidential_lookup(Problem, "petitions__reporter_name")
    assert is_confidential_lookup(Problem, "interviews__interviewee_name")
    assert is_confidential_lookup(Clue, "subjects__name")
    assert not is_confidential_lookup(Problem, "facts")
    assert not is_confidential_lookup(Clue, "assignment__village__name")
    assert not is_confidential_lookup(Interview, "held_at__date")


# ------------------------------------------------------------------------------ the demo


pytestmark = pytest.mark.django_db


@pytest.fixture
def as_demo(seeded):
    def client_of(username: str) -> APIClient:
        client = APIClient()
        client.force_login(User.objects.get(username=username))
        return client

    return client_of


def api_ids(client, resource: str, search: str) -> list[int]:
    answer = client.get(f"/api/v1/{resource}/", {"search": search, "page_size": 200})
    assert answer.status_code == 200, answer.content[:300]
    return sorted(row["id"] for row in answer.json()["results"])


def screen_ids(client, search: str) -> list[int]:
    answer = client.get("/clues/", {"search": search})
    assert answer.status_code == 200
    return sorted(
        clue.pk
        for clue in Clue.objects.all()
        if f'href="/clues/{clue.pk}/"' in answer.content.decode()
    )


def clue_named_in_its_summary() -> tuple[Clue, str]:
    """A demo clue (like the issue's clue 26) whose summary names its person concerned."""
    for clue in Clue.objects.prefetch_related("subjects").order_by("id"):
        for subject in clue.subjects.all():
            if subject.name in clue.summary:
                return clue, subject.name
    raise AssertionError("the demo county names a person concerned in some summary")


def test_leadership_cannot_find_a_clue_by_the_name_it_reads_masked(as_demo):
    clue, name = clue_named_in_its_summary()
    leadership = as_demo("leadership")
    detail = leadership.get(f"/api/v1/clues/{clue.pk}/").json()
    assert name not in str(detail) and f"{name[0]}**" in detail["summary"]
    assert api_ids(leadership, "clues", name) == api_ids(leadership, "clues", NOWHERE)
    assert screen_ids(leadership, name) == screen_ids(leadership, NOWHERE)
    # The office reads the name and finds the clue by it, on the API and the screen.
    office = as_demo("office")
    assert clue.pk in api_ids(office, "clues", name)
    assert clue.pk in screen_ids(office, name)


def test_outcome_notes_are_masked_for_leadership(as_demo):
    named = [
        clue
        for clue in Clue.objects.exclude(outcome_note="").prefetch_related("subjects")
        if any(subject.name in clue.outcome_note for subject in clue.subjects.all())
    ]
    assert named, "the demo county names persons concerned in outcome notes"
    leadership, office = as_demo("leadership"), as_demo("office")
    for clue in named:
        names = [subject.name for subject in clue.subjects.all()]
        read = leadership.get(f"/api/v1/clues/{clue.pk}/").json()
        assert not any(name in read["outcome_note"] for name in names), read["outcome_note"]
        assert "**" in read["outcome_note"]
        page = html.unescape(leadership.get(f"/clues/{clue.pk}/").content.decode())
        assert not any(name in page for name in names)
        assert office.get(f"/api/v1/clues/{clue.pk}/").json()["outcome_note"] == clue.outcome_note


def test_testimony_is_withheld_from_leadership_and_not_searched(as_demo):
    interview = Interview.objects.exclude(record="").order_by("id").first()
    petition = Petition.objects.exclude(reporter_name="").order_by("id").first()
    leadership, office = as_demo("leadership"), as_demo("office")
    read = leadership.get(f"/api/v1/interviews/{interview.pk}/").json()
    assert read["record"] == str(WITHHELD["interviewee"])
    assert interview.interviewee_name not in str(read)
    read = leadership.get(f"/api/v1/petitions/{petition.pk}/").json()
    assert read["content"] == str(WITHHELD["reporter"])
    assert petition.reporter_name not in str(read)
    # Searching the hidden names (or the testimony) narrows nothing for leadership.
    for resource, name, word in (
        ("interviews", interview.interviewee_name, interview.record[4:9]),
        ("petitions", petition.reporter_name, petition.content[-6:]),
    ):
        nothing = api_ids(leadership, resource, NOWHERE)
        assert api_ids(leadership, resource, name) == nothing
        assert api_ids(leadership, resource, word) == nothing
    # The office reads them and finds by them.
    assert interview.pk in api_ids(office, "interviews", interview.interviewee_name)
    assert petition.pk in api_ids(office, "petitions", petition.reporter_name)
    assert office.get(f"/api/v1/petitions/{petition.pk}/").json()["content"] == petition.content


def test_the_sql_twin_answers_as_the_python_rule_for_every_user_and_record(seeded):
    """Search trusts ``named_rows`` (SQL) where the pages trust ``reads_names`` (Python):
    on the demo county they agree for every user and every record they see."""
    assert confidential_models() == {Clue, Interview, Petition}
    related = {
        Clue: ("assignment",),
        Interview: ("assignment",),
        Petition: ("assignment",),
    }
    checked = 0
    for user in User.objects.filter(is_active=True):
        for model in (Clue, Interview, Petition):
            rows = visible(model, user).select_related(*related[model])
            if model is Clue:
                rows = rows.prefetch_related("subjects", "petitions__assignment")
            named = set(rows.filter(named_rows(model, user)).values_list("pk", flat=True))
            # The persons concerned are searched where they are read (the liaison reads
            # them on a clue whose quoted reporter it reads masked).
            persons = set()
            if model is Clue:
                persons = set(
                    rows.filter(rows_reading(Clue, user, "subjects__name")).values_list(
                        "pk", flat=True
                    )
                )
            for record in rows:
                assert (record.pk in named) == reads_names(user, record), (user, record)
                if model is Clue:
                    reads = sees_clue_subjects(user, record)
                    assert (record.pk in persons) == reads, (user, record)
                checked += 1
    assert checked > 1000
