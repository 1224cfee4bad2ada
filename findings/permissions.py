"""Who sees which problems and clues, and who may read the persons concerned.

Scopes (docs/DOMAIN.md): the office and leadership read everything (leadership with names
masked); an inspector reads what their team recorded; a rectification officer reads
the problems of their unit once fed back (those in their ledger); the commission
liaison reads only the clues transferred to their body, and the problems behind them.
"""

import rules
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _lazy

from findings.choices import CLUE_STATUSES_TRANSFERRED, ProblemStatus
from findings.models import (
    Clue,
    ClueEvidence,
    ClueSubject,
    Problem,
    ProblemAspect,
    ProblemBasis,
    ProblemClass,
    ProblemEvidence,
    ProblemFocus,
    TransferLetter,
)
from inspection.attachments import evidence_kind
from inspection.confidentiality import NOTHING, Hidden, confidential
from inspection.permissions import (
    action,
    is_inspector,
    is_leadership,
    is_liaison,
    is_office,
    reach_condition,
    reads_all,
    reads_unit_ledger,
    scope_of,
)
from rounds.membership import (
    deputy_team_ids_of,
    has_other_deputy,
    led_team_ids_of,
    membership_exists,
    team_ids_of,
)
from rounds.models import Petition, Team, TeamMember
from rounds.permissions import reporter_readers, sees_reporter


def _clues_of_my_body(user):
    return Clue.objects.filter(
        receiving_body=user.receiving_body, status__in=CLUE_STATUSES_TRANSFERRED
    )


@scope_of(Problem)
def visible_problems(user):
    problems = Problem.objects.all()
    if reads_all(user):
        return problems
    if is_inspector(user):
        return problems.filter(membership_exists(user, "assignment__team_id"))
    if reads_unit_ledger(user):
        return problems.filter(reach_condition(user, "assignment__"), status=ProblemStatus.FED_BACK)
    if is_liaison(user):
        behind = _clues_of_my_body(user).filter(problems=OuterRef("pk"))
        return problems.filter(Exists(behind))
    return problems.none()


# The taxonomy names nobody: every account with a role reads it (forms, filters and the
# statistics' labels name its entries); ``visible`` answers none for a user without one.
@scope_of(ProblemFocus)
def visible_problem_focuses(user):
    return ProblemFocus.objects.all()


@scope_of(ProblemAspect)
def visible_problem_aspects(user):
    return ProblemAspect.objects.all()


@scope_of(ProblemClass)
def visible_problem_classes(user):
    return ProblemClass.objects.all()


@scope_of(ProblemBasis)
def visible_problem_bases(user):
    """The county's list of rules: read by whoever reads or writes problems."""
    if reads_all(user) or is_inspector(user):
        return ProblemBasis.objects.all()
    return ProblemBasis.objects.none()


@scope_of(Clue)
def visible_clues(user):
    clues = Clue.objects.all()
    if reads_all(user):
        return clues
    if is_inspector(user):
        in_round = TeamMember.objects.filter(team__round_id=OuterRef("round_id"), user_id=user.pk)
        return clues.filter(
            membership_exists(user, "assignment__team_id")
            | (Q(assignment__isnull=True) & Exists(in_round))
        )
    if is_liaison(user):
        return _clues_of_my_body(user)
    return clues.none()


@scope_of(TransferLetter)
def visible_transfer_letters(user):
    """移交函: the office and leadership read all; a liaison reads the letters to their body;
    a team reads none (the office sends them, not the team)."""
    letters = TransferLetter.objects.all()
    if reads_all(user):
        return letters
    if is_liaison(user) and user.receiving_body:
        return letters.filter(body=user.receiving_body)
    return letters.none()


@scope_of(ClueSubject)
def visible_clue_subjects(user):
    return ClueSubject.objects.filter(clue__in=visible_clues(user))


@scope_of(ProblemEvidence)
def visible_problem_evidence(user):
    """Whoever sees the problem sees its evidence (its page and the API list them)."""
    return ProblemEvidence.objects.filter(problem__in=visible_problems(user))


@scope_of(ClueEvidence)
def visible_clue_evidence(user):
    """Only who reads the persons concerned (``sees_clue_subjects``, in SQL): leadership
    reads the clue masked and without its evidence."""
    evidence = ClueEvidence.objects.all()
    if is_office(user):
        return evidence
    if is_liaison(user):
        return evidence.filter(clue__in=_clues_of_my_body(user))
    if is_inspector(user):
        return evidence.filter(clue__in=visible_clues(user)).filter(
            membership_exists(user, "clue__assignment__team_id")
            | Q(clue__assignment__isnull=True, clue__proposed_by_id=user.pk)
        )
    return evidence.none()


evidence_kind("problem", ProblemEvidence)
evidence_kind("clue", ClueEvidence, confidential=True)


def _clues_read_by_name(user):
    """The clues whose persons concerned ``user`` reads by name (``sees_clue_subjects`` in
    SQL, as for their evidence): not leadership, which reads clues masked."""
    clues = visible_clues(user)
    if is_office(user):
        return clues
    if is_liaison(user):
        return clues.filter(pk__in=_clues_of_my_body(user).values("pk"))
    if is_inspector(user):
        return clues.filter(
            membership_exists(user, "assignment__team_id")
            | Q(assignment__isnull=True, proposed_by_id=user.pk)
        )
    return clues.none()


# The 移交审批表 the leading group signed (the office's scan) names the persons concerned:
# read by who reads them by name (not leadership, which reads clues masked), each download
# logged.
evidence_kind(
    "clue-sign-off", Clue, field="sign_off_form", confidential=True, readable=_clues_read_by_name
)


def reads_letter_material(user) -> bool:
    """A letter's material list names the persons concerned (关于张三问题的举报信): read by
    the office and the receiving body's liaison (who reads only its own letters), not by
    leadership, which reads clues masked."""
    return is_office(user) or is_liaison(user)


def sees_clue_subjects(user, clue: Clue) -> bool:
    """The office, the team that proposed it, and the liaison of the receiving body.

    Leadership reads clues with the persons concerned masked.
    """
    if is_office(user):
        return True
    if is_liaison(user):
        return clue.receiving_body == user.receiving_body and clue.status in (
            CLUE_STATUSES_TRANSFERRED
        )
    if is_inspector(user):
        if clue.assignment_id:
            return clue.assignment.team_id in team_ids_of(user)
        return clue.proposed_by_id == user.pk
    return False


def clue_subject_readers(user) -> Q:
    """The SQL twin of ``sees_clue_subjects``: the clues whose persons concerned ``user``
    reads."""
    if is_office(user):
        return Q()
    if is_liaison(user):
        return Q(receiving_body=user.receiving_body, status__in=CLUE_STATUSES_TRANSFERRED) & ~Q(
            receiving_body=""
        )
    if is_inspector(user):
        return Q(membership_exists(user, "assignment__team_id")) | Q(
            assignment__isnull=True, proposed_by_id=user.pk
        )
    return NOTHING


# A clue made from a petition may quote its reporter: the clue's text is read in full only
# by whoever reads the persons concerned *and* the reporters of its source petitions.


def _named(petition) -> bool:
    return bool(petition.reporter_name or petition.reporter_contact)


def _unread_sources(user, clue: Clue) -> list:
    """The source petitions of ``clue`` whose reporter ``user`` may not read (reads
    ``clue.petitions``: prefetch it with the assignment for lists)."""
    if is_office(user):
        return []
    return [p for p in clue.petitions.all() if _named(p) and not sees_reporter(user, p)]


def reads_clue(user, clue: Clue) -> bool:
    """``user`` reads every name ``clue`` holds: its persons concerned and the reporters
    of the petitions it came from."""
    return sees_clue_subjects(user, clue) and not _unread_sources(user, clue)


def clue_readers(user) -> Q:
    """The SQL twin of ``reads_clue``."""
    if is_office(user):
        return Q()
    subjects = clue_subject_readers(user)
    if subjects == NOTHING:
        return NOTHING
    unread = (
        Petition.objects.filter(clues=OuterRef("pk"))
        .filter(~Q(reporter_name="") | ~Q(reporter_contact=""))
        .exclude(reporter_readers(user))
    )
    return subjects & ~Exists(unread)


def _clue_hidden(user, clue: Clue) -> Hidden:
    names, contacts = [], []
    if not sees_clue_subjects(user, clue):
        names += [subject.name for subject in clue.subjects.all()]
    for petition in _unread_sources(user, clue):
        names.append(petition.reporter_name)
        contacts.append(petition.reporter_contact)
    return Hidden(names=tuple(names), contacts=tuple(contacts))


# Clue texts are masked, not withheld: leadership decides transfers on their substance
# (why: inspection.confidentiality's docstring).
confidential(
    Clue,
    reads=reads_clue,
    named_rows=clue_readers,
    hidden=_clue_hidden,
    masked=("summary", "outcome_note", "decline_reason", "review_opinion", "sign_off_opinion"),
    searchable=(
        "summary",
        "outcome_note",
        "decline_reason",
        "subjects__name",
        "subjects__note",
    ),
    # The persons' names are read by whoever reads the persons concerned, quoted reporters
    # or not (the liaison); their notes may quote a reporter, so they follow the texts.
    search_readers={"subjects__name": clue_subject_readers},
)


# ------------------------------------------------------------------ who may take which action
# Scope is settled before a rule is asked (the service fetches the record with
# ``lock_visible``); the rules decide role and relation to the record.


@rules.predicate
def on_assignment_team(user, assignment) -> bool:
    return assignment is not None and assignment.team_id in team_ids_of(user)


@rules.predicate
def leads_assignment_team(user, assignment) -> bool:
    return assignment is not None and assignment.team_id in led_team_ids_of(user)


@rules.predicate
def on_problem_team(user, problem) -> bool:
    return problem is not None and problem.assignment.team_id in team_ids_of(user)


@rules.predicate
def leads_problem_team(user, problem) -> bool:
    return problem is not None and problem.assignment.team_id in led_team_ids_of(user)


@rules.predicate
def reviews_problem_team(user, problem) -> bool:
    """The deputy of the paper's team who did not submit it; its leader where no other
    deputy reviews it (``rounds.membership.reviewer_condition``)."""
    if problem is None:
        return False
    team_id = problem.assignment.team_id
    if team_id in deputy_team_ids_of(user) and problem.submitted_by_id != user.pk:
        return True
    return team_id in led_team_ids_of(user) and not has_other_deputy(
        team_id, problem.submitted_by_id
    )


@rules.predicate
def returns_problem(user, problem) -> bool:
    """Who holds the paper now returns it: the reviewer while it awaits review (待复核),
    the leader while it awaits signing (待审签)."""
    if problem is None:
        return False
    if problem.status == ProblemStatus.SUBMITTED:
        return reviews_problem_team(user, problem)
    if problem.status == ProblemStatus.REVIEWED:
        return leads_problem_team(user, problem)
    return reviews_problem_team(user, problem) or leads_problem_team(user, problem)


@rules.predicate
def is_clue_proposer(user, clue) -> bool:
    return clue is not None and clue.proposed_by_id == user.pk


@rules.predicate
def is_clue_receiver(user, clue) -> bool:
    """The liaison of the body the clue was transferred to."""
    return (
        clue is not None
        and bool(clue.receiving_body)
        and clue.receiving_body == (user.receiving_body)
    )


@rules.predicate
def is_clue_sent(user, clue) -> bool:
    return clue is not None and clue.status in CLUE_STATUSES_TRANSFERRED


@rules.predicate
def is_letter_receiver(user, letter) -> bool:
    """The liaison of the body a 移交函 was sent to."""
    body = getattr(user, "receiving_body", "")
    return letter is not None and bool(body) and letter.body == body


@rules.predicate
def leads_petition_team(user, petition) -> bool:
    """Leader of the team of the petition's assignment; of any team of its round if the
    petition is about no village yet."""
    if petition is None:
        return False
    led = led_team_ids_of(user)
    if petition.assignment_id:
        return petition.assignment.team_id in led
    return Team.objects.filter(round_id=petition.round_id, pk__in=led).exists()


action("problem_record", _lazy("记录问题"), is_inspector & on_assignment_team)
action("problem_update", _lazy("修改问题"), is_inspector & on_problem_team)
action("problem_submit", _lazy("提交底稿"), is_inspector & on_problem_team)
action("problem_review", _lazy("复核底稿"), is_inspector & reviews_problem_team)
action("problem_sign", _lazy("审签底稿"), is_inspector & leads_problem_team)
action("problem_return", _lazy("退回底稿"), is_inspector & returns_problem)
action("clue_propose", _lazy("提出问题线索"), is_inspector & leads_assignment_team)
action("clue_review", _lazy("巡察办审核线索"), is_office & ~is_clue_proposer)
action("clue_decline", _lazy("不予移交"), is_office)
# 领导小组签批: a leadership account signs; the office records it with the signed form.
action("clue_sign_off", _lazy("领导小组签批线索移交"), is_office | is_leadership)
# The bulk moves: the office only; each clue is then checked as its single move is.
action("clues_review_bulk", _lazy("批量审核线索"), is_office)
action("transfer_letter_send", _lazy("发送移交函（一函多件）"), is_office)
action("clue_receive", _lazy("接收线索"), is_liaison & is_clue_receiver)
action("clue_dispose", _lazy("处置线索"), is_liaison & is_clue_receiver)
action("clue_conclude", _lazy("办结线索"), is_liaison & is_clue_receiver)
# 移交审批表 and 移交函 (findings.clue_document_kinds): generated by the office; read by who
# reads a clue's names: the office, and the liaison of the body the clue was sent to.
action("clue_approval_form_generate", _lazy("生成问题线索移交审批表"), is_office)
action(
    "clue_approval_form_read",
    _lazy("查阅问题线索移交审批表"),
    is_office | (is_liaison & is_clue_receiver & is_clue_sent),
)
action("transfer_letter_generate", _lazy("生成问题线索移交函"), is_office)
action(
    "transfer_letter_read",
    _lazy("查阅问题线索移交函"),
    is_office | (is_liaison & is_letter_receiver),
)
action("petition_dispose", _lazy("处置信访件"), is_office | (is_inspector & leads_petition_team))
# 问题底稿审批单 and 底稿汇编 (findings.document_kinds): the team's working papers, generated
# (and edited copies uploaded) by the office or the paper's team, read by them and by
# leadership; never by the unit or a clue's liaison, who see some papers on screen.
action(
    "problem_document_generate",
    _lazy("生成问题底稿审批单"),
    is_office | (is_inspector & on_problem_team),
)
action(
    "problem_document_read",
    _lazy("查阅问题底稿审批单"),
    reads_all | (is_inspector & on_problem_team),
)
action(
    "paper_compilation_generate",
    _lazy("生成底稿汇编"),
    is_office | (is_inspector & on_assignment_team),
)
action(
    "paper_compilation_read",
    _lazy("查阅底稿汇编"),
    reads_all | (is_inspector & on_assignment_team),
)
