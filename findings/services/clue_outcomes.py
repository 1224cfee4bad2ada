"""The outcome of a concluded clue, person by person, and the rules it must agree with.

Each person concerned (被反映人) gets an outcome: 立案 (yes/no), 党纪处分 and 政务处分 (none or
the form), 组织处理 (none or the form), 诫勉/批评教育, 移送司法 (yes/no). The clue's counts
are derived from them (``counts``). The rules (``check_agreement``):

- a 处分 or 移送司法 of a person follows that person's 立案 (党纪处分 after 立案审查, 政务处分
  and 移送司法 after 立案调查);
- 了结 (no issue): no person filed, sanctioned, handled organisationally, admonished or sent
  to the judiciary, and no funds recovered — money recovered without a finding on a
  person is the rectification's (a rent collected on the ledger), not the clue's;
- 立案 if and only if at least one person is 立案 (成案率 counts the clues with 立案);
- 组织处理: at least one person handled organisationally (组织处理 or 诫勉/批评教育);
- 予以了结 (the disposition) ends in 了结.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from findings.choices import (
    ADMONITION_CHOICES,
    ClueOutcome,
    DispositionMethod,
    GovernmentSanction,
    OrganisationalMeasure,
    PartySanction,
)
from findings.models import Clue, ClueSubject
from inspection.services.checks import refuse
from inspection.workflow import require

FIELD = "persons"
# The keys of one person's outcome, as the API and the service take them.
OUTCOME_KEYS = (
    "subject",
    "case_filed",
    "party_sanction",
    "government_sanction",
    "organisational",
    "admonition",
    "to_judiciary",
)


@dataclass(frozen=True)
class PersonOutcome:
    case_filed: bool = False
    party_sanction: str = ""
    government_sanction: str = ""
    organisational: str = ""
    admonition: str = ""
    to_judiciary: bool = False

    @property
    def sanctioned(self) -> bool:
        return bool(self.party_sanction or self.government_sanction)

    @property
    def handled_organisationally(self) -> bool:
        return bool(self.organisational or self.admonition)

    @property
    def any(self) -> bool:
        return (
            self.case_filed
            or self.sanctioned
            or self.handled_organisationally
            or (self.to_judiciary)
        )


def _who(number: int, subject: ClueSubject) -> str:
    return _("第%(number)s名被反映人（%(name)s）") % {"number": number, "name": subject.name}


def _flag(value, *, who: str, label: str) -> bool:
    if value is None or value == "":
        return False
    require(
        isinstance(value, bool),
        _("%(who)s的%(label)s只能填“是”或“否”。") % {"who": who, "label": label},
        field=FIELD,
    )
    return value


def _form(value, choices, *, who: str, label: str) -> str:
    if value is None or value == "":
        return ""
    values = [choice for choice, _label in choices]
    require(
        isinstance(value, str) and value in values,
        _("%(who)s的%(label)s「%(value)s」不是有效的选项。")
        % {"who": who, "label": label, "value": value},
        field=FIELD,
    )
    return value


def _person(raw: Mapping, *, who: str) -> PersonOutcome:
    person = PersonOutcome(
        case_filed=_flag(raw.get("case_filed"), who=who, label=_("立案")),
        party_sanction=_form(
            raw.get("party_sanction"), PartySanction.choices, who=who, label=_("党纪处分")
        ),
        government_sanction=_form(
            raw.get("government_sanction"),
            GovernmentSanction.choices,
            who=who,
            label=_("政务处分"),
        ),
        organisational=_form(
            raw.get("organisational"), OrganisationalMeasure.choices, who=who, label=_("组织处理")
        ),
        admonition=_form(
            raw.get("admonition"), ADMONITION_CHOICES, who=who, label=_("诫勉/批评教育")
        ),
        to_judiciary=_flag(raw.get("to_judiciary"), who=who, label=_("移送司法")),
    )
    for given, label in (
        (person.party_sanction, _("党纪处分")),
        (person.government_sanction, _("政务处分")),
        (person.to_judiciary, _("移送司法")),
    ):
        require(
            not given or person.case_filed,
            _("%(who)s未立案，不能登记%(label)s：党纪政务处分和移送司法须在立案审查调查之后。")
            % {"who": who, "label": label},
            field=FIELD,
        )
    return person


def clean_person_outcomes(
    subjects: Sequence[ClueSubject], persons: Sequence[Mapping] | None
) -> list[tuple[ClueSubject, PersonOutcome]]:
    """Each person concerned of the clue (``subjects``, in their order) with its outcome:
    ``persons`` names them by ``subject`` (the ClueSubject's id); one not named has none.
    A person of another clue, or named twice, is refused."""
    by_id = {subject.pk: subject for subject in subjects}
    number_of = {subject.pk: number for number, subject in enumerate(subjects, start=1)}
    require(
        isinstance(persons, list | tuple),
        _("请以列表形式填写各被反映人的办结结果。"),
        field=FIELD,
    )
    given: dict[int, PersonOutcome] = {}
    for raw in persons:
        require(isinstance(raw, Mapping), _("各被反映人的办结结果格式不正确。"), field=FIELD)
        subject_id = raw.get("subject")
        if isinstance(subject_id, bool) or subject_id not in by_id:
            raise refuse(_("所填被反映人不属于该线索。"), field=FIELD)
        subject = by_id[subject_id]
        who = _who(number_of[subject_id], subject)
        require(
            subject_id not in given,
            _("%(who)s的办结结果填写了两次。") % {"who": who},
            field=FIELD,
        )
        given[subject_id] = _person(raw, who=who)
    return [(subject, given.get(subject.pk, PersonOutcome())) for subject in subjects]


def check_agreement(
    clue: Clue, outcome: str, people: list[tuple[ClueSubject, PersonOutcome]], funds: Decimal
) -> None:
    """Refuse an outcome that contradicts its persons, its funds or the disposition."""
    if clue.disposition_method == DispositionMethod.CLOSED:
        require(
            outcome == ClueOutcome.NO_ISSUE,
            _("处置方式为予以了结的线索，办结结果只能是了结。"),
            field="outcome",
        )
    numbered = list(enumerate(people, start=1))
    if outcome == ClueOutcome.NO_ISSUE:
        for number, (subject, person) in numbered:
            require(
                not person.any,
                _(
                    "办结结果为了结（反映问题不实或无需处理）时，%(who)s不能有立案、党纪处分、"
                    "政务处分、组织处理、诫勉/批评教育或移送司法。"
                )
                % {"who": _who(number, subject)},
                field=FIELD,
            )
        require(
            funds == 0,
            _("办结结果为了结时不能登记追回资金；整改中追回的资金请在整改台账中登记。"),
            field="funds_recovered",
        )
    filed = any(person.case_filed for _subject, person in people)
    if outcome == ClueOutcome.CASE_FILED:
        require(filed, _("办结结果为立案时，至少一名被反映人应登记为立案。"), field=FIELD)
    else:
        require(
            not filed,
            _("有被反映人立案时，办结结果应为立案。"),
            field="outcome",
        )
    if outcome == ClueOutcome.ORGANISATIONAL:
        require(
            any(person.handled_organisationally for _subject, person in people),
            _("办结结果为组织处理时，至少一名被反映人应有组织处理或诫勉/批评教育。"),
            field=FIELD,
        )


def apply_person_outcomes(clue: Clue, people: list[tuple[ClueSubject, PersonOutcome]]) -> None:
    """Write each person's outcome, and the clue's counts derived from them (the caller
    saves the clue)."""
    for subject, person in people:
        subject.case_filed = person.case_filed
        subject.party_sanction = person.party_sanction
        subject.government_sanction = person.government_sanction
        subject.sanction_unsplit = False
        subject.organisational = person.organisational
        subject.admonition = person.admonition
        subject.to_judiciary = person.to_judiciary
    ClueSubject.objects.bulk_update(
        [subject for subject, _person in people],
        [
            "case_filed",
            "party_sanction",
            "government_sanction",
            "sanction_unsplit",
            "organisational",
            "admonition",
            "to_judiciary",
        ],
    )
    subjects = [subject for subject, _person in people]
    clue.persons_case_filed = sum(subject.case_filed for subject in subjects)
    clue.persons_sanctioned = sum(subject.sanctioned for subject in subjects)
    clue.persons_admonished = sum(bool(subject.admonition) for subject in subjects)
    clue.persons_to_judiciary = sum(subject.to_judiciary for subject in subjects)
